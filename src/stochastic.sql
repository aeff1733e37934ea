
-- ---------------------------------------------------------------------------
-- stochastic: prediction intervals by Monte Carlo over the cohort-component
-- kernel (src/stochastic.c, src/stochastic_kernel.c).  Time-series
-- parameters per scenario; per-region draws computed in parallel workers.
-- See doc/stochastic.md.
-- ---------------------------------------------------------------------------

-- Where the shipped defaults come from (carestair.estimate_stochastic_parameters
-- on the bundled HMD and SSB files, src/stochastic_estimate.sql).
CREATE FUNCTION carestair._stochastic_estimated_source()
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 'carestair defaults: carestair.estimate_stochastic_parameters on HMD Norway 1970-2023 (births, population, Mx; Lee-Carter index) and SSB 07459 1990-2025 (net migration), rounded; drift not applied (doc/stochastic.md)';

COMMENT ON FUNCTION carestair._stochastic_estimated_source() IS 'Internal: the source text of the shipped (estimated) stochastic defaults. See doc/stochastic.md.';

CREATE TABLE carestair.stochastic_parameters (
    scenario          text PRIMARY KEY REFERENCES carestair.projection_scenario (scenario) ON UPDATE CASCADE ON DELETE CASCADE,
    fertility_sd      double precision NOT NULL DEFAULT 0.0273
                      CONSTRAINT stochastic_parameters_fertility_sd_range CHECK (fertility_sd BETWEEN 0::double precision AND 10::double precision),
    fertility_ar      double precision NOT NULL DEFAULT 0.947
                      CONSTRAINT stochastic_parameters_fertility_ar_range CHECK (fertility_ar BETWEEN -1::double precision AND 1::double precision),
    mortality_drift   double precision NOT NULL DEFAULT 0
                      CONSTRAINT stochastic_parameters_mortality_drift_range CHECK (mortality_drift BETWEEN -1::double precision AND 1::double precision),
    mortality_sd      double precision NOT NULL DEFAULT 0.0363
                      CONSTRAINT stochastic_parameters_mortality_sd_range CHECK (mortality_sd BETWEEN 0::double precision AND 10::double precision),
    immigration_sd    double precision NOT NULL DEFAULT 0.368
                      CONSTRAINT stochastic_parameters_immigration_sd_range CHECK (immigration_sd BETWEEN 0::double precision AND 10::double precision),
    immigration_ar    double precision NOT NULL DEFAULT 0.768
                      CONSTRAINT stochastic_parameters_immigration_ar_range CHECK (immigration_ar BETWEEN -1::double precision AND 1::double precision),
    emigration_sd     double precision NOT NULL DEFAULT 0
                      CONSTRAINT stochastic_parameters_emigration_sd_range CHECK (emigration_sd BETWEEN 0::double precision AND 10::double precision),
    emigration_ar     double precision NOT NULL DEFAULT 0.768
                      CONSTRAINT stochastic_parameters_emigration_ar_range CHECK (emigration_ar BETWEEN -1::double precision AND 1::double precision),
    demographic_noise boolean NOT NULL DEFAULT true,
    source            text NOT NULL DEFAULT carestair._stochastic_estimated_source()
);

COMMENT ON TABLE carestair.stochastic_parameters IS
  'Time-series parameters of the stochastic projection per scenario (a row with only the scenario takes the documented defaults). See doc/stochastic.md.';
