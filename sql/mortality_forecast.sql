-- Mortality forecast (Lee-Carter, log-linear trends, constant) from HMD
-- Norway, the national back-test that chose the default, the kommune
-- back-test of the default scenario rates, and errors.
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1846_2023.txt`
\set pop `cat data/mortality/hmd_norway_Population_1846_2024.txt`
SELECT * FROM carestair.hmd_years(:'mx');
-- Example (doc): q at 80 and 90 by method, fitted on 2014-2023.
SELECT f.method, f.year, f.sex, f.age, round(f.q::numeric, 5) AS q FROM unnest(ARRAY['constant', 'lee_carter', 'log_linear']) AS m (method), LATERAL (SELECT m.method, x.* FROM carestair.forecast_mortality(:'mx', 2014, 2023, 2050, m.method) AS x) AS f WHERE f.age IN (80, 90) AND f.year IN (2024, 2035, 2050) ORDER BY f.method, f.sex, f.age, f.year;
-- Example (doc): the default method (method => NULL) is log_linear.
SELECT count(*) AS cells, min(year) AS first_year, max(year) AS last_year, max(age) AS open_age FROM carestair.forecast_mortality(:'mx', 2014, 2023, 2050);
-- Example (doc): Lee-Carter fitted on 1970-2023: b (the ages that improve) and the index k.
SELECT sex, age, round(a::numeric, 3) AS a, round(b::numeric, 4) AS b FROM carestair.lee_carter_ages(:'mx', 1970, 2023) WHERE age IN (0, 30, 60, 70, 80, 90, 100) ORDER BY sex, age;
SELECT sex, year, round(k::numeric, 2) AS k FROM carestair.lee_carter_index(:'mx', 1970, 2023) WHERE year IN (1970, 1990, 2000, 2010, 2019, 2023) ORDER BY sex, year;
-- Example (doc): the national back-test.  Error (%) of persons aged 67+, 80+,
-- 90+ on 1 January 2023, Norway projected from 2000, 2005 and 2010 without
-- migration, by method and fit window (years before the origin).
CREATE TEMP TABLE bt AS SELECT * FROM carestair.backtest_mortality_national(:'mx', :'pop', '{2000,2005,2010}', 2023, '{constant,lee_carter,log_linear}', '{5,10,20,30}');
SELECT method, window_years, round(max(error_pct) FILTER (WHERE origin = 2000 AND age_group = '80+')::numeric, 1) AS "80+ from 2000", round(max(error_pct) FILTER (WHERE origin = 2005 AND age_group = '80+')::numeric, 1) AS "80+ from 2005", round(max(error_pct) FILTER (WHERE origin = 2010 AND age_group = '80+')::numeric, 1) AS "80+ from 2010", round(max(error_pct) FILTER (WHERE origin = 2000 AND age_group = '90+')::numeric, 1) AS "90+ from 2000", round(max(error_pct) FILTER (WHERE origin = 2010 AND age_group = '90+')::numeric, 1) AS "90+ from 2010", round(avg(abs(error_pct))::numeric, 1) AS mean_abs FROM bt GROUP BY method, window_years ORDER BY method, window_years NULLS FIRST;
SELECT origin, age_group, round(projected) AS projected, round(observed) AS observed, round(error_pct::numeric, 2) AS error_pct FROM bt WHERE method IN ('observed') OR (method = 'log_linear' AND window_years = 10) OR (method = 'constant' AND window_years = 5) ORDER BY origin, method, age_group;
-- Example (doc): the bundled kommuner from 2010 and 2015 to 2026, rates from the 5 years before each origin.
CREATE TEMP TABLE bk AS SELECT * FROM carestair.backtest_kommuner(ARRAY(SELECT DISTINCT region FROM carestair.population WHERE year = 2005 AND region <> '0000' ORDER BY 1), :'mx');
SELECT origin, method, age_group, count(*) AS kommuner, round(avg(abs(error_pct))::numeric, 1) AS mean_abs_pct, round(avg(error_pct)::numeric, 1) AS mean_pct, round((percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(error_pct)))::numeric, 1) AS median_abs_pct, count(*) FILTER (WHERE error_pct < 0) AS too_low FROM bk GROUP BY origin, method, age_group ORDER BY origin, age_group, method;
SELECT region, origin, round(max(error_pct) FILTER (WHERE method = 'constant')::numeric, 1) AS constant_80, round(max(error_pct) FILTER (WHERE method = 'log_linear')::numeric, 1) AS default_80 FROM bk WHERE age_group = '80+' GROUP BY region, origin ORDER BY region, origin;
-- Errors.
SELECT * FROM carestair.forecast_mortality(:'pop', 2000, 2010, 2020);
SELECT * FROM carestair.forecast_mortality(:'mx', 2020, 2010, 2030);
SELECT * FROM carestair.forecast_mortality(:'mx', 2010, 2023, 2023);
SELECT * FROM carestair.forecast_mortality(:'mx', 2010, 2030, 2040);
SELECT * FROM carestair.forecast_mortality(:'mx', 2022, 2023, 2040, 'log_linear');
SELECT * FROM carestair.forecast_mortality(:'mx', 2010, 2023, 2040, 'Lee-Carter');
SELECT * FROM carestair.forecast_mortality('1999 0 0.1 0.2 0.15', 1999, 1999, 2000, 'constant');
SELECT * FROM carestair.backtest_mortality_national(:'mx', :'pop', '{2024}');
SELECT * FROM carestair.backtest_kommuner(ARRAY['5524'], :'mx', base_years => 0);
