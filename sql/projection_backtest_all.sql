-- Every-kommune back-test (doc/projection_backtest_all.md): interval
-- estimators, the migration rule and the back-test, on the bundled SSB 07459
-- data for all 357 kommuner; here for a few kommuner (the full run is
-- data/projection_backtest_all.sql).  Last in REGRESS: it leaves the
-- all-kommune population loaded.
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\cd :abs_srcdir
\set ECHO none
\o /dev/null
\i data/load_all_kommuner.sql
\o
\set ECHO all
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
-- Example (doc): a mortality scenario for the estimates (2015-2019) and the projection (forecast from 2010-2019).
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('bta_forecast', 'Back-test 2015 -> 2020 -> 2026, mortality forecast', 2020, 2026);
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source) SELECT 'bta_forecast', '0000', 2015, sex, age, q, 'mortality_from_hmd(mx, 2015, 2019)' FROM carestair.mortality_from_hmd(:'mx', 2015, 2019);
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source) SELECT 'bta_forecast', '0000', year, sex, age, q, 'forecast_mortality(mx, 2010, 2019, 2025)' FROM carestair.forecast_mortality(:'mx', 2010, 2019, 2025);
-- Example (doc): fertility level from the children aged 0-4 on 1 January 2020.
SELECT region, round(level::numeric, 4) AS level, observed_children, round(expected_children::numeric, 1) AS expected_children, round(sum(rate)::numeric, 3) AS tfr FROM carestair.fertility_indirect_interval(ARRAY['5520', '5524', '5601'], 2015, 2020, 'bta_forecast') GROUP BY region, level, observed_children, expected_children ORDER BY region;
-- Example (doc): annual net migrants from the cohort residual 2015 -> 2020.
SELECT region, sex, round(sum(net_migrants)::numeric, 1) AS net_migrants_per_year, round(sum(net_migrants) FILTER (WHERE age BETWEEN 20 AND 29)::numeric, 1) AS aged_20_29 FROM carestair.migration_residual_interval(ARRAY['5520', '5524', '5601'], 2015, 2020, 'bta_forecast') GROUP BY region, sex ORDER BY region, sex;
-- Example (doc): the migration rule for the Troms kommuner: weight, and the 20-29 net before and after.
CREATE TEMP TABLE troms AS SELECT * FROM carestair.migration_residual_interval(ARRAY(SELECT region FROM carestair.region WHERE region LIKE '55%'), 2015, 2020, 'bta_forecast');
SELECT s.region, round(max(s.weight)::numeric, 3) AS weight, round(sum(r.net_migrants)::numeric, 1) AS own_total, round(sum(s.net_migrants)::numeric, 1) AS shrunk_total, round(sum(r.net_migrants) FILTER (WHERE r.age BETWEEN 20 AND 29)::numeric, 1) AS own_20_29, round(sum(s.net_migrants) FILTER (WHERE s.age BETWEEN 20 AND 29)::numeric, 1) AS shrunk_20_29 FROM carestair.migration_shrunk('SELECT * FROM troms') AS s JOIN troms AS r USING (region, sex, age) WHERE s.region IN ('5501', '5520', '5524', '5544') GROUP BY s.region ORDER BY s.region;
-- Example (doc): the back-test for Målselv and Bardu, shrunk migration (default p0).
SELECT * FROM carestair.backtest_all_kommuner('bta_forecast', regions => ARRAY['5520', '5524']) WHERE year = 2025;
-- Example (doc): the summary over the 21 Troms kommuner, own against shrunk migration.
SELECT 'own' AS migration, * FROM carestair.backtest_all_kommuner_summary('bta_forecast', 0, regions => ARRAY(SELECT region FROM carestair.region WHERE region LIKE '55%')) WHERE year = 2025 AND size_class = 'all' UNION ALL SELECT 'shrunk', * FROM carestair.backtest_all_kommuner_summary('bta_forecast', regions => ARRAY(SELECT region FROM carestair.region WHERE region LIKE '55%')) WHERE year = 2025 AND size_class = 'all';
-- Errors.
SELECT * FROM carestair.fertility_indirect_interval(ARRAY['5524'], 2020, 2015, 'bta_forecast');
SELECT * FROM carestair.fertility_indirect_interval(ARRAY['5524'], 1900, 1905, 'bta_forecast');
SELECT * FROM carestair.fertility_indirect_interval(NULL, 1900, 1905, 'bta_forecast');
SELECT * FROM carestair.fertility_indirect_interval(ARRAY['5524'], 2015, 2020, NULL);
SELECT * FROM carestair.fertility_indirect_interval(ARRAY['5524'], 2015, 2020, 'bta_forecast', 'nosuch');
SELECT * FROM carestair.fertility_indirect_interval(ARRAY['5524'], 2015, 2020, 'bta_forecast', sex_ratio => 0);
SELECT * FROM carestair.fertility_indirect_interval(ARRAY['5524'], 2015, 2020, 'nosuch');
SELECT * FROM carestair.migration_residual_interval(ARRAY['5524'], 2015, 2020, NULL);
BEGIN;
INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age) SELECT '1101', y, s, a, CASE WHEN s = 1 THEN 5 ELSE 0 END, a = CASE y WHEN 2040 THEN 3 ELSE 4 END FROM generate_series(2040, 2045, 5) AS y, generate_series(1, 2) AS s, generate_series(0, CASE y WHEN 2040 THEN 3 ELSE 4 END) AS a;
SELECT * FROM carestair.migration_residual_interval(ARRAY['1101'], 2040, 2045, 'bta_forecast');
ROLLBACK;
BEGIN;
INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age) SELECT '1101', y, s, a, CASE WHEN s = 1 THEN 5 ELSE 0 END, a = 3 FROM generate_series(2040, 2045, 5) AS y, generate_series(1, 2) AS s, generate_series(0, 3) AS a;
SELECT * FROM carestair.migration_residual_interval(ARRAY['1101'], 2040, 2045, 'bta_forecast');
ROLLBACK;
BEGIN;
INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age) SELECT '1101', y, s, a, CASE WHEN s = 1 THEN 5 ELSE 0 END, a = 105 FROM generate_series(2040, 2045, 5) AS y, generate_series(1, 2) AS s, generate_series(0, 105) AS a;
SELECT * FROM carestair.fertility_indirect_interval(ARRAY['1101'], 2040, 2045, 'bta_forecast');
ROLLBACK;
SELECT * FROM carestair.migration_shrunk('SELECT * FROM troms', -1);
SELECT * FROM carestair.migration_shrunk('SELECT * FROM troms', 'NaN');
SELECT * FROM carestair.migration_shrunk('SELECT * FROM troms', 10000, 'fylke');
SELECT * FROM carestair.migration_shrunk('SELECT * FROM troms', 10000, 'county', 11);
SELECT * FROM carestair.migration_shrunk(NULL);
SELECT * FROM carestair.migration_shrunk('SELECT region, sex, age, net_migrants, start_stock, ''NaN''::float8 AS q FROM troms');
SELECT * FROM carestair.migration_shrunk('SELECT region, sex, age, net_migrants, -1 AS start_stock, q FROM troms');
SELECT * FROM carestair.backtest_all_kommuner('bta_forecast', regions => ARRAY['0000']);
SELECT * FROM carestair.backtest_all_kommuner('bta_forecast', regions => ARRAY['5524'], last_year => 2020);
SELECT * FROM carestair.backtest_all_kommuner('nosuch', regions => ARRAY['5524']);
