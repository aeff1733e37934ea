-- Mortality forecast: the Lee-Carter normalisation, the jump-off, recovery of
-- known trends, agreement with the constant-rate estimator, monotonicity,
-- bad input, and the national back-test on HMD history.
-- Run from the repository root (make test does): paths are relative to it.
\set QUIET on
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
\set pop `cat data/mortality/hmd_norway_Population_1846_2024.txt`
BEGIN;
SELECT plan(32);

-- Synthetic HMD Mx tables (ages 0..109 and 110+, both sexes alike) from a
-- formula for log m(x, t).
CREATE FUNCTION pg_temp.hmd_text(from_year integer, to_year integer, expr text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    body text;
BEGIN
    EXECUTE format($q$SELECT string_agg(format('%%s %%s %%s %%s %%s', t, CASE WHEN x = 110 THEN '110+' ELSE x::text END, m, m, m), E'\n' ORDER BY t, x)
                        FROM (SELECT t, x, exp(%s) AS m FROM generate_series(%s, %s) AS t, generate_series(0, 110) AS x) AS s$q$,
                   expr, from_year, to_year) INTO body;
    RETURN E'Synthetic, Death rates (period 1x1)\n\n  Year  Age  Female  Male  Total\n' || body;
END $$;
-- The projection's q (age at the end of the year) from exact m, in SQL: an
-- independent re-implementation of the conversion.
CREATE FUNCTION pg_temp.q_end(m_prev double precision, m double precision, age integer, sex integer) RETURNS double precision
LANGUAGE sql AS $$
    SELECT CASE WHEN age = 0 THEN (m - carestair.q_from_m(m, 0, sex)) / m
                ELSE 1 - sqrt((1 - carestair.q_from_m(m_prev, age - 1, sex)) * (1 - carestair.q_from_m(m, age, sex))) END
$$;

-- 1. Lee-Carter normalisation on real data: b sums to 1, k to 0, per sex.
SELECT ok((SELECT bool_and(abs(s - 1) < 1e-12) FROM (SELECT sum(b) AS s FROM carestair.lee_carter_ages(:'mx', 1990, 2023) GROUP BY sex) AS x),
          'Lee-Carter: b sums to 1 for each sex (HMD Norway 1990-2023)');
SELECT ok((SELECT bool_and(abs(s) < 1e-9) FROM (SELECT sum(k) AS s FROM carestair.lee_carter_index(:'mx', 1990, 2023) GROUP BY sex) AS x),
          'Lee-Carter: k sums to 0 for each sex');
SELECT is((SELECT count(*) FROM carestair.lee_carter_index(:'mx', 1990, 2023)), 68::bigint, 'Lee-Carter: one k per sex and fit year');
-- a is the mean log m of the window (ages without zero rates).
SELECT ok((SELECT max(abs(l.a - o.a)) FROM carestair.lee_carter_ages(:'mx', 2010, 2023) AS l
             JOIN (SELECT 1 AS sex, age, avg(ln(male)) AS a FROM carestair.read_hmd(:'mx') WHERE year BETWEEN 2010 AND 2023 AND age BETWEEN 20 AND 95 GROUP BY age
                   UNION ALL
                   SELECT 2, age, avg(ln(female)) FROM carestair.read_hmd(:'mx') WHERE year BETWEEN 2010 AND 2023 AND age BETWEEN 20 AND 95 GROUP BY age) AS o
               ON o.sex = l.sex AND o.age = l.age) < 1e-12,
          'Lee-Carter: a is the mean log rate over the window');

-- 2. Jump-off at the last observed rates, not the fitted ones:
--    m(T+1) = m_observed(T) exp(b drift), drift = (k_T - k_first) / (T - first).
--    (Ages with a zero rate in 2023, and their Lexis neighbours, start from half
--    the smallest positive rate of the window instead; documented.)
CREATE TEMP TABLE lc_expected AS
WITH k AS (SELECT sex, (max(k) FILTER (WHERE year = 2023) - max(k) FILTER (WHERE year = 2004)) / 19 AS drift
             FROM carestair.lee_carter_index(:'mx', 2004, 2023) GROUP BY sex),
     m AS (SELECT s.sex, h.age, CASE s.sex WHEN 1 THEN h.male ELSE h.female END * exp(b.b * k.drift) AS m
             FROM carestair.read_hmd(:'mx') AS h CROSS JOIN (VALUES (1), (2)) AS s (sex)
             JOIN carestair.lee_carter_ages(:'mx', 2004, 2023) AS b ON b.sex = s.sex AND b.age = h.age
             JOIN k ON k.sex = s.sex
            WHERE h.year = 2023 AND h.age <= 105)
SELECT a.sex, a.age, pg_temp.q_end(p.m, a.m, a.age, a.sex) AS q
  FROM m AS a LEFT JOIN m AS p ON p.sex = a.sex AND p.age = a.age - 1
 WHERE a.m > 0 AND (a.age = 0 OR p.m > 0);
SELECT ok((SELECT max(abs(f.q - e.q)) FROM carestair.forecast_mortality(:'mx', 2004, 2023, 2024, 'lee_carter') AS f
             JOIN lc_expected AS e USING (sex, age)) < 1e-12,
          'Lee-Carter: the first forecast year starts from the observed 2023 rates (jump-off), recomputed in SQL');
SELECT is((SELECT count(*) FROM lc_expected), 208::bigint, 'the jump-off check covers 208 of the 212 cells (4 touch a zero rate)');
SELECT is((SELECT count(*) FROM carestair.forecast_mortality(:'mx', 2004, 2023, 2024, 'lee_carter')), 212::bigint,
          'the forecast covers both sexes and ages 0..105');

-- 3. Constant rates agree with mortality_from_hmd; each year's own rates with a one-year mean.
SELECT ok((SELECT max(abs(f.q - h.q)) FROM carestair.forecast_mortality(:'mx', 2019, 2023, 2040, 'constant') AS f
             JOIN carestair.mortality_from_hmd(:'mx', 2019, 2023) AS h USING (sex, age)) < 1e-14,
          'constant: every forecast year equals mortality_from_hmd over the window');
SELECT ok((SELECT max(abs(f.q - h.q)) FROM carestair.mortality_by_year(:'mx', 2017, 2017) AS f
             JOIN carestair.mortality_from_hmd(:'mx', 2017, 2017) AS h USING (sex, age)) < 1e-14,
          'mortality_by_year: a year''s own q equals mortality_from_hmd over that single year');

-- 4. Known trends are recovered.
--    log m = -9 + 0.09 x + r_x (t - 2000), r_x = -0.01 - 0.0001 x: log_linear recovers it
--    exactly wherever the age window of the smoothing is whole (ages 5..100).
SELECT set_config('cs.loglin', pg_temp.hmd_text(2000, 2019, '-9 + 0.09 * x + (-0.01 - 0.0001 * x) * (t - 2000)'), false) AS _ \gset
SELECT ok((SELECT max(abs(f.q - pg_temp.q_end(exp(-9 + 0.09 * (f.age - 1) + (-0.01 - 0.0001 * (f.age - 1)) * (f.year - 2000)),
                                                 exp(-9 + 0.09 * f.age + (-0.01 - 0.0001 * f.age) * (f.year - 2000)), f.age, f.sex)) / f.q)
             FROM carestair.forecast_mortality(current_setting('cs.loglin'), 2000, 2019, 2060, 'log_linear') AS f
            WHERE f.age BETWEEN 6 AND 100) < 1e-10,
          'log_linear: a known age-specific linear trend in log m is recovered to 2060');
--    log m = -9 + 0.09 x + b_x k_t with k linear: Lee-Carter recovers it at every age.
SELECT set_config('cs.lc', pg_temp.hmd_text(1990, 2019, '-9 + 0.09 * x + (1 + 0.02 * x) / 188.5 * (-3.0) * (t - 2004.5)'), false) AS _ \gset
SELECT ok((SELECT max(abs(f.q - pg_temp.q_end(exp(-9 + 0.09 * (f.age - 1) + (1 + 0.02 * (f.age - 1)) / 188.5 * (-3.0) * (f.year - 2004.5)),
                                                 exp(-9 + 0.09 * f.age + (1 + 0.02 * f.age) / 188.5 * (-3.0) * (f.year - 2004.5)), f.age, f.sex)) / f.q)
             FROM carestair.forecast_mortality(current_setting('cs.lc'), 1990, 2019, 2060, 'lee_carter') AS f
            WHERE f.age > 0) < 1e-9,
          'lee_carter: an exact rank-one series with a linear index is recovered at every age to 2060');
SELECT ok((SELECT max(abs(b - (1 + 0.02 * age) / (SELECT sum(1 + 0.02 * a) FROM generate_series(0, 105) AS a)))
             FROM carestair.lee_carter_ages(current_setting('cs.lc'), 1990, 2019)) < 1e-9,
          'lee_carter: the fitted b is the generating age pattern (normalised to sum 1 over ages 0..105)');

-- 5. Monotone where it must be: with a falling index, Lee-Carter q falls every year
--    at every age whose (two Lexis) b are positive.
SELECT is((SELECT count(*) FROM carestair.forecast_mortality(:'mx', 2000, 2023, 2060, 'lee_carter') AS x
             JOIN carestair.forecast_mortality(:'mx', 2000, 2023, 2060, 'lee_carter') AS y
               ON y.sex = x.sex AND y.age = x.age AND y.year = x.year + 1
             JOIN carestair.lee_carter_ages(:'mx', 2000, 2023) AS b1 ON b1.sex = x.sex AND b1.age = x.age
             JOIN carestair.lee_carter_ages(:'mx', 2000, 2023) AS b0 ON b0.sex = x.sex AND b0.age = greatest(x.age - 1, 0)
            WHERE b1.b > 0 AND b0.b > 0 AND y.q > x.q), 0::bigint,
          'lee_carter: q falls year on year wherever b > 0 (the index falls in 2000-2023)');
-- Probabilities stay in [0, 1] for every method over a 300-year horizon.
SELECT ok((SELECT bool_and(q >= 0 AND q <= 1 AND q = q) FROM carestair.forecast_mortality(:'mx', 2014, 2023, 2323, m)), 'q in [0, 1], never NaN, method ' || m)
  FROM unnest(ARRAY['log_linear', 'lee_carter', 'constant']) AS m;
SELECT is((SELECT count(DISTINCT year) FROM carestair.forecast_mortality(:'mx', 2014, 2023, 2050)), 27::bigint,
          'the default method returns every year fit_to + 1 .. last_year');

-- 6. Bad input: clear errors naming the argument.
SELECT throws_ok($$ SELECT * FROM carestair.forecast_mortality('Norway, Deaths (period 1x1)' || E'\n2000 0 1 2 3', 2000, 2000, 2010, 'constant') $$,
                 '22023', 'hmd_mx is an HMD "Deaths" table, not death rates (Mx_1x1)', 'a Deaths table is refused');
SELECT throws_ok($$ SELECT * FROM carestair.forecast_mortality('no table here', 2000, 2009, 2010) $$,
                 '22P02', 'hmd_mx is not an HMD 1x1 table', 'text that is no HMD table is refused');
SELECT throws_ok(format('SELECT * FROM carestair.forecast_mortality(%L, 1980, 1999, 2010)', :'mx'),
                 '22023', 'fit window 1980-1999 lies outside the years of hmd_mx (1990-2023)', 'a fit window outside the data is refused');
SELECT throws_ok(format('SELECT * FROM carestair.forecast_mortality(%L, 2022, 2023, 2030, %L)', :'mx', 'lee_carter'),
                 '22023', 'fit window 2022-2023 has 2 years; the method needs at least 3', 'a window too short for the method is refused');
SELECT throws_ok(format('SELECT * FROM carestair.forecast_mortality(%L, 2010, 2023, 2020)', :'mx'),
                 '22023', 'last_year 2020 is not 1 to 300 years after fit_to 2023', 'last_year before fit_to is refused');
SELECT throws_ok(format('SELECT * FROM carestair.forecast_mortality(%L, 2010, 2023, 2030, %L)', :'mx', 'cairns_blake'),
                 '22023', 'method "cairns_blake" is not a mortality forecast method', 'an unknown method is refused');
SELECT throws_ok(format('SELECT * FROM carestair.forecast_mortality(%L, 2010, 2023, 2030)', replace(:'mx', '2015          50             0.001', '2015          50             NaN')),
                 '22023', NULL, 'a NaN rate is refused');
SELECT throws_like(format('SELECT * FROM carestair.forecast_mortality(%L, 2010, 2012, 2030)', pg_temp.hmd_text(2010, 2012, 'CASE WHEN x = 7 AND t = 2011 THEN 5 ELSE -9 END') ),
                   'hmd_mx has death rate "148.41%" for year 2011 age 7', 'a rate that is no rate (a count) is refused with its year and age');
SELECT throws_ok($$ SELECT * FROM carestair.forecast_mortality(NULL, 2010, 2012, 2030) $$, '22004', 'hmd_mx must not be NULL', 'NULL text is refused');

-- 7. The national back-test (HMD population, no migration) on history.
CREATE TEMP TABLE bt AS
SELECT * FROM carestair.backtest_mortality_national(:'mx', :'pop', '{2000,2005,2010}', 2023, '{constant,log_linear}', '{5,10}');
SELECT ok((SELECT max(abs(error_pct)) FROM bt WHERE method = 'observed') < 0.7,
          'with each year''s observed rates the survival lands within 0.7 % of the observed 67+, 80+ and 90+ in 2023');
SELECT ok((SELECT abs(error_pct - (-27.3)) < 0.3 FROM bt WHERE method = 'constant' AND window_years = 5 AND origin = 2000 AND age_group = '80+'),
          'constant 1995-1999 rates from 2000: 80+ in 2023 about 27.3 % too low, as measured independently (shared/data/mortality/SOURCE.md)');
SELECT ok((SELECT bool_and(abs(error_pct) <= 5) FROM bt WHERE method = 'log_linear' AND window_years = 10 AND origin IN (2005, 2010) AND age_group = '80+'),
          'default method (log_linear, 10 years): |80+ error| <= 5 % from 2005 and 2010');
SELECT ok((SELECT abs(d.error_pct) <= abs(c.error_pct) / 2 FROM bt AS d, bt AS c
            WHERE d.method = 'log_linear' AND d.window_years = 10 AND d.origin = 2000 AND d.age_group = '80+'
              AND c.method = 'constant' AND c.window_years = 5 AND c.origin = 2000 AND c.age_group = '80+'),
          'default method from 2000: at most half the constant-rate error for the 80+');
SELECT ok((SELECT bool_and(abs(d.error_pct) < abs(c.error_pct)) FROM bt AS d JOIN bt AS c USING (origin, age_group)
            WHERE d.method = 'log_linear' AND d.window_years = 10 AND c.method = 'constant' AND c.window_years = 5),
          'default method beats constant rates at every origin and age group');
SELECT is((SELECT round(error_pct::numeric, 2) FROM bt WHERE method = 'log_linear' AND window_years = 10 AND origin = 2005 AND age_group = '80+'),
          0.43, 'back-test value pinned: log_linear from 2005, 80+ in 2023 +0.43 %');
SELECT * FROM finish();
ROLLBACK;
