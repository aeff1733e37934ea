-- Stochastic parameters estimated from history, the named parameter sets,
-- and the empirical coverage of the intervals (doc/stochastic.md).
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1846_2023.txt`
\set pop `cat data/mortality/hmd_norway_Population_1846_2024.txt`
\set births `cat data/mortality/hmd_norway_births_1846_2023.txt`
\set QUIET on
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('est', 'estimation test', 2026, 2040);
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q) SELECT 'est', '0000', 2026, sex, age, q FROM carestair.mortality_from_hmd(:'mx', 2019, 2023);
\set QUIET off
-- Example (doc): estimate the parameters of a scenario from HMD Norway 1970-2023 and SSB 07459 1990-2025.
SELECT round(fertility_sd::numeric, 4) AS fertility_sd, round(fertility_ar::numeric, 3) AS fertility_ar, round(mortality_drift::numeric, 4) AS mortality_drift, round(mortality_sd::numeric, 4) AS mortality_sd, round(immigration_sd::numeric, 3) AS immigration_sd, round(immigration_ar::numeric, 3) AS immigration_ar, emigration_sd FROM carestair.estimate_stochastic_parameters('est', :'mx', :'pop', :'births');
-- Example (doc): the row written, with its source.
SELECT scenario, source FROM carestair.stochastic_parameters WHERE scenario = 'est';
-- Example (doc): the named parameter sets: the shipped defaults (estimated) and the round numbers of version 0.1.
SELECT (p).fertility_sd, (p).fertility_ar, (p).mortality_sd, (p).immigration_sd, (p).immigration_ar, (p).emigration_sd, (p).emigration_ar FROM (SELECT carestair.stochastic_parameter_set('est', s) AS p FROM unnest(ARRAY['estimated', 'round']) AS s) AS x;
-- The shipped defaults are the estimates rounded: a row with only the scenario equals the 'estimated' set.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('dflt', 'defaults', 2026, 2030);
INSERT INTO carestair.stochastic_parameters (scenario) VALUES ('dflt');
SELECT (SELECT s FROM carestair.stochastic_parameters AS s WHERE scenario = 'dflt') = carestair.stochastic_parameter_set('dflt') AS defaults_are_the_estimated_set;
-- Example (doc): empirical coverage from 1 January 2015 of the bundled kommuner (single-year data), 2020, 2025 and 2026.
CREATE TEMP TABLE cov AS SELECT * FROM carestair.backtest_stochastic_coverage((SELECT array_agg(DISTINCT region ORDER BY region) FROM carestair.population WHERE region <> '0000' AND year = 2010), :'mx', 2015, '{2020,2025,2026}', 500);
SELECT age_group, count(*) AS cases, round(100 * avg(inside_50::int)) AS in_50, round(100 * avg(inside_80::int)) AS in_80, round(100 * avg(inside_95::int)) AS in_95, count(*) FILTER (WHERE observed < lo80) AS below_80, count(*) FILTER (WHERE observed > hi80) AS above_80 FROM cov GROUP BY age_group ORDER BY age_group;
-- Example (doc): by kommune size (population on 1 January 2015), all four age groups.
SELECT size_class, count(DISTINCT region) AS kommuner, count(*) AS cases, round(100 * avg(inside_50::int)) AS in_50, round(100 * avg(inside_80::int)) AS in_80, round(100 * avg(inside_95::int)) AS in_95 FROM cov GROUP BY size_class ORDER BY min(region);
-- The same with the round numbers of version 0.1.
CREATE TEMP TABLE cov_round AS SELECT * FROM carestair.backtest_stochastic_coverage((SELECT array_agg(DISTINCT region ORDER BY region) FROM carestair.population WHERE region <> '0000' AND year = 2010), :'mx', 2015, '{2020,2025,2026}', 500, 5, 'round');
SELECT age_group, round(100 * avg(inside_50::int)) AS in_50, round(100 * avg(inside_80::int)) AS in_80, round(100 * avg(inside_95::int)) AS in_95 FROM cov_round GROUP BY age_group ORDER BY age_group;
-- The scratch scenario and age scheme are gone.
SELECT count(*) AS left_over FROM carestair.projection_scenario WHERE scenario LIKE 'coverage backtest%';
-- Too little data: an error naming the series and its length.
SELECT * FROM carestair.estimate_stochastic_parameters('est', :'mx', :'pop', :'births', 2015, 2020);
SELECT * FROM carestair.estimate_stochastic_parameters('est', :'mx', :'pop', :'births', 1970, 2023, 2020, 2025);
SELECT * FROM carestair.estimate_stochastic_parameters('nosuch', :'mx', :'pop', :'births');
SELECT * FROM carestair.estimate_stochastic_parameters('est', NULL, :'pop', :'births');
SELECT * FROM carestair.estimate_stochastic_parameters('est', :'mx', :'pop', :'births', 2023, 1970);
SELECT * FROM carestair.stochastic_parameter_set('est', 'nosuch');
SELECT * FROM carestair.backtest_stochastic_coverage(ARRAY['5524'], :'mx', 2015, '{2010}');
