
-- ---------------------------------------------------------------------------
-- bi: the reporting schema carestair_bi that BI tools (Metabase) browse.
-- One view per capability and natural grain, plain column types only
-- (text, integer, bigint, numeric, double precision, boolean; geometry as
-- WKT text or lon/lat numbers), every view and column described.  Results
-- that come from functions with arguments are materialised views refreshed
-- by carestair.refresh_bi(); the rest are plain views over the tables.
-- The roles carestair_reader and carestair_analyst are made by the admin
-- with carestair.create_bi_roles().  See doc/bi.md.
-- ---------------------------------------------------------------------------

CREATE SCHEMA carestair_bi;
COMMENT ON SCHEMA carestair_bi IS
  'carestair reporting schema: described views of plain types for BI tools (Metabase) and the read-only role carestair_reader. See doc/bi.md.';

-- The age groups the reports and the interval view use for the oldest
-- (overlapping open groups, as projection_age_groups allows).
INSERT INTO carestair.age_grouping (scheme, age_from, age_to, label, builtin) VALUES
  ('report_oldest', 67, NULL, '67+', true), ('report_oldest', 80, NULL, '80+', true), ('report_oldest', 90, NULL, '90+', true);

-- Plain views over the tables ------------------------------------------------

CREATE VIEW carestair_bi.region AS
SELECT r.region, r.name, r.county, r.valid_from, r.valid_to, r.kostra_group,
       ST_X(ST_Transform(ST_PointOnSurface(r.boundary), 4326)) AS lon,
       ST_Y(ST_Transform(ST_PointOnSurface(r.boundary), 4326)) AS lat,
       (ST_Area(r.boundary) OPERATOR(pg_catalog./) 1e6::float8) AS area_km2,
       ST_AsText(ST_Transform(ST_SimplifyPreserveTopology(r.boundary, 100::float8), 4326), 5) AS boundary_wkt
  FROM carestair.region AS r;
COMMENT ON VIEW carestair_bi.region IS 'Kommuner (SSB codes) with a point inside and the simplified boundary as WKT (Kartverket). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.region.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.region.name IS 'Kommune name.';
COMMENT ON COLUMN carestair_bi.region.county IS 'Fylkesnummer (two digits).';
COMMENT ON COLUMN carestair_bi.region.valid_from IS 'First year the code is valid.';
COMMENT ON COLUMN carestair_bi.region.valid_to IS 'Last year the code is valid (NULL = current).';
COMMENT ON COLUMN carestair_bi.region.kostra_group IS 'SSB KOSTRA group, when loaded.';
COMMENT ON COLUMN carestair_bi.region.lon IS 'Longitude (WGS 84, degrees) of a point inside the kommune; NULL without a boundary.';
COMMENT ON COLUMN carestair_bi.region.lat IS 'Latitude (WGS 84, degrees) of a point inside the kommune; NULL without a boundary.';
COMMENT ON COLUMN carestair_bi.region.area_km2 IS 'Area in km² (EPSG:25833).';
COMMENT ON COLUMN carestair_bi.region.boundary_wkt IS 'Boundary simplified to 100 m, WGS 84 (EPSG:4326), as WKT (Kartverket).';

CREATE VIEW carestair_bi.population AS
SELECT p.region, r.name AS region_name, p.year, p.sex::integer AS sex, p.age::integer AS age,
       p.is_open_age, p.persons::bigint AS persons
  FROM carestair.population AS p
  LEFT JOIN carestair.region AS r ON r.region OPERATOR(pg_catalog.=) p.region;
COMMENT ON VIEW carestair_bi.population IS 'Population on 1 January by kommune, sex and single year of age (SSB table 07459). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.population.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.population.region_name IS 'Kommune name.';
COMMENT ON COLUMN carestair_bi.population.year IS 'Year (population on 1 January).';
COMMENT ON COLUMN carestair_bi.population.sex IS 'SSB sex code: 1 male, 2 female.';
COMMENT ON COLUMN carestair_bi.population.age IS 'Age in completed years (the open group holds its lower bound).';
COMMENT ON COLUMN carestair_bi.population.is_open_age IS 'True for the open age group (e.g. 105+).';
COMMENT ON COLUMN carestair_bi.population.persons IS 'Persons.';

CREATE VIEW carestair_bi.population_summary AS
SELECT s.region, s.region_name, s.year, s.persons, s.persons_0_19, s.persons_20_66, s.persons_67_plus,
       s.persons_80_plus, s.persons_90_plus, s.pct_67_plus, s.pct_80_plus, s.pct_90_plus, s.old_age_dependency
  FROM carestair.population_summary_by_year AS s;
COMMENT ON VIEW carestair_bi.population_summary IS 'Population by kommune and year: totals, the oldest and the old-age dependency ratio (SSB). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.population_summary.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.population_summary.region_name IS 'Kommune name.';
COMMENT ON COLUMN carestair_bi.population_summary.year IS 'Year (1 January).';
COMMENT ON COLUMN carestair_bi.population_summary.persons IS 'All persons.';
COMMENT ON COLUMN carestair_bi.population_summary.persons_0_19 IS 'Persons aged 0-19.';
COMMENT ON COLUMN carestair_bi.population_summary.persons_20_66 IS 'Persons aged 20-66.';
COMMENT ON COLUMN carestair_bi.population_summary.persons_67_plus IS 'Persons aged 67 or over.';
COMMENT ON COLUMN carestair_bi.population_summary.persons_80_plus IS 'Persons aged 80 or over.';
COMMENT ON COLUMN carestair_bi.population_summary.persons_90_plus IS 'Persons aged 90 or over.';
COMMENT ON COLUMN carestair_bi.population_summary.pct_67_plus IS 'Percent of all persons aged 67+.';
COMMENT ON COLUMN carestair_bi.population_summary.pct_80_plus IS 'Percent of all persons aged 80+.';
COMMENT ON COLUMN carestair_bi.population_summary.pct_90_plus IS 'Percent of all persons aged 90+.';
COMMENT ON COLUMN carestair_bi.population_summary.old_age_dependency IS 'Persons 67+ per 100 aged 20-66.';

CREATE VIEW carestair_bi.population_pyramid AS
SELECT p.region, p.year, p.sex::integer AS sex,
       (LEAST(p.age::integer OPERATOR(pg_catalog./) 5, 18) OPERATOR(pg_catalog.*) 5) AS age_from,
       pg_catalog.sum(p.persons)::bigint AS persons
  FROM carestair.population AS p
 GROUP BY p.region, p.year, p.sex, 4;
