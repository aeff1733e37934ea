-- ---------------------------------------------------------------------------
-- stochastic_estimate: the time-series parameters of the stochastic
-- projection estimated from Norway's history (HMD births, population and
-- death rates; SSB 07459 national population), and the named parameter sets.
-- See doc/stochastic.md.
-- ---------------------------------------------------------------------------

/*
 * _ar1_fit(x): OLS of x[t] on x[t-1] with an intercept: the AR(1)
 * coefficient (clamped to [-1, 1]) and the residual sd (n - 2 degrees of
 * freedom).  Internal.  OPERATOR() forms share one precedence, so every
 * expression is parenthesised.
 */
CREATE FUNCTION carestair._ar1_fit(x double precision[], OUT ar double precision, OUT sd double precision)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    WITH p AS (
        SELECT x[i] AS y, x[i - 1] AS y1 FROM pg_catalog.generate_series(2, pg_catalog.cardinality(x)) AS i
    ), f AS (
        SELECT pg_catalog.regr_slope(y, y1) AS b, pg_catalog.regr_intercept(y, y1) AS a, pg_catalog.count(*) AS n FROM p
    )
    SELECT GREATEST(-1.0::float8, LEAST(1.0::float8, f.b)),
           pg_catalog.sqrt(pg_catalog.sum((p.y OPERATOR(pg_catalog.-) (f.a OPERATOR(pg_catalog.+) (f.b OPERATOR(pg_catalog.*) p.y1)))
                                          OPERATOR(pg_catalog.^) 2)
                           OPERATOR(pg_catalog./) (f.n OPERATOR(pg_catalog.-) 2))
      FROM p, f GROUP BY f.a, f.b, f.n;
END;

COMMENT ON FUNCTION carestair._ar1_fit(double precision[]) IS
  'Internal: AR(1) coefficient (OLS with intercept, clamped to [-1, 1]) and residual sd of a series. See doc/stochastic.md.';

/*
 * _enough(series, n, need): the error for a series too short to estimate.
 */
CREATE FUNCTION carestair._stochastic_series_check(series text, n integer, need integer, from_year integer, to_year integer)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF coalesce(n, 0) < need THEN
        RAISE EXCEPTION 'the % series has % years in %..%, too few to estimate from', series, coalesce(n, 0), from_year, to_year
            USING ERRCODE = 'data_exception',
                  DETAIL = format('At least %s years are needed.', need),
                  HINT = 'Widen the window, or pass the whole file (doc/stochastic.md lists what each series needs).';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._stochastic_series_check(text, integer, integer, integer, integer) IS
  'Internal: error naming a series and its length when it is too short to estimate from. See doc/stochastic.md.';

/*
 * estimate_stochastic_parameters(scenario, hmd_mx, hmd_population,
 * hmd_births, fit_from, fit_to, migration_from, migration_to): estimate and
 * write the scenario's row of carestair.stochastic_parameters (doc/stochastic.md).
 */
CREATE FUNCTION carestair.estimate_stochastic_parameters(
    scenario text, hmd_mx text, hmd_population text, hmd_births text,
    fit_from integer DEFAULT 1970, fit_to integer DEFAULT 2023,
    migration_from integer DEFAULT 1990, migration_to integer DEFAULT 2025)
RETURNS carestair.stochastic_parameters
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sc text := scenario;
    fert double precision[];
    kap double precision[];
    mig double precision[];
    f_ar double precision;
    f_sd double precision;
    m_drift double precision;
    m_sd double precision;
    i_ar double precision;
    i_sd double precision;
    mort_years integer;
    noise boolean;
    applied double precision;
    r carestair.stochastic_parameters;
