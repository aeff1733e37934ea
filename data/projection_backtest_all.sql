-- data/projection_backtest_all.sql: the every-kommune back-test
-- (doc/projection_backtest_all.md).  All 357 kommuner: fertility and
-- migration estimated from 1 January 2015 -> 2020 only, projected from
-- 1 January 2020 to 2025 and 2026 and compared with SSB 07459.  Mortality
-- (national, HMD Norway; the estimates use 2015-2019 in every variant):
-- 2015-2019 held constant ('bt_constant'); the default forecast,
-- carestair.forecast_mortality fitted on 2010-2019 with method NULL
-- ('bt_forecast'); and the mortality Norway actually had in 2020-2023
-- ('bt_observed', carestair.mortality_by_year, 2023 carried to 2024: what a
-- perfect forecast would have given).  Migration: each kommune's own
-- residual profile (p0 = 0) against the shrunk one (p0 = 10000, the
-- default).  Run from the repository root:
--     psql -v ON_ERROR_STOP=1 -f data/load_all_kommuner.sql -f data/projection_backtest_all.sql
-- Re-running replaces the three scenarios.  Takes a few minutes (six full runs).
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
DELETE FROM carestair.projection_scenario WHERE scenario IN ('bt_constant', 'bt_forecast', 'bt_observed');
INSERT INTO carestair.projection_scenario (scenario, description, assumptions, base_year, last_year) VALUES ('bt_constant', 'Every-kommune back-test: HMD Norway 2015-2019 held constant', '{"mortality": "HMD Norway 2015-2019, constant"}', 2020, 2026), ('bt_forecast', 'Every-kommune back-test: mortality forecast from 2010-2019 (forecast_mortality, default method)', '{"mortality": "HMD Norway 2015-2019 for the estimates, forecast_mortality(mx, 2010, 2019, 2025, NULL) for the projection"}', 2020, 2026), ('bt_observed', 'Every-kommune back-test: the mortality of 2020-2023 as observed (HMD), 2023 carried forward', '{"mortality": "HMD Norway 2015-2019 for the estimates, observed single years 2020-2023 for the projection"}', 2020, 2026);
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source) SELECT s, '0000', 2015, h.sex, h.age, h.q, 'carestair.mortality_from_hmd(HMD Norway Mx, 2015, 2019)' FROM unnest(ARRAY['bt_constant', 'bt_forecast', 'bt_observed']) AS s, carestair.mortality_from_hmd(:'mx', 2015, 2019) AS h;
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source) SELECT 'bt_forecast', '0000', f.year, f.sex, f.age, f.q, 'carestair.forecast_mortality(HMD Norway Mx, 2010, 2019, 2025)' FROM carestair.forecast_mortality(:'mx', 2010, 2019, 2025) AS f;
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source) SELECT 'bt_observed', '0000', h.year, h.sex, h.age, h.q, 'carestair.mortality_by_year(HMD Norway Mx, 2020, 2023)' FROM carestair.mortality_by_year(:'mx', 2020, 2023) AS h;
CREATE TEMP TABLE bt_all_runs AS SELECT 'constant' AS mortality, 'own (p0 = 0)' AS migration, * FROM carestair.backtest_all_kommuner_summary('bt_constant', 0);
INSERT INTO bt_all_runs SELECT 'constant', 'shrunk (p0 = 10000)', * FROM carestair.backtest_all_kommuner_summary('bt_constant');
INSERT INTO bt_all_runs SELECT 'forecast', 'own (p0 = 0)', * FROM carestair.backtest_all_kommuner_summary('bt_forecast', 0);
INSERT INTO bt_all_runs SELECT 'forecast', 'shrunk (p0 = 10000)', * FROM carestair.backtest_all_kommuner_summary('bt_forecast');
INSERT INTO bt_all_runs SELECT 'observed 2020-2023', 'own (p0 = 0)', * FROM carestair.backtest_all_kommuner_summary('bt_observed', 0);
INSERT INTO bt_all_runs SELECT 'observed 2020-2023', 'shrunk (p0 = 10000)', * FROM carestair.backtest_all_kommuner_summary('bt_observed');
-- 2020 -> 2025, all size classes: the six variants side by side.
SELECT age_group, mortality, migration, kommuner, median_abs_pct_error, p90_abs_pct_error, mean_pct_error, share_too_low FROM bt_all_runs WHERE year = 2025 AND size_class = 'all' ORDER BY CASE age_group WHEN 'total' THEN 0 WHEN '0-19' THEN 1 WHEN '20-66' THEN 2 WHEN '67-79' THEN 3 WHEN '80+' THEN 4 ELSE 5 END, mortality, migration;
-- The default (mortality forecast, shrunk migration) by size class, 2025 and 2026.
SELECT year, size_class, age_group, kommuner, median_abs_pct_error, p90_abs_pct_error, mean_pct_error, share_too_low FROM bt_all_runs WHERE mortality = 'forecast' AND migration LIKE 'shrunk%' AND year IN (2025, 2026) ORDER BY year, CASE size_class WHEN '<2000' THEN 1 WHEN '2000-4999' THEN 2 WHEN '5000-19999' THEN 3 WHEN '20000+' THEN 4 ELSE 5 END, CASE age_group WHEN 'total' THEN 0 WHEN '0-19' THEN 1 WHEN '20-66' THEN 2 WHEN '67-79' THEN 3 WHEN '80+' THEN 4 ELSE 5 END;
