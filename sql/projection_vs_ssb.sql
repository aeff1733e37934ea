-- The default scenario (mortality forecast) against SSB's 2026-based
-- projection (14746, MMMM) for the 11 bundled Nord-Norge kommuner, beside the
-- constant-rate scenario, and the remaining gap explained component by
-- component (doc/projection.md, "Comparing with SSB").
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1846_2023.txt`
\set nn '{5514,5518,5520,5522,5524,5526,5528,5530,5532,5601,5610}'
-- Example (doc): the default scenario and the constant-rate one, from 1 January 2026.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('default2026', 'Default rates: fertility and migration of 2019-2023, mortality forecast', 2026, 2050), ('const2026', 'Rates of 2019-2023 held constant', 2026, 2050);
SELECT count(*) AS rate_rows FROM carestair.estimate_scenario_rates('default2026', :'nn', 2019, 2023, :'mx');
SELECT count(*) AS rate_rows FROM carestair.estimate_scenario_rates('const2026', :'nn', 2019, 2023, :'mx', mortality_method => 'constant');
SELECT carestair.run_projection_scenario('default2026', :'nn') > 0 AS ran, carestair.run_projection_scenario('const2026', :'nn') > 0 AS ran_constant;
-- Example (doc): against SSB 14746 MMMM, 2040 and 2050.
SELECT scenario, year, age_group, round(100 * avg(relative_difference), 1) AS mean_pct, round(100 * percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(relative_difference))::numeric, 1) AS median_abs_pct, count(*) FILTER (WHERE relative_difference < 0) AS below_ssb FROM carestair.scenario_vs_ssb WHERE scenario IN ('default2026', 'const2026') AND table_id = '14746' AND alternative = 'MMMM' AND year IN (2040, 2050) AND age_group IN ('total', '80+') GROUP BY scenario, year, age_group ORDER BY year, age_group DESC, scenario DESC;
SELECT v.region, r.name, round(max(v.carestair_persons) FILTER (WHERE v.scenario = 'const2026')) AS constant, round(max(v.carestair_persons) FILTER (WHERE v.scenario = 'default2026')) AS "default", max(v.ssb_persons) AS ssb, round(100 * max(v.relative_difference) FILTER (WHERE v.scenario = 'default2026'), 1) AS default_pct FROM carestair.scenario_vs_ssb AS v JOIN carestair.region AS r USING (region) WHERE v.table_id = '14746' AND v.alternative = 'MMMM' AND v.year = 2040 AND v.age_group = '80+' GROUP BY v.region, r.name ORDER BY v.region;
-- Example (doc): why the default still differs.  A variant that differs in two
-- assumptions, rerun one component at a time (Shapley; the parts add up):
-- mortality, the log-linear trend over 30 years instead of 10 (the long-run
-- pace rather than the pandemic-era one); migration, no net migration at ages
-- 60 and over (the elderly stay).  Not SSB's assumptions: two candidate
-- explanations, measured.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('variant2026', 'Mortality trend over 30 years; no net migration at 60+', 2026, 2050);
SELECT count(*) AS rate_rows FROM carestair.estimate_scenario_rates('variant2026', :'nn', 2019, 2023, :'mx', mortality_window => 30);
UPDATE carestair.migration SET immigrants = 0, emigration_rate = 0, source = source || ', none at 60+' WHERE scenario = 'variant2026' AND age >= 60;
CREATE TEMP TABLE gap AS SELECT region, year, age_group, component, persons::numeric AS persons FROM carestair.projection_gap_components('default2026', 'variant2026', :'nn', 2040, 'report_oldest') WHERE year = 2040 AND age_group = '80+';
SELECT g.region, round(max(g.persons) FILTER (WHERE g.component = 'scenario_a')) AS "default", round(max(g.persons) FILTER (WHERE g.component = 'mortality'), 1) AS mortality, round(max(g.persons) FILTER (WHERE g.component = 'migration'), 1) AS migration, round(max(g.persons) FILTER (WHERE g.component = 'fertility'), 1) AS fertility, round(max(g.persons) FILTER (WHERE g.component = 'scenario_b')) AS variant, s.persons AS ssb, round(s.persons::numeric - max(g.persons) FILTER (WHERE g.component = 'scenario_b')) AS unexplained FROM gap AS g JOIN carestair.ssb_projection AS s ON s.region = g.region AND s.year = 2040 AND s.table_id = '14746' AND s.alternative = 'MMMM' AND s.age_from = 80 AND s.age_to IS NULL AND s.sex IS NULL GROUP BY g.region, s.persons ORDER BY g.region;
SELECT round(sum(ssb - d)) AS gap_to_ssb, round(sum(mort)) AS mortality_part, round(sum(mig)) AS migration_part, round(sum(ssb - v)) AS unexplained, round(100 * sum(mort) / sum(ssb - d), 1) AS mortality_pct, round(100 * sum(mig) / sum(ssb - d), 1) AS migration_pct FROM (SELECT g.region, max(g.persons) FILTER (WHERE g.component = 'scenario_a') AS d, max(g.persons) FILTER (WHERE g.component = 'mortality') AS mort, max(g.persons) FILTER (WHERE g.component = 'migration') AS mig, max(g.persons) FILTER (WHERE g.component = 'scenario_b') AS v, max(s.persons)::numeric AS ssb FROM gap AS g JOIN carestair.ssb_projection AS s ON s.region = g.region AND s.year = 2040 AND s.table_id = '14746' AND s.alternative = 'MMMM' AND s.age_from = 80 AND s.age_to IS NULL AND s.sex IS NULL GROUP BY g.region) AS x;
DELETE FROM carestair.projection_scenario WHERE scenario IN ('default2026', 'const2026', 'variant2026');
