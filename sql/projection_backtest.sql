-- Estimators from real data (HMD mortality, indirect fertility, residual
-- migration) and a back-test from 1 January 2020 against the observed 2021-2026
-- populations, beside SSB's own 2020-based projection (table 12882, MMMM).
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
-- HMD: reading the table and converting m to q.
SELECT * FROM carestair.read_hmd(:'mx') WHERE year = 2019 AND age IN (0, 1, 50, 110) ORDER BY age;
SELECT round(carestair.q_from_m(0.002425, 0, 1)::numeric, 6) AS q0_male, round(carestair.q_from_m(0.00168, 0, 2)::numeric, 6) AS q0_female, round(carestair.q_from_m(0.1, 0, 1)::numeric, 6) AS q0_high, round(carestair.q_from_m(0.2, 50, 1)::numeric, 6) AS q50;
SELECT sex, age, round(q::numeric, 6) AS q FROM carestair.mortality_from_hmd(:'mx', 2015, 2019) WHERE age IN (0, 1, 2, 50, 80, 90, 105) ORDER BY sex, age;
-- Example (doc): the back-test, as make demo runs it.
\i data/projection_backtest.sql
-- Example (doc): a scenario's rates in one call, then a run.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('main2024', 'Rates of 2019-2023, from 1 January 2024', 2024, 2050);
SELECT * FROM carestair.estimate_scenario_rates('main2024', ARRAY['5524', '5520'], 2019, 2023, :'mx');
SELECT carestair.run_projection_scenario('main2024', ARRAY['5524', '5520']);
SELECT region, year, persons, persons_80_plus, old_age_dependency_ratio, index_80_plus FROM carestair.projection_indicators WHERE scenario = 'main2024' AND year IN (2024, 2030, 2040, 2050) ORDER BY region, year;
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
