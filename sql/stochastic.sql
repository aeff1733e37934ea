-- Stochastic projection: prediction intervals by Monte Carlo over the
-- cohort-component kernel (doc/stochastic.md).  Scenario from real data:
-- HMD mortality 2019-2023, indirect fertility and residual migration
-- 2019-2023 for Målselv and Bardu, base 1 January 2026.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
\set QUIET on
INSERT INTO carestair.projection_scenario (scenario, description, assumptions, base_year, last_year) VALUES ('trend', 'Rates of 2019-2023 held constant from 1 January 2026', '{"mortality": "HMD Norway 2019-2023", "fertility": "indirect, 2019-2023", "migration": "residual 2019-2023"}', 2026, 2040);
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source) SELECT 'trend', '0000', 2026, sex, age, q, 'carestair.mortality_from_hmd(HMD Norway Mx, 2019, 2023)' FROM carestair.mortality_from_hmd(:'mx', 2019, 2023);
INSERT INTO carestair.fertility (scenario, region, year, age, rate, source) SELECT 'trend', r, 2026, f.age, f.rate, 'carestair.fertility_indirect(region, 2019, 2023)' FROM unnest(ARRAY['5524', '5520']) AS r, carestair.fertility_indirect(r, 2019, 2023) AS f;
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate, source) SELECT 'trend', r, 2026, m.sex, m.age, m.immigrants, m.emigration_rate, 'carestair.migration_residual(region, 2019, 2023, ''trend'')' FROM unnest(ARRAY['5524', '5520']) AS r, carestair.migration_residual(r, 2019, 2023, 'trend') AS m;
\set QUIET off
-- Example (doc): the scenario's stochastic parameters are the defaults.
INSERT INTO carestair.stochastic_parameters (scenario) VALUES ('trend');
SELECT scenario, fertility_sd, fertility_ar, mortality_drift, mortality_sd, immigration_sd, immigration_ar, emigration_sd, emigration_ar, demographic_noise FROM carestair.stochastic_parameters;
-- Example (doc): overlapping open age groups, so that 80+ and 90+ each get their own interval.
INSERT INTO carestair.age_grouping (scheme, age_from, age_to, label) VALUES ('oldest', 67, NULL, '67+'), ('oldest', 80, NULL, '80+'), ('oldest', 90, NULL, '90+');
-- Example (doc): 80+ and 90+ in Målselv to 2040, both sexes, 1,000 draws.
SELECT year, age_group, round(mean::numeric, 1) AS mean, (SELECT array_agg(round(v::numeric)) FROM unnest(quantile_values) AS v) AS q05_q25_q50_q75_q95 FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2040, age_scheme => 'oldest') WHERE sex IS NULL AND age_group IN ('80+', '90+') AND year IN (2027, 2030, 2035, 2040) ORDER BY age_group, year;
-- Example (doc): totals have their own intervals, from the draws of the totals.
SELECT region, year, sex, age_group, age_from, age_to, round(mean::numeric, 1) AS mean, (SELECT array_agg(round(v::numeric)) FROM unnest(quantile_values) AS v) AS quantiles FROM carestair.project_population_intervals('trend', ARRAY['5524', '5520'], 2040, 1000, 1, '{0.1,0.5,0.9}', 'broad') WHERE year = 2040 ORDER BY region, sex NULLS LAST, age_from, age_to NULLS FIRST;
-- Example (doc): raw draws of one region, here the 90+ of the first three draws in 2040.
SELECT draw, year, sum(persons) AS persons_90_plus FROM carestair.project_population_draws('trend', '5524', 2040, 3) WHERE age >= 90 AND year = 2040 GROUP BY draw, year ORDER BY draw;
-- With demographic noise only, every draw is in whole persons.
UPDATE carestair.stochastic_parameters SET fertility_sd = 0, mortality_sd = 0, immigration_sd = 0, emigration_sd = 0 WHERE scenario = 'trend';
SELECT count(*) AS cells, count(*) FILTER (WHERE persons <> round(persons)) AS fractional FROM carestair.project_population_draws('trend', '5524', 2030, 5);
UPDATE carestair.stochastic_parameters SET fertility_sd = DEFAULT, mortality_sd = DEFAULT, immigration_sd = DEFAULT, emigration_sd = DEFAULT WHERE scenario = 'trend';