COMMENT ON COLUMN carestair.stochastic_parameters.scenario IS 'Scenario (carestair.projection_scenario) whose rates are the median path.';
COMMENT ON COLUMN carestair.stochastic_parameters.fertility_sd IS 'Yearly innovation sd of the log fertility level (AR(1)); default 0.0273 (estimated, doc/stochastic.md).';
COMMENT ON COLUMN carestair.stochastic_parameters.fertility_ar IS 'AR(1) coefficient of the log fertility level; default 0.947 (estimated).';
COMMENT ON COLUMN carestair.stochastic_parameters.mortality_drift IS 'Drift per year of the mortality index k (q scaled by exp(k)); default 0: the scenario''s q are the median path.';
COMMENT ON COLUMN carestair.stochastic_parameters.mortality_sd IS 'Yearly innovation sd of the mortality index k (random walk); default 0.0363 (estimated).';
COMMENT ON COLUMN carestair.stochastic_parameters.immigration_sd IS 'Yearly innovation sd of the log immigration level (AR(1)); default 0.368 (estimated from net migration).';
COMMENT ON COLUMN carestair.stochastic_parameters.immigration_ar IS 'AR(1) coefficient of the log immigration level; default 0.768 (estimated).';
COMMENT ON COLUMN carestair.stochastic_parameters.emigration_sd IS 'Yearly innovation sd of the log emigration level (AR(1)); default 0 (net migration history puts its variation on the immigration level).';
COMMENT ON COLUMN carestair.stochastic_parameters.emigration_ar IS 'AR(1) coefficient of the log emigration level; default 0.768.';
COMMENT ON COLUMN carestair.stochastic_parameters.demographic_noise IS 'Draw event counts (binomial deaths and emigrants, Poisson immigrants and births) around their expected values; default true.';
COMMENT ON COLUMN carestair.stochastic_parameters.source IS 'Where the parameters come from.';

SELECT pg_catalog.pg_extension_config_dump('carestair.stochastic_parameters', '');

-- The regions are the unit of parallel work.  A parallel scan hands out
-- whole heap pages, and the region register packs ~150 regions per page, so
-- scanning it would give one process most of the country.  The scan runs
-- instead over carestair._parallel_slot, one row per page (fillfactor 10 and
-- a 1 kB pad), and slot k takes regions k, k + slots, k + 2 slots, ... of
-- the run: the processes take regions a few at a time until none are left.
CREATE FUNCTION carestair._parallel_slots()
RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 256;

COMMENT ON FUNCTION carestair._parallel_slots() IS 'Internal: the number of rows (pages) of carestair._parallel_slot.';

CREATE TABLE carestair._parallel_slot (
    slot integer PRIMARY KEY,
    pad  text NOT NULL
) WITH (fillfactor = 10, parallel_workers = 4, autovacuum_enabled = false);
ALTER TABLE carestair._parallel_slot ALTER COLUMN pad SET STORAGE PLAIN;

INSERT INTO carestair._parallel_slot
SELECT k, pg_catalog.repeat('-', 1000) FROM pg_catalog.generate_series(1, carestair._parallel_slots()) AS k;

COMMENT ON TABLE carestair._parallel_slot IS
  'Internal: one row per heap page, scanned in parallel to hand the regions of a stochastic run to the processes a few at a time (the table is small, so the planner needs the worker count stated; max_parallel_workers_per_gather still caps it). See doc/stochastic.md.';
COMMENT ON COLUMN carestair._parallel_slot.slot IS 'Slot k takes the regions k, k + slots, k + 2 slots, ... of a run.';
COMMENT ON COLUMN carestair._parallel_slot.pad IS 'Filler that keeps each row on a page of its own.';

CREATE FUNCTION carestair._stochastic_region(
    region text, population double precision[], base_year integer, last_year integer,
    fertility_years integer[], fertility double precision[],
    mortality_years integer[], mortality double precision[],
    migration_years integer[], immigrants double precision[], emigration_rates double precision[],
    sex_ratio double precision, age0_migrant_exposure double precision,
    parameters carestair.stochastic_parameters, draws integer, seed bigint,
    quantiles double precision[], group_from integer[], group_to integer[])
RETURNS TABLE (year integer, sex integer, age_group integer, mean double precision,
               quantile_values double precision[])
AS 'MODULE_PATHNAME', 'carestair_stochastic_region'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 1000000 ROWS 500;

COMMENT ON FUNCTION carestair._stochastic_region(text, double precision[], integer, integer, integer[], double precision[], integer[], double precision[], integer[], double precision[], double precision[], double precision, double precision, carestair.stochastic_parameters, integer, bigint, double precision[], integer[], integer[]) IS
  'Internal: the draws of one region from arrays, reduced to mean and quantiles per year, sex (NULL: both) and age group (0: all ages). See doc/stochastic.md.';

