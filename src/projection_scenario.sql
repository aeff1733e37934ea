
-- ---------------------------------------------------------------------------
-- projection_scenario: the table-driven form of the projection.  Scenarios
-- are rows; their rates live in the canonical tables fertility, mortality and
-- migration (national rates under region '0000' stand in for kommuner that
-- have none); a run materialises a scenario into projection_result, which
-- documented views read.  See doc/projection.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.projection_scenario (
    scenario    text PRIMARY KEY
                CONSTRAINT projection_scenario_name_not_blank CHECK (btrim(scenario) <> ''),
    description text NOT NULL,
    assumptions jsonb NOT NULL DEFAULT '{}',
    base_year   integer NOT NULL
                CONSTRAINT projection_scenario_base_year_range CHECK (base_year BETWEEN 1800 AND 2200),
    last_year   integer NOT NULL
                CONSTRAINT projection_scenario_last_year_range CHECK (last_year BETWEEN base_year AND base_year + 200),
    sex_ratio   double precision NOT NULL DEFAULT 1.055
                CONSTRAINT projection_scenario_sex_ratio_positive CHECK (sex_ratio > 0::double precision AND sex_ratio < 'Infinity'),
    age0_migrant_exposure double precision NOT NULL DEFAULT 0.5
                CONSTRAINT projection_scenario_age0_share CHECK (age0_migrant_exposure BETWEEN 0::double precision AND 1::double precision),
    created_at  timestamptz NOT NULL DEFAULT pg_catalog.now()
);

COMMENT ON TABLE carestair.projection_scenario IS
  'Projection scenarios as data: name, description, assumptions, base year, horizon and birth/exposure parameters; rates in carestair.fertility, mortality, migration. See doc/projection.md.';
COMMENT ON COLUMN carestair.projection_scenario.scenario IS 'Scenario name, e.g. ''main''; the key of the rate and result tables.';
COMMENT ON COLUMN carestair.projection_scenario.description IS 'What the scenario is, in words a council can read.';
COMMENT ON COLUMN carestair.projection_scenario.assumptions IS 'The assumptions as data (e.g. base period of the rate estimates, sources), free-form JSON.';
COMMENT ON COLUMN carestair.projection_scenario.base_year IS 'Year of the 1 January population (carestair.population) the projection starts from.';
COMMENT ON COLUMN carestair.projection_scenario.last_year IS 'Default horizon: the last 1 January projected.';
COMMENT ON COLUMN carestair.projection_scenario.sex_ratio IS 'Boys per girl at birth (default 1.055).';
COMMENT ON COLUMN carestair.projection_scenario.age0_migrant_exposure IS 'Share of the year age-0 migrants are exposed to mortality (default 0.5; the Swiss FSO uses 2/3).';
COMMENT ON COLUMN carestair.projection_scenario.created_at IS 'When the scenario row was created.';

CREATE TABLE carestair.fertility (
    scenario text NOT NULL REFERENCES carestair.projection_scenario (scenario) ON UPDATE CASCADE ON DELETE CASCADE,
    region   text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year     integer NOT NULL,
    age      smallint NOT NULL
             CONSTRAINT fertility_age_range CHECK (age BETWEEN 1 AND 150),
    rate     double precision NOT NULL
             CONSTRAINT fertility_rate_range CHECK (rate >= 0::double precision AND rate < 'Infinity'),
    source   text,
    PRIMARY KEY (scenario, region, year, age)
);

COMMENT ON TABLE carestair.fertility IS
  'Fertility rates by scenario, region, calendar year and mother''s age at the end of the year; region ''0000'' (Norway) serves kommuner without rows. See doc/projection.md.';
COMMENT ON COLUMN carestair.fertility.scenario IS 'Scenario (carestair.projection_scenario).';
COMMENT ON COLUMN carestair.fertility.region IS 'Kommunenummer, or ''0000'' for the national rates used where a kommune has none.';
COMMENT ON COLUMN carestair.fertility.year IS 'Calendar year the rate applies to; later years without rows reuse it.';
COMMENT ON COLUMN carestair.fertility.age IS 'Mother''s age at the end of the year; ages without a row have rate 0.';
COMMENT ON COLUMN carestair.fertility.rate IS 'Live births per woman in the year.';
COMMENT ON COLUMN carestair.fertility.source IS 'How the rate was made, e.g. the estimator call.';

