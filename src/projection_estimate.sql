
-- ---------------------------------------------------------------------------
-- projection_estimate: estimators that turn real data into projection rates
-- (mortality from the Human Mortality Database, fertility by indirect
-- standardisation, migration by the residual method) and the back-test of a
-- scenario against the observed population.  See doc/projection.md.
-- ---------------------------------------------------------------------------

/*
 * read_hmd(content): the rows of an HMD 1x1 text table (Mx_1x1, Deaths_1x1,
 * Population): year, age (110+ as 110 with is_open_age), female, male,
 * total; '.' (missing) becomes NULL.
 */
CREATE FUNCTION carestair.read_hmd(content text)
RETURNS TABLE (year integer, age integer, is_open_age boolean,
               female double precision, male double precision, total double precision)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    SELECT f[1]::integer, rtrim(f[2], '+')::integer, f[2] LIKE '%+',
           nullif(f[3], '.')::double precision, nullif(f[4], '.')::double precision,
           nullif(f[5], '.')::double precision
      FROM (SELECT regexp_split_to_array(btrim(l), '\s+') AS f
              FROM regexp_split_to_table(content, '\r?\n') AS l) AS x
     WHERE f[1] ~ '^[0-9]{4}$' AND cardinality(f) = 5 AND f[2] ~ '^[0-9]+\+?$';
    IF NOT FOUND THEN
        RAISE EXCEPTION 'content is not an HMD 1x1 table'
            USING ERRCODE = 'invalid_text_representation',
                  DETAIL = 'Expected lines "Year Age Female Male Total" as in the HMD files Mx_1x1.txt, Deaths_1x1.txt or Population.txt.',
                  HINT = 'Pass the whole text of such a file, e.g. data/mortality/hmd_norway_Mx_1x1_1990_2023.txt.';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair.read_hmd(text) IS
  'Rows (year, age, is_open_age, female, male, total) of a Human Mortality Database 1x1 text table such as Mx_1x1.txt. See doc/projection.md.';

/*
 * q_from_m(m, age, sex): the probability of dying within a single year of
 * age (Lexis square, age at last birthday) from the central death rate m,
 * q = m / (1 + (1 - a) m), with a = 1/2 above age 0 and, at age 0, a0 by
 * Andreev & Kingkade (2015), as the HMD Methods Protocol v6 does.
 */
CREATE FUNCTION carestair.q_from_m(m double precision, age integer, sex integer)
RETURNS double precision
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c double precision;
    s double precision := 0;
    q double precision;
    i integer;
BEGIN
    IF NOT (m >= 0 AND m < 'Infinity') THEN
        RAISE EXCEPTION 'invalid death rate m = %', m
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A central death rate is deaths per person-year, zero or positive and finite.',
                  HINT = 'Filter out missing HMD cells (''.'') before converting.';
    END IF;
    IF sex NOT IN (1, 2) THEN
        RAISE EXCEPTION 'invalid sex %', sex
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Sex is SSB''s code: 1 male, 2 female.',
                  HINT = 'Pass 1 or 2.';
    END IF;
    IF age > 0 THEN
        RETURN least(1, m / (1 + 0.5 * m));
    END IF;
    -- Andreev-Kingkade segments a0 = c + s q0, chosen by m0 as the HMD does.
    IF sex = 1 THEN
        IF m < 0.02306737 THEN c := 0.1493; s := -2.0367;
        ELSIF m < 0.0830706 THEN c := 0.0244; s := 3.4994;
        ELSE c := 0.2991;
        END IF;
    ELSE
        IF m < 0.01725977 THEN c := 0.1490; s := -2.0867;
        ELSIF m < 0.06919348 THEN c := 0.0438; s := 4.1075;
        ELSE c := 0.3141;
        END IF;
    END IF;
    -- Solve q0 = m / (1 + (1 - a0(q0)) m) by fixed-point iteration (|s m| << 1).
    q := m / (1 + 0.5 * m);
    FOR i IN 1 .. 50 LOOP
        q := m / (1 + (1 - (c + s * q)) * m);
    END LOOP;
    RETURN least(1, q);
END
$$;

COMMENT ON FUNCTION carestair.q_from_m(double precision, integer, integer) IS
  'Probability of dying within one year of age from the central death rate m: q = m/(1 + (1 - a) m), a = 1/2, a0 by Andreev & Kingkade (2015) as in the HMD protocol. See doc/projection.md.';

