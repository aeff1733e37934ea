-- The table-driven projection: scenarios, canonical rate tables with the
-- national fall-back, materialised runs, views and scenario comparison.
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
-- Two scenarios from 1 January 2024: 'low' and 'high' migration.  Their
-- rates are simple formulas for the example (not estimates), given for
-- Norway ('0000') only, so every kommune falls back to them.
INSERT INTO carestair.projection_scenario (scenario, description, assumptions, base_year, last_year) VALUES ('low', 'Example: constant rates, low in-migration', '{"rates": "formula, for the example"}', 2024, 2030), ('high', 'Example: constant rates, high in-migration', '{"rates": "formula, for the example"}', 2024, 2030);
INSERT INTO carestair.fertility (scenario, region, year, age, rate, source) SELECT s, '0000', 2024, a, round((0.11 * exp(-(((a - 31) / 5.5) ^ 2)))::numeric, 5), 'example formula' FROM unnest(ARRAY['low', 'high']) AS s, generate_series(15, 49) AS a;
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source) SELECT s, '0000', 2024, x, a, least(1, round((0.00005 * exp(0.095 * a) * (1 + 0.4 * (x = 1)::int))::numeric, 6)), 'example formula' FROM unnest(ARRAY['low', 'high']) AS s, generate_series(1, 2) AS x, generate_series(0, 105) AS a;
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate, source) SELECT s, '0000', 2024, x, a, CASE s WHEN 'low' THEN 0.5 ELSE 1.5 END * round((2 * exp(-(((a - 24) / 9.0) ^ 2)))::numeric, 3), round((0.03 * exp(-(((a - 22) / 8.0) ^ 2)))::numeric, 4), 'example formula' FROM unnest(ARRAY['low', 'high']) AS s, generate_series(1, 2) AS x, generate_series(0, 105) AS a;
-- Example (doc): project Målselv and Bardu without materialising.
SELECT region, year, round(sum(persons)::numeric) AS persons, round(sum(deaths)::numeric, 1) AS deaths FROM carestair.project_population('low', ARRAY['5524', '5520'], 2026) GROUP BY region, year ORDER BY region, year;
-- A kommune's own rows take precedence over the national ones, table by table.
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source) SELECT scenario, '5524', year, sex, age, 0, 'example: nobody dies in Målselv' FROM carestair.mortality WHERE scenario = 'low' AND region = '0000';
SELECT region, round(sum(deaths)::numeric, 1) AS deaths FROM carestair.project_population('low', ARRAY['5524', '5520'], 2025) GROUP BY region ORDER BY region;
DELETE FROM carestair.mortality WHERE scenario = 'low' AND region = '5524';
-- Example (doc): materialise both scenarios for three kommuner and read the views.
SELECT carestair.run_projection_scenario('low', ARRAY['5524', '5520', '5601']);
SELECT carestair.run_projection_scenario('high', ARRAY['5524', '5520', '5601']);
SELECT scenario, regions, base_year, last_year, row_count FROM carestair.projection_run ORDER BY scenario;
SELECT scenario, region, year, persons, births, deaths, immigrants, emigrants, net_migration, is_projected FROM carestair.projection_totals WHERE region = '5524' ORDER BY scenario, year;
SELECT year, age_group, persons FROM carestair.projection_age_groups WHERE scenario = 'low' AND region = '5524' AND scheme = 'care' AND year IN (2024, 2030) ORDER BY year, age_from;
SELECT year, persons, persons_67_plus, persons_80_plus, persons_90_plus, old_age_dependency_ratio, index_80_plus, index_90_plus FROM carestair.projection_indicators WHERE scenario = 'low' AND region = '5524' ORDER BY year;
SELECT * FROM carestair.compare_scenarios('low', 'high', 'broad') WHERE region = '5524' AND year IN (2024, 2030);
-- A user-defined age grouping.
INSERT INTO carestair.age_grouping (scheme, age_from, age_to, label) VALUES ('school', 0, 5, 'pre-school'), ('school', 6, 15, 'school'), ('school', 16, NULL, '16+');
SELECT age_group, persons_a, persons_b, difference, pct_difference FROM carestair.compare_scenarios('low', 'high', 'school') WHERE region = '5601' AND year = 2030;
-- Re-running replaces the previous run.
SELECT carestair.run_projection_scenario('low', ARRAY['5524'], 2026);
SELECT region, min(year), max(year), count(*) FROM carestair.projection_result WHERE scenario = 'low' GROUP BY region;
-- All regions with a base-year population when regions is NULL.
SELECT count(DISTINCT region) = (SELECT count(DISTINCT region) FROM carestair.population WHERE year = 2024) AS all_regions FROM carestair.project_population('low', NULL, 2025);
-- Errors.
SELECT * FROM carestair.project_population('nosuch', ARRAY['5524'], 2030);
SELECT * FROM carestair.project_population('low', ARRAY['5524', '9999'], 2030);
SELECT * FROM carestair.project_population('low', ARRAY[]::text[], 2030);
SELECT * FROM carestair.project_population('low', ARRAY['5524'], 2020);
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('empty', 'no rates', 2024, 2030);
SELECT * FROM carestair.project_population('empty', ARRAY['5524'], 2030);
SELECT * FROM carestair.compare_scenarios('low', 'empty');
SELECT * FROM carestair.compare_scenarios('low', 'high', 'nosuch');
\set VERBOSITY terse
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q) VALUES ('low', '5524', 2024, 1, 0, 1.5);
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year, sex_ratio) VALUES ('bad', 'bad', 2024, 2030, 'NaN');
\set VERBOSITY default
-- Deleting a scenario deletes its rates and results.
DELETE FROM carestair.projection_scenario WHERE scenario = 'high';
SELECT (SELECT count(*) FROM carestair.migration WHERE scenario = 'high') AS rates, (SELECT count(*) FROM carestair.projection_result WHERE scenario = 'high') AS results;