CREATE TABLE carestair.mortality (
    scenario text NOT NULL REFERENCES carestair.projection_scenario (scenario) ON UPDATE CASCADE ON DELETE CASCADE,
    region   text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year     integer NOT NULL,
    sex      smallint NOT NULL
             CONSTRAINT mortality_sex_is_1_or_2 CHECK (sex IN (1, 2)),
    age      smallint NOT NULL
             CONSTRAINT mortality_age_range CHECK (age BETWEEN 0 AND 150),
    q        double precision NOT NULL
             CONSTRAINT mortality_q_is_probability CHECK (q BETWEEN 0::double precision AND 1::double precision),
    source   text,
    PRIMARY KEY (scenario, region, year, sex, age)
);

COMMENT ON TABLE carestair.mortality IS
  'Probabilities of dying by scenario, region, calendar year, sex and age at the end of the year; region ''0000'' (Norway) serves kommuner without rows. See doc/projection.md.';
COMMENT ON COLUMN carestair.mortality.scenario IS 'Scenario (carestair.projection_scenario).';
COMMENT ON COLUMN carestair.mortality.region IS 'Kommunenummer, or ''0000'' for the national rates used where a kommune has none.';
COMMENT ON COLUMN carestair.mortality.year IS 'Calendar year; later years without rows reuse it.';
COMMENT ON COLUMN carestair.mortality.sex IS 'SSB sex code: 1 male, 2 female.';
COMMENT ON COLUMN carestair.mortality.age IS 'Age at the end of the year (the open group at its lower bound).';
COMMENT ON COLUMN carestair.mortality.q IS 'Probability of dying within the year for a member of the cohort''s start stock.';
COMMENT ON COLUMN carestair.mortality.source IS 'How the rate was made, e.g. the estimator call.';

CREATE TABLE carestair.migration (
    scenario        text NOT NULL REFERENCES carestair.projection_scenario (scenario) ON UPDATE CASCADE ON DELETE CASCADE,
    region          text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year            integer NOT NULL,
    sex             smallint NOT NULL
                    CONSTRAINT migration_sex_is_1_or_2 CHECK (sex IN (1, 2)),
    age             smallint NOT NULL
                    CONSTRAINT migration_age_range CHECK (age BETWEEN 0 AND 150),
    immigrants      double precision NOT NULL
                    CONSTRAINT migration_immigrants_range CHECK (immigrants >= 0::double precision AND immigrants < 'Infinity'),
    emigration_rate double precision NOT NULL
                    CONSTRAINT migration_emigration_rate_range CHECK (emigration_rate BETWEEN 0::double precision AND 1::double precision),
    source          text,
    PRIMARY KEY (scenario, region, year, sex, age)
);

COMMENT ON TABLE carestair.migration IS
  'Migration by scenario, region, calendar year, sex and age at the end of the year: immigrant counts and out-migration rates; region ''0000'' serves kommuner without rows. See doc/projection.md.';
COMMENT ON COLUMN carestair.migration.scenario IS 'Scenario (carestair.projection_scenario).';
COMMENT ON COLUMN carestair.migration.region IS 'Kommunenummer, or ''0000'' for rows used where a kommune has none.';
COMMENT ON COLUMN carestair.migration.year IS 'Calendar year; later years without rows reuse it.';
COMMENT ON COLUMN carestair.migration.sex IS 'SSB sex code: 1 male, 2 female.';
COMMENT ON COLUMN carestair.migration.age IS 'Age at the end of the year.';
COMMENT ON COLUMN carestair.migration.immigrants IS 'In-migrants (from other kommuner and abroad) during the year, persons.';
COMMENT ON COLUMN carestair.migration.emigration_rate IS 'Out-migrants (to other kommuner and abroad) per person of the cohort''s start stock.';
COMMENT ON COLUMN carestair.migration.source IS 'How the numbers were made, e.g. the estimator call.';

CREATE TABLE carestair.projection_run (
    scenario  text PRIMARY KEY REFERENCES carestair.projection_scenario (scenario) ON UPDATE CASCADE ON DELETE CASCADE,
    regions   text[] NOT NULL,
    base_year integer NOT NULL,
    last_year integer NOT NULL,
    row_count bigint NOT NULL,
    run_at    timestamptz NOT NULL DEFAULT pg_catalog.now()
);

COMMENT ON TABLE carestair.projection_run IS
  'The latest materialised run of each scenario (carestair.run_projection_scenario). See doc/projection.md.';