/*
 * _hmd_mean_m(content, from_year, to_year, open_age): mean m by sex and age
 * 0..open_age over the period, and how many years each mean has.  Internal.
 */
CREATE FUNCTION carestair._hmd_mean_m(content text, from_year integer, to_year integer, open_age integer)
RETURNS TABLE (sex integer, age integer, m double precision, years bigint)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT x.sex, h.age, pg_catalog.avg(CASE x.sex WHEN 1 THEN h.male ELSE h.female END), pg_catalog.count(*)
      FROM carestair.read_hmd(content) AS h, (VALUES (1), (2)) AS x (sex)
     WHERE h.year OPERATOR(pg_catalog.>=) from_year AND h.year OPERATOR(pg_catalog.<=) to_year
       AND h.age OPERATOR(pg_catalog.<=) open_age
       AND CASE x.sex WHEN 1 THEN h.male ELSE h.female END IS NOT NULL
     GROUP BY x.sex, h.age;
END;

COMMENT ON FUNCTION carestair._hmd_mean_m(text, integer, integer, integer) IS 'Internal: mean HMD death rates by sex and age over a period.';

/*
 * mortality_from_hmd(content, from_year, to_year, open_age): projection
 * mortality (q by sex and age at the end of the year, 0..open_age) from an
 * HMD Mx_1x1 table, m averaged over from_year..to_year.
 */
CREATE FUNCTION carestair.mortality_from_hmd(content text, from_year integer, to_year integer, open_age integer DEFAULT 105)
RETURNS TABLE (sex integer, age integer, q double precision)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF from_year > to_year OR open_age NOT BETWEEN 1 AND 109 THEN
        RAISE EXCEPTION 'invalid period %-% or open_age %', from_year, to_year, open_age
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'from_year must not be after to_year, and open_age lies in 1..109 (HMD single ages end at 109, then 110+).',
                  HINT = 'E.g. mortality_from_hmd(content, 2019, 2023, 105).';
    END IF;
    IF (SELECT count(*) FILTER (WHERE h.years = to_year - from_year + 1)
          FROM carestair._hmd_mean_m(content, from_year, to_year, open_age) AS h) <> 2 * (open_age + 1) THEN
        RAISE EXCEPTION 'the HMD table lacks rates for some age, sex or year in %-%', from_year, to_year
            USING ERRCODE = 'no_data_found',
                  DETAIL = pg_catalog.format('Needed: m for both sexes, ages 0..%s, every year of the period.', open_age),
                  HINT = 'Choose a period the file covers (the bundled one: 1990-2023).';
    END IF;
    -- Lexis-square q by age at last birthday; the cohort that ends the year
    -- at age a spends half of it at a-1 and half at a.  The newborn cohort
    -- loses q0 (1 - a0) = (m0 - q0) / m0 before the year ends.
    RETURN QUERY
    WITH sq AS (SELECT h.sex, h.age, h.m, carestair.q_from_m(h.m, h.age, h.sex) AS q
                  FROM carestair._hmd_mean_m(content, from_year, to_year, open_age) AS h)
    SELECT a.sex, a.age,
           CASE WHEN a.age > 0 THEN 1 - sqrt((1 - b.q) * (1 - a.q))
                WHEN a.m > 0 THEN (a.m - a.q) / a.m
                ELSE 0 END
      FROM sq AS a
      LEFT JOIN sq AS b ON b.sex = a.sex AND b.age = a.age - 1
     ORDER BY a.sex, a.age;
END
$$;

COMMENT ON FUNCTION carestair.mortality_from_hmd(text, integer, integer, integer) IS
  'Projection mortality q by sex and age at the end of the year (0..open_age) from a Human Mortality Database Mx_1x1 table, m averaged over a period. See doc/projection.md.';

/*
 * _require_population_years(region, from_year, to_year, purpose): error
 * unless carestair.population has the region on 1 January of every year
 * from_year..to_year + 1 (what the estimators over that period read).
 * Internal.
 */
