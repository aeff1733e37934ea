
-- ---------------------------------------------------------------------------
-- mortality_forecast: mortality that changes over the projection horizon
-- (Lee-Carter, age-specific log-linear trends, constant rates) from the
-- Human Mortality Database, and the national back-test that chose the
-- default.  C in src/mortality_forecast.c and src/mortality_forecast_kernel.c.
-- See doc/mortality_forecast.md.
-- ---------------------------------------------------------------------------

CREATE FUNCTION carestair.forecast_mortality(hmd_mx text, fit_from integer, fit_to integer, last_year integer,
                                             method text DEFAULT NULL)
RETURNS TABLE (year integer, sex integer, age integer, q double precision)
AS 'MODULE_PATHNAME', 'carestair_forecast_mortality'
LANGUAGE C STABLE PARALLEL SAFE
ROWS 6000;

COMMENT ON FUNCTION carestair.forecast_mortality(text, integer, integer, integer, text) IS
  'Mortality forecast from an HMD Mx_1x1 table fitted on fit_from..fit_to: q for every year fit_to+1..last_year, sex (1 male, 2 female) and age 0..105 at the end of the year, ready for project_population''s mortality query. Methods: log_linear (default), lee_carter, constant. See doc/mortality_forecast.md.';

CREATE FUNCTION carestair.mortality_by_year(hmd_mx text, from_year integer, to_year integer)
RETURNS TABLE (year integer, sex integer, age integer, q double precision)
AS 'MODULE_PATHNAME', 'carestair_mortality_by_year'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 6000;

COMMENT ON FUNCTION carestair.mortality_by_year(text, integer, integer) IS
  'Each year''s own mortality from an HMD Mx_1x1 table (no averaging, no forecast): q by year, sex and age 0..105 at the end of the year, in project_population''s convention. See doc/mortality_forecast.md.';

CREATE FUNCTION carestair.hmd_years(hmd_text text, OUT first_year integer, OUT last_year integer)
AS 'MODULE_PATHNAME', 'carestair_hmd_years'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION carestair.hmd_years(text) IS
  'The first and last year of a Human Mortality Database 1x1 text table (NULL when it has no data rows). See doc/mortality_forecast.md.';

CREATE FUNCTION carestair.lee_carter_ages(hmd_mx text, fit_from integer, fit_to integer)
RETURNS TABLE (sex integer, age integer, a double precision, b double precision)
AS 'MODULE_PATHNAME', 'carestair_lee_carter_ages'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 212;

COMMENT ON FUNCTION carestair.lee_carter_ages(text, integer, integer) IS
  'Lee-Carter age parameters by sex fitted on an HMD Mx_1x1 table over fit_from..fit_to: a (mean log m) and b (sensitivity to the index k, summing to 1). See doc/mortality_forecast.md.';

CREATE FUNCTION carestair.lee_carter_index(hmd_mx text, fit_from integer, fit_to integer)
RETURNS TABLE (sex integer, year integer, k double precision)
AS 'MODULE_PATHNAME', 'carestair_lee_carter_index'
LANGUAGE C STABLE STRICT PARALLEL SAFE
ROWS 400;

COMMENT ON FUNCTION carestair.lee_carter_index(text, integer, integer) IS
  'Lee-Carter mortality index k by sex and year fitted on an HMD Mx_1x1 table over fit_from..fit_to (sums to 0 over the window). See doc/mortality_forecast.md.';

/*
 * _hmd_cohort_survival(population, mortality, origin, target): a plain
 * cohort survival of the national population, no births or migration,
 * through project_population; persons aged 67+, 80+ and 90+ on 1 January
 * target.  population: (sex, age, persons) on 1 January origin; mortality:
 * (year, sex, age, q).  Internal.
 */
CREATE FUNCTION carestair._hmd_cohort_survival(pop_sex integer[], pop_age integer[], pop_persons double precision[],
                                               q_year integer[], q_sex integer[], q_age integer[], q double precision[],
                                               origin integer, target integer)