COMMENT ON COLUMN carestair.projection_run.scenario IS 'Scenario.';
COMMENT ON COLUMN carestair.projection_run.regions IS 'Regions projected.';
COMMENT ON COLUMN carestair.projection_run.base_year IS 'Base year (1 January).';
COMMENT ON COLUMN carestair.projection_run.last_year IS 'Last 1 January projected.';
COMMENT ON COLUMN carestair.projection_run.row_count IS 'Rows written to carestair.projection_result.';
COMMENT ON COLUMN carestair.projection_run.run_at IS 'When the run finished (transaction time).';

CREATE TABLE carestair.projection_result (
    scenario   text NOT NULL REFERENCES carestair.projection_run (scenario) ON UPDATE CASCADE ON DELETE CASCADE,
    region     text NOT NULL,
    year       integer NOT NULL,
    sex        smallint NOT NULL,
    age        smallint NOT NULL,
    persons    double precision NOT NULL,
    deaths     double precision NOT NULL,
    emigrants  double precision NOT NULL,
    immigrants double precision NOT NULL,
    PRIMARY KEY (scenario, region, year, sex, age)
);

COMMENT ON TABLE carestair.projection_result IS
  'Materialised projections: carestair.project_population rows per scenario (see carestair.run_projection_scenario). See doc/projection.md.';
COMMENT ON COLUMN carestair.projection_result.scenario IS 'Scenario.';
COMMENT ON COLUMN carestair.projection_result.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.projection_result.year IS 'The 1 January the persons refer to; events are those of the year before.';
COMMENT ON COLUMN carestair.projection_result.sex IS 'SSB sex code: 1 male, 2 female.';
COMMENT ON COLUMN carestair.projection_result.age IS 'Age on 1 January (cohort age at the end of the year before); the highest age is the open group.';
COMMENT ON COLUMN carestair.projection_result.persons IS 'Projected persons on 1 January.';
COMMENT ON COLUMN carestair.projection_result.deaths IS 'Deaths of the cohort during the year before.';
COMMENT ON COLUMN carestair.projection_result.emigrants IS 'Out-migrants of the cohort during the year before.';
COMMENT ON COLUMN carestair.projection_result.immigrants IS 'In-migrants of the cohort during the year before.';

CREATE TABLE carestair.age_grouping (
    scheme   text NOT NULL,
    age_from smallint NOT NULL
             CONSTRAINT age_grouping_age_from_range CHECK (age_from BETWEEN 0 AND 150),
    age_to   smallint
             CONSTRAINT age_grouping_age_to_after_from CHECK (age_to >= age_from),
    label    text NOT NULL,
    builtin  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (scheme, age_from)
);

COMMENT ON TABLE carestair.age_grouping IS
  'Configurable age groups for the projection views: one row per group (age_to NULL = open). Built in: ''care'' (0-5, 6-15, 16-66, 67-79, 80-89, 90+) and ''broad'' (0-19, 20-66, 67+). See doc/projection.md.';
COMMENT ON COLUMN carestair.age_grouping.scheme IS 'Name of the grouping scheme, e.g. ''care''.';
COMMENT ON COLUMN carestair.age_grouping.age_from IS 'First age of the group.';
COMMENT ON COLUMN carestair.age_grouping.age_to IS 'Last age of the group; NULL for an open group.';
COMMENT ON COLUMN carestair.age_grouping.label IS 'Label shown, e.g. ''80-89''.';
COMMENT ON COLUMN carestair.age_grouping.builtin IS 'True for rows shipped with the extension.';

INSERT INTO carestair.age_grouping (scheme, age_from, age_to, label, builtin) VALUES
  ('care', 0, 5, '0-5', true), ('care', 6, 15, '6-15', true), ('care', 16, 66, '16-66', true),
  ('care', 67, 79, '67-79', true), ('care', 80, 89, '80-89', true), ('care', 90, NULL, '90+', true),
  ('broad', 0, 19, '0-19', true), ('broad', 20, 66, '20-66', true), ('broad', 67, NULL, '67+', true);

SELECT pg_catalog.pg_extension_config_dump('carestair.projection_scenario', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.fertility', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.mortality', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.migration', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.projection_run', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.projection_result', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.age_grouping', 'WHERE NOT builtin');

/*
 * _scenario(scenario): the scenario's row, or an error naming it.  Internal.
 */