COMMENT ON VIEW carestair_bi.population_pyramid IS 'Population pyramid: persons by kommune, year, sex and five-year age group, 90+ open (SSB). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.population_pyramid.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.population_pyramid.year IS 'Year (1 January).';
COMMENT ON COLUMN carestair_bi.population_pyramid.sex IS 'SSB sex code: 1 male, 2 female.';
COMMENT ON COLUMN carestair_bi.population_pyramid.age_from IS 'First age of the five-year group (0, 5, ..., 90; 90 is open: 90+).';
COMMENT ON COLUMN carestair_bi.population_pyramid.persons IS 'Persons.';

CREATE VIEW carestair_bi.projection AS
SELECT p.scenario, p.region, p.year, p.sex::integer AS sex, p.age::integer AS age,
       p.persons, p.deaths, p.emigrants, p.immigrants
  FROM carestair.projection_result AS p;
COMMENT ON VIEW carestair_bi.projection IS 'Projected population by scenario, kommune, year, sex and age (carestair.run_projection_scenario). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.projection.scenario IS 'Projection scenario.';
COMMENT ON COLUMN carestair_bi.projection.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.projection.year IS 'Year (persons on 1 January; events during the year before).';
COMMENT ON COLUMN carestair_bi.projection.sex IS 'SSB sex code: 1 male, 2 female.';
COMMENT ON COLUMN carestair_bi.projection.age IS 'Age in completed years.';
COMMENT ON COLUMN carestair_bi.projection.persons IS 'Projected persons (expected value, not rounded).';
COMMENT ON COLUMN carestair_bi.projection.deaths IS 'Projected deaths in the year before.';
COMMENT ON COLUMN carestair_bi.projection.emigrants IS 'Projected out-migrants in the year before.';
COMMENT ON COLUMN carestair_bi.projection.immigrants IS 'Projected in-migrants in the year before.';

CREATE VIEW carestair_bi.projection_summary AS
SELECT i.scenario, i.region, i.year, i.persons, i.persons_67_plus, i.persons_80_plus, i.persons_90_plus,
       i.old_age_dependency_ratio, i.index_80_plus, i.index_90_plus
  FROM carestair.projection_indicators AS i;
COMMENT ON VIEW carestair_bi.projection_summary IS 'Projection indicators by scenario, kommune and year: totals, the oldest, dependency ratio, indices (base year = 100). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.projection_summary.scenario IS 'Projection scenario.';
COMMENT ON COLUMN carestair_bi.projection_summary.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.projection_summary.year IS 'Year (1 January).';
COMMENT ON COLUMN carestair_bi.projection_summary.persons IS 'All persons.';
COMMENT ON COLUMN carestair_bi.projection_summary.persons_67_plus IS 'Persons aged 67 or over.';
COMMENT ON COLUMN carestair_bi.projection_summary.persons_80_plus IS 'Persons aged 80 or over.';
COMMENT ON COLUMN carestair_bi.projection_summary.persons_90_plus IS 'Persons aged 90 or over.';
COMMENT ON COLUMN carestair_bi.projection_summary.old_age_dependency_ratio IS 'Persons 67+ per person aged 20-66.';
COMMENT ON COLUMN carestair_bi.projection_summary.index_80_plus IS 'Persons 80+ as an index, base year = 100.';
COMMENT ON COLUMN carestair_bi.projection_summary.index_90_plus IS 'Persons 90+ as an index, base year = 100.';

CREATE VIEW carestair_bi.legevakt_site AS
SELECT s.site_id, s.name, s.region, s.kind, s.annual_fixed_cost, s.capacity,
       ST_X(ST_Transform(s.geom, 4326)) AS lon, ST_Y(ST_Transform(s.geom, 4326)) AS lat,
       ST_X(s.geom) AS x_25833, ST_Y(s.geom) AS y_25833, s.source
  FROM carestair.site AS s;
COMMENT ON VIEW carestair_bi.legevakt_site IS 'Existing and candidate legevakt sites with lon/lat. See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.legevakt_site.site_id IS 'Site id.';
COMMENT ON COLUMN carestair_bi.legevakt_site.name IS 'Name of the site.';
COMMENT ON COLUMN carestair_bi.legevakt_site.region IS 'Kommunenummer of the kommune the site lies in.';
COMMENT ON COLUMN carestair_bi.legevakt_site.kind IS 'existing, candidate or forsvaret (Armed Forces).';
COMMENT ON COLUMN carestair_bi.legevakt_site.annual_fixed_cost IS 'Annual fixed operating cost, NOK (user input).';
COMMENT ON COLUMN carestair_bi.legevakt_site.capacity IS 'Capacity (user input), NULL = unlimited.';
COMMENT ON COLUMN carestair_bi.legevakt_site.lon IS 'Longitude, WGS 84 degrees.';
COMMENT ON COLUMN carestair_bi.legevakt_site.lat IS 'Latitude, WGS 84 degrees.';
COMMENT ON COLUMN carestair_bi.legevakt_site.x_25833 IS 'Easting, EPSG:25833 metres.';
COMMENT ON COLUMN carestair_bi.legevakt_site.y_25833 IS 'Northing, EPSG:25833 metres.';
COMMENT ON COLUMN carestair_bi.legevakt_site.source IS 'Where the site comes from.';

CREATE VIEW carestair_bi.legevakt_demand_point AS
SELECT d.point_id, d.region, d.persons, d.year,
       ST_X(ST_Transform(d.geom, 4326)) AS lon, ST_Y(ST_Transform(d.geom, 4326)) AS lat,
       n.minutes AS minutes_to_nearest_site, n.site_id AS nearest_site_id, n.method AS travel_method
  FROM carestair.demand_point AS d
  LEFT JOIN LATERAL (SELECT t.minutes, t.site_id, t.method FROM carestair.travel_time AS t
                      WHERE t.point_id OPERATOR(pg_catalog.=) d.point_id AND t.minutes IS NOT NULL
                      ORDER BY t.minutes, t.site_id LIMIT 1) AS n ON true;
COMMENT ON VIEW carestair_bi.legevakt_demand_point IS 'Demand points (SSB 250 m grid cells) with lon/lat and the minutes to the nearest site of carestair.site. See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.legevakt_demand_point.point_id IS 'Point id (for SSB grid cells the cell id).';
COMMENT ON COLUMN carestair_bi.legevakt_demand_point.region IS 'Kommunenummer the point belongs to.';
COMMENT ON COLUMN carestair_bi.legevakt_demand_point.persons IS 'Persons at the point.';
COMMENT ON COLUMN carestair_bi.legevakt_demand_point.year IS 'Year the persons refer to.';
COMMENT ON COLUMN carestair_bi.legevakt_demand_point.lon IS 'Longitude, WGS 84 degrees.';
COMMENT ON COLUMN carestair_bi.legevakt_demand_point.lat IS 'Latitude, WGS 84 degrees.';
COMMENT ON COLUMN carestair_bi.legevakt_demand_point.minutes_to_nearest_site IS 'Minutes to the nearest site of any kind (carestair.travel_time), NULL when none is reachable.';
COMMENT ON COLUMN carestair_bi.legevakt_demand_point.nearest_site_id IS 'That nearest site.';
COMMENT ON COLUMN carestair_bi.legevakt_demand_point.travel_method IS 'How the travel time was computed (network or the straight-line fallback).';

