-- carestair demo: the main job on the bundled real data (SSB, Kartverket).
-- Run by `make demo`; every number below comes from the files in data/
-- (see data/SOURCES.md).
\pset footer off
\echo
\echo '== 1. Load a real SSB statbank export as SSB wrote it (table 07459, 2024: Latin-1, CRLF, "K-5524 Målselv")'
\lo_import data/population/ssb_export_samples/07459_2024_bysex_wide_semicolon_latin1_crlf.csv
SELECT outcome, target_table, row_count, detail
  FROM carestair.import_ssb_population(lo_get(:LASTOID));
SELECT lo_unlink(:LASTOID) AS _ \gset

\echo
\echo '== 2. Load the bundled real data (SSB 07459 2005-2026 for the seed kommuner, Norway 1986-2026, boundaries)'
\i data/load.sql
\set QUIET on

\echo
\echo '== 3. Målselv (5524): how many old people do we have, 2005-2026?'
SELECT year, persons, persons_67_plus AS "67+", persons_80_plus AS "80+", persons_90_plus AS "90+",
       pct_67_plus AS "% 67+", pct_80_plus AS "% 80+", old_age_dependency AS "67+ per 100 aged 20-66"
  FROM carestair.population_summary_by_year
 WHERE region = '5524' AND year IN (2005, 2010, 2015, 2020, 2024, 2025, 2026)
 ORDER BY year;

\echo
\echo '== 4. Målselv and its neighbours, 1 January 2026 (Norway for reference)'
SELECT s.region, s.region_name, s.persons, s.pct_67_plus AS "% 67+", s.pct_80_plus AS "% 80+",
       s.old_age_dependency AS "67+ per 100 aged 20-66",
       round((ST_Area(g.boundary) / 1e6)::numeric) AS "km²"
  FROM carestair.population_summary_by_year AS s
  JOIN carestair.region AS g USING (region)
 WHERE s.year = 2026 AND s.region IN ('5524', '5520', '5532', '5526', '5530', '5518', '5522', '5528', '5514', '0000')
 ORDER BY s.region = '0000', s.persons DESC;

\echo
\echo '== 5. Growth of the oldest since 2015 (index 2015 = 100), seed kommuner'
SELECT s.region, s.region_name,
       round(100.0 * s.persons_80_plus / b.persons_80_plus, 1) AS "80+ index 2026",
       round(100.0 * s.persons_90_plus / b.persons_90_plus, 1) AS "90+ index 2026",
       round(100.0 * s.persons / b.persons, 1) AS "all ages index 2026"
  FROM carestair.population_summary_by_year AS s
  JOIN carestair.population_summary_by_year AS b ON b.region = s.region AND b.year = 2015
 WHERE s.year = 2026 AND s.region IN ('5524', '5520', '5601', '5610', '5028', '1579', '0000')
 ORDER BY 3 DESC;

\echo
\echo '== 6. Population pyramid, Målselv 1 January 2026 (10-year groups)'
SELECT age_group, males, females, persons, pct_males AS "% males", pct_females AS "% females"
  FROM carestair.population_pyramid('5524', 2026, 10);

\echo
\echo '== 7. Projection back-test: from 1 January 2020 with rates of 2015-2019 (HMD, indirect fertility, residual migration)'
\echo '==    against the observed 2021-2026 population, beside SSB''s own 2020-based projection (MMMM)'
\i data/projection_backtest.sql

\echo
\echo '== 8. Projection from 1 January 2026 to 2050, Målselv and Bardu: fertility and migration of 2019-2023, mortality'
\echo '==    forecast (log-linear trends by age over 2014-2023, HMD; the default, chosen by back-tests: doc/mortality_forecast.md)'
DELETE FROM carestair.projection_scenario WHERE scenario = 'demo2026';
INSERT INTO carestair.projection_scenario (scenario, description, assumptions, base_year, last_year)
VALUES ('demo2026', 'Demo: fertility and migration of 2019-2023, mortality forecast, from 1 January 2026', '{}', 2026, 2050);
SELECT rate_table, region, row_count FROM carestair.estimate_scenario_rates('demo2026', ARRAY['5524', '5520'], 2019, 2023, :'mx');
SELECT carestair.run_projection_scenario('demo2026', ARRAY['5524', '5520']) AS rows_projected;
SELECT jsonb_pretty(assumptions -> 'mortality') AS mortality_assumption FROM carestair.projection_scenario WHERE scenario = 'demo2026';
SELECT region, year, persons, persons_67_plus AS "67+", persons_80_plus AS "80+", persons_90_plus AS "90+",
       old_age_dependency_ratio AS "67+ per 20-66", index_80_plus AS "80+ index", index_90_plus AS "90+ index"
  FROM carestair.projection_indicators
 WHERE scenario = 'demo2026' AND year IN (2026, 2030, 2035, 2040, 2050)
 ORDER BY region, year;
\echo '==    beside SSB''s 2026-based projection (table 14746, main alternative MMMM; doc/ssb_projection.md)'
SELECT region, year, age_group, carestair_persons AS carestair, ssb_persons AS "SSB MMMM", difference,
       round(100 * relative_difference, 1) AS "% vs SSB"
  FROM carestair.scenario_vs_ssb
 WHERE scenario = 'demo2026' AND table_id = '14746' AND alternative = 'MMMM' AND year IN (2030, 2040, 2050)
   AND age_group IN ('total', '65+', '80+')
 ORDER BY region, year, age_from, age_to NULLS FIRST;

\echo
\echo '== 9. How uncertain is that? 80+ and 90+ in Målselv to 2040: mean and 90 % prediction interval of 1,000 stochastic'
\echo '==    draws of demo2026 (default parameters, estimated from history, with demographic noise; doc/stochastic.md)'
INSERT INTO carestair.stochastic_parameters (scenario, source) VALUES ('demo2026', 'carestair defaults (doc/stochastic.md)');
INSERT INTO carestair.age_grouping (scheme, age_from, age_to, label) VALUES ('demo_oldest', 80, NULL, '80+'), ('demo_oldest', 90, NULL, '90+')
    ON CONFLICT DO NOTHING;
SELECT age_group, year, round(mean) AS mean, round(quantile_values[1]) AS "5 %", round(quantile_values[2]) AS median,
       round(quantile_values[3]) AS "95 %"
  FROM carestair.project_population_intervals('demo2026', ARRAY['5524'], 2040, 1000, 1, '{0.05,0.5,0.95}', 'demo_oldest')
 WHERE sex IS NULL AND age_group IN ('80+', '90+') AND year IN (2027, 2030, 2035, 2040)
 ORDER BY age_group, year;

-- The omsorgstrapp section reads the population from :popq: observed up to
-- 2025, then the projection demo2026 (observed base year 2026, projected
-- 2027-2050).
\set popq 'SELECT region, year, age, sum(persons) AS persons FROM carestair.projection_population WHERE scenario = ''demo2026'' GROUP BY region, year, age UNION ALL SELECT region, year, age, sum(persons) FROM carestair.population WHERE region IN (''5524'', ''5520'') AND year < 2026 GROUP BY region, year, age'
\i tools/demo_omsorgstrapp.sql
\i tools/demo_staffing.sql
\i tools/demo_kostra.sql
\i tools/demo_legevakt.sql
\i tools/demo_seeds.sql
\i tools/demo_followup.sql
\i tools/demo_report.sql