-- Errors of the table-driven functions.
\set SHOW_CONTEXT never
SELECT * FROM carestair.project_population_intervals('nosuch');
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('bare', 'no stochastic parameters', 2026, 2030);
SELECT * FROM carestair.project_population_intervals('bare', ARRAY['5524']);
SELECT * FROM carestair.project_population_draws('bare', '5524');
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], age_scheme => 'nosuch');
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, 0);
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, 100001);
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, 10, 1, '{0.5,1}');
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, 10, 1, '{0}');
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, 10, 1, '{0.9,0.1}');
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, 10, 1, '{0.5,0.5}');
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, 10, 1, '{}');
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, 10, 1, '{0.5,NULL}');
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2025);
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, NULL);
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, 10, NULL);
SELECT * FROM carestair.project_population_draws('trend', '5524', 2030, 10, NULL);
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, 10, 1, NULL);
SELECT * FROM carestair.project_population_draws('trend', '5524', 2300);
INSERT INTO carestair.stochastic_parameters (scenario, mortality_sd) VALUES ('bare', -0.01);
INSERT INTO carestair.stochastic_parameters (scenario, fertility_ar) VALUES ('bare', 1.5);
-- A year of rates that lacks a row is named.
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q) SELECT 'trend', '0000', 2030, sex, age, q FROM carestair.mortality WHERE scenario = 'trend' AND region = '0000' AND year = 2026 AND NOT (sex = 2 AND age = 57);
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2035, 10);
DELETE FROM carestair.mortality WHERE scenario = 'trend' AND year = 2030;
-- Rates above the open age group of the population are an error, as in the deterministic projection.
INSERT INTO carestair.fertility (scenario, region, year, age, rate) VALUES ('trend', '5524', 2026, 110, 0);
SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2030, 10);
DELETE FROM carestair.fertility WHERE scenario = 'trend' AND age = 110;
-- A long run stops promptly on statement_timeout (interrupts are checked once per draw).
SET statement_timeout = '300ms';
SELECT count(*) FROM carestair.project_population_draws('trend', '5524', 2100, 100000);
RESET statement_timeout;

-- Errors of the per-region function on arrays (reachable by direct calls).
CREATE TEMP TABLE a AS SELECT i.*, p FROM carestair._stochastic_inputs('trend', '5524', 2026, 2030) AS i, carestair.stochastic_parameters AS p WHERE p.scenario = 'trend';
SELECT cardinality(population) AS population, fertility_years, cardinality(fertility) AS fertility, mortality_years, cardinality(mortality) AS mortality, migration_years, cardinality(immigrants) AS immigrants, cardinality(emigration_rates) AS emigration_rates FROM a;
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 0, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, ROW('trend', -0.05, 0.95, 0, 0.03, 0.15, 0.7, 0.1, 0.7, true, 'x')::carestair.stochastic_parameters, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, ROW('trend', 0.05, 0.95, 0, 0.03, 0.15, 0.7, 'NaN', 0.7, true, 'x')::carestair.stochastic_parameters, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, ROW('trend', 0.05, NULL, 0, 0.03, 0.15, 0.7, 0.1, 0.7, true, 'x')::carestair.stochastic_parameters, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population[1:211], 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population[1:5] || NULL::float8 || a.population[7:212], 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population[1:5] || (-1)::float8 || a.population[7:212], 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', ARRAY[a.population[1:106], a.population[107:212]], 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, 0.5::float8 || a.fertility[2:106], a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality[1:211] || 1.5::float8, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality[1:211], a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, '{2026,2026}', a.mortality || a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates || 0.1::float8, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, '{2027}', a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, '{NULL}', a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{0,80}', '{NULL}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2030, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 10, 1, '{0.5}', '{80}', '{79}');
SELECT count(*) FROM a, carestair._stochastic_region('5524', a.population, 2026, 2040, a.fertility_years, a.fertility, a.mortality_years, a.mortality, a.migration_years, a.immigrants, a.emigration_rates, 1.055, 0.5, a.p, 100000, 1, '{0.5}', ARRAY(SELECT generate_series(0, 105)), ARRAY(SELECT generate_series(0, 105)));
