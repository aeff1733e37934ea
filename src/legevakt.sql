
-- ---------------------------------------------------------------------------
-- legevakt: inputs as tables (demand points, sites, road edges, the
-- travel-time matrix), catchments and coverage, use and cost, cost-sharing
-- keys and scenarios side by side.  See doc/legevakt.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.demand_point (
    point_id bigint PRIMARY KEY,
    region   text NOT NULL REFERENCES carestair.region (region),
    persons  numeric NOT NULL CONSTRAINT demand_point_persons CHECK (persons >= 0),
    year     integer,
    geom     geometry(Point, 25833) NOT NULL,
    source   text
);
COMMENT ON TABLE carestair.demand_point IS 'Demand points (e.g. SSB 250 m population grid cells) with their persons, in EPSG:25833. See doc/legevakt.md.';
COMMENT ON COLUMN carestair.demand_point.point_id IS 'Point id (for SSB grid cells the cell id ru250m).';
COMMENT ON COLUMN carestair.demand_point.region IS 'Kommunenummer the point belongs to.';
COMMENT ON COLUMN carestair.demand_point.persons IS 'Persons at the point (demand weight).';
COMMENT ON COLUMN carestair.demand_point.year IS 'Year the persons refer to.';
COMMENT ON COLUMN carestair.demand_point.geom IS 'Location (cell centre), EPSG:25833.';
COMMENT ON COLUMN carestair.demand_point.source IS 'Where the numbers come from.';

CREATE TABLE carestair.site (
    site_id           bigint PRIMARY KEY,
    name              text NOT NULL,
    region            text NOT NULL REFERENCES carestair.region (region),
    kind              text NOT NULL CONSTRAINT site_kind CHECK (kind IN ('existing', 'candidate', 'forsvaret')),
    annual_fixed_cost numeric CONSTRAINT site_cost CHECK (annual_fixed_cost >= 0),
    capacity          numeric CONSTRAINT site_capacity CHECK (capacity > 0),
    geom              geometry(Point, 25833) NOT NULL,
    source            text
);
COMMENT ON TABLE carestair.site IS 'Existing and candidate sites (legevakt locations), EPSG:25833. See doc/legevakt.md.';
COMMENT ON COLUMN carestair.site.site_id IS 'Site id.';
COMMENT ON COLUMN carestair.site.name IS 'Name of the site.';
COMMENT ON COLUMN carestair.site.region IS 'Kommunenummer of the kommune the site lies in.';
COMMENT ON COLUMN carestair.site.kind IS 'existing, candidate or forsvaret (Armed Forces).';
COMMENT ON COLUMN carestair.site.annual_fixed_cost IS 'Annual operating cost in NOK when known; NULL = use the staffing model of carestair.legevakt_parameter.';
COMMENT ON COLUMN carestair.site.capacity IS 'Contacts per year the site can take; NULL = not limited (informative only).';
COMMENT ON COLUMN carestair.site.geom IS 'Location, EPSG:25833.';
COMMENT ON COLUMN carestair.site.source IS 'Where the location comes from and how exact it is.';

CREATE TABLE carestair.road_edge (
    id              bigint PRIMARY KEY,
    source          bigint NOT NULL,
    target          bigint NOT NULL,
    minutes         double precision NOT NULL,
    reverse_minutes double precision NOT NULL DEFAULT -1,
    km              double precision NOT NULL CONSTRAINT road_edge_km CHECK (km >= 0),
    geom            geometry(LineString, 25833) NOT NULL,
    link_id         bigint,
    kind            text,
    category        text,
    component       integer,
    origin          text
);
CREATE INDEX road_edge_geom ON carestair.road_edge USING gist (geom);
COMMENT ON TABLE carestair.road_edge IS 'Road graph edges (osm2pgrouting compatible: fill from ways with cost_s/60, reverse_cost_s/60, length_m/1000, ST_Transform(geom, 25833)). See doc/travel_time.md.';
COMMENT ON COLUMN carestair.road_edge.id IS 'Edge id.';
COMMENT ON COLUMN carestair.road_edge.source IS 'Vertex at the start of geom.';
COMMENT ON COLUMN carestair.road_edge.target IS 'Vertex at the end of geom.';
COMMENT ON COLUMN carestair.road_edge.minutes IS 'Travel minutes source -> target; negative = closed (one-way).';
COMMENT ON COLUMN carestair.road_edge.reverse_minutes IS 'Travel minutes target -> source; negative = closed. Ferries: crossing plus mean waiting time.';
COMMENT ON COLUMN carestair.road_edge.km IS 'Length in km.';
COMMENT ON COLUMN carestair.road_edge.geom IS 'Line from source to target, EPSG:25833.';
COMMENT ON COLUMN carestair.road_edge.link_id IS 'Id of the upstream link this edge comes from (carestair.import_road_network splits links at junctions).';
COMMENT ON COLUMN carestair.road_edge.kind IS 'road, tunnel, bridge or ferry (as the source data say; NULL when not given).';
COMMENT ON COLUMN carestair.road_edge.category IS 'Road category of the source data (N1000 and NVDB: E, R, F, K, P); sets the assumed speed for N1000.';
COMMENT ON COLUMN carestair.road_edge.component IS 'Connected component (1 = the largest), set by carestair.import_road_network.';
COMMENT ON COLUMN carestair.road_edge.origin IS 'Where the edge comes from (data set and licence; credit it where times are shown).';