RETURNS TABLE (age_group text, persons double precision)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN QUERY
    SELECT g.label, sum(p.persons)
      FROM carestair.project_population(
               pg_catalog.format('SELECT ''0000''::text AS region, %s AS year, s AS sex, a AS age, n AS persons '
                                 'FROM ROWS FROM (pg_catalog.unnest(%L::integer[]), pg_catalog.unnest(%L::integer[]), '
                                 'pg_catalog.unnest(%L::double precision[])) AS u (s, a, n)',
                                 origin, pop_sex, pop_age, pop_persons),
               pg_catalog.format('SELECT ''0000''::text AS region, %s AS year, 20 AS age, 0::double precision AS rate', origin),
               pg_catalog.format('SELECT ''0000''::text AS region, y AS year, s AS sex, a AS age, v AS q '
                                 'FROM ROWS FROM (pg_catalog.unnest(%L::integer[]), pg_catalog.unnest(%L::integer[]), '
                                 'pg_catalog.unnest(%L::integer[]), pg_catalog.unnest(%L::double precision[])) AS u (y, s, a, v)',
                                 q_year, q_sex, q_age, q),
               pg_catalog.format('SELECT ''0000''::text AS region, %s AS year, s AS sex, a AS age, '
                                 '0::double precision AS immigrants, 0::double precision AS emigration_rate '
                                 'FROM pg_catalog.generate_series(1, 2) AS s, pg_catalog.generate_series(0, 105) AS a', origin),
               target) AS p
      JOIN (VALUES ('67+', 67), ('80+', 80), ('90+', 90)) AS g (label, age_from) ON p.age >= g.age_from
     WHERE p.year = target
     GROUP BY g.label;
END
$$;

COMMENT ON FUNCTION carestair._hmd_cohort_survival(integer[], integer[], double precision[], integer[], integer[], integer[], double precision[], integer, integer) IS
  'Internal: cohort survival of a national population without births or migration, for the mortality back-test.';

/*
 * _require_origins(origins, target_year): error unless every back-test
 * origin lies before the target year.  Internal.
 */
CREATE FUNCTION carestair._require_origins(origins integer[], target_year integer)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF EXISTS (SELECT FROM unnest(origins) AS x WHERE x IS NULL OR x >= target_year) THEN
        RAISE EXCEPTION 'origins % must all lie before target_year %', origins, target_year
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Back-tests project from each origin to the target year, e.g. origins {2000,2005,2010} and 2023.';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._require_origins(integer[], integer) IS 'Internal: error unless every back-test origin lies before the target year.';

/*
 * backtest_mortality_national(hmd_mx, hmd_population, origins, target_year,
 * methods, windows): Norway projected from 1 January of each origin to
 * target_year with mortality forecast from the window_years before the
 * origin, by method and window, against HMD's observed population; plus
 * 'observed' (each year's actual rates), which shows what the survival
 * itself contributes.
 */
CREATE FUNCTION carestair.backtest_mortality_national(hmd_mx text, hmd_population text,
                                                      origins integer[] DEFAULT '{2000,2005,2010}',
                                                      target_year integer DEFAULT 2023,
                                                      methods text[] DEFAULT '{constant,lee_carter,log_linear}',
                                                      windows integer[] DEFAULT '{5,10,20,30}')
RETURNS TABLE (origin integer, method text, window_years integer, fit_from integer, fit_to integer,
               age_group text, projected double precision, observed double precision, error_pct double precision)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o integer;
    m text;
    w integer;
    ps integer[]; pa integer[]; pn double precision[];
    qy integer[]; qs integer[]; qa integer[]; qq double precision[];
    ob_label text[]; ob_n double precision[];