BEGIN
    IF scenario IS NULL OR hmd_mx IS NULL OR hmd_population IS NULL OR hmd_births IS NULL
       OR fit_from IS NULL OR fit_to IS NULL OR migration_from IS NULL OR migration_to IS NULL THEN
        RAISE EXCEPTION 'estimate_stochastic_parameters: no argument may be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Pass the scenario, the three HMD files and the windows (or leave the windows to their defaults).';
    END IF;
    IF NOT EXISTS (SELECT FROM carestair.projection_scenario AS s WHERE s.scenario = sc) THEN
        RAISE EXCEPTION 'unknown scenario "%"', sc
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Insert it into carestair.projection_scenario first.';
    END IF;
    IF fit_from >= fit_to OR migration_from >= migration_to THEN
        RAISE EXCEPTION 'invalid window: fit %..%, migration %..%', fit_from, fit_to, migration_from, migration_to
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Each window runs from an earlier to a later year.';
    END IF;

    -- Fertility: log general fertility rate, births per woman aged 15-49
    -- (mean of 1 January t and t+1).  Births by mother's age are not in HMD;
    -- the GFR moves with the TFR while the age structure within 15-49 is
    -- stable, and the model's level is relative.
    WITH b AS (
        SELECT f[1]::integer AS year, f[4]::float8 AS births
          FROM (SELECT regexp_split_to_array(btrim(l), '\s+') AS f
                  FROM regexp_split_to_table(hmd_births, '\r?\n') AS l) AS x
         WHERE f[1] ~ '^[0-9]{4}$' AND cardinality(f) = 4 AND f[4] ~ '^[0-9.]+$'
    ), w AS (
        SELECT p.year, sum(p.female) AS women
          FROM carestair.read_hmd(hmd_population) AS p
         WHERE p.age BETWEEN 15 AND 49 GROUP BY p.year
    )
    SELECT array_agg(ln(b.births / ((w0.women + w1.women) / 2)) ORDER BY b.year)
      INTO fert
      FROM b JOIN w AS w0 ON w0.year = b.year JOIN w AS w1 ON w1.year = b.year + 1
     WHERE b.year BETWEEN fit_from AND fit_to;
    PERFORM carestair._stochastic_series_check('fertility (HMD births / women 15-49)', cardinality(fert), 10, fit_from, fit_to);
    SELECT a.ar, a.sd INTO f_ar, f_sd FROM carestair._ar1_fit(fert) AS a;

    -- Mortality: the Lee-Carter index of each sex scaled to the model's one
    -- level for all ages, kappa = sum_s W_s bbar_s k_s / sum_s W_s, with
    -- bbar_s the mean of b over ages weighted by expected deaths
    -- exp(a) x population in fit_to and W_s those deaths.
    PERFORM carestair._stochastic_series_check('mortality (HMD Mx, Lee-Carter index)',
        least(fit_to, h.last_year) - greatest(fit_from, h.first_year) + 1, 10, fit_from, fit_to)
       FROM carestair.hmd_years(hmd_mx) AS h;
    WITH ages AS (
        SELECT la.sex, la.age, la.a, la.b FROM carestair.lee_carter_ages(hmd_mx, fit_from, fit_to) AS la
    ), pop AS (
        SELECT 1 AS sex, p.age, p.male AS persons FROM carestair.read_hmd(hmd_population) AS p WHERE p.year = fit_to
        UNION ALL
        SELECT 2, p.age, p.female FROM carestair.read_hmd(hmd_population) AS p WHERE p.year = fit_to
    ), wb AS (
        SELECT ages.sex, sum(exp(ages.a) * pop.persons) AS w, sum(exp(ages.a) * pop.persons * ages.b) / sum(exp(ages.a) * pop.persons) AS bbar
          FROM ages JOIN pop USING (sex, age) GROUP BY ages.sex
    ), kap AS (
        SELECT k.year, sum(wb.w * wb.bbar * k.k) / sum(wb.w) AS kappa
          FROM carestair.lee_carter_index(hmd_mx, fit_from, fit_to) AS k JOIN wb USING (sex)
         GROUP BY k.year
    )
    SELECT array_agg(d ORDER BY year) INTO kap
      FROM (SELECT year, kappa - lag(kappa) OVER (ORDER BY year) AS d FROM kap) AS x WHERE d IS NOT NULL;
    PERFORM carestair._stochastic_series_check('mortality (HMD Mx, Lee-Carter index)', cardinality(kap) + 1, 10, fit_from, fit_to);
    SELECT avg(d), stddev_samp(d) INTO m_drift, m_sd FROM unnest(kap) AS d;

    -- Migration: Norway's net migration N_t = persons aged 1+ on 1 January
    -- t+1 - persons on 1 January t + deaths during t (HMD q of year t, the
    -- last HMD year after it), from carestair.population region '0000'
    -- (SSB 07459); the level is the relative rate N_t / P_t / mean - 1.
    WITH p AS (
        SELECT year, sex, age, persons FROM carestair.population
         WHERE region = '0000' AND year BETWEEN migration_from AND migration_to + 1
    ), q AS (
        SELECT m.year, m.sex, m.age, m.q
          FROM carestair.mortality_by_year(hmd_mx, migration_from,
                   least(migration_to, (carestair.hmd_years(hmd_mx)).last_year)) AS m
    ), d AS (
        SELECT p.year, sum(coalesce(q.q, q_last.q) * p.persons) AS deaths
          FROM p
          LEFT JOIN q ON q.year = p.year AND q.sex = p.sex AND q.age = p.age + 1
          LEFT JOIN q AS q_last ON q_last.year = (SELECT max(year) FROM q) AND q_last.sex = p.sex AND q_last.age = p.age + 1
         GROUP BY p.year
    ), t AS (
        SELECT year, sum(persons) AS total, sum(persons) FILTER (WHERE age >= 1) AS aged1 FROM p GROUP BY year
    ), n AS (
        SELECT t0.year, (t1.aged1 - t0.total + d.deaths) / t0.total AS rate
          FROM t AS t0 JOIN t AS t1 ON t1.year = t0.year + 1 JOIN d ON d.year = t0.year
         WHERE t0.year BETWEEN migration_from AND migration_to
    )
    SELECT array_agg(rate / (SELECT avg(rate) FROM n) - 1 ORDER BY year) INTO mig FROM n;
    PERFORM carestair._stochastic_series_check('net migration (SSB 07459 region 0000 and HMD deaths)', cardinality(mig), 8, migration_from, migration_to);
    SELECT a.ar, a.sd INTO i_ar, i_sd FROM carestair._ar1_fit(mig) AS a;

    -- The drift applies only where the scenario holds mortality constant;
    -- a scenario with year-specific mortality has its own improvement.
    SELECT count(DISTINCT m.year) INTO mort_years FROM carestair.mortality AS m WHERE m.scenario = sc;
    applied := CASE WHEN mort_years <= 1 THEN m_drift ELSE 0 END;
    SELECT s.demographic_noise INTO noise FROM carestair.stochastic_parameters AS s WHERE s.scenario = sc;

    INSERT INTO carestair.stochastic_parameters AS s
        (scenario, fertility_sd, fertility_ar, mortality_drift, mortality_sd, immigration_sd, immigration_ar,
         emigration_sd, emigration_ar, demographic_noise, source)
    VALUES (sc, f_sd, f_ar, applied, m_sd, i_sd, i_ar, 0, i_ar, coalesce(noise, true),
            format('carestair.estimate_stochastic_parameters: fertility AR(1) of log GFR (HMD births and population %s-%s, %s years); '
                   'mortality random walk of the Lee-Carter index (HMD Mx %s-%s), drift %s per year %s; '
                   'net migration AR(1) of the relative national rate (SSB 07459 and HMD deaths %s-%s, %s years), on the immigration level',
                   fit_from, fit_to, cardinality(fert), fit_from, fit_to, round(m_drift::numeric, 5),
                   CASE WHEN mort_years <= 1 THEN 'applied (the scenario holds mortality constant)'
                        ELSE 'not applied (the scenario''s mortality changes by year)' END,
                   migration_from, migration_to, cardinality(mig)))
    ON CONFLICT ON CONSTRAINT stochastic_parameters_pkey DO UPDATE
       SET fertility_sd = EXCLUDED.fertility_sd, fertility_ar = EXCLUDED.fertility_ar,
           mortality_drift = EXCLUDED.mortality_drift, mortality_sd = EXCLUDED.mortality_sd,
           immigration_sd = EXCLUDED.immigration_sd, immigration_ar = EXCLUDED.immigration_ar,
           emigration_sd = EXCLUDED.emigration_sd, emigration_ar = EXCLUDED.emigration_ar,
           source = EXCLUDED.source
    RETURNING * INTO r;
    RETURN r;
