-- data/projection_backtest.sql: back-test of the projection on the bundled
-- real data (doc/projection.md).  From 1 January 2020, with rates estimated
-- from 2015-2019 only (HMD Norway mortality, each kommune's indirect
-- fertility and residual migration), to 1 January 2026, compared with the
-- observed SSB 07459 population and with SSB's own 2020-based projection
-- (table 12882, MMMM).  Run from the repository root after data/load.sql:
--     psql -v ON_ERROR_STOP=1 -f data/projection_backtest.sql
-- Re-running replaces the scenario 'backtest2020'.
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
DELETE FROM carestair.projection_scenario WHERE scenario = 'backtest2020';
-- The scenario, base 1 January 2020, rates from 2015-2019 only.
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
-- The same procedure for every bundled kommune (13 seed kommuner): error of the 2026 total and MAPE over the age groups.
INSERT INTO carestair.fertility (scenario, region, year, age, rate, source) SELECT 'backtest2020', r, 2020, f.age, f.rate, 'carestair.fertility_indirect(region, 2015, 2019)' FROM (SELECT DISTINCT region AS r FROM carestair.population WHERE year = 2020 AND region NOT IN ('0000', '5524', '5520', '5601')) AS k, carestair.fertility_indirect(r, 2015, 2019) AS f;
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate, source) SELECT 'backtest2020', r, 2020, m.sex, m.age, m.immigrants, m.emigration_rate, 'carestair.migration_residual(region, 2015, 2019, ''backtest2020'')' FROM (SELECT DISTINCT region AS r FROM carestair.population WHERE year = 2020 AND region NOT IN ('0000', '5524', '5520', '5601')) AS k, carestair.migration_residual(r, 2015, 2019, 'backtest2020') AS m;
CREATE TEMP TABLE bt_all AS SELECT * FROM carestair.projection_backtest('backtest2020', ARRAY(SELECT DISTINCT region FROM carestair.fertility WHERE scenario = 'backtest2020' ORDER BY 1)) WHERE year = 2026;
SELECT b.region, g.name, max(b.pct_error) FILTER (WHERE b.age_group = 'total') AS total_pct_error, round(avg(abs(b.pct_error)) FILTER (WHERE b.age_group <> 'total'), 2) AS mape_age_groups FROM bt_all AS b JOIN carestair.region AS g USING (region) GROUP BY b.region, g.name ORDER BY b.region;
SELECT count(DISTINCT region) AS kommuner, round(avg(abs(pct_error)) FILTER (WHERE age_group = 'total'), 2) AS mean_abs_total_pct_error, round(avg(abs(pct_error)) FILTER (WHERE age_group <> 'total'), 2) AS mape_age_groups FROM bt_all;