CREATE FUNCTION carestair._require_population_years(region text, from_year integer, to_year integer, purpose text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    missing integer;
BEGIN
    SELECT y INTO missing FROM generate_series(from_year, to_year + 1) AS y
     WHERE NOT EXISTS (SELECT FROM carestair.population AS p
                        WHERE p.region = _require_population_years.region AND p.year = y)
     ORDER BY y LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'no population for region % in %', region, missing
            USING ERRCODE = 'no_data_found',
                  DETAIL = pg_catalog.format('%s over %s-%s needs the population by sex and age on 1 January %s-%s.',
                                             purpose, from_year, to_year, from_year, to_year + 1),
                  HINT = 'Load those years (data/load.sql, carestair.import_ssb_population).';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._require_population_years(text, integer, integer, text) IS 'Internal: error unless a region has its population for a base period.';

CREATE TABLE carestair.fertility_standard (
    standard text NOT NULL,
    age      smallint NOT NULL
             CONSTRAINT fertility_standard_age_range CHECK (age BETWEEN 1 AND 150),
    rate     double precision NOT NULL
             CONSTRAINT fertility_standard_rate_range CHECK (rate >= 0 AND rate < 'Infinity'),
    source   text NOT NULL,
    builtin  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (standard, age)
);

COMMENT ON TABLE carestair.fertility_standard IS
  'Standard age patterns of fertility for indirect standardisation (carestair.fertility_indirect): births per woman by mother''s age. Built in: ''ssb_norway_1997''. See doc/projection.md.';
COMMENT ON COLUMN carestair.fertility_standard.standard IS 'Name of the standard schedule.';
COMMENT ON COLUMN carestair.fertility_standard.age IS 'Mother''s age (single year); ages without a row have rate 0.';
COMMENT ON COLUMN carestair.fertility_standard.rate IS 'Live births per woman per year.';
COMMENT ON COLUMN carestair.fertility_standard.source IS 'Where the schedule comes from.';
COMMENT ON COLUMN carestair.fertility_standard.builtin IS 'True for rows shipped with the extension.';

-- SSB, Fødte 2004, table 5 "Aldersavhengige fruktbarhetsrater og samlet
-- fruktbarhetstall 1961-2004", year 1997 (live births per 1 000 women by
-- five-year age group; TFR 1.857), spread evenly over the single years of
-- each group.  The most recent national age pattern available to the project
-- under a clear licence; its shape is older than today's (mothers are now
-- about two years older), its level is replaced by each kommune's own.
INSERT INTO carestair.fertility_standard (standard, age, rate, source, builtin)
SELECT 'ssb_norway_1997', a, g.per_1000 / 1000.0,
       'SSB Fødte, table 5 (1961-2004), Norway 1997, five-year groups spread evenly', true
  FROM (VALUES (15, 12.7), (20, 72.6), (25, 131.6), (30, 106.3), (35, 42.8), (40, 6.9), (45, 0.2)) AS g (age_from, per_1000),
       pg_catalog.generate_series(g.age_from, g.age_from + 4) AS a;

SELECT pg_catalog.pg_extension_config_dump('carestair.fertility_standard', 'WHERE NOT builtin');

/*
 * fertility_indirect(region, from_year, to_year, standard): the standard
 * schedule scaled to the region's own level (indirect standardisation).
 * Births in year t are taken as the age-0 population on 1 January t+1.
 */
CREATE FUNCTION carestair.fertility_indirect(region text, from_year integer, to_year integer,
                                             standard text DEFAULT 'ssb_norway_1997')
RETURNS TABLE (age integer, rate double precision, level double precision,
               observed_births double precision, expected_births double precision)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    obs double precision;
    expd double precision;