BEGIN
    IF hmd_mx IS NULL OR hmd_population IS NULL OR origins IS NULL OR target_year IS NULL
       OR methods IS NULL OR windows IS NULL THEN
        RAISE EXCEPTION 'arguments of backtest_mortality_national must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Pass the HMD Mx_1x1 and Population texts; the other arguments have defaults.';
    END IF;
    PERFORM carestair._require_origins(origins, target_year);
    IF EXISTS (SELECT FROM unnest(windows) AS x WHERE x IS NULL OR x < 1 OR x > 200) THEN
        RAISE EXCEPTION 'windows % must be between 1 and 200 years', windows
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'E.g. {5,10,20,30}.';
    END IF;
    -- Observed population on 1 January of the target year.
    SELECT array_agg(g.label ORDER BY g.label), array_agg(sum_n ORDER BY g.label) INTO ob_label, ob_n
      FROM (SELECT g.label, sum(h.male + h.female) AS sum_n
              FROM carestair.read_hmd(hmd_population) AS h
              JOIN (VALUES ('67+', 67), ('80+', 80), ('90+', 90)) AS g (label, age_from) ON h.age >= g.age_from
             WHERE h.year = target_year GROUP BY g.label) AS g;
    IF ob_label IS NULL THEN
        RAISE EXCEPTION 'hmd_population has no population for 1 January %', target_year
            USING ERRCODE = 'no_data_found',
                  HINT = 'Pass HMD''s Population.txt covering the origins and the target year.';
    END IF;
    FOREACH o IN ARRAY origins LOOP
        SELECT array_agg(x.sex ORDER BY x.sex, a.age), array_agg(a.age ORDER BY x.sex, a.age),
               array_agg(a.n ORDER BY x.sex, a.age)
          INTO ps, pa, pn
          FROM (VALUES (1), (2)) AS x (sex),
               LATERAL (SELECT least(h.age, 105) AS age,
                               sum(CASE x.sex WHEN 1 THEN h.male ELSE h.female END) AS n
                          FROM carestair.read_hmd(hmd_population) AS h
                         WHERE h.year = o GROUP BY 1) AS a;
        IF ps IS NULL OR cardinality(ps) <> 212 THEN
            RAISE EXCEPTION 'hmd_population has no complete population for 1 January %', o
                USING ERRCODE = 'no_data_found',
                      HINT = 'Pass HMD''s Population.txt covering the origins and the target year.';
        END IF;
        FOR m, w IN SELECT 'observed', NULL::integer
                    UNION ALL
                    SELECT mm, ww FROM unnest(methods) AS mm, unnest(windows) AS ww
        LOOP
            IF m = 'observed' THEN
                SELECT array_agg(f.year), array_agg(f.sex), array_agg(f.age), array_agg(f.q)
                  INTO qy, qs, qa, qq
                  FROM carestair.mortality_by_year(hmd_mx, o, target_year - 1) AS f;
            ELSIF m = 'constant' OR w >= 3 THEN
                SELECT array_agg(f.year), array_agg(f.sex), array_agg(f.age), array_agg(f.q)
                  INTO qy, qs, qa, qq
                  FROM carestair.forecast_mortality(hmd_mx, o - w, o - 1, target_year - 1, m) AS f
                 WHERE f.year >= o;
            ELSE
                CONTINUE;   -- trend methods need 3 years or more
            END IF;
            RETURN QUERY
            SELECT o, m, w, CASE WHEN w IS NULL THEN NULL ELSE o - w END, CASE WHEN w IS NULL THEN NULL ELSE o - 1 END,
                   s.age_group, s.persons, ob.n, 100 * (s.persons - ob.n) / ob.n
              FROM carestair._hmd_cohort_survival(ps, pa, pn, qy, qs, qa, qq, o, target_year) AS s
              JOIN ROWS FROM (pg_catalog.unnest(ob_label), pg_catalog.unnest(ob_n)) AS ob (label, n) ON ob.label = s.age_group
             ORDER BY s.age_group;
        END LOOP;
    END LOOP;
END
$$;

COMMENT ON FUNCTION carestair.backtest_mortality_national(text, text, integer[], integer, text[], integer[]) IS
  'Back-test of the mortality forecast on history: Norway''s population (HMD) survived from 1 January of each origin to target_year with mortality forecast by each method from the window_years before the origin (and with each year''s observed rates), persons 67+, 80+ and 90+ against HMD''s observed population. See doc/mortality_forecast.md.';