CREATE TABLE carestair.travel_time (
    point_id bigint NOT NULL REFERENCES carestair.demand_point (point_id) ON DELETE CASCADE,
    site_id  bigint NOT NULL REFERENCES carestair.site (site_id) ON DELETE CASCADE,
    minutes  double precision,
    km       double precision,
    method   text NOT NULL,
    PRIMARY KEY (point_id, site_id)
);
COMMENT ON TABLE carestair.travel_time IS 'Travel-time matrix from demand points to sites, filled by carestair.refresh_travel_times(). See doc/legevakt.md.';
COMMENT ON COLUMN carestair.travel_time.point_id IS 'Demand point.';
COMMENT ON COLUMN carestair.travel_time.site_id IS 'Site.';
COMMENT ON COLUMN carestair.travel_time.minutes IS 'Travel minutes from the point to the site; NULL = unreachable.';
COMMENT ON COLUMN carestair.travel_time.km IS 'Travel km along that path; NULL = unreachable.';
COMMENT ON COLUMN carestair.travel_time.method IS 'How it was computed: road, road: unreachable (minutes NULL), or a straight-line fallback label.';

SELECT pg_catalog.pg_extension_config_dump('carestair.demand_point', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.site', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.road_edge', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.travel_time', '');

/*
 * refresh_travel_times: recompute carestair.travel_time for every demand
 * point and site.  Over carestair.road_edge when it has rows: one
 * carestair.nearest_site_times call per site (points and the site attached
 * to the nearest point of the nearest road, off-road legs and the fallback
 * for points far from every road as carestair.road_parameter_effective
 * says).  Without roads: the labelled straight-line fallback with the
 * given circuity and speed.
 */
CREATE FUNCTION carestair.refresh_travel_times(
    offroad_kmh  double precision DEFAULT 20,
    circuity     double precision DEFAULT 1.3,
    fallback_kmh double precision DEFAULT 60)
RETURNS TABLE (method text, pairs bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s bigint;
BEGIN
    DELETE FROM carestair.travel_time;
    IF EXISTS (SELECT FROM carestair.road_edge) THEN
        FOR s IN SELECT x.site_id FROM carestair.site AS x ORDER BY x.site_id LOOP
            INSERT INTO carestair.travel_time (point_id, site_id, minutes, km, method)
            SELECT m.point_id, s, m.minutes, m.km, m.method
              FROM carestair.nearest_site_times('SELECT point_id, geom FROM carestair.demand_point',
                                                format('SELECT site_id, geom FROM carestair.site WHERE site_id = %s', s)) AS m;
        END LOOP;
    ELSE
        INSERT INTO carestair.travel_time (point_id, site_id, minutes, km, method)
        SELECT m.point_id, m.site_id, m.minutes, m.km, m.method
          FROM carestair.travel_time_matrix(
                 'SELECT point_id, geom FROM carestair.demand_point',
                 'SELECT site_id, geom FROM carestair.site',
                 NULL, offroad_kmh, circuity, fallback_kmh) AS m;
    END IF;
    RETURN QUERY
    SELECT t.method, count(*) FROM carestair.travel_time AS t GROUP BY t.method ORDER BY t.method;
END
$$;
COMMENT ON FUNCTION carestair.refresh_travel_times(double precision, double precision, double precision) IS
  'Recompute carestair.travel_time from carestair.demand_point and carestair.site, over carestair.road_edge (carestair.nearest_site_times per site; the arguments apply only without roads) or (no edges) the labelled straight-line fallback; returns pairs per method. See doc/legevakt.md.';

/*
 * legevakt_coverage: nearest open site for every demand point (ties to the
 * lowest site id), then per catchment (site), kommune and in total: persons,
 * population-weighted mean and 90th-percentile minutes, and the persons
 * within each norm.  Points no open site reaches count as not covered and
 * are reported in persons_unreachable.
 */
CREATE FUNCTION carestair.legevakt_coverage(
    open_sites bigint[],
    norms      double precision[] DEFAULT '{20,40,60}',
    regions    text[] DEFAULT NULL)
RETURNS TABLE (level text, key text, persons numeric, persons_unreachable numeric,
               mean_minutes double precision, p90_minutes double precision,
               norm_minutes double precision, persons_within numeric, share_within double precision)
LANGUAGE sql STABLE PARALLEL RESTRICTED
BEGIN ATOMIC
    WITH pts AS (
        SELECT d.point_id, d.region, d.persons
          FROM carestair.demand_point AS d
         WHERE regions IS NULL OR d.region = ANY (regions)
    ), nearest AS (
        SELECT p.point_id, p.region, p.persons, n.site_id, n.minutes
          FROM pts AS p
          LEFT JOIN LATERAL (
              SELECT t.site_id, t.minutes FROM carestair.travel_time AS t
               WHERE t.point_id = p.point_id AND t.site_id = ANY (open_sites) AND t.minutes IS NOT NULL
               ORDER BY t.minutes, t.site_id LIMIT 1) AS n ON true
    ), grouped AS (
        SELECT 'site' AS level, coalesce(nearest.site_id::text, 'none') AS key, nearest.* FROM nearest
        UNION ALL SELECT 'kommune', nearest.region, nearest.* FROM nearest
        UNION ALL SELECT 'total', 'all', nearest.* FROM nearest
    ), ranked AS (
        SELECT g.*, sum(g.persons) OVER w AS cum, sum(g.persons) OVER (PARTITION BY g.level, g.key) AS tot
          FROM grouped AS g
        WINDOW w AS (PARTITION BY g.level, g.key ORDER BY g.minutes NULLS LAST, g.point_id)
    ), stats AS (
        SELECT r.level, r.key, max(r.tot) AS persons,
               coalesce(sum(r.persons) FILTER (WHERE r.minutes IS NULL), 0) AS persons_unreachable,
               (sum(r.persons * r.minutes) FILTER (WHERE r.minutes IS NOT NULL)
                 / nullif(sum(r.persons) FILTER (WHERE r.minutes IS NOT NULL), 0))::double precision AS mean_minutes,
               min(r.minutes) FILTER (WHERE r.cum >= 0.9 * r.tot) AS p90_minutes
          FROM ranked AS r GROUP BY r.level, r.key
    )
    SELECT s.level, s.key, s.persons, s.persons_unreachable, s.mean_minutes,
           CASE WHEN s.persons_unreachable <= 0.1 * s.persons THEN s.p90_minutes END,
           n.norm, coalesce(w.within, 0), (coalesce(w.within, 0) / nullif(s.persons, 0))::double precision
      FROM stats AS s
     CROSS JOIN unnest(norms) AS n(norm)
      LEFT JOIN LATERAL (
          SELECT sum(g.persons) AS within FROM grouped AS g
           WHERE g.level = s.level AND g.key = s.key AND g.minutes <= n.norm) AS w ON true
     ORDER BY CASE s.level WHEN 'total' THEN 0 WHEN 'kommune' THEN 1 ELSE 2 END, s.key, n.norm;
END;
COMMENT ON FUNCTION carestair.legevakt_coverage(bigint[], double precision[], text[]) IS
  'Catchments and coverage for a set of open sites: per site, kommune and total, persons, unreachable persons, population-weighted mean and 90th-percentile minutes, persons and share within each norm (minutes). See doc/legevakt.md.';

/*
 * catchment_polygons: the catchment of every open site as the union of the
 * square cells (side cell_m, centred on the demand points) whose nearest
 * open site it is, for maps.
 */
CREATE FUNCTION carestair.catchment_polygons(
    open_sites bigint[],
    cell_m     double precision DEFAULT 250,
    regions    text[] DEFAULT NULL)
RETURNS TABLE (site_id bigint, persons numeric, cells bigint, geom geometry(MultiPolygon, 25833))
LANGUAGE sql STABLE PARALLEL RESTRICTED
BEGIN ATOMIC
    SELECT n.site_id, sum(d.persons), count(*),
           ST_Multi(ST_Union(ST_Expand(d.geom, cell_m / 2)))::geometry(MultiPolygon, 25833)
      FROM carestair.demand_point AS d
      JOIN LATERAL (
          SELECT t.site_id FROM carestair.travel_time AS t
           WHERE t.point_id = d.point_id AND t.site_id = ANY (open_sites) AND t.minutes IS NOT NULL
           ORDER BY t.minutes, t.site_id LIMIT 1) AS n ON true
     WHERE (regions IS NULL OR d.region = ANY (regions)) AND cell_m > 0
     GROUP BY n.site_id
     ORDER BY n.site_id;
END;
COMMENT ON FUNCTION carestair.catchment_polygons(bigint[], double precision, text[]) IS
  'Catchment of every open site as a MultiPolygon (EPSG:25833): the union of the square cells (side cell_m) of the demand points it is nearest to; with persons and cells. See doc/legevakt.md.';

/*
 * share_costs: split total_cost minus an external contribution (e.g. from
 * Forsvaret) between member kommuner by a key of an equal part, a part by
 * population and a part by use, as interkommunale avtaler write them.
 */
CREATE FUNCTION carestair.share_costs(
    total_cost         numeric,
    regions            text[],
    populations        numeric[],
    uses               numeric[],
    equal_share        numeric DEFAULT 0.1,
    population_share   numeric DEFAULT 0.9,
    use_share          numeric DEFAULT 0,
    contribution       numeric DEFAULT 0)
RETURNS TABLE (region text, equal_part numeric, population_part numeric, use_part numeric, share numeric, amount numeric)
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n      integer := cardinality(regions);
    net    numeric;
    sum_p  numeric;
    sum_u  numeric;
BEGIN
    IF total_cost IS NULL OR regions IS NULL OR populations IS NULL OR uses IS NULL
       OR equal_share IS NULL OR population_share IS NULL OR use_share IS NULL OR contribution IS NULL THEN
        RAISE EXCEPTION 'arguments of share_costs must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF n = 0 OR cardinality(populations) <> n OR cardinality(uses) <> n THEN
        RAISE EXCEPTION 'regions, populations and uses must be non-empty arrays of the same length'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = format('Lengths: %s regions, %s populations, %s uses.', n, cardinality(populations), cardinality(uses));
    END IF;
    IF (SELECT count(DISTINCT r) FROM unnest(regions) AS r) <> n THEN
        RAISE EXCEPTION 'duplicate region in regions' USING ERRCODE = 'unique_violation';
    END IF;
    IF equal_share < 0 OR population_share < 0 OR use_share < 0 OR equal_share + population_share + use_share <> 1 THEN
        RAISE EXCEPTION 'invalid cost-sharing key: equal %, population %, use %', equal_share, population_share, use_share
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The three parts must be >= 0 and add up to exactly 1.',
                  HINT = 'E.g. 0.1 equal and 0.9 by population.';
    END IF;
    IF EXISTS (SELECT FROM unnest(populations, uses) AS x(p, u) WHERE p IS NULL OR u IS NULL OR p < 0 OR u < 0) THEN
        RAISE EXCEPTION 'populations and uses must be >= 0' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF contribution < 0 OR contribution > total_cost THEN
        RAISE EXCEPTION 'invalid contribution % for total cost %', contribution, total_cost
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The external contribution is paid first and cannot exceed the total.';
    END IF;
    net := total_cost - contribution;
    SELECT sum(p) INTO sum_p FROM unnest(populations) AS p;
    SELECT sum(u) INTO sum_u FROM unnest(uses) AS u;
    IF (population_share > 0 AND sum_p = 0) OR (use_share > 0 AND sum_u = 0) THEN
        RAISE EXCEPTION 'a key part has nothing to divide by' USING ERRCODE = 'division_by_zero',
            DETAIL = 'The population or use part is positive but all populations or uses are 0.';
    END IF;
    RETURN QUERY
    SELECT x.r, net * equal_share / n,
           CASE WHEN population_share > 0 THEN net * population_share * x.p / sum_p ELSE 0 END,
           CASE WHEN use_share > 0 THEN net * use_share * x.u / sum_u ELSE 0 END,
           equal_share / n
             + CASE WHEN population_share > 0 THEN population_share * x.p / sum_p ELSE 0 END
             + CASE WHEN use_share > 0 THEN use_share * x.u / sum_u ELSE 0 END,
           net * equal_share / n
             + CASE WHEN population_share > 0 THEN net * population_share * x.p / sum_p ELSE 0 END
             + CASE WHEN use_share > 0 THEN net * use_share * x.u / sum_u ELSE 0 END
      FROM unnest(regions, populations, uses) WITH ORDINALITY AS x(r, p, u, i)
     ORDER BY x.i;
END
$$;
COMMENT ON FUNCTION carestair.share_costs(numeric, text[], numeric[], numeric[], numeric, numeric, numeric, numeric) IS
  'Split a total cost (minus an external contribution, e.g. Forsvaret) between kommuner by a key: equal part + part by population + part by use (kostnadsfordelingsnøkkel). See doc/legevakt.md.';

CREATE TABLE carestair.legevakt_parameter_default (
    name  text PRIMARY KEY,
    value numeric NOT NULL,
    unit  text NOT NULL,
    note  text NOT NULL
);
COMMENT ON TABLE carestair.legevakt_parameter_default IS 'Built-in defaults of the legevakt use and cost model (most are illustrative assumptions); override them in carestair.legevakt_parameter. See doc/legevakt.md.';
COMMENT ON COLUMN carestair.legevakt_parameter_default.name IS 'Parameter name.';
COMMENT ON COLUMN carestair.legevakt_parameter_default.value IS 'Default value.';
COMMENT ON COLUMN carestair.legevakt_parameter_default.unit IS 'Unit.';
COMMENT ON COLUMN carestair.legevakt_parameter_default.note IS 'Source, or "assumption" when it is an illustrative default.';
INSERT INTO carestair.legevakt_parameter_default (name, value, unit, note) VALUES
 ('decay_per_km', 0.013079, '1/km, contacts x exp(-decay x km)', 'calibrated so that exp(-decay x 50) = 0.52: NKLM''s finding that legevakt consultations fall about 48 % from 0 to 50 km (as cited in the project brief, issue 6)'),
 ('nurse_arsverk', 5.5, 'årsverk per site for one nurse present 24/7', 'assumption: 8,760 hours a year / about 1,600 worked hours per årsverk'),
 ('nurse_cost', 900000, 'NOK per nurse årsverk including social costs', 'assumption: illustrative default'),
 ('doctor_cost', 3000000, 'NOK per site per year for doctors on duty and on call', 'assumption: illustrative default'),
 ('premises_cost', 1500000, 'NOK per site per year for rent, equipment and systems', 'assumption: illustrative default'),
 ('km_rate', 4.0, 'NOK per km travelled by the patient', 'assumption: illustrative default'),
 ('value_of_time', 150, 'NOK per hour of patient travel time', 'assumption: illustrative default'),
 ('trips_per_contact', 2, 'one-way trips per contact (there and back)', 'assumption'),
 ('callout_share', 0.05, 'share of contacts that are call-outs (sykebesøk/utrykning from the legevakt)', 'assumption: illustrative default'),
 ('callout_cost_per_hour', 1500, 'NOK per hour of call-out travel (doctor and vehicle, there and back)', 'assumption: illustrative default');

CREATE TABLE carestair.legevakt_parameter (
    name  text PRIMARY KEY REFERENCES carestair.legevakt_parameter_default (name),
    value numeric NOT NULL,
    note  text
);
COMMENT ON TABLE carestair.legevakt_parameter IS 'The user''s values for the legevakt model parameters, overriding carestair.legevakt_parameter_default (kept by pg_dump). See doc/legevakt.md.';
COMMENT ON COLUMN carestair.legevakt_parameter.name IS 'Parameter name (one of carestair.legevakt_parameter_default).';
COMMENT ON COLUMN carestair.legevakt_parameter.value IS 'Value to use instead of the default.';
COMMENT ON COLUMN carestair.legevakt_parameter.note IS 'Where the value comes from.';
SELECT pg_catalog.pg_extension_config_dump('carestair.legevakt_parameter', '');

CREATE VIEW carestair.legevakt_parameter_effective AS
SELECT d.name, coalesce(p.value, d.value) AS value, d.unit,
       coalesce(p.note, d.note) AS note, p.value IS NOT NULL AS overridden
  FROM carestair.legevakt_parameter_default AS d
  LEFT JOIN carestair.legevakt_parameter AS p ON p.name = d.name;
COMMENT ON VIEW carestair.legevakt_parameter_effective IS 'The legevakt model parameters in use: the user''s value where given, the default otherwise. See doc/legevakt.md.';
COMMENT ON COLUMN carestair.legevakt_parameter_effective.name IS 'Parameter name.';
COMMENT ON COLUMN carestair.legevakt_parameter_effective.value IS 'Value in use.';
COMMENT ON COLUMN carestair.legevakt_parameter_effective.unit IS 'Unit.';
COMMENT ON COLUMN carestair.legevakt_parameter_effective.note IS 'Source of the value in use.';
COMMENT ON COLUMN carestair.legevakt_parameter_effective.overridden IS 'True when the user''s value replaces the default.';

CREATE TABLE carestair.legevakt_contact_rate (
    age_from integer NOT NULL CONSTRAINT legevakt_contact_rate_age CHECK (age_from >= 0),
    age_to   integer NOT NULL,
    rate     numeric NOT NULL CONSTRAINT legevakt_contact_rate_rate CHECK (rate >= 0),
    note     text,
    builtin  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (age_from, builtin),
    CONSTRAINT legevakt_contact_rate_range CHECK (age_to >= age_from)
);
COMMENT ON TABLE carestair.legevakt_contact_rate IS 'Legevakt contacts per inhabitant per year at distance 0, by age group. The built-in row is one flat illustrative rate; as soon as the table holds a row of your own, only your rows are used. See doc/legevakt.md.';
COMMENT ON COLUMN carestair.legevakt_contact_rate.age_from IS 'First age of the group (years).';
COMMENT ON COLUMN carestair.legevakt_contact_rate.age_to IS 'Last age of the group (years; the open age group counts at its lower bound).';
COMMENT ON COLUMN carestair.legevakt_contact_rate.rate IS 'Contacts per inhabitant per year at distance 0.';
COMMENT ON COLUMN carestair.legevakt_contact_rate.note IS 'Source of the rate.';
COMMENT ON COLUMN carestair.legevakt_contact_rate.builtin IS 'True for the shipped default row (not dumped).';
INSERT INTO carestair.legevakt_contact_rate (age_from, age_to, rate, note, builtin) VALUES
 (0, 150, 0.25, 'assumption: one illustrative rate for all ages; replace with the legevakt''s own statistics by age (NKLM publishes national legevakt statistics)', true);
SELECT pg_catalog.pg_extension_config_dump('carestair.legevakt_contact_rate', 'WHERE NOT builtin');

/*
 * legevakt_contact_rates: every kommune's contacts per inhabitant per year
 * at distance 0: the age-group rates weighted by the kommune's age
 * structure (carestair.population, the latest year up to the year of its
 * demand points, else the earliest).  One group covering every age needs
 * no population data.
 */
CREATE FUNCTION carestair.legevakt_contact_rates(regions text[])
RETURNS TABLE (region text, population_year integer, rate numeric, age_groups integer)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    own      boolean := EXISTS (SELECT FROM carestair.legevakt_contact_rate AS c WHERE NOT c.builtin);
    ngroups  integer;
    flat     numeric;
    r        text;
    pyear    integer;
    bad      record;
BEGIN
    SELECT count(*), min(c.rate) FILTER (WHERE c.age_from = 0 AND c.age_to >= 150) INTO ngroups, flat
      FROM carestair.legevakt_contact_rate AS c WHERE c.builtin <> own;
    IF ngroups = 0 THEN
        RAISE EXCEPTION 'carestair.legevakt_contact_rate has no rates' USING ERRCODE = 'no_data_found';
    END IF;
    SELECT a.age_from AS a1, a.age_to AS a2, b.age_from AS b1, b.age_to AS b2 INTO bad
      FROM carestair.legevakt_contact_rate AS a JOIN carestair.legevakt_contact_rate AS b
        ON a.builtin = b.builtin AND a.age_from < b.age_from AND b.age_from <= a.age_to
     WHERE a.builtin <> own LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'overlapping contact-rate age groups %-% and %-%', bad.a1, bad.a2, bad.b1, bad.b2
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Each age may belong to one group only.';
    END IF;
    FOREACH r IN ARRAY regions LOOP
        IF ngroups = 1 AND flat IS NOT NULL THEN
            region := r; population_year := NULL; rate := flat; age_groups := 1;
            RETURN NEXT;
            CONTINUE;
        END IF;
        SELECT coalesce(max(p.year) FILTER (WHERE p.year <= (SELECT max(d.year) FROM carestair.demand_point AS d WHERE d.region = r)),
                        min(p.year))
          INTO pyear FROM carestair.population_both_sexes AS p WHERE p.region = r;
        IF pyear IS NULL THEN
            RAISE EXCEPTION 'no population by age for kommune % to weight the contact rates', r
                USING ERRCODE = 'no_data_found',
                      HINT = 'Load SSB table 07459 for it (carestair.import_ssb_population), or use one rate for all ages.';
        END IF;
        region := r; population_year := pyear; age_groups := ngroups;
        SELECT sum(p.persons * c.rate) / nullif(sum(p.persons), 0) INTO rate
          FROM carestair.population_both_sexes AS p
          LEFT JOIN carestair.legevakt_contact_rate AS c
            ON c.builtin <> own AND p.age BETWEEN c.age_from AND c.age_to
         WHERE p.region = r AND p.year = pyear;
        rate := coalesce(rate, 0);
        RETURN NEXT;
    END LOOP;
END
$$;
COMMENT ON FUNCTION carestair.legevakt_contact_rates(text[]) IS
  'Contacts per inhabitant per year (at distance 0) for each kommune: the age-group rates of carestair.legevakt_contact_rate weighted by its age structure from carestair.population. See doc/legevakt.md.';

CREATE TABLE carestair.legevakt_scenario (
    scenario         text PRIMARY KEY,
    description      text,
    equal_share      numeric NOT NULL DEFAULT 0.1,
    population_share numeric NOT NULL DEFAULT 0.9,
    use_share        numeric NOT NULL DEFAULT 0,
    contribution     numeric NOT NULL DEFAULT 0 CONSTRAINT legevakt_scenario_contribution CHECK (contribution >= 0),
    CONSTRAINT legevakt_scenario_key CHECK (equal_share >= 0 AND population_share >= 0 AND use_share >= 0
                                            AND equal_share + population_share + use_share = 1)
);
COMMENT ON TABLE carestair.legevakt_scenario IS 'A legevakt scenario: open sites, member kommuner and the cost-sharing key. See doc/legevakt.md.';
COMMENT ON COLUMN carestair.legevakt_scenario.scenario IS 'Scenario name.';
COMMENT ON COLUMN carestair.legevakt_scenario.description IS 'What the scenario means.';
COMMENT ON COLUMN carestair.legevakt_scenario.equal_share IS 'Part of the net operating cost shared equally between members.';
COMMENT ON COLUMN carestair.legevakt_scenario.population_share IS 'Part shared by population.';
COMMENT ON COLUMN carestair.legevakt_scenario.use_share IS 'Part shared by use (expected contacts).';
COMMENT ON COLUMN carestair.legevakt_scenario.contribution IS 'External contribution per year in NOK (e.g. from Forsvaret), paid before the members share the rest.';

CREATE TABLE carestair.legevakt_scenario_site (
    scenario text NOT NULL REFERENCES carestair.legevakt_scenario (scenario) ON DELETE CASCADE,
    site_id  bigint NOT NULL REFERENCES carestair.site (site_id),
    PRIMARY KEY (scenario, site_id)
);
COMMENT ON TABLE carestair.legevakt_scenario_site IS 'Sites open in a scenario. See doc/legevakt.md.';
COMMENT ON COLUMN carestair.legevakt_scenario_site.scenario IS 'Scenario.';
COMMENT ON COLUMN carestair.legevakt_scenario_site.site_id IS 'An open site.';

CREATE TABLE carestair.legevakt_scenario_member (
    scenario text NOT NULL REFERENCES carestair.legevakt_scenario (scenario) ON DELETE CASCADE,
    region   text NOT NULL REFERENCES carestair.region (region),
    PRIMARY KEY (scenario, region)
);
COMMENT ON TABLE carestair.legevakt_scenario_member IS 'Member kommuner of a scenario (their inhabitants use its sites and they share its cost). See doc/legevakt.md.';
COMMENT ON COLUMN carestair.legevakt_scenario_member.scenario IS 'Scenario.';
COMMENT ON COLUMN carestair.legevakt_scenario_member.region IS 'Member kommune.';
SELECT pg_catalog.pg_extension_config_dump('carestair.legevakt_scenario', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.legevakt_scenario_site', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.legevakt_scenario_member', '');

CREATE TABLE carestair.legevakt_extra_demand (
    scenario text NOT NULL REFERENCES carestair.legevakt_scenario (scenario) ON DELETE CASCADE,
    point_id bigint NOT NULL REFERENCES carestair.demand_point (point_id),
    persons  numeric NOT NULL CONSTRAINT legevakt_extra_demand_persons CHECK (persons > 0),
    note     text,
    PRIMARY KEY (scenario, point_id)
);
COMMENT ON TABLE carestair.legevakt_extra_demand IS 'Extra users in a scenario who are not registered inhabitants (e.g. Forsvaret personnel at a base), placed at a demand point: they add contacts and travel, not population. See doc/legevakt.md.';
COMMENT ON COLUMN carestair.legevakt_extra_demand.scenario IS 'Scenario.';
COMMENT ON COLUMN carestair.legevakt_extra_demand.point_id IS 'Demand point where they live or work (its kommune gets their use).';
COMMENT ON COLUMN carestair.legevakt_extra_demand.persons IS 'Persons, counted like inhabitants for contacts.';
COMMENT ON COLUMN carestair.legevakt_extra_demand.note IS 'Where the number comes from.';
SELECT pg_catalog.pg_extension_config_dump('carestair.legevakt_extra_demand', '');

/*
 * compare_legevakt_scenarios: every scenario side by side, one row per
 * scenario and member kommune.  Each demand point of a member uses its
 * nearest open site (carestair.travel_time); contacts = (persons + the
 * scenario's extra, unregistered users at the point) x the
 * kommune's contact rate (legevakt_contact_rates) x exp(-decay_per_km x km); travel cost = contacts x
 * trips_per_contact x (km x km_rate + minutes / 60 x value_of_time);
 * call-outs = contacts x callout_share x 2 x (km x km_rate + minutes / 60 x
 * callout_cost_per_hour); the
 * operating cost (site.annual_fixed_cost, or the staffing model) minus the
 * contribution is shared by the scenario's key.
 */
CREATE FUNCTION carestair.compare_legevakt_scenarios(norm_minutes double precision DEFAULT 40)
RETURNS TABLE (scenario text, region text, persons numeric, persons_unreachable numeric,
               share_within_norm double precision, mean_minutes double precision, p90_minutes double precision,
               contacts numeric, operating_cost numeric, key_share numeric, operating_share numeric,
               travel_cost numeric, callout_cost numeric, total_cost numeric, cost_per_inhabitant numeric, travel_method text)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sc       record;
    open_ids bigint[];
    members  text[];
    opcost   numeric;
    par      jsonb;
BEGIN
    IF norm_minutes IS NULL OR NOT norm_minutes >= 0 THEN
        RAISE EXCEPTION 'invalid norm_minutes %', norm_minutes USING ERRCODE = 'invalid_parameter_value',
            HINT = 'E.g. 40 (NOU 2015:17 proposed 90 % of inhabitants within 40 minutes).';
    END IF;
    SELECT jsonb_object_agg(p.name, p.value) INTO par FROM carestair.legevakt_parameter_effective AS p;
    FOR sc IN SELECT * FROM carestair.legevakt_scenario AS s ORDER BY s.scenario LOOP
        SELECT array_agg(ss.site_id ORDER BY ss.site_id) INTO open_ids
          FROM carestair.legevakt_scenario_site AS ss WHERE ss.scenario = sc.scenario;
        SELECT array_agg(sm.region ORDER BY sm.region) INTO members
          FROM carestair.legevakt_scenario_member AS sm WHERE sm.scenario = sc.scenario;
        IF open_ids IS NULL OR members IS NULL THEN
            RAISE EXCEPTION 'scenario "%" has no open site or no member kommune', sc.scenario
                USING ERRCODE = 'no_data_found',
                      HINT = 'Add rows to carestair.legevakt_scenario_site and carestair.legevakt_scenario_member.';
        END IF;
        IF NOT EXISTS (SELECT FROM carestair.travel_time AS t WHERE t.site_id = ANY (open_ids)) THEN
            RAISE EXCEPTION 'no travel times for the sites of scenario "%"', sc.scenario
                USING ERRCODE = 'no_data_found', HINT = 'Run carestair.refresh_travel_times() first.';
        END IF;
        SELECT sum(coalesce(s.annual_fixed_cost,
                            (par->>'nurse_arsverk')::numeric * (par->>'nurse_cost')::numeric
                            + (par->>'doctor_cost')::numeric + (par->>'premises_cost')::numeric))
          INTO opcost FROM carestair.site AS s WHERE s.site_id = ANY (open_ids);
        IF sc.contribution > opcost THEN
            RAISE EXCEPTION 'contribution % of scenario "%" exceeds its operating cost %', sc.contribution, sc.scenario, opcost
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
        RETURN QUERY
        WITH rates AS (
            SELECT cr.region, cr.rate FROM carestair.legevakt_contact_rates(members) AS cr
        ), use AS (
            SELECT d.region, sum(d.persons) AS persons,
                   sum((d.persons + coalesce(x.persons, 0)) * rt.rate
                       * exp(-(par->>'decay_per_km')::numeric * n.km::numeric)) FILTER (WHERE n.km IS NOT NULL) AS contacts,
                   sum((d.persons + coalesce(x.persons, 0)) * rt.rate
                       * exp(-(par->>'decay_per_km')::numeric * n.km::numeric)
                       * (par->>'trips_per_contact')::numeric
                       * (n.km::numeric * (par->>'km_rate')::numeric
                          + n.minutes::numeric / 60 * (par->>'value_of_time')::numeric)) FILTER (WHERE n.km IS NOT NULL) AS travel,
                   sum((d.persons + coalesce(x.persons, 0)) * rt.rate
                       * exp(-(par->>'decay_per_km')::numeric * n.km::numeric)
                       * (par->>'callout_share')::numeric * 2
                       * (n.km::numeric * (par->>'km_rate')::numeric
                          + n.minutes::numeric / 60 * (par->>'callout_cost_per_hour')::numeric)) FILTER (WHERE n.km IS NOT NULL) AS callout,
                   string_agg(DISTINCT n.method, '; ' ORDER BY n.method) AS methods
              FROM carestair.demand_point AS d
              JOIN rates AS rt ON rt.region = d.region
              LEFT JOIN (SELECT e.point_id, sum(e.persons) AS persons FROM carestair.legevakt_extra_demand AS e
                          WHERE e.scenario = sc.scenario GROUP BY e.point_id) AS x ON x.point_id = d.point_id
              LEFT JOIN LATERAL (
                  SELECT t.minutes, t.km, t.method FROM carestair.travel_time AS t
                   WHERE t.point_id = d.point_id AND t.site_id = ANY (open_ids) AND t.minutes IS NOT NULL
                   ORDER BY t.minutes, t.site_id LIMIT 1) AS n ON true
             WHERE d.region = ANY (members)
             GROUP BY d.region
        ), cov AS (
            SELECT c.key AS region, c.persons_unreachable, c.share_within, c.mean_minutes, c.p90_minutes
              FROM carestair.legevakt_coverage(open_ids, ARRAY[norm_minutes], members) AS c
             WHERE c.level = 'kommune'
        ), keyed AS (
            SELECT k.region, k.share, k.amount
              FROM carestair.share_costs(opcost,
                     (SELECT array_agg(u.region ORDER BY u.region) FROM use AS u),
                     (SELECT array_agg(u.persons ORDER BY u.region) FROM use AS u),
                     (SELECT array_agg(coalesce(u.contacts, 0) ORDER BY u.region) FROM use AS u),
                     sc.equal_share, sc.population_share, sc.use_share, sc.contribution) AS k
        )
        SELECT sc.scenario, u.region, u.persons, cov.persons_unreachable, cov.share_within,
               cov.mean_minutes, cov.p90_minutes, round(coalesce(u.contacts, 0), 1), round(opcost),
               round(keyed.share, 6), round(keyed.amount), round(coalesce(u.travel, 0)), round(coalesce(u.callout, 0)),
               round(keyed.amount + coalesce(u.travel, 0) + coalesce(u.callout, 0)),
               round((keyed.amount + coalesce(u.travel, 0) + coalesce(u.callout, 0)) / nullif(u.persons, 0)), u.methods
          FROM use AS u JOIN cov ON cov.region = u.region JOIN keyed ON keyed.region = u.region
         ORDER BY u.region;
    END LOOP;
END
$$;
COMMENT ON FUNCTION carestair.compare_legevakt_scenarios(double precision) IS
  'All legevakt scenarios side by side, per scenario and member kommune: coverage within the norm, mean and 90th-percentile minutes, expected contacts, operating cost and each kommune''s share, patients'' travel cost, call-out cost, total and per inhabitant, and how travel times were computed. See doc/legevakt.md.';