BEGIN
    IF from_year > to_year THEN
        RAISE EXCEPTION 'invalid period %-%', from_year, to_year
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'from_year must not be after to_year.',
                  HINT = 'E.g. fertility_indirect(''5524'', 2015, 2019).';
    END IF;
    IF NOT EXISTS (SELECT FROM carestair.fertility_standard AS f WHERE f.standard = fertility_indirect.standard) THEN
        RAISE EXCEPTION 'unknown fertility standard "%"', standard
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Standards are rows of carestair.fertility_standard.',
                  HINT = 'Use ''ssb_norway_1997'' or insert your own national schedule.';
    END IF;
    PERFORM carestair._require_population_years(region, from_year, to_year, 'Indirect standardisation');
    -- Observed: the age-0 population on 1 January t+1.  Expected: the
    -- standard rates times the women exposed as in the projection,
    -- (P(a-1, t) + P(a, t+1)) / 2 by age a at the end of year t.
    SELECT sum(p.persons) INTO obs FROM carestair.population AS p
     WHERE p.region = fertility_indirect.region AND p.age = 0 AND p.year BETWEEN from_year + 1 AND to_year + 1;
    SELECT sum(f.rate * (coalesce(s.persons, 0) + coalesce(e.persons, 0)) / 2.0) INTO expd
      FROM carestair.fertility_standard AS f
     CROSS JOIN generate_series(from_year, to_year) AS t
      LEFT JOIN carestair.population AS s
        ON s.region = fertility_indirect.region AND s.year = t AND s.sex = 2 AND s.age = f.age - 1
      LEFT JOIN carestair.population AS e
        ON e.region = fertility_indirect.region AND e.year = t + 1 AND e.sex = 2 AND e.age = f.age
     WHERE f.standard = fertility_indirect.standard;
    IF NOT expd > 0 THEN
        RAISE EXCEPTION 'region % has no women of childbearing age in %-%', region, from_year, to_year
            USING ERRCODE = 'data_exception',
                  DETAIL = 'The expected births under the standard schedule are zero, so no level can be estimated.',
                  HINT = 'Use the national rates (region ''0000'') for this region.';
    END IF;
    RETURN QUERY
    SELECT f.age::integer, f.rate * obs / expd, obs / expd, obs, expd
      FROM carestair.fertility_standard AS f
     WHERE f.standard = fertility_indirect.standard
     ORDER BY f.age;
END
$$;

COMMENT ON FUNCTION carestair.fertility_indirect(text, integer, integer, text) IS
  'Fertility rates for a region by indirect standardisation: a standard schedule (carestair.fertility_standard) scaled by the region''s observed births (age-0 counts) over its expected births in a base period. See doc/projection.md.';

/*
 * migration_residual(region, from_year, to_year, mortality_scenario,
 * mortality_region, smooth): in- and out-migration by the residual method
 * from consecutive 1 January populations.
 */
CREATE FUNCTION carestair.migration_residual(region text, from_year integer, to_year integer,
                                             mortality_scenario text, mortality_region text DEFAULT '0000',
                                             smooth integer DEFAULT 2)
RETURNS TABLE (sex integer, age integer, net_migrants double precision,
               immigrants double precision, emigration_rate double precision)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    qyear integer;
    open_age integer;