CREATE FUNCTION carestair._scenario(scenario text)
RETURNS carestair.projection_scenario
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s carestair.projection_scenario;
BEGIN
    SELECT * INTO s FROM carestair.projection_scenario AS p WHERE p.scenario = _scenario.scenario;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown scenario "%"', scenario
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Scenarios are rows of carestair.projection_scenario.',
                  HINT = 'Insert the scenario first, or pick one of: ' ||
                         coalesce((SELECT string_agg(p.scenario, ', ' ORDER BY p.scenario) FROM carestair.projection_scenario AS p), '(none yet)') || '.';
    END IF;
    RETURN s;
END
$$;

COMMENT ON FUNCTION carestair._scenario(text) IS 'Internal: the projection_scenario row of a scenario, or an error.';

/*
 * _scenario_rates_sql(tab, cols, scenario, regions): the inner query that
 * reads carestair.<tab> for the scenario and regions, each region taking its
 * own rows if it has any in that table and the national ('0000') rows
 * otherwise.  Identifiers are fixed by the callers; values are quoted with
 * %L.  Internal.
 */
CREATE FUNCTION carestair._scenario_rates_sql(tab text, cols text, scenario text, regions text[])
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.format(
        'SELECT r.region, %s FROM pg_catalog.unnest(%L::text[]) AS r (region) '
        'JOIN carestair.%I AS t ON t.scenario OPERATOR(pg_catalog.=) %L '
        'AND t.region OPERATOR(pg_catalog.=) CASE WHEN EXISTS (SELECT FROM carestair.%I AS x '
        'WHERE x.scenario OPERATOR(pg_catalog.=) %L AND x.region OPERATOR(pg_catalog.=) r.region) '
        'THEN r.region ELSE ''0000'' END',
        cols, regions, tab, scenario, tab, scenario);
END;

COMMENT ON FUNCTION carestair._scenario_rates_sql(text, text, text, text[]) IS 'Internal: inner query over a canonical rate table with the national fall-back.';

/*
 * _scenario_regions(s, regions): the regions to project (all regions with a
 * base-year population when NULL), each checked to have one.  Internal.
 */
CREATE FUNCTION carestair._scenario_regions(s carestair.projection_scenario, regions text[])
RETURNS text[]
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    missing text;
BEGIN
    IF regions IS NULL THEN
        regions := ARRAY(SELECT DISTINCT p.region FROM carestair.population AS p
                          WHERE p.year = s.base_year ORDER BY p.region);
    END IF;
    IF cardinality(regions) = 0 THEN
        RAISE EXCEPTION 'no regions to project for scenario "%"', s.scenario
            USING ERRCODE = 'no_data_found',
                  DETAIL = pg_catalog.format('carestair.population has no rows for the base year %s, or the regions array is empty.', s.base_year),
                  HINT = 'Load the base-year population (data/load.sql, carestair.import_ssb_population) or pass regions.';
    END IF;
    SELECT r INTO missing FROM pg_catalog.unnest(regions) AS r
     WHERE r IS NULL OR NOT EXISTS (SELECT FROM carestair.population AS p WHERE p.region = r AND p.year = s.base_year)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'no population for region % in the base year % of scenario "%"', coalesce(missing, 'NULL'), s.base_year, s.scenario
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'The table-driven projection starts from carestair.population on 1 January of the scenario''s base year.',
                  HINT = 'Load that year for the region, or leave it out of regions.';
    END IF;
    RETURN regions;
END
$$;

COMMENT ON FUNCTION carestair._scenario_regions(carestair.projection_scenario, text[]) IS 'Internal: the checked list of regions a scenario run projects.';

/*
 * project_population(scenario, regions, last_year): the table-driven form.
 */