CREATE FUNCTION carestair._stochastic_region_draws(
    region text, population double precision[], base_year integer, last_year integer,
    fertility_years integer[], fertility double precision[],
    mortality_years integer[], mortality double precision[],
    migration_years integer[], immigrants double precision[], emigration_rates double precision[],
    sex_ratio double precision, age0_migrant_exposure double precision,
    parameters carestair.stochastic_parameters, draws integer, seed bigint)
RETURNS TABLE (draw integer, year integer, sex integer, age integer, persons double precision)
AS 'MODULE_PATHNAME', 'carestair_stochastic_region_draws'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
COST 1000000 ROWS 100000;

COMMENT ON FUNCTION carestair._stochastic_region_draws(text, double precision[], integer, integer, integer[], double precision[], integer[], double precision[], integer[], double precision[], double precision[], double precision, double precision, carestair.stochastic_parameters, integer, bigint) IS
  'Internal: every draw of one region from arrays, by year, sex and single-year age. See doc/stochastic.md.';

/*
 * _stochastic_params(scenario): the scenario's parameters, or an error.
 * Internal.
 */
CREATE FUNCTION carestair._stochastic_params(scenario text)
RETURNS carestair.stochastic_parameters
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    p carestair.stochastic_parameters;
BEGIN
    SELECT * INTO p FROM carestair.stochastic_parameters AS x WHERE x.scenario = _stochastic_params.scenario;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'scenario "%" has no stochastic parameters', scenario
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'The time-series parameters of a stochastic run are a row of carestair.stochastic_parameters.',
                  HINT = pg_catalog.format('INSERT INTO carestair.stochastic_parameters (scenario) VALUES (%L) takes the documented defaults.', scenario);
    END IF;
    RETURN p;
END
$$;

COMMENT ON FUNCTION carestair._stochastic_params(text) IS 'Internal: the stochastic_parameters row of a scenario, or an error.';

/*
 * _stochastic_rate_years(tab, scenario, region, base_year, last_year,
 * open_age): for one of the rate tables (fertility, mortality, migration;
 * the name is fixed by the caller and quoted with %I), the region whose rows
 * serve (its own, else the national '0000'), the years to read (from the
 * latest at or before the base year to last_year - 1) and whether any row
 * lies above the open age group.  Internal.
 */