/*
 * backtest_kommuner(regions, hmd_mx, origins, target_year, base_years,
 * methods): each kommune projected from 1 January of each origin to
 * target_year with rates estimated by estimate_scenario_rates over the
 * base_years before the origin, once per mortality method, against the
 * observed population (carestair.population).  The scratch scenarios
 * ('backtest <origin> <method>') are removed again.
 */
CREATE FUNCTION carestair.backtest_kommuner(regions text[], hmd_mx text,
                                            origins integer[] DEFAULT '{2010,2015}',
                                            target_year integer DEFAULT 2026,
                                            base_years integer DEFAULT 5,
                                            methods text[] DEFAULT '{constant,log_linear}')
RETURNS TABLE (origin integer, method text, region text, year integer, age_group text,
               projected double precision, observed double precision, error_pct double precision)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    o integer;
    m text;
    name text;
BEGIN
    IF regions IS NULL OR hmd_mx IS NULL OR origins IS NULL OR target_year IS NULL OR base_years IS NULL OR methods IS NULL THEN
        RAISE EXCEPTION 'arguments of backtest_kommuner must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'E.g. backtest_kommuner(ARRAY[''5524''], hmd_mx_text).';
    END IF;
    IF base_years NOT BETWEEN 1 AND 30 THEN
        RAISE EXCEPTION 'base_years % is not between 1 and 30', base_years
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'The estimators average over the base_years before each origin; 5 is usual.';
    END IF;
    PERFORM carestair._require_origins(origins, target_year);
    FOREACH o IN ARRAY origins LOOP
        FOREACH m IN ARRAY methods LOOP
            name := pg_catalog.format('backtest %s %s', o, m);
            IF EXISTS (SELECT FROM carestair.projection_scenario AS p WHERE p.scenario = name) THEN
                RAISE EXCEPTION 'scenario "%" exists already', name
                    USING ERRCODE = 'duplicate_object',
                          HINT = 'backtest_kommuner makes and removes its own scenarios; rename or drop yours.';
            END IF;
            INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year)
            VALUES (name, 'Scratch scenario of carestair.backtest_kommuner', o, target_year);
            PERFORM carestair.estimate_scenario_rates(name, regions, o - base_years, o - 1, hmd_mx, mortality_method => m);
            RETURN QUERY
            WITH p AS (SELECT * FROM carestair.project_population(name, regions) AS x WHERE x.year = target_year),
            g AS (SELECT p.region, g.label, sum(p.persons) AS projected, sum(b.persons) AS observed,
                         count(b.persons) AS n_obs, count(*) AS n
                    FROM p
                    JOIN (VALUES ('total', 0), ('0-66', 0), ('67+', 67), ('80+', 80), ('90+', 90)) AS g (label, age_from)
                      ON p.age >= g.age_from AND (g.label <> '0-66' OR p.age <= 66)
                    LEFT JOIN carestair.population AS b
                      ON b.region = p.region AND b.year = p.year AND b.sex = p.sex AND b.age = p.age
                   GROUP BY p.region, g.label)
            SELECT o, m, g.region, target_year, g.label, g.projected, g.observed::double precision,
                   100 * (g.projected - g.observed) / nullif(g.observed, 0)
              FROM g WHERE g.n_obs = g.n
             ORDER BY g.region, g.label;
            DELETE FROM carestair.projection_scenario AS p WHERE p.scenario = name;
        END LOOP;
    END LOOP;
END
$$;

COMMENT ON FUNCTION carestair.backtest_kommuner(text[], text, integer[], integer, integer, text[]) IS
  'Back-test of the default scenario rates on history: each kommune projected from 1 January of each origin to target_year with rates estimated over the base_years before it (estimate_scenario_rates), once per mortality method, against the observed population: total, 0-66, 67+, 80+, 90+. See doc/mortality_forecast.md.';