CREATE FUNCTION carestair.project_population(scenario text, regions text[] DEFAULT NULL, last_year integer DEFAULT NULL)
RETURNS TABLE (region text, year integer, sex integer, age integer,
               persons double precision, deaths double precision,
               emigrants double precision, immigrants double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s carestair.projection_scenario := carestair._scenario(scenario);
    r text[] := carestair._scenario_regions(s, regions);
BEGIN
    RETURN QUERY
    SELECT * FROM carestair.project_population(
        pg_catalog.format('SELECT p.region, p.year, p.sex, p.age, p.persons FROM carestair.population AS p '
                          'WHERE p.year OPERATOR(pg_catalog.=) %s AND p.region OPERATOR(pg_catalog.=) ANY (%L::text[])',
                          s.base_year, r),
        carestair._scenario_rates_sql('fertility', 't.year, t.age, t.rate', s.scenario, r),
        carestair._scenario_rates_sql('mortality', 't.year, t.sex, t.age, t.q', s.scenario, r),
        carestair._scenario_rates_sql('migration', 't.year, t.sex, t.age, t.immigrants, t.emigration_rate', s.scenario, r),
        coalesce(last_year, s.last_year), s.sex_ratio, s.age0_migrant_exposure);
END
$$;

COMMENT ON FUNCTION carestair.project_population(text, text[], integer) IS
  'Table-driven projection of a scenario (carestair.projection_scenario) for the given regions (NULL: all with a base-year population) to last_year (NULL: the scenario''s); kommuner without rates use region ''0000''. See doc/projection.md.';

/*
 * run_projection_scenario(scenario, regions, last_year): materialise a
 * scenario into carestair.projection_result, replacing its previous run.
 */
CREATE FUNCTION carestair.run_projection_scenario(scenario text, regions text[] DEFAULT NULL, last_year integer DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s carestair.projection_scenario := carestair._scenario(scenario);
    r text[] := carestair._scenario_regions(s, regions);
    ly integer := coalesce(last_year, s.last_year);
    n bigint;
BEGIN
    PERFORM carestair._serialise('scenario:' || run_projection_scenario.scenario);   -- concurrent calls wait, not collide
    DELETE FROM carestair.projection_run AS x WHERE x.scenario = s.scenario;
    INSERT INTO carestair.projection_run (scenario, regions, base_year, last_year, row_count)
    VALUES (s.scenario, r, s.base_year, ly, 0);
    INSERT INTO carestair.projection_result (scenario, region, year, sex, age, persons, deaths, emigrants, immigrants)
    SELECT s.scenario, p.region, p.year, p.sex, p.age, p.persons, p.deaths, p.emigrants, p.immigrants
      FROM carestair.project_population(s.scenario, r, ly) AS p;
    GET DIAGNOSTICS n = ROW_COUNT;
    UPDATE carestair.projection_run AS x SET row_count = n WHERE x.scenario = s.scenario;
    RETURN n;
END
$$;

COMMENT ON FUNCTION carestair.run_projection_scenario(text, text[], integer) IS
  'Materialise a scenario''s projection into carestair.projection_result (replacing its previous run) and record it in carestair.projection_run; returns the row count. See doc/projection.md.';

-- ---------------------------------------------------------------------------
-- Views over the materialised runs (plain types, for dashboards).
-- ---------------------------------------------------------------------------

CREATE VIEW carestair.projection_population AS
SELECT r.scenario, r.region, r.year, r.sex, r.age, r.persons, true AS is_projected
  FROM carestair.projection_result AS r
UNION ALL
SELECT u.scenario, p.region, p.year, p.sex, p.age, p.persons::double precision, false
  FROM carestair.projection_run AS u
  JOIN carestair.population AS p
    ON p.year = u.base_year AND p.region = ANY (u.regions);

COMMENT ON VIEW carestair.projection_population IS
  'Each run scenario''s population by region, year, sex and age: the observed base year (is_projected false) followed by the projected years. See doc/projection.md.';
COMMENT ON COLUMN carestair.projection_population.scenario IS 'Scenario.';
COMMENT ON COLUMN carestair.projection_population.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.projection_population.year IS '1 January of the year.';
COMMENT ON COLUMN carestair.projection_population.sex IS 'SSB sex code: 1 male, 2 female.';
COMMENT ON COLUMN carestair.projection_population.age IS 'Age on 1 January; the highest is the open group.';
COMMENT ON COLUMN carestair.projection_population.persons IS 'Persons (unrounded).';
COMMENT ON COLUMN carestair.projection_population.is_projected IS 'False for the observed base year, true for projected years.';

CREATE VIEW carestair.projection_totals AS
SELECT p.scenario, p.region, p.year,
       round(sum(p.persons)::numeric, 1) AS persons,
       round(sum(r.persons + r.deaths + r.emigrants - r.immigrants) FILTER (WHERE r.age = 0)::numeric, 1) AS births,
       round(sum(r.deaths)::numeric, 1) AS deaths,
       round(sum(r.immigrants)::numeric, 1) AS immigrants,
       round(sum(r.emigrants)::numeric, 1) AS emigrants,
       round(sum(r.immigrants - r.emigrants)::numeric, 1) AS net_migration,
       bool_or(p.is_projected) AS is_projected
  FROM carestair.projection_population AS p
  LEFT JOIN carestair.projection_result AS r
    ON r.scenario = p.scenario AND r.region = p.region AND r.year = p.year AND r.sex = p.sex AND r.age = p.age
 GROUP BY p.scenario, p.region, p.year;

COMMENT ON VIEW carestair.projection_totals IS
  'Each run scenario''s totals by region and year: persons on 1 January and the births, deaths and migration of the year before (NULL for the base year). See doc/projection.md.';
COMMENT ON COLUMN carestair.projection_totals.scenario IS 'Scenario.';
COMMENT ON COLUMN carestair.projection_totals.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.projection_totals.year IS '1 January of the year.';
COMMENT ON COLUMN carestair.projection_totals.persons IS 'Persons, rounded to 0.1.';
COMMENT ON COLUMN carestair.projection_totals.births IS 'Births during the year before (start stock of the age-0 cohorts).';
COMMENT ON COLUMN carestair.projection_totals.deaths IS 'Deaths during the year before.';
COMMENT ON COLUMN carestair.projection_totals.immigrants IS 'In-migrants during the year before.';
COMMENT ON COLUMN carestair.projection_totals.emigrants IS 'Out-migrants during the year before.';
COMMENT ON COLUMN carestair.projection_totals.net_migration IS 'In-migrants minus out-migrants during the year before.';
COMMENT ON COLUMN carestair.projection_totals.is_projected IS 'False for the observed base year.';

CREATE VIEW carestair.projection_age_groups AS
SELECT p.scenario, p.region, p.year, g.scheme, g.label AS age_group, g.age_from, g.age_to,
       round(sum(p.persons)::numeric, 1) AS persons
  FROM carestair.projection_population AS p
  JOIN carestair.age_grouping AS g
    ON p.age >= g.age_from AND (g.age_to IS NULL OR p.age <= g.age_to)
 GROUP BY p.scenario, p.region, p.year, g.scheme, g.label, g.age_from, g.age_to;

COMMENT ON VIEW carestair.projection_age_groups IS
  'Each run scenario''s persons by region, year and age group of every grouping in carestair.age_grouping (e.g. ''care'': 0-5 ... 90+). See doc/projection.md.';
COMMENT ON COLUMN carestair.projection_age_groups.scenario IS 'Scenario.';
COMMENT ON COLUMN carestair.projection_age_groups.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.projection_age_groups.year IS '1 January of the year.';
COMMENT ON COLUMN carestair.projection_age_groups.scheme IS 'Grouping scheme (carestair.age_grouping).';
COMMENT ON COLUMN carestair.projection_age_groups.age_group IS 'Group label.';
COMMENT ON COLUMN carestair.projection_age_groups.age_from IS 'First age of the group.';
COMMENT ON COLUMN carestair.projection_age_groups.age_to IS 'Last age of the group; NULL if open.';
COMMENT ON COLUMN carestair.projection_age_groups.persons IS 'Persons, rounded to 0.1.';

CREATE VIEW carestair.projection_indicators AS
WITH y AS (
    SELECT p.scenario, p.region, p.year,
           sum(p.persons) AS persons,
           sum(p.persons) FILTER (WHERE p.age BETWEEN 20 AND 66) AS p20_66,
           sum(p.persons) FILTER (WHERE p.age >= 67) AS p67,
           sum(p.persons) FILTER (WHERE p.age >= 80) AS p80,
           sum(p.persons) FILTER (WHERE p.age >= 90) AS p90
      FROM carestair.projection_population AS p
     GROUP BY p.scenario, p.region, p.year)
SELECT y.scenario, y.region, y.year,
       round(y.persons::numeric, 1) AS persons,
       round(y.p67::numeric, 1) AS persons_67_plus,
       round(y.p80::numeric, 1) AS persons_80_plus,
       round(y.p90::numeric, 1) AS persons_90_plus,
       round((y.p67 / nullif(y.p20_66, 0::double precision))::numeric, 4) AS old_age_dependency_ratio,
       round((100::double precision * y.p80 / nullif(b.p80, 0::double precision))::numeric, 1) AS index_80_plus,
       round((100::double precision * y.p90 / nullif(b.p90, 0::double precision))::numeric, 1) AS index_90_plus
  FROM y
  JOIN carestair.projection_run AS u ON u.scenario = y.scenario
  JOIN y AS b ON b.scenario = y.scenario AND b.region = y.region AND b.year = u.base_year;

COMMENT ON VIEW carestair.projection_indicators IS
  'Each run scenario''s indicators by region and year: persons 67+, 80+, 90+, old-age dependency ratio (67+ per person aged 20-66) and the 80+ and 90+ indices (base year = 100). See doc/projection.md.';
COMMENT ON COLUMN carestair.projection_indicators.scenario IS 'Scenario.';
COMMENT ON COLUMN carestair.projection_indicators.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.projection_indicators.year IS '1 January of the year.';
COMMENT ON COLUMN carestair.projection_indicators.persons IS 'All persons.';
COMMENT ON COLUMN carestair.projection_indicators.persons_67_plus IS 'Persons aged 67 or over.';
COMMENT ON COLUMN carestair.projection_indicators.persons_80_plus IS 'Persons aged 80 or over.';
COMMENT ON COLUMN carestair.projection_indicators.persons_90_plus IS 'Persons aged 90 or over.';
COMMENT ON COLUMN carestair.projection_indicators.old_age_dependency_ratio IS 'Persons 67+ per person aged 20-66 (multiply by 100 for per hundred).';
COMMENT ON COLUMN carestair.projection_indicators.index_80_plus IS 'Persons 80+ as an index, base year = 100.';
COMMENT ON COLUMN carestair.projection_indicators.index_90_plus IS 'Persons 90+ as an index, base year = 100.';

/*
 * _require_age_scheme(scheme): error unless carestair.age_grouping has it.
 * Internal.
 */
CREATE FUNCTION carestair._require_age_scheme(scheme text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF scheme IS NULL OR NOT EXISTS (SELECT FROM carestair.age_grouping AS g WHERE g.scheme = _require_age_scheme.scheme) THEN
        RAISE EXCEPTION 'unknown age grouping scheme "%"', scheme
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Age grouping schemes are rows of carestair.age_grouping.',
                  HINT = 'Use ''care'' or ''broad'', or insert your own grouping.';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._require_age_scheme(text) IS 'Internal: error unless an age grouping scheme exists.';

/*
 * compare_scenarios(a, b, grouping): two run scenarios side by side by
 * region, year and age group.
 */
CREATE FUNCTION carestair.compare_scenarios(scenario_a text, scenario_b text, age_scheme text DEFAULT 'care')
RETURNS TABLE (region text, year integer, age_group text, age_from smallint,
               persons_a numeric, persons_b numeric, difference numeric, pct_difference numeric)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sc text;
BEGIN
    FOREACH sc IN ARRAY ARRAY[scenario_a, scenario_b] LOOP
        PERFORM carestair._scenario(sc);
        IF NOT EXISTS (SELECT FROM carestair.projection_run AS u WHERE u.scenario = sc) THEN
            RAISE EXCEPTION 'scenario "%" has not been run', sc
                USING ERRCODE = 'no_data_found',
                      DETAIL = 'compare_scenarios reads the materialised results in carestair.projection_result.',
                      HINT = pg_catalog.format('Run SELECT carestair.run_projection_scenario(%L) first.', sc);
        END IF;
    END LOOP;
    PERFORM carestair._require_age_scheme(age_scheme);
    RETURN QUERY
    SELECT coalesce(a.region, b.region), coalesce(a.year, b.year), coalesce(a.age_group, b.age_group),
           coalesce(a.age_from, b.age_from), a.persons, b.persons, b.persons - a.persons,
           round(100 * (b.persons - a.persons) / nullif(a.persons, 0), 2)
      FROM (SELECT * FROM carestair.projection_age_groups AS g WHERE g.scenario = scenario_a AND g.scheme = compare_scenarios.age_scheme) AS a
      FULL JOIN (SELECT * FROM carestair.projection_age_groups AS g WHERE g.scenario = scenario_b AND g.scheme = compare_scenarios.age_scheme) AS b
        ON a.region = b.region AND a.year = b.year AND a.age_from = b.age_from
     ORDER BY 1, 2, 4;
END
$$;

COMMENT ON FUNCTION carestair.compare_scenarios(text, text, text) IS
  'Two run scenarios side by side by region, year and age group (scheme from carestair.age_grouping): persons in each, difference (b - a) and per cent. See doc/projection.md.';