BEGIN
    IF from_year > to_year OR smooth NOT BETWEEN 0 AND 10 THEN
        RAISE EXCEPTION 'invalid period %-% or smooth %', from_year, to_year, smooth
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'from_year must not be after to_year; smooth is the half-width of the moving average over ages, 0..10.',
                  HINT = 'E.g. migration_residual(''5524'', 2015, 2019, ''main'').';
    END IF;
    PERFORM carestair._require_population_years(region, from_year, to_year, 'The residual method');
    SELECT max(p.age) INTO open_age FROM carestair.population AS p
     WHERE p.region = migration_residual.region AND p.year = from_year;
    -- One mortality schedule for the whole period: the latest year <= to_year
    -- (else the earliest) of the scenario's rows for mortality_region.
    SELECT coalesce(max(m.year) FILTER (WHERE m.year <= to_year), min(m.year)) INTO qyear
      FROM carestair.mortality AS m
     WHERE m.scenario = mortality_scenario AND m.region = mortality_region;
    IF qyear IS NULL THEN
        RAISE EXCEPTION 'no mortality rows for scenario "%" region %', mortality_scenario, mortality_region
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'The residual method subtracts expected deaths, so it needs q from carestair.mortality.',
                  HINT = 'Insert mortality first, e.g. from carestair.mortality_from_hmd().';
    END IF;
    -- Net migrants of the cohort aged a at the end of year t:
    --   N = (P(a, t+1) - S (1 - q)) / (1 - q/2),  S = P(a-1, t) (open group: P(A-1, t) + P(A, t)),
    -- which is the projection identity P = S - q (S + N/2) + N solved for N.
    -- Age 0 is left at 0: births are not observed, and the fertility estimate
    -- (from age-0 counts) already contains the infants' net migration.
    RETURN QUERY
    WITH res AS (
        SELECT e.sex::integer AS sex, e.age::integer AS age,
               avg(CASE WHEN e.age = 0 THEN 0
                        ELSE (e.persons - st.s * (1 - m.q)) / (1 - m.q / 2) END) AS net,
               avg(st.s) AS start_stock, avg(m.q) AS q
          FROM carestair.population AS e
          JOIN LATERAL (SELECT sum(b.persons)::double precision AS s FROM carestair.population AS b
                         WHERE b.region = e.region AND b.year = e.year - 1 AND b.sex = e.sex
                           AND (b.age = e.age - 1 OR (e.age = open_age AND b.age = open_age))) AS st ON true
          JOIN carestair.mortality AS m
            ON m.scenario = mortality_scenario AND m.region = mortality_region AND m.year = qyear
           AND m.sex = e.sex AND m.age = e.age
         WHERE e.region = migration_residual.region AND e.year BETWEEN from_year + 1 AND to_year + 1
         GROUP BY e.sex, e.age),
    sm AS (
        SELECT r.sex, r.age, r.start_stock, r.q,
               CASE WHEN r.age = 0 THEN 0
                    ELSE avg(r.net) OVER (PARTITION BY r.sex ORDER BY r.age
                                          ROWS BETWEEN smooth PRECEDING AND smooth FOLLOWING) END AS net
          FROM res AS r WHERE r.age > 0
        UNION ALL
        SELECT r.sex, 0, r.start_stock, r.q, 0 FROM res AS r WHERE r.age = 0)
    SELECT sm.sex, sm.age, sm.net,
           greatest(sm.net, 0),
           -- capped so that deaths and emigrants never exceed the stock:
           -- e (1 - q/2) <= 1 - q
           CASE WHEN sm.net < 0 THEN least((1 - sm.q) / (1 - sm.q / 2), -sm.net / nullif(sm.start_stock, 0)) ELSE 0 END
      FROM sm
     ORDER BY sm.sex, sm.age;
END
$$;

COMMENT ON FUNCTION carestair.migration_residual(text, integer, integer, text, text, integer) IS
  'In- and out-migration for a region by the residual method over consecutive 1 January populations (net migrants = observed minus expected survivors), averaged over a base period and smoothed over ages; positive net as immigrants, negative as an out-migration rate. See doc/projection.md.';

/*
 * projection_backtest(scenario, regions, age_scheme): a scenario's
 * projection against the observed population of the projected years.
 */
CREATE FUNCTION carestair.projection_backtest(scenario text, regions text[] DEFAULT NULL, age_scheme text DEFAULT 'care')
RETURNS TABLE (region text, year integer, age_group text, age_from smallint,
               projected numeric, observed numeric, error numeric, pct_error numeric)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM carestair._require_age_scheme(age_scheme);
    RETURN QUERY
    WITH proj AS (SELECT * FROM carestair.project_population(scenario, regions)),
    grp AS (
        SELECT p.region, p.year, g.label, g.age_from, sum(p.persons) AS projected,
               sum(o.persons) AS observed, count(o.persons) AS n_obs, count(*) AS n
          FROM proj AS p
          JOIN carestair.age_grouping AS g
            ON g.scheme = age_scheme AND p.age >= g.age_from AND (g.age_to IS NULL OR p.age <= g.age_to)
          LEFT JOIN carestair.population AS o
            ON o.region = p.region AND o.year = p.year AND o.sex = p.sex AND o.age = p.age
         GROUP BY p.region, p.year, g.label, g.age_from
        UNION ALL
        SELECT p.region, p.year, 'total', NULL, sum(p.persons), sum(o.persons), count(o.persons), count(*)
          FROM proj AS p
          LEFT JOIN carestair.population AS o
            ON o.region = p.region AND o.year = p.year AND o.sex = p.sex AND o.age = p.age
         GROUP BY p.region, p.year)
    SELECT g.region, g.year, g.label, g.age_from::smallint,
           round(g.projected::numeric, 1), g.observed::numeric,
           round((g.projected - g.observed)::numeric, 1),
           round((100 * (g.projected - g.observed) / nullif(g.observed, 0))::numeric, 2)
      FROM grp AS g
     WHERE g.n_obs = g.n
     ORDER BY g.region, g.year, g.age_from NULLS LAST;