CREATE VIEW carestair_bi.kostra_care_services AS
SELECT c.region, c.year, c.service, c.measure, c.age_group, c.value, c.derived, c.inhabitants, c.per_1000_inhabitants
  FROM carestair.care_service_coverage AS c;
COMMENT ON VIEW carestair_bi.kostra_care_services IS 'SSB care-service statistics (KOSTRA/IPLOS tables) by kommune, year, service and measure, per 1000 inhabitants. See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.kostra_care_services.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.kostra_care_services.year IS 'Year.';
COMMENT ON COLUMN carestair_bi.kostra_care_services.service IS 'Service (hjemmetjenester, institusjon_langtid, ...).';
COMMENT ON COLUMN carestair_bi.kostra_care_services.measure IS 'Measure (recipients, arsverk, places, ...).';
COMMENT ON COLUMN carestair_bi.kostra_care_services.age_group IS 'Age group (all, 0-66, 67-79, 80+).';
COMMENT ON COLUMN carestair_bi.kostra_care_services.value IS 'Value as SSB publishes it.';
COMMENT ON COLUMN carestair_bi.kostra_care_services.derived IS 'True when carestair derived the value from other SSB figures.';
COMMENT ON COLUMN carestair_bi.kostra_care_services.inhabitants IS 'Inhabitants of the kommune that year (SSB).';
COMMENT ON COLUMN carestair_bi.kostra_care_services.per_1000_inhabitants IS 'Value per 1000 inhabitants.';

CREATE VIEW carestair_bi.need_index AS
SELECT n.region, n.year, n.sector, n.value, n.derived, n.source
  FROM carestair.need_index AS n;
COMMENT ON VIEW carestair_bi.need_index IS 'Inntektssystemet''s need index (KMD Grønt hefte) by kommune, year and sector. See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.need_index.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.need_index.year IS 'Budget year.';
COMMENT ON COLUMN carestair_bi.need_index.sector IS 'samlet, pleie_og_omsorg or kommunehelse.';
COMMENT ON COLUMN carestair_bi.need_index.value IS 'Need index (1 = national average).';
COMMENT ON COLUMN carestair_bi.need_index.derived IS 'True when carestair derived the index from KMD weights and criteria (unverified).';
COMMENT ON COLUMN carestair_bi.need_index.source IS 'Source (KMD).';

-- Materialised results of functions ------------------------------------------
--
-- Each _bi_* helper loops over what the user has defined (projection runs,
-- dreining scenarios, staffing units, legevakt scenarios, peer sets) and
-- skips a combination whose inputs are missing, so that one refresh never
-- fails as a whole.

CREATE FUNCTION carestair._bi_projection_intervals()
RETURNS TABLE (scenario text, region text, year integer, age_scheme text, age_group text, age_from integer,
               age_to integer, mean float8, p025 float8, p10 float8, p50 float8, p90 float8, p975 float8)
LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
    s text;
BEGIN
    FOR r IN SELECT u.scenario, u.regions, u.last_year FROM carestair.projection_run AS u
               JOIN carestair.stochastic_parameters AS p USING (scenario) ORDER BY u.scenario LOOP
        FOREACH s IN ARRAY ARRAY['report_oldest', 'care'] LOOP
            BEGIN
                RETURN QUERY
                SELECT r.scenario, i.region, i.year, s, i.age_group, i.age_from, i.age_to, i.mean,
                       i.quantile_values[1], i.quantile_values[2], i.quantile_values[3], i.quantile_values[4], i.quantile_values[5]
                  FROM carestair.project_population_intervals(r.scenario, r.regions, r.last_year, 1000, 1,
                                                              '{0.025,0.1,0.5,0.9,0.975}', s) AS i
                 WHERE i.sex IS NULL;
            EXCEPTION WHEN data_exception OR no_data_found THEN
                NULL;   -- inputs missing for this scenario: leave it out
            END;
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON FUNCTION carestair._bi_projection_intervals() IS 'Internal: rows of carestair_bi.projection_intervals. See doc/bi.md.';

CREATE MATERIALIZED VIEW carestair_bi.projection_intervals AS
SELECT * FROM carestair._bi_projection_intervals();
COMMENT ON MATERIALIZED VIEW carestair_bi.projection_intervals IS 'Prediction intervals of the projection: 1,000 stochastic draws (seed 1) per scenario with stochastic parameters, by kommune, year and age group (refresh: carestair.refresh_bi()). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.projection_intervals.scenario IS 'Projection scenario.';
COMMENT ON COLUMN carestair_bi.projection_intervals.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.projection_intervals.year IS 'Year (1 January).';
COMMENT ON COLUMN carestair_bi.projection_intervals.age_scheme IS 'Age grouping: report_oldest (67+, 80+, 90+, overlapping) or care (0-5, ..., 90+).';
COMMENT ON COLUMN carestair_bi.projection_intervals.age_group IS 'Age group label.';
COMMENT ON COLUMN carestair_bi.projection_intervals.age_from IS 'First age of the group.';
COMMENT ON COLUMN carestair_bi.projection_intervals.age_to IS 'Last age of the group, NULL = open.';
COMMENT ON COLUMN carestair_bi.projection_intervals.mean IS 'Mean persons over the draws.';
COMMENT ON COLUMN carestair_bi.projection_intervals.p025 IS '2.5 % quantile (lower end of the 95 % interval).';
COMMENT ON COLUMN carestair_bi.projection_intervals.p10 IS '10 % quantile (lower end of the 80 % interval).';
COMMENT ON COLUMN carestair_bi.projection_intervals.p50 IS 'Median.';
COMMENT ON COLUMN carestair_bi.projection_intervals.p90 IS '90 % quantile (upper end of the 80 % interval).';
COMMENT ON COLUMN carestair_bi.projection_intervals.p975 IS '97.5 % quantile (upper end of the 95 % interval).';

/*
 * The population query care demand reads for a projection scenario and a
 * kommune: observed years before the base year, the projection from it.
 */