END
$$;

COMMENT ON FUNCTION carestair.estimate_stochastic_parameters(text, text, text, text, integer, integer, integer, integer) IS
  'Estimate a scenario''s stochastic parameters from history (fertility: AR(1) of log GFR from HMD births and population; mortality: random walk of the Lee-Carter index from HMD Mx; migration: AR(1) of Norway''s relative net migration rate) and write its row of carestair.stochastic_parameters with the source. See doc/stochastic.md.';

/*
 * stochastic_parameter_set(scenario, set_name): a named row of parameters
 * for a scenario, to INSERT: 'estimated' (the shipped defaults) or 'round'
 * (the round numbers of version 0.1).
 */
CREATE FUNCTION carestair.stochastic_parameter_set(scenario text, set_name text DEFAULT 'estimated')
RETURNS carestair.stochastic_parameters
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r carestair.stochastic_parameters;
BEGIN
    IF set_name = 'estimated' THEN
        r := ROW(scenario, 0.0273, 0.947, 0.0, 0.0363, 0.368, 0.768, 0.0, 0.768, true,
                 carestair._stochastic_estimated_source())::carestair.stochastic_parameters;
    ELSIF set_name = 'round' THEN
        r := ROW(scenario, 0.05, 0.95, 0.0, 0.03, 0.15, 0.7, 0.10, 0.7, true,
                 'carestair round numbers of version 0.1 (doc/stochastic.md): chosen, not estimated')::carestair.stochastic_parameters;
    ELSE
        RAISE EXCEPTION 'unknown parameter set "%"', set_name
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use ''estimated'' (the shipped defaults) or ''round'' (the round numbers of version 0.1).';
    END IF;
    RETURN r;