END
$$;

COMMENT ON FUNCTION carestair.projection_backtest(text, text[], text) IS
  'Back-test: a scenario''s projection against the observed population (carestair.population) for every projected year that is observed, by region, year and age group plus the total: error and per cent error. See doc/projection.md.';

/*
 * estimate_scenario_rates(scenario, regions, from_year, to_year, hmd_mx,
 * smooth, standard, mortality_method, mortality_window, tfr_target,
 * tfr_target_year): fill a scenario's canonical rate tables from real data.
 *	- Mortality (national, region '0000'): by default a forecast
 *	  (forecast_mortality, method log_linear fitted on the mortality_window
 *	  years up to min(to_year, the table's last year)), one row per year
 *	  base_year..last_year - 1, plus each observed year from_year..that year
 *	  (what the residual migration estimate subtracts).  mortality_method
 *	  'constant' keeps the old rule: the mean m of from_year..to_year, one
 *	  row in the base year carried forward.
 *	- Fertility: each region's indirect estimate over from_year..to_year;
 *	  with tfr_target, its level moves linearly to that TFR in
 *	  tfr_target_year and stays there (one row per year).
 *	- Migration: each region's residual estimate over from_year..to_year.
 * Replaces the scenario's rows for those regions and records the
 * assumptions in projection_scenario.assumptions.
 */
CREATE FUNCTION carestair.estimate_scenario_rates(scenario text, regions text[], from_year integer, to_year integer,
                                                  hmd_mx text, smooth integer DEFAULT 2,
                                                  standard text DEFAULT 'ssb_norway_1997',
                                                  mortality_method text DEFAULT NULL,
                                                  mortality_window integer DEFAULT 10,
                                                  tfr_target double precision DEFAULT NULL,
                                                  tfr_target_year integer DEFAULT NULL,
                                                  mortality_levels jsonb DEFAULT NULL)
RETURNS TABLE (rate_table text, region text, row_count bigint)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    s carestair.projection_scenario;
    src text := pg_catalog.format('carestair.estimate_scenario_rates(%s-%s)', from_year, to_year);
    method text := coalesce(mortality_method, 'log_linear');
    hmd_last integer;
    fit_to integer;
    horizon_end integer;
    n bigint;
    mreg text;
    tfr0 double precision;