CREATE FUNCTION carestair._stochastic_rate_years(
    tab text, scenario text, region text, base_year integer, last_year integer, open_age integer,
    OUT src text, OUT years integer[], OUT above boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE pg_catalog.format(
        'SELECT CASE WHEN EXISTS (SELECT FROM carestair.%I AS t WHERE t.scenario = $1 AND t.region = $2) THEN $2 ELSE ''0000'' END', tab)
       INTO src USING scenario, region;
    EXECUTE pg_catalog.format(
        'SELECT ARRAY(SELECT DISTINCT t.year FROM carestair.%I AS t '
        '              WHERE t.scenario = $1 AND t.region = $2 AND t.year < $3 '
        '                AND t.year >= coalesce((SELECT max(u.year) FROM carestair.%I AS u '
        '                                         WHERE u.scenario = $1 AND u.region = $2 AND u.year <= $4), -2147483648) '
        '              ORDER BY 1), '
        '       EXISTS (SELECT FROM carestair.%I AS t WHERE t.scenario = $1 AND t.region = $2 AND t.year < $3 AND t.age > $5)',
        tab, tab, tab)
       INTO years, above USING scenario, src, last_year, base_year, open_age;
END
$$;

COMMENT ON FUNCTION carestair._stochastic_rate_years(text, text, text, integer, integer, integer) IS 'Internal: which region''s rows of a rate table serve a region, and their years.';

/*
 * _stochastic_inputs(scenario, region, base_year, last_year): one region's
 * base population and rate blocks as the arrays _stochastic_region takes,
 * read from the canonical tables with the national ('0000') fall-back of
 * carestair.project_population(scenario, ...), table by table.  A missing
 * row of a year is a NULL that _stochastic_region reports.  PL/pgSQL so that
 * each worker plans these small queries once.  Internal.
 */
CREATE FUNCTION carestair._stochastic_inputs(
    scenario text, region text, base_year integer, last_year integer,
    OUT population double precision[], OUT fertility_years integer[], OUT fertility double precision[],
    OUT mortality_years integer[], OUT mortality double precision[],
    OUT migration_years integer[], OUT immigrants double precision[], OUT emigration_rates double precision[])
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sc text := _stochastic_inputs.scenario;
    reg text := _stochastic_inputs.region;
    y0 integer := _stochastic_inputs.base_year;
    ly integer := _stochastic_inputs.last_year;
    open_age integer;
    f record;
    m record;
    g record;
BEGIN
    SELECT max(p.age) INTO open_age FROM carestair.population AS p WHERE p.region = reg AND p.year = y0;
    population := ARRAY(
        SELECT p.persons::double precision
          FROM pg_catalog.generate_series(1, 2) AS s (sex)
         CROSS JOIN pg_catalog.generate_series(0, open_age) AS a (age)
          LEFT JOIN carestair.population AS p ON p.region = reg AND p.year = y0 AND p.sex = s.sex AND p.age = a.age
         ORDER BY s.sex, a.age);
    f := carestair._stochastic_rate_years('fertility', sc, reg, y0, ly, open_age);
    m := carestair._stochastic_rate_years('mortality', sc, reg, y0, ly, open_age);
    g := carestair._stochastic_rate_years('migration', sc, reg, y0, ly, open_age);
    IF f.above OR m.above OR g.above THEN
        RAISE EXCEPTION 'carestair.% has ages above the open age group % of region %',
                        CASE WHEN f.above THEN 'fertility' WHEN m.above THEN 'mortality' ELSE 'migration' END, open_age, reg
            USING ERRCODE = 'data_exception',
                  DETAIL = 'All inputs share one open age group: the highest age of the region''s base population.',
                  HINT = 'Aggregate the rates of the older ages into the open group, or extend the population.';
    END IF;

    fertility_years := f.years;
    fertility := ARRAY(
        SELECT coalesce(t.rate, 0)
          FROM pg_catalog.unnest(f.years) AS y (year)
         CROSS JOIN pg_catalog.generate_series(0, open_age) AS a (age)
          LEFT JOIN carestair.fertility AS t ON t.scenario = sc AND t.region = f.src AND t.year = y.year AND t.age = a.age
         ORDER BY y.year, a.age);
    mortality_years := m.years;
    mortality := ARRAY(
        SELECT t.q
          FROM pg_catalog.unnest(m.years) AS y (year)
         CROSS JOIN pg_catalog.generate_series(1, 2) AS s (sex)
         CROSS JOIN pg_catalog.generate_series(0, open_age) AS a (age)
          LEFT JOIN carestair.mortality AS t ON t.scenario = sc AND t.region = m.src AND t.year = y.year AND t.sex = s.sex AND t.age = a.age
         ORDER BY y.year, s.sex, a.age);
    migration_years := g.years;
    SELECT coalesce(array_agg(t.immigrants ORDER BY y.year, s.sex, a.age), '{}'),
           coalesce(array_agg(t.emigration_rate ORDER BY y.year, s.sex, a.age), '{}')
      INTO immigrants, emigration_rates
      FROM pg_catalog.unnest(g.years) AS y (year)
     CROSS JOIN pg_catalog.generate_series(1, 2) AS s (sex)
     CROSS JOIN pg_catalog.generate_series(0, open_age) AS a (age)
      LEFT JOIN carestair.migration AS t ON t.scenario = sc AND t.region = g.src AND t.year = y.year AND t.sex = s.sex AND t.age = a.age;
END
$$;

COMMENT ON FUNCTION carestair._stochastic_inputs(text, text, integer, integer) IS 'Internal: one region''s base population and rate blocks as arrays, with the national fall-back.';

/*
 * _stochastic_check_args(draws, seed, quantiles): NULL in any of them is an
 * error (the per-region C functions are STRICT and would return no rows).
 * Internal.
 */
CREATE FUNCTION carestair._stochastic_check_args(draws integer, seed bigint, quantiles double precision[])
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF draws IS NULL OR seed IS NULL OR quantiles IS NULL THEN
        RAISE EXCEPTION '% is NULL', CASE WHEN draws IS NULL THEN 'draws' WHEN seed IS NULL THEN 'seed' ELSE 'quantiles' END
            USING ERRCODE = 'null_value_not_allowed',
                  DETAIL = 'A stochastic run needs a number of draws, a seed and the quantiles to report.',
                  HINT = 'Leave the argument out to take its default (1000 draws, seed 1, quantiles {0.05,0.25,0.5,0.75,0.95}).';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._stochastic_check_args(integer, bigint, double precision[]) IS 'Internal: rejects NULL draws, seed or quantiles.';

/*
 * _stochastic_intervals_query(...): the query behind
 * project_population_intervals, as an inlinable SQL function (no SET, not
 * STRICT) so that the planner sees the parallel scan of the regions and the
 * per-region calls in the workers.  The call sits in a target list, where
 * the planner charges its cost once per region (in FROM, under a lateral
 * join, it would charge it once in all and never see the gain of workers);
 * the subquery with a set-returning target list is not flattened, so the
 * call runs once per region.  Internal.
 */
CREATE FUNCTION carestair._stochastic_intervals_query(
    s carestair.projection_scenario, p carestair.stochastic_parameters, regions text[],
    last_year integer, draws integer, seed bigint, quantiles double precision[],
    group_from integer[], group_to integer[])
RETURNS TABLE (region text, year integer, sex integer, age_group integer, mean double precision,
               quantile_values double precision[])
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT x.region, (x.r).year, (x.r).sex, (x.r).age_group, (x.r).mean, (x.r).quantile_values
      FROM (SELECT g.region,
                   carestair._stochastic_region(g.region, i.population, s.base_year, _stochastic_intervals_query.last_year,
                       i.fertility_years, i.fertility, i.mortality_years, i.mortality, i.migration_years, i.immigrants, i.emigration_rates,
                       s.sex_ratio, s.age0_migrant_exposure, p, _stochastic_intervals_query.draws, _stochastic_intervals_query.seed,
                       _stochastic_intervals_query.quantiles, group_from, group_to) AS r
              FROM carestair._parallel_slot AS w
             CROSS JOIN LATERAL pg_catalog.generate_series(w.slot, pg_catalog.cardinality(regions), carestair._parallel_slots()) AS k (i)
             CROSS JOIN LATERAL (SELECT regions[k.i]) AS g (region)
             CROSS JOIN LATERAL carestair._stochastic_inputs(s.scenario, g.region, s.base_year, _stochastic_intervals_query.last_year) AS i) AS x;
END;

COMMENT ON FUNCTION carestair._stochastic_intervals_query(carestair.projection_scenario, carestair.stochastic_parameters, text[], integer, integer, bigint, double precision[], integer[], integer[]) IS
  'Internal: the parallel query of project_population_intervals (regions scanned in parallel, one _stochastic_region call per region).';

/*
 * project_population_intervals(scenario, regions, last_year, draws, seed,
 * quantiles, age_scheme): prediction intervals per region, year, sex and age
 * group.
 */
CREATE FUNCTION carestair.project_population_intervals(
    scenario   text,
    regions    text[] DEFAULT NULL,
    last_year  integer DEFAULT NULL,
    draws      integer DEFAULT 1000,
    seed       bigint DEFAULT 1,
    quantiles  double precision[] DEFAULT '{0.05,0.25,0.5,0.75,0.95}',
    age_scheme text DEFAULT 'care')
RETURNS TABLE (region text, year integer, sex integer, age_group text, age_from integer, age_to integer,
               mean double precision, quantile_values double precision[])
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
-- JIT compilation costs ~0.3 s per process and gains nothing here (the work
-- is in C); the declared cost of the per-region call would trigger it.
SET jit = off
AS $$
DECLARE
    s carestair.projection_scenario := carestair._scenario(scenario);
    p carestair.stochastic_parameters := carestair._stochastic_params(scenario);
    r text[] := ARRAY(SELECT DISTINCT x FROM pg_catalog.unnest(carestair._scenario_regions(s, regions)) AS x ORDER BY x);
    gf integer[];
    gt integer[];
    gl text[];
BEGIN
    PERFORM carestair._stochastic_check_args(draws, seed, quantiles);
    SELECT array_agg(g.age_from ORDER BY g.age_from, g.age_to), array_agg(g.age_to ORDER BY g.age_from, g.age_to),
           array_agg(g.label ORDER BY g.age_from, g.age_to)
      INTO gf, gt, gl
      FROM carestair.age_grouping AS g WHERE g.scheme = project_population_intervals.age_scheme;
    IF gf IS NULL THEN
        RAISE EXCEPTION 'unknown age grouping scheme "%"', age_scheme
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Age grouping schemes are rows of carestair.age_grouping.',
                  HINT = 'Use ''care'' or ''broad'', or insert your own grouping (groups may overlap, e.g. 80+ and 90+).';
    END IF;
    RETURN QUERY
    SELECT q.region, q.year, q.sex,
           CASE WHEN q.age_group = 0 THEN 'all ages' ELSE gl[q.age_group] END,
           CASE WHEN q.age_group = 0 THEN 0 ELSE gf[q.age_group] END,
           CASE WHEN q.age_group = 0 THEN NULL ELSE gt[q.age_group] END,
           q.mean, q.quantile_values
      FROM carestair._stochastic_intervals_query(s, p, r, coalesce(last_year, s.last_year), draws, seed, quantiles, gf, gt) AS q;
END
$$;

COMMENT ON FUNCTION carestair.project_population_intervals(text, text[], integer, integer, bigint, double precision[], text) IS
  'Stochastic projection of a scenario: mean and quantiles (default 5, 25, 50, 75, 95 %) of the persons per region, year, sex (NULL: both) and age group (plus ''all ages''), each computed from the draws of that total; regions run in parallel workers. See doc/stochastic.md.';

/*
 * project_population_draws(scenario, region, last_year, draws, seed): the
 * raw draws of one region.
 */
CREATE FUNCTION carestair.project_population_draws(
    scenario  text,
    region    text,
    last_year integer DEFAULT NULL,
    draws     integer DEFAULT 1000,
    seed      bigint DEFAULT 1)
RETURNS TABLE (draw integer, year integer, sex integer, age integer, persons double precision)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
SET jit = off
AS $$
DECLARE
    s carestair.projection_scenario := carestair._scenario(scenario);
    p carestair.stochastic_parameters := carestair._stochastic_params(scenario);
    r text[] := carestair._scenario_regions(s, ARRAY[region]);
    ly integer := coalesce(last_year, s.last_year);
BEGIN
    PERFORM carestair._stochastic_check_args(draws, seed, '{0.5}');
    RETURN QUERY
    SELECT x.draw, x.year, x.sex, x.age, x.persons
      FROM carestair._stochastic_inputs(s.scenario, r[1], s.base_year, ly) AS i
     CROSS JOIN LATERAL carestair._stochastic_region_draws(r[1], i.population, s.base_year, ly,
                i.fertility_years, i.fertility, i.mortality_years, i.mortality, i.migration_years, i.immigrants, i.emigration_rates,
                s.sex_ratio, s.age0_migrant_exposure, p, draws, seed) AS x;
END
$$;

COMMENT ON FUNCTION carestair.project_population_draws(text, text, integer, integer, bigint) IS
  'Every draw of the stochastic projection of one region: persons by draw, year, sex and single-year age (for downstream intervals, e.g. care demand; draws with the same number share their fertility, mortality and migration paths across regions). See doc/stochastic.md.';

CREATE FUNCTION carestair._binomial_draw(n double precision, p double precision, seed bigint, draw integer, key text)
RETURNS double precision
AS 'MODULE_PATHNAME', 'carestair_binomial_draw'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION carestair._binomial_draw(double precision, double precision, bigint, integer, text) IS
  'Internal: one exact Binomial(n, p) count from the stream of (seed, draw, key); n not whole is rounded at random. See doc/stochastic.md.';
