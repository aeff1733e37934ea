-- Estimators from real data (HMD mortality, indirect fertility, residual
-- migration) and a back-test from 1 January 2020 against the observed 2021-2026
-- populations, beside SSB's own 2020-based projection (table 12882, MMMM).
\getenv abs_srcdir PG_ABS_SRCDIR
\cd :abs_srcdir
\set SHOW_CONTEXT never
\set ECHO none
\o /dev/null
\i data/load.sql
\o
\set ECHO all
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
-- HMD: reading the table and converting m to q.
SELECT * FROM carestair.read_hmd(:'mx') WHERE year = 2019 AND age IN (0, 1, 50, 110) ORDER BY age;
SELECT round(carestair.q_from_m(0.002425, 0, 1)::numeric, 6) AS q0_male, round(carestair.q_from_m(0.00168, 0, 2)::numeric, 6) AS q0_female, round(carestair.q_from_m(0.1, 0, 1)::numeric, 6) AS q0_high, round(carestair.q_from_m(0.2, 50, 1)::numeric, 6) AS q50;
SELECT sex, age, round(q::numeric, 6) AS q FROM carestair.mortality_from_hmd(:'mx', 2015, 2019) WHERE age IN (0, 1, 2, 50, 80, 90, 105) ORDER BY sex, age;
-- Example (doc): the back-test scenario, base 1 January 2020, rates from 2015-2019 only.
INSERT INTO carestair.projection_scenario (scenario, description, assumptions, base_year, last_year) VALUES ('backtest2020', 'Back-test: rates estimated from 2015-2019, projected from 1 January 2020', '{"mortality": "HMD Norway 2015-2019", "fertility": "indirect, ssb_norway_1997 standard, 2015-2019", "migration": "residual 2015-2019, smooth 2"}', 2020, 2026);
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source) SELECT 'backtest2020', '0000', 2020, sex, age, q, 'carestair.mortality_from_hmd(HMD Norway Mx, 2015, 2019)' FROM carestair.mortality_from_hmd(:'mx', 2015, 2019);
SELECT r AS region, f.level, f.observed_births, round(f.expected_births::numeric, 1) AS expected_births, round(sum(f.rate)::numeric, 3) AS tfr FROM unnest(ARRAY['5524', '5520', '5601']) AS r, carestair.fertility_indirect(r, 2015, 2019) AS f GROUP BY r, f.level, f.observed_births, f.expected_births ORDER BY r;
INSERT INTO carestair.fertility (scenario, region, year, age, rate, source) SELECT 'backtest2020', r, 2020, f.age, f.rate, 'carestair.fertility_indirect(region, 2015, 2019)' FROM unnest(ARRAY['5524', '5520', '5601']) AS r, carestair.fertility_indirect(r, 2015, 2019) AS f;
SELECT r AS region, sex, round(sum(net_migrants)::numeric, 1) AS net_migrants, round(sum(immigrants)::numeric, 1) AS immigrants FROM unnest(ARRAY['5524', '5520', '5601']) AS r, carestair.migration_residual(r, 2015, 2019, 'backtest2020') GROUP BY r, sex ORDER BY r, sex;
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate, source) SELECT 'backtest2020', r, 2020, m.sex, m.age, m.immigrants, m.emigration_rate, 'carestair.migration_residual(region, 2015, 2019, ''backtest2020'')' FROM unnest(ARRAY['5524', '5520', '5601']) AS r, carestair.migration_residual(r, 2015, 2019, 'backtest2020') AS m;
CREATE TEMP TABLE bt AS SELECT * FROM carestair.projection_backtest('backtest2020', ARRAY['5524', '5520', '5601']);
SELECT * FROM bt WHERE year = 2026 ORDER BY region, age_from NULLS LAST;
-- MAPE over the six age groups and the signed error of the total, by year.
SELECT region, year, round(avg(abs(pct_error)) FILTER (WHERE age_group <> 'total'), 2) AS mape_age_groups, max(pct_error) FILTER (WHERE age_group = 'total') AS total_pct_error FROM bt GROUP BY region, year ORDER BY region, year;
-- Beside SSB's 2020-based main alternative (MMMM) for 1 January 2026.
CREATE TEMP TABLE mmmm (region text, year int, persons int);
\copy mmmm FROM 'data/population/ssb12882_mmmm_projected_totals_2026_2050_malselv_bardu_alta.csv' WITH (FORMAT csv, HEADER true)
SELECT b.region, b.observed AS observed_2026, m.persons AS ssb_mmmm, round(100.0 * (m.persons - b.observed) / b.observed, 1) AS ssb_pct_error, b.projected AS carestair, round(b.pct_error, 1) AS carestair_pct_error FROM bt AS b JOIN mmmm AS m ON m.region = b.region AND m.year = b.year WHERE b.year = 2026 AND b.age_group = 'total' ORDER BY b.region;
-- Errors.
SELECT * FROM carestair.read_hmd('Year Age Female Male Total');
SELECT carestair.q_from_m(-0.1, 0, 1);
SELECT carestair.q_from_m('NaN', 3, 1);
SELECT carestair.q_from_m(0.1, 3, 0);
SELECT * FROM carestair.mortality_from_hmd(:'mx', 2019, 2015);
SELECT * FROM carestair.mortality_from_hmd(:'mx', 2015, 2019, 110);
SELECT * FROM carestair.mortality_from_hmd(:'mx', 1985, 1991);
SELECT * FROM carestair.fertility_indirect('5524', 2019, 2015);
SELECT * FROM carestair.fertility_indirect('5524', 2015, 2019, 'nosuch');
SELECT * FROM carestair.fertility_indirect('5524', 2000, 2005);
INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age) SELECT '1101', y, s, a, CASE WHEN s = 1 THEN 5 ELSE 0 END, a = 105 FROM generate_series(2015, 2016) AS y, generate_series(1, 2) AS s, generate_series(0, 105) AS a;
SELECT * FROM carestair.fertility_indirect('1101', 2015, 2015);
SELECT * FROM carestair.migration_residual('5524', 2019, 2015, 'backtest2020');
SELECT * FROM carestair.migration_residual('5524', 2015, 2019, 'backtest2020', '0000', 11);
SELECT * FROM carestair.migration_residual('5524', 2000, 2005, 'backtest2020');
SELECT * FROM carestair.migration_residual('5524', 2015, 2019, 'nosuch');
SELECT * FROM carestair.projection_backtest('backtest2020', ARRAY['5524'], 'nosuch');
-- The same procedure for every bundled kommune (13 seed kommuner): error of the 2026 total and MAPE over the age groups.
INSERT INTO carestair.fertility (scenario, region, year, age, rate, source) SELECT 'backtest2020', r, 2020, f.age, f.rate, 'carestair.fertility_indirect(region, 2015, 2019)' FROM (SELECT DISTINCT region AS r FROM carestair.population WHERE year = 2020 AND region NOT IN ('0000', '5524', '5520', '5601')) AS k, carestair.fertility_indirect(r, 2015, 2019) AS f;
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate, source) SELECT 'backtest2020', r, 2020, m.sex, m.age, m.immigrants, m.emigration_rate, 'carestair.migration_residual(region, 2015, 2019, ''backtest2020'')' FROM (SELECT DISTINCT region AS r FROM carestair.population WHERE year = 2020 AND region NOT IN ('0000', '5524', '5520', '5601')) AS k, carestair.migration_residual(r, 2015, 2019, 'backtest2020') AS m;
CREATE TEMP TABLE bt_all AS SELECT * FROM carestair.projection_backtest('backtest2020', ARRAY(SELECT DISTINCT region FROM carestair.fertility WHERE scenario = 'backtest2020' ORDER BY 1)) WHERE year = 2026;
SELECT b.region, g.name, max(b.pct_error) FILTER (WHERE b.age_group = 'total') AS total_pct_error, round(avg(abs(b.pct_error)) FILTER (WHERE b.age_group <> 'total'), 2) AS mape_age_groups FROM bt_all AS b JOIN carestair.region AS g USING (region) GROUP BY b.region, g.name ORDER BY b.region;
SELECT count(DISTINCT region) AS kommuner, round(avg(abs(pct_error)) FILTER (WHERE age_group = 'total'), 2) AS mean_abs_total_pct_error, round(avg(abs(pct_error)) FILTER (WHERE age_group <> 'total'), 2) AS mape_age_groups FROM bt_all;