BEGIN
    IF scenario IS NULL OR regions IS NULL OR from_year IS NULL OR to_year IS NULL OR hmd_mx IS NULL
       OR smooth IS NULL OR standard IS NULL OR mortality_window IS NULL THEN
        RAISE EXCEPTION 'arguments of estimate_scenario_rates must not be NULL (except mortality_method, tfr_target and tfr_target_year)'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'E.g. estimate_scenario_rates(''main'', ARRAY[''5524''], 2019, 2023, hmd_mx_text).';
    END IF;
    s := carestair._scenario(scenario);
    IF to_year >= s.base_year THEN
        RAISE EXCEPTION 'base period %-% reaches the base year % of scenario "%"', from_year, to_year, s.base_year, s.scenario
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The estimators read 1 January populations up to to_year + 1; rates for a projection from the base year must come from before it.',
                  HINT = pg_catalog.format('Use a period ending in %s or earlier.', s.base_year - 1);
    END IF;
    IF method NOT IN ('log_linear', 'lee_carter', 'constant') THEN
        RAISE EXCEPTION 'mortality_method "%" is not a mortality forecast method', method
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The methods are ''log_linear'' (the default), ''lee_carter'' and ''constant'' (the mean of the base period held constant).',
                  HINT = 'Pass one of them, or NULL for the default.';
    END IF;
    IF mortality_window NOT BETWEEN 3 AND 200 THEN
        RAISE EXCEPTION 'mortality_window % is not between 3 and 200 years', mortality_window
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The back-tests in doc/mortality_forecast.md chose 10 years for log_linear.';
    END IF;
    IF mortality_levels IS NOT NULL AND (pg_catalog.jsonb_typeof(mortality_levels) <> 'object' OR EXISTS (
           SELECT FROM pg_catalog.jsonb_each(mortality_levels) AS l
            WHERE CASE WHEN pg_catalog.jsonb_typeof(l.value) = 'number'
                       THEN NOT (l.value::text::numeric > 0 AND l.value::text::numeric <= 5) ELSE true END
               OR NOT l.key = ANY (regions))) THEN
        RAISE EXCEPTION 'mortality_levels % is not an object of levels in (0, 5] for regions of this call', mortality_levels
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A level scales the national q of every age and year for one kommune (1 = national).',
                  HINT = 'E.g. mortality_levels => ''{"5524": 1.04}''.';
    END IF;
    IF (tfr_target IS NULL) <> (tfr_target_year IS NULL) THEN
        RAISE EXCEPTION 'tfr_target and tfr_target_year go together'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'E.g. tfr_target => 1.6, tfr_target_year => 2035, or neither.';
    END IF;
    IF tfr_target IS NOT NULL AND NOT (tfr_target > 0 AND tfr_target <= 10 AND tfr_target_year > s.base_year) THEN
        RAISE EXCEPTION 'tfr_target % in % is not a total fertility rate in (0, 10] after the base year %', tfr_target, tfr_target_year, s.base_year
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'E.g. tfr_target => 1.6, tfr_target_year => 2035.';
    END IF;

    DELETE FROM carestair.mortality AS m WHERE m.scenario = s.scenario AND m.region = '0000';
    IF method = 'constant' THEN
        INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source)
        SELECT s.scenario, '0000', s.base_year, h.sex, h.age, h.q, src || ' HMD'
          FROM carestair.mortality_from_hmd(hmd_mx, from_year, to_year) AS h;
    ELSE
        hmd_last := (carestair.hmd_years(hmd_mx)).last_year;
        IF hmd_last IS NULL OR hmd_last < from_year THEN
            RAISE EXCEPTION 'hmd_mx has no year in the base period %-%', from_year, to_year
                USING ERRCODE = 'no_data_found',
                      HINT = 'Pass HMD''s Mx_1x1 table reaching the base period (data/mortality/).';
        END IF;
        fit_to := least(to_year, hmd_last);
        horizon_end := greatest(s.last_year - 1, fit_to + 1, s.base_year);
        -- The observed years of the base period, then the forecast.
        INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source)
        SELECT s.scenario, '0000', h.year, h.sex, h.age, h.q, src || ' HMD observed'
          FROM carestair.mortality_by_year(hmd_mx, from_year, fit_to) AS h;
        INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source)
        SELECT s.scenario, '0000', f.year, f.sex, f.age, f.q,
               pg_catalog.format('forecast_mortality(HMD, %s-%s, %s)', fit_to - mortality_window + 1, fit_to, method)
          FROM carestair.forecast_mortality(hmd_mx, fit_to - mortality_window + 1, fit_to, horizon_end, method) AS f
         WHERE f.year >= s.base_year;
    END IF;
    rate_table := 'mortality'; region := '0000';
    SELECT pg_catalog.count(*) INTO row_count FROM carestair.mortality AS m WHERE m.scenario = s.scenario AND m.region = '0000';
    RETURN NEXT;
    -- A kommune's own level scales the national rates of every year.
    DELETE FROM carestair.mortality AS m WHERE m.scenario = s.scenario AND m.region = ANY (regions);
    FOR region, n IN
        WITH l AS (SELECT l.key AS region, l.value::text::double precision AS level
                     FROM pg_catalog.jsonb_each(coalesce(mortality_levels, '{}')) AS l),
        ins AS (
            INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source)
            SELECT s.scenario, l.region, m.year, m.sex, m.age, least(1.0, m.q * l.level),
                   pg_catalog.format('national x level %s', l.level)
              FROM l JOIN carestair.mortality AS m ON m.scenario = s.scenario AND m.region = '0000'
            RETURNING carestair.mortality.region)
        SELECT i.region, pg_catalog.count(*) FROM ins AS i GROUP BY i.region ORDER BY i.region
    LOOP
        row_count := n;
        RETURN NEXT;
    END LOOP;
    DELETE FROM carestair.fertility AS f WHERE f.scenario = s.scenario AND f.region = ANY (regions);
    DELETE FROM carestair.migration AS g WHERE g.scenario = s.scenario AND g.region = ANY (regions);
    FOREACH region IN ARRAY regions LOOP
        mreg := CASE WHEN coalesce(mortality_levels, '{}') OPERATOR(pg_catalog.?) region THEN region ELSE '0000' END;
        IF tfr_target IS NULL THEN
            INSERT INTO carestair.fertility (scenario, region, year, age, rate, source)
            SELECT s.scenario, region, s.base_year, f.age, f.rate, src || ' indirect, ' || standard
              FROM carestair.fertility_indirect(region, from_year, to_year, standard) AS f;
        ELSE
            -- The level moves linearly from the estimate to the target TFR.
            INSERT INTO carestair.fertility (scenario, region, year, age, rate, source)
            SELECT s.scenario, region, y, f.age,
                   f.rate * (1 + (tfr_target / t.tfr - 1)
                                 * least(1.0, (y - s.base_year)::double precision / (tfr_target_year - s.base_year))),
                   src || ' indirect, ' || standard || pg_catalog.format(', TFR to %s in %s', tfr_target, tfr_target_year)
              FROM carestair.fertility_indirect(region, from_year, to_year, standard) AS f,
                   (SELECT pg_catalog.sum(x.rate) AS tfr FROM carestair.fertility_indirect(region, from_year, to_year, standard) AS x) AS t,
                   pg_catalog.generate_series(s.base_year, greatest(s.last_year - 1, s.base_year)) AS y
             WHERE t.tfr > 0;
        END IF;
        rate_table := 'fertility';
        GET DIAGNOSTICS row_count = ROW_COUNT;
        RETURN NEXT;
        -- The residual subtracts the region's own mortality where it has a
        -- level.  Emigration is capped so that deaths and emigrants never exceed a
        -- cohort's stock under the highest q the scenario projects with,
        -- e (1 - q/2) <= 1 - q (the residual estimate caps it at the base
        -- period's q, and mortality may be higher in some forecast year).
        INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate, source)
        SELECT s.scenario, region, s.base_year, m.sex, m.age, m.immigrants,
               least(m.emigration_rate, coalesce((1 - x.q) / (1 - x.q / 2), m.emigration_rate)), src || ' residual'
          FROM carestair.migration_residual(region, from_year, to_year, s.scenario, mreg, smooth) AS m
          LEFT JOIN LATERAL (SELECT pg_catalog.max(q.q) AS q FROM carestair.mortality AS q
                              WHERE q.scenario = s.scenario AND q.region = mreg AND q.year >= s.base_year
                                AND q.sex = m.sex AND q.age = m.age) AS x ON true;
        rate_table := 'migration';
        GET DIAGNOSTICS row_count = ROW_COUNT;
        RETURN NEXT;
    END LOOP;
    UPDATE carestair.projection_scenario AS p
       SET assumptions = p.assumptions OPERATOR(pg_catalog.||) pg_catalog.jsonb_build_object(
               'base_period', pg_catalog.jsonb_build_array(from_year, to_year),
               'mortality', CASE WHEN method = 'constant'
                    THEN pg_catalog.jsonb_build_object('method', 'constant', 'period', pg_catalog.jsonb_build_array(from_year, to_year),
                                                       'source', 'Human Mortality Database, Norway, Mx_1x1')
                    ELSE pg_catalog.jsonb_build_object('method', method, 'fit', pg_catalog.jsonb_build_array(fit_to - mortality_window + 1, fit_to),
                                                       'source', 'Human Mortality Database, Norway, Mx_1x1',
                                                       'doc', 'doc/mortality_forecast.md') END,
               'fertility', pg_catalog.jsonb_build_object('method', 'indirect standardisation', 'standard', standard,
                                                         'tfr_target', tfr_target, 'tfr_target_year', tfr_target_year),
               'migration', pg_catalog.jsonb_build_object('method', 'residual', 'smooth', smooth),
               'mortality_levels', mortality_levels)
     WHERE p.scenario = s.scenario;
END
$$;

COMMENT ON FUNCTION carestair.estimate_scenario_rates(text, text[], integer, integer, text, integer, text, text, integer, double precision, integer, jsonb) IS
  'Fill a scenario''s rate tables from real data: national mortality forecast from an HMD Mx table (default log_linear over the 10 years before the base period''s end, one row per year; ''constant'' keeps the base period''s mean), a kommune''s own mortality level scaling it where given, each region''s fertility (indirect, optionally moving to a target TFR) and migration (residual) over a base period before the base year; records the assumptions. See doc/projection.md.';