CREATE FUNCTION carestair._bi_population_sql(scenario text, region text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.format(
        'SELECT region, year, age, sum(persons) AS persons FROM carestair.projection_population '
        'WHERE scenario = %1$L AND region = %2$L GROUP BY region, year, age '
        'UNION ALL SELECT p.region, p.year, p.age, sum(p.persons) FROM carestair.population AS p '
        'WHERE p.region = %2$L AND p.year < (SELECT base_year FROM carestair.projection_run WHERE scenario = %1$L) '
        'GROUP BY p.region, p.year, p.age', scenario, region);
END;
COMMENT ON FUNCTION carestair._bi_population_sql(text, text) IS 'Internal: the population query (observed before the base year, then the projection) for care demand in carestair_bi and the report. See doc/bi.md.';

/* The three base years of coverage: the last three with care users. */
CREATE FUNCTION carestair._bi_coverage_base(region text)
RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.max(u.year) FROM carestair.care_users AS u WHERE u.region OPERATOR(pg_catalog.=) _bi_coverage_base.region;
END;
COMMENT ON FUNCTION carestair._bi_coverage_base(text) IS 'Internal: the last year with care users of a kommune (coverage base is it and the two years before). See doc/bi.md.';

CREATE FUNCTION carestair._bi_care_demand()
RETURNS TABLE (scenario text, region text, year integer, dreining text, level text, step integer,
               users float8, places float8, hours_per_week float8, arsverk float8, cost_nok float8,
               coverage_base_from integer, coverage_base_to integer)
LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
    g text;
    d text;
    b integer;
BEGIN
    FOR r IN SELECT u.scenario, u.regions FROM carestair.projection_run AS u ORDER BY u.scenario LOOP
        FOREACH g IN ARRAY r.regions LOOP
            b := carestair._bi_coverage_base(g);
            CONTINUE WHEN b IS NULL;
            FOR d IN SELECT NULL::text UNION ALL (SELECT DISTINCT s.scenario FROM carestair.care_shift AS s ORDER BY 1) LOOP
                BEGIN
                    RETURN QUERY
                    SELECT r.scenario, c.region_code, c.year, coalesce(d, 'none'), c.level::text, l.step,
                           c.users, c.places, c.hours_per_week, c.arsverk, c.cost_nok, b - 2, b
                      FROM carestair.care_demand(g, b - 2, b, carestair._bi_population_sql(r.scenario, g), d) AS c
                      JOIN carestair.care_level_label AS l ON l.level = c.level;
                EXCEPTION WHEN data_exception OR no_data_found THEN
                    NULL;   -- no coverage or population for this kommune: leave it out
                END;
            END LOOP;
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON FUNCTION carestair._bi_care_demand() IS 'Internal: rows of carestair_bi.care_demand. See doc/bi.md.';

CREATE MATERIALIZED VIEW carestair_bi.care_demand AS
SELECT * FROM carestair._bi_care_demand();
COMMENT ON MATERIALIZED VIEW carestair_bi.care_demand IS 'Care demand per omsorgstrapp step by projection scenario, kommune and year, without (dreining = ''none'') and with each dreining scenario of carestair.care_shift; coverage of the last three years with users (refresh: carestair.refresh_bi()). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.care_demand.scenario IS 'Projection scenario the population comes from.';
COMMENT ON COLUMN carestair_bi.care_demand.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.care_demand.year IS 'Year.';
COMMENT ON COLUMN carestair_bi.care_demand.dreining IS 'Dreining scenario (carestair.care_shift), ''none'' without dreining.';
COMMENT ON COLUMN carestair_bi.care_demand.level IS 'Omsorgstrapp step (carestair.care_level as text).';
COMMENT ON COLUMN carestair_bi.care_demand.step IS 'Position on the staircase, 1 to 8.';
COMMENT ON COLUMN carestair_bi.care_demand.users IS 'Users.';
COMMENT ON COLUMN carestair_bi.care_demand.places IS 'Places (homes or beds) for the steps that occupy one.';
COMMENT ON COLUMN carestair_bi.care_demand.hours_per_week IS 'Hours of service per week.';
COMMENT ON COLUMN carestair_bi.care_demand.arsverk IS 'Årsverk (full-time equivalents).';
COMMENT ON COLUMN carestair_bi.care_demand.cost_nok IS 'Cost in NOK a year, when unit costs are given (carestair.care_unit_cost).';
COMMENT ON COLUMN carestair_bi.care_demand.coverage_base_from IS 'First year of the coverage base.';
COMMENT ON COLUMN carestair_bi.care_demand.coverage_base_to IS 'Last year of the coverage base.';

CREATE MATERIALIZED VIEW carestair_bi.erlang_beds AS
SELECT l.offered_load::float8 AS offered_load, b AS beds,
       carestair.erlang_b(l.offered_load::float8, b) AS refusal_probability,
       (l.offered_load::float8 OPERATOR(pg_catalog.*) (1::float8 OPERATOR(pg_catalog.-) carestair.erlang_b(l.offered_load::float8, b))
        OPERATOR(pg_catalog./) b::float8) AS occupancy
  FROM pg_catalog.generate_series(0.5, 40, 0.5) AS l(offered_load),
       pg_catalog.generate_series(1, 60) AS b;
COMMENT ON MATERIALIZED VIEW carestair_bi.erlang_beds IS 'Beds against refusal risk: Erlang B refusal probability and occupancy for offered loads 0.5-40 erlang and 1-60 beds (carestair.erlang_b). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.erlang_beds.offered_load IS 'Offered load in erlang (admissions per day x mean stay in days).';
COMMENT ON COLUMN carestair_bi.erlang_beds.beds IS 'Beds.';
COMMENT ON COLUMN carestair_bi.erlang_beds.refusal_probability IS 'Probability that an admission finds every bed taken (Erlang B).';
COMMENT ON COLUMN carestair_bi.erlang_beds.occupancy IS 'Mean share of beds occupied.';

CREATE FUNCTION carestair._bi_weekend_knot()
RETURNS TABLE (unit text, unit_name text, region text, is_example boolean, weekend_every integer, weekly_hours numeric,
               net_arsverk numeric, persons_per_weekend integer, min_headcount integer, mean_position_pct numeric,
               full_time_for_all boolean, weekend_every_if_all_full_time numeric)
LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    u record;
BEGIN
    FOR u IN SELECT s.unit, s.name, s.region, s.is_example FROM carestair.staffing_unit AS s ORDER BY s.unit LOOP
        BEGIN
            RETURN QUERY
            SELECT u.unit, u.name, u.region, u.is_example, k.weekend_every, k.weekly_hours, k.net_arsverk,
                   k.persons_per_weekend, k.min_headcount, k.mean_position_pct, k.full_time_for_all,
                   k.weekend_every_if_all_full_time
              FROM carestair.weekend_knot(u.unit, ARRAY[2, 3, 4]) AS k;
        EXCEPTION WHEN data_exception OR no_data_found THEN
            NULL;   -- a unit without a plan: leave it out
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION carestair._bi_weekend_knot() IS 'Internal: rows of carestair_bi.staffing_weekend_knot. See doc/bi.md.';

CREATE MATERIALIZED VIEW carestair_bi.staffing_weekend_knot AS
SELECT * FROM carestair._bi_weekend_knot();
COMMENT ON MATERIALIZED VIEW carestair_bi.staffing_weekend_knot IS 'The weekend knot of every staffing unit: headcount and mean position when staff work every 2nd, 3rd or 4th weekend (refresh: carestair.refresh_bi()). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.unit IS 'Unit code.';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.unit_name IS 'Unit name.';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.region IS 'Kommunenummer of the kommune running the unit.';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.is_example IS 'True for example plans (illustrations, not real data).';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.weekend_every IS 'Each person works every k-th weekend.';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.weekly_hours IS 'Hours on duty per week in the plan.';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.net_arsverk IS 'Net årsverk at the turnus norm.';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.persons_per_weekend IS 'Persons on duty over one weekend.';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.min_headcount IS 'Fewest persons that cover the weekends.';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.mean_position_pct IS 'Mean position size in percent at that headcount.';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.full_time_for_all IS 'True when everyone can work full time.';
COMMENT ON COLUMN carestair_bi.staffing_weekend_knot.weekend_every_if_all_full_time IS 'How often each would work weekends if all were full time.';

CREATE FUNCTION carestair._bi_legevakt()
RETURNS TABLE (norm_minutes float8, scenario text, region text, persons numeric, persons_unreachable numeric,
               share_within_norm float8, mean_minutes float8, p90_minutes float8, contacts numeric,
               operating_cost numeric, key_share numeric, operating_share numeric, travel_cost numeric,
               callout_cost numeric, total_cost numeric, cost_per_inhabitant numeric, travel_method text)
LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n float8;
BEGIN
    FOREACH n IN ARRAY ARRAY[20, 40, 60]::float8[] LOOP
        BEGIN
            RETURN QUERY SELECT n, c.* FROM carestair.compare_legevakt_scenarios(n) AS c;
        EXCEPTION WHEN data_exception OR no_data_found THEN
            NULL;   -- no travel times or parameters yet
        END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION carestair._bi_legevakt() IS 'Internal: rows of carestair_bi.legevakt_scenario_comparison. See doc/bi.md.';

CREATE MATERIALIZED VIEW carestair_bi.legevakt_scenario_comparison AS
SELECT * FROM carestair._bi_legevakt();
COMMENT ON MATERIALIZED VIEW carestair_bi.legevakt_scenario_comparison IS 'Legevakt scenarios side by side per member kommune: coverage within 20, 40 and 60 minutes and costs in NOK a year (carestair.compare_legevakt_scenarios; refresh: carestair.refresh_bi()). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.norm_minutes IS 'Travel-time norm, minutes.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.scenario IS 'Legevakt scenario.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.region IS 'Member kommune.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.persons IS 'Persons of the kommune on the demand points.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.persons_unreachable IS 'Persons with no reachable open site.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.share_within_norm IS 'Share of persons within the norm (0-1).';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.mean_minutes IS 'Mean minutes to the nearest open site.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.p90_minutes IS '90th percentile of minutes.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.contacts IS 'Expected legevakt contacts a year.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.operating_cost IS 'Net operating cost of the scenario''s sites, NOK a year.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.key_share IS 'The kommune''s share by the cost-sharing key (0-1).';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.operating_share IS 'The kommune''s share of the operating cost, NOK a year.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.travel_cost IS 'Patients'' travel cost, NOK a year.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.callout_cost IS 'Call-out (sykebesøk) cost, NOK a year.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.total_cost IS 'Total for the kommune, NOK a year.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.cost_per_inhabitant IS 'Total per inhabitant, NOK a year.';
COMMENT ON COLUMN carestair_bi.legevakt_scenario_comparison.travel_method IS 'How the travel times were computed (network or straight-line fallback).';

CREATE FUNCTION carestair._bi_why_dearer()
RETURNS TABLE (region text, reference text, resource text, year integer, service text, effect text,
               kommune_value numeric, reference_value numeric, per_inhabitant numeric, total numeric, unit text, note text)
LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
    res text;
    y integer;
    ny integer;
BEGIN
    FOR r IN SELECT m.region, 'peer_set:' || m.peer_set AS reference FROM carestair.peer_set_member AS m ORDER BY 1, 2 LOOP
        FOREACH res IN ARRAY ARRAY['nok', 'nurse_arsverk', 'recipients'] LOOP
            IF res = 'nok' THEN
                SELECT max(f.year) INTO y FROM carestair.kostra_figure AS f WHERE f.region = r.region;
            ELSE
                SELECT max(s.year) INTO y FROM carestair.care_service_stat AS s WHERE s.region = r.region;
            END IF;
            CONTINUE WHEN y IS NULL;
            SELECT max(n.year) INTO ny FROM carestair.need_index AS n WHERE n.region = r.region AND n.year > y;
            BEGIN
                RETURN QUERY
                SELECT r.region, r.reference, res, y, w.service, w.effect, w.kommune_value, w.reference_value,
                       w.per_inhabitant, w.total, w.unit, w.note
                  FROM carestair.why_dearer(r.region, y, r.reference, res, need_year => ny) AS w;
            EXCEPTION WHEN data_exception OR no_data_found THEN
                NULL;   -- figures missing for this kommune or reference
            END;
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON FUNCTION carestair._bi_why_dearer() IS 'Internal: rows of carestair_bi.why_dearer. See doc/bi.md.';

CREATE MATERIALIZED VIEW carestair_bi.why_dearer AS
SELECT * FROM carestair._bi_why_dearer();
COMMENT ON MATERIALIZED VIEW carestair_bi.why_dearer IS 'Why a kommune differs from its peer set, per service and effect (age mix, coverage, unit cost, need index), latest year of SSB figures (carestair.why_dearer; refresh: carestair.refresh_bi()). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.why_dearer.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.why_dearer.reference IS 'Reference: peer_set:<name> (carestair.peer_set).';
COMMENT ON COLUMN carestair_bi.why_dearer.resource IS 'nok (KOSTRA expenditure), nurse_arsverk or recipients.';
COMMENT ON COLUMN carestair_bi.why_dearer.year IS 'Year of the figures (the latest loaded).';
COMMENT ON COLUMN carestair_bi.why_dearer.service IS 'Service, or all.';
COMMENT ON COLUMN carestair_bi.why_dearer.effect IS 'gap, age_mix, coverage, unit_cost, residual, need_index_expected or need_adjusted_gap.';
COMMENT ON COLUMN carestair_bi.why_dearer.kommune_value IS 'The kommune''s value of the factor.';
COMMENT ON COLUMN carestair_bi.why_dearer.reference_value IS 'The reference''s value of the factor.';
COMMENT ON COLUMN carestair_bi.why_dearer.per_inhabitant IS 'Effect per inhabitant (or per 1000 inhabitants, see unit).';
COMMENT ON COLUMN carestair_bi.why_dearer.total IS 'Effect for the kommune''s whole population.';
COMMENT ON COLUMN carestair_bi.why_dearer.unit IS 'Unit of per_inhabitant.';
COMMENT ON COLUMN carestair_bi.why_dearer.note IS 'What the values mean.';

CREATE FUNCTION carestair._bi_staffing_arsverk()
RETURNS TABLE (unit text, unit_name text, region text, is_example boolean, norm text, weekly_hours numeric,
               weekly_norm_hours numeric, net_arsverk numeric, gross_arsverk numeric,
               night_hours_per_arsverk_year numeric, sunday_hours_per_arsverk_year numeric)
LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    u record;
    n text;
BEGIN
    FOR u IN SELECT s.unit, s.name, s.region, s.is_example FROM carestair.staffing_unit AS s ORDER BY s.unit LOOP
        FOREACH n IN ARRAY ARRAY['day', 'turnus', 'ks_weighted', 'aml', 'helkontinuerlig'] LOOP
            BEGIN
                RETURN QUERY
                SELECT u.unit, u.name, u.region, u.is_example, n, a.weekly_hours, a.weekly_norm_hours, a.net_arsverk,
                       a.gross_arsverk, a.night_hours_per_arsverk_year, a.sunday_hours_per_arsverk_year
                  FROM carestair.staffing_arsverk(u.unit, n) AS a;
            EXCEPTION WHEN data_exception OR no_data_found THEN
                NULL;   -- a unit without a plan: leave it out
            END;
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON FUNCTION carestair._bi_staffing_arsverk() IS 'Internal: rows of carestair_bi.staffing_arsverk. See doc/bi.md.';

CREATE MATERIALIZED VIEW carestair_bi.staffing_arsverk AS
SELECT * FROM carestair._bi_staffing_arsverk();
COMMENT ON MATERIALIZED VIEW carestair_bi.staffing_arsverk IS 'Årsverk of every staffing unit''s plan at the weekly working-time norms (carestair.staffing_arsverk, 5 weeks holiday; refresh: carestair.refresh_bi()). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.staffing_arsverk.unit IS 'Unit code.';
COMMENT ON COLUMN carestair_bi.staffing_arsverk.unit_name IS 'Unit name.';
COMMENT ON COLUMN carestair_bi.staffing_arsverk.region IS 'Kommunenummer of the kommune running the unit.';
COMMENT ON COLUMN carestair_bi.staffing_arsverk.is_example IS 'True for example plans (illustrations, not real data).';
COMMENT ON COLUMN carestair_bi.staffing_arsverk.norm IS 'Working-time norm: day, turnus, ks_weighted, aml or helkontinuerlig.';
COMMENT ON COLUMN carestair_bi.staffing_arsverk.weekly_hours IS 'Hours on duty per week in the plan.';
COMMENT ON COLUMN carestair_bi.staffing_arsverk.weekly_norm_hours IS 'Weekly hours of one full-time position under the norm.';
COMMENT ON COLUMN carestair_bi.staffing_arsverk.net_arsverk IS 'Årsverk on duty.';
COMMENT ON COLUMN carestair_bi.staffing_arsverk.gross_arsverk IS 'Årsverk including holiday cover.';
COMMENT ON COLUMN carestair_bi.staffing_arsverk.night_hours_per_arsverk_year IS 'Night hours per årsverk and year.';
COMMENT ON COLUMN carestair_bi.staffing_arsverk.sunday_hours_per_arsverk_year IS 'Sunday hours per årsverk and year.';

-- SSB's projection, dementia, the legevakt norm and plan follow-up -----------

CREATE VIEW carestair_bi.projection_vs_ssb AS
SELECT c.scenario, c.region, c.year, c.table_id, c.vintage, c.alternative, c.sex, c.age_group, c.age_from, c.age_to,
       c.carestair_persons, c.ssb_persons, c.difference, c.relative_difference, c.observed_persons
  FROM carestair.scenario_vs_ssb AS c;
COMMENT ON VIEW carestair_bi.projection_vs_ssb IS 'A carestair projection scenario against SSB''s regional projection (tables 14746, 12882; carestair.scenario_vs_ssb) by kommune, year, SSB table, vintage, alternative, sex and SSB''s age group. See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.scenario IS 'carestair projection scenario.';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.year IS 'Year (1 January).';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.table_id IS 'SSB table the projection comes from (14746, 12882).';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.vintage IS 'Year SSB published the projection.';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.alternative IS 'SSB alternative (fertility, life expectancy, internal and international migration; MMMM = main).';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.sex IS 'SSB sex code: 1 male, 2 female; NULL both sexes.';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.age_group IS 'SSB''s age group (total, 0-19, 20-64, 65+, 80+, ...).';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.age_from IS 'First age of the group.';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.age_to IS 'Last age of the group; NULL open.';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.carestair_persons IS 'Persons in the group by the carestair scenario.';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.ssb_persons IS 'Persons in the group by SSB.';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.difference IS 'carestair - SSB, persons.';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.relative_difference IS '(carestair - SSB) / SSB.';
COMMENT ON COLUMN carestair_bi.projection_vs_ssb.observed_persons IS 'Registered persons (SSB 07459) when the year is already observed, else NULL.';

CREATE FUNCTION carestair._bi_dementia()
RETURNS TABLE (scenario text, region text, year integer, sex integer, age_from integer, age_to integer,
               persons double precision, with_dementia double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT u.scenario FROM carestair.projection_run AS u ORDER BY u.scenario LOOP
        RETURN QUERY
        SELECT r.scenario, d.region, d.year, d.sex, d.age_from, d.age_to, d.persons, d.with_dementia
          FROM carestair.dementia_estimate(format('SELECT region, year, sex, age, persons FROM carestair.projection_result WHERE scenario = %L', r.scenario)) AS d;
    END LOOP;
END
$$;
COMMENT ON FUNCTION carestair._bi_dementia() IS 'Internal: rows of carestair_bi.dementia. See doc/bi.md.';

CREATE MATERIALIZED VIEW carestair_bi.dementia AS
SELECT * FROM carestair._bi_dementia();
COMMENT ON MATERIALIZED VIEW carestair_bi.dementia IS 'Persons with dementia by projection scenario, kommune, year, sex and age band: the projection x the shipped prevalence (carestair.dementia_estimate; refresh: carestair.refresh_bi()). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.dementia.scenario IS 'Projection scenario (carestair.projection_run).';
COMMENT ON COLUMN carestair_bi.dementia.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.dementia.year IS 'Year (1 January).';
COMMENT ON COLUMN carestair_bi.dementia.sex IS 'SSB sex code: 1 male, 2 female.';
COMMENT ON COLUMN carestair_bi.dementia.age_from IS 'First age of the prevalence band.';
COMMENT ON COLUMN carestair_bi.dementia.age_to IS 'Last age of the band; NULL open.';
COMMENT ON COLUMN carestair_bi.dementia.persons IS 'Projected persons in the band.';
COMMENT ON COLUMN carestair_bi.dementia.with_dementia IS 'Estimated persons with dementia (persons x prevalence of carestair.dementia_prevalence).';

CREATE VIEW carestair_bi.legevakt_norm_check AS
SELECT n.region, n.name, n.persons, n.share_20, n.share_40, n.share_60, n.mean_minutes,
       n.persons_unreachable, n.persons_fallback, n.meets_norm
  FROM carestair.legevakt_norm_check AS n;
COMMENT ON VIEW carestair_bi.legevakt_norm_check IS 'The national legevakt norm per kommune: shares of inhabitants within 20, 40 and 60 minutes of the nearest legevakt today (carestair.legevakt_norm_check). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.legevakt_norm_check.region IS 'Kommunenummer (SSB).';
COMMENT ON COLUMN carestair_bi.legevakt_norm_check.name IS 'Kommune name.';
COMMENT ON COLUMN carestair_bi.legevakt_norm_check.persons IS 'Inhabitants on the SSB 250 m grid.';
COMMENT ON COLUMN carestair_bi.legevakt_norm_check.share_20 IS 'Share of inhabitants within 20 minutes (0-1).';
COMMENT ON COLUMN carestair_bi.legevakt_norm_check.share_40 IS 'Share of inhabitants within 40 minutes (0-1).';
COMMENT ON COLUMN carestair_bi.legevakt_norm_check.share_60 IS 'Share of inhabitants within 60 minutes (0-1).';
COMMENT ON COLUMN carestair_bi.legevakt_norm_check.mean_minutes IS 'Mean minutes to the nearest legevakt, weighted by inhabitants.';
COMMENT ON COLUMN carestair_bi.legevakt_norm_check.persons_unreachable IS 'Inhabitants with no route to any legevakt.';
COMMENT ON COLUMN carestair_bi.legevakt_norm_check.persons_fallback IS 'Inhabitants whose travel time is a straight-line fallback, not road travel.';
COMMENT ON COLUMN carestair_bi.legevakt_norm_check.meets_norm IS 'True when 90 % of inhabitants are within 40 minutes.';

CREATE VIEW carestair_bi.plan_indicator AS
SELECT s.plan, p.title AS plan_title, s.region, s.indicator, s.name, s.unit, s.direction, s.year, s.target, s.actual,
       s.actual_source, s.gap, s.status, s.is_example
  FROM carestair.indicator_status AS s
  JOIN carestair.followup_plan AS p ON p.plan OPERATOR(pg_catalog.=) s.plan;
COMMENT ON VIEW carestair_bi.plan_indicator IS 'Plan indicators (styringsindikatorer): target against actual per plan, indicator and year, with gap and status (carestair.indicator_status). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.plan_indicator.plan IS 'Plan code.';
COMMENT ON COLUMN carestair_bi.plan_indicator.plan_title IS 'Plan title.';
COMMENT ON COLUMN carestair_bi.plan_indicator.region IS 'Kommunenummer of the plan.';
COMMENT ON COLUMN carestair_bi.plan_indicator.indicator IS 'Indicator code.';
COMMENT ON COLUMN carestair_bi.plan_indicator.name IS 'Indicator name.';
COMMENT ON COLUMN carestair_bi.plan_indicator.unit IS 'Unit of target, actual and gap.';
COMMENT ON COLUMN carestair_bi.plan_indicator.direction IS 'higher_is_better or lower_is_better.';
COMMENT ON COLUMN carestair_bi.plan_indicator.year IS 'Year.';
COMMENT ON COLUMN carestair_bi.plan_indicator.target IS 'Target.';
COMMENT ON COLUMN carestair_bi.plan_indicator.actual IS 'Actual value, computed from loaded data or entered; NULL when neither exists.';
COMMENT ON COLUMN carestair_bi.plan_indicator.actual_source IS 'computed: carestair.<function>, or the source of the entered value.';
COMMENT ON COLUMN carestair_bi.plan_indicator.gap IS 'actual - target, in the unit.';
COMMENT ON COLUMN carestair_bi.plan_indicator.status IS 'on track, ahead, behind or no data.';
COMMENT ON COLUMN carestair_bi.plan_indicator.is_example IS 'True when the plan, target or actual is an EXAMPLE, not a real number.';

CREATE VIEW carestair_bi.plan_risk AS
SELECT r.plan, p.title AS plan_title, p.region, r.risk, r.title, r.category, r.likelihood, r.consequence, r.score,
       CASE WHEN r.score OPERATOR(pg_catalog.>=) 15 THEN 'high' WHEN r.score OPERATOR(pg_catalog.>=) 5 THEN 'medium' ELSE 'low' END AS zone,
       r.mitigation, r.measure, r.owner, (r.is_example OR p.is_example) AS is_example
  FROM carestair.followup_risk AS r
  JOIN carestair.followup_plan AS p ON p.plan OPERATOR(pg_catalog.=) r.plan;
COMMENT ON VIEW carestair_bi.plan_risk IS 'The risk register of every plan: one row per risk with likelihood, consequence, score and zone as in carestair.risk_matrix (carestair.followup_risk). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.plan_risk.plan IS 'Plan code.';
COMMENT ON COLUMN carestair_bi.plan_risk.plan_title IS 'Plan title.';
COMMENT ON COLUMN carestair_bi.plan_risk.region IS 'Kommunenummer of the plan.';
COMMENT ON COLUMN carestair_bi.plan_risk.risk IS 'Risk code.';
COMMENT ON COLUMN carestair_bi.plan_risk.title IS 'What could go wrong.';
COMMENT ON COLUMN carestair_bi.plan_risk.category IS 'Category of the risk.';
COMMENT ON COLUMN carestair_bi.plan_risk.likelihood IS 'Sannsynlighet 1-5.';
COMMENT ON COLUMN carestair_bi.plan_risk.consequence IS 'Konsekvens 1-5.';
COMMENT ON COLUMN carestair_bi.plan_risk.score IS 'likelihood x consequence.';
COMMENT ON COLUMN carestair_bi.plan_risk.zone IS 'low (score 1-4), medium (5-14) or high (15-25).';
COMMENT ON COLUMN carestair_bi.plan_risk.mitigation IS 'Mitigation.';
COMMENT ON COLUMN carestair_bi.plan_risk.measure IS 'Tiltak of the plan that answers the risk.';
COMMENT ON COLUMN carestair_bi.plan_risk.owner IS 'Who owns the risk.';
COMMENT ON COLUMN carestair_bi.plan_risk.is_example IS 'True when the plan or the risk is an EXAMPLE, not a real assessment.';

CREATE VIEW carestair_bi.plan_risk_matrix AS
SELECT m.plan, p.title AS plan_title, p.region, m.likelihood, m.consequence, m.score, m.zone, m.risks, m.risk_list, p.is_example
  FROM carestair.risk_matrix AS m
  JOIN carestair.followup_plan AS p ON p.plan OPERATOR(pg_catalog.=) m.plan;
COMMENT ON VIEW carestair_bi.plan_risk_matrix IS 'The 5 x 5 risk matrix of every plan: one row per cell (likelihood x consequence) with its zone and the number of risks (carestair.risk_matrix). See doc/bi.md.';
COMMENT ON COLUMN carestair_bi.plan_risk_matrix.plan IS 'Plan code.';
COMMENT ON COLUMN carestair_bi.plan_risk_matrix.plan_title IS 'Plan title.';
COMMENT ON COLUMN carestair_bi.plan_risk_matrix.region IS 'Kommunenummer of the plan.';
COMMENT ON COLUMN carestair_bi.plan_risk_matrix.likelihood IS 'Sannsynlighet 1-5.';
COMMENT ON COLUMN carestair_bi.plan_risk_matrix.consequence IS 'Konsekvens 1-5.';
COMMENT ON COLUMN carestair_bi.plan_risk_matrix.score IS 'likelihood x consequence.';
COMMENT ON COLUMN carestair_bi.plan_risk_matrix.zone IS 'low (score 1-4), medium (5-14) or high (15-25).';
COMMENT ON COLUMN carestair_bi.plan_risk_matrix.risks IS 'Number of risks in the cell.';
COMMENT ON COLUMN carestair_bi.plan_risk_matrix.risk_list IS 'Codes of the risks in the cell.';
COMMENT ON COLUMN carestair_bi.plan_risk_matrix.is_example IS 'True for an EXAMPLE plan (illustrative scores).';

-- Refresh and roles ----------------------------------------------------------

/*
 * Refresh every materialised view of carestair_bi.  SECURITY DEFINER so that
 * carestair_analyst (granted EXECUTE by create_bi_roles) can refresh what
 * only the extension's owner may; it runs no caller-supplied SQL.
 */
CREATE FUNCTION carestair.refresh_bi()
RETURNS TABLE (view_name text, row_count bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v regclass;
BEGIN
    FOR v IN SELECT c.oid::regclass FROM pg_class AS c
              WHERE c.relnamespace = 'carestair_bi'::regnamespace AND c.relkind = 'm' ORDER BY c.relname LOOP
        EXECUTE format('REFRESH MATERIALIZED VIEW %s', v);
        view_name := v::text;
        EXECUTE format('SELECT count(*) FROM %s', v) INTO row_count;
        RETURN NEXT;
    END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION carestair.refresh_bi() FROM PUBLIC;
COMMENT ON FUNCTION carestair.refresh_bi() IS 'Refresh every materialised view of carestair_bi after loading data or running scenarios; returns each view and its rows. See doc/bi.md.';

/*
 * Create (when absent) the roles carestair_reader and carestair_analyst and
 * grant them what doc/bi.md documents.  Idempotent: rerun after adding
 * views.  The reader sees carestair_bi and nothing else; the analyst reads
 * everything, runs the functions, refreshes carestair_bi, writes the user
 * tables (those pg_dump keeps whole) and may add rows, but not change or
 * delete any, in the tables that also hold shipped reference rows.
 */
CREATE FUNCTION carestair.create_bi_roles()
RETURNS TABLE (role_name text, action text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t record;
    cols text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['carestair_reader', 'carestair_analyst'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            action := 'created';
            RETURN NEXT;
        END IF;
    END LOOP;

    role_name := 'carestair_reader';
    GRANT USAGE ON SCHEMA carestair_bi TO carestair_reader;
    GRANT SELECT ON ALL TABLES IN SCHEMA carestair_bi TO carestair_reader;
    action := 'USAGE on schema carestair_bi, SELECT on its views';
    RETURN NEXT;

    role_name := 'carestair_analyst';
    GRANT USAGE ON SCHEMA carestair, carestair_bi TO carestair_analyst;
    GRANT SELECT ON ALL TABLES IN SCHEMA carestair, carestair_bi TO carestair_analyst;
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA carestair TO carestair_analyst;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA carestair TO carestair_analyst;
    action := 'USAGE on schemas carestair and carestair_bi, SELECT on all their tables and views, EXECUTE on all functions';
    RETURN NEXT;
    FOR t IN SELECT c.oid::regclass AS rel, x.cond,
                    EXISTS (SELECT FROM pg_attribute AS a WHERE a.attrelid = c.oid AND a.attname = 'builtin' AND NOT a.attisdropped) AS has_builtin
               FROM pg_extension AS e,
                    LATERAL unnest(e.extconfig, e.extcondition) AS x(reloid, cond)
               JOIN pg_class AS c ON c.oid = x.reloid
              WHERE e.extname = 'carestair' AND c.relkind = 'r'
              ORDER BY c.relname LOOP
        IF t.cond = '' THEN
            EXECUTE format('GRANT INSERT, UPDATE, DELETE ON %s TO carestair_analyst', t.rel);
            action := format('INSERT, UPDATE, DELETE on %s', t.rel);
        ELSIF t.has_builtin THEN
            SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
              FROM pg_attribute AS a
             WHERE a.attrelid = t.rel AND a.attnum > 0 AND NOT a.attisdropped AND a.attname <> 'builtin';
            EXECUTE format('GRANT INSERT (%s) ON %s TO carestair_analyst', cols, t.rel);
            action := format('INSERT (all columns but builtin) on %s', t.rel);
        ELSE
            CONTINUE;
        END IF;
        RETURN NEXT;
    END LOOP;
    GRANT EXECUTE ON FUNCTION carestair.refresh_bi() TO carestair_analyst;
END
$$;
REVOKE EXECUTE ON FUNCTION carestair.create_bi_roles() FROM PUBLIC;
COMMENT ON FUNCTION carestair.create_bi_roles() IS 'For the admin: create the roles carestair_reader (reads carestair_bi only) and carestair_analyst (runs functions, writes user tables, cannot touch shipped rows) when absent, and grant them; idempotent. See doc/bi.md.';