END
$$;

COMMENT ON FUNCTION carestair.stochastic_parameter_set(text, text) IS
  'A named row of stochastic parameters for a scenario, to insert into carestair.stochastic_parameters: ''estimated'' (the shipped defaults, estimated from HMD and SSB) or ''round'' (the round numbers of version 0.1). See doc/stochastic.md.';

/*
 * backtest_stochastic_coverage(regions, hmd_mx, origin, target_years, draws,
 * base_years, parameter_set): the empirical coverage of the intervals.
 */
CREATE FUNCTION carestair.backtest_stochastic_coverage(regions text[], hmd_mx text,
                                                       origin integer DEFAULT 2015,
                                                       target_years integer[] DEFAULT '{2020,2025,2026}',
                                                       draws integer DEFAULT 500,
                                                       base_years integer DEFAULT 5,
                                                       parameter_set text DEFAULT 'estimated')
RETURNS TABLE (region text, size_class text, year integer, age_group text, observed double precision,
               median double precision, lo50 double precision, hi50 double precision,
               lo80 double precision, hi80 double precision, lo95 double precision, hi95 double precision,
               inside_50 boolean, inside_80 boolean, inside_95 boolean)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    sc_name text := format('coverage backtest %s', origin);
    last integer;
BEGIN
    IF regions IS NULL OR hmd_mx IS NULL OR origin IS NULL OR target_years IS NULL OR draws IS NULL
       OR base_years IS NULL OR parameter_set IS NULL THEN
        RAISE EXCEPTION 'arguments of backtest_stochastic_coverage must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'E.g. backtest_stochastic_coverage(ARRAY[''5524''], hmd_mx_text).';
    END IF;
    SELECT max(t) INTO last FROM unnest(target_years) AS t;
    IF cardinality(target_years) = 0 OR EXISTS (SELECT FROM unnest(target_years) AS t WHERE t IS NULL OR t <= origin) THEN
        RAISE EXCEPTION 'target_years % must all lie after origin %', target_years, origin
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'E.g. origin 2015 and target_years {2020,2025,2026}.';
    END IF;
    IF EXISTS (SELECT FROM carestair.projection_scenario AS p WHERE p.scenario = sc_name)
       OR EXISTS (SELECT FROM carestair.age_grouping AS g WHERE g.scheme = sc_name) THEN
        RAISE EXCEPTION 'scenario or age scheme "%" exists already', sc_name
            USING ERRCODE = 'duplicate_object',
                  HINT = 'backtest_stochastic_coverage makes and removes its own; rename or drop yours.';
    END IF;
    INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year)
    VALUES (sc_name, 'Scratch scenario of carestair.backtest_stochastic_coverage', origin, last);
    PERFORM carestair.estimate_scenario_rates(sc_name, regions, origin - base_years, origin - 1, hmd_mx);
    INSERT INTO carestair.stochastic_parameters SELECT * FROM carestair.stochastic_parameter_set(sc_name, parameter_set);
    INSERT INTO carestair.age_grouping (scheme, age_from, age_to, label)
    VALUES (sc_name, 67, NULL, '67+'), (sc_name, 80, NULL, '80+'), (sc_name, 90, NULL, '90+');
    RETURN QUERY
    WITH iv AS (
        SELECT i.region, i.year, i.age_group, i.age_from, i.quantile_values AS q
          FROM carestair.project_population_intervals(sc_name, regions, last, draws, 1,
                   '{0.025,0.1,0.25,0.5,0.75,0.9,0.975}', sc_name) AS i
         WHERE i.sex IS NULL AND i.year = ANY (target_years)
    ), obs AS (
        SELECT iv.region, iv.year, iv.age_group, sum(p.persons)::float8 AS observed, count(p.persons) AS n
          FROM iv JOIN carestair.population AS p
            ON p.region = iv.region AND p.year = iv.year AND p.age >= iv.age_from
         GROUP BY iv.region, iv.year, iv.age_group
    ), sz AS (
        SELECT p.region, sum(p.persons) AS persons FROM carestair.population AS p
         WHERE p.region = ANY (regions) AND p.year = origin GROUP BY p.region
    )
    SELECT iv.region,
           CASE WHEN sz.persons < 5000 THEN 'under 5,000' WHEN sz.persons < 20000 THEN '5,000-19,999' ELSE '20,000 and over' END,
           iv.year, CASE iv.age_group WHEN 'all ages' THEN 'total' ELSE iv.age_group END,
           obs.observed, iv.q[4], iv.q[3], iv.q[5], iv.q[2], iv.q[6], iv.q[1], iv.q[7],
           obs.observed BETWEEN iv.q[3] AND iv.q[5], obs.observed BETWEEN iv.q[2] AND iv.q[6],
           obs.observed BETWEEN iv.q[1] AND iv.q[7]
      FROM iv JOIN obs USING (region, year, age_group) JOIN sz USING (region)
     ORDER BY iv.region, iv.year, iv.age_group;
    DELETE FROM carestair.age_grouping AS g WHERE g.scheme = sc_name;
    DELETE FROM carestair.projection_scenario AS p WHERE p.scenario = sc_name;
END
$$;

COMMENT ON FUNCTION carestair.backtest_stochastic_coverage(text[], text, integer, integer[], integer, integer, text) IS
  'Empirical coverage of the stochastic intervals: each kommune projected from 1 January origin with rates estimated over the base_years before it (estimate_scenario_rates) and a named parameter set, and whether the observed total, 67+, 80+ and 90+ of each target year fall inside the 50, 80 and 95 % intervals. See doc/stochastic.md.';
