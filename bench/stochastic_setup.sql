-- Bench input for bench/stochastic_bench.sh: every kommune's real population
-- on 1 January 2026 (SSB 07459, all kommuner on 2024 borders, from the shared
-- data folder) and a scenario 'bench' with national rates for 2026 estimated
-- from bundled real data (HMD mortality, indirect fertility, residual
-- migration 2019-2023).  Migration per kommune is the national residual
-- immigrant count scaled by the kommune's share of the population, with the
-- national emigration rates: a bench input, not an estimate for any kommune.
\set QUIET on
\o /dev/null
\i data/load.sql
\o
INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age, source)
SELECT a.kommunenummer, 2026, CASE a.sex WHEN 'M' THEN 1 ELSE 2 END, a.age, a.p2026, a.age = 105, 'SSB 07459 (bench)'
  FROM bench_allk AS a
 WHERE NOT EXISTS (SELECT FROM carestair.population AS p WHERE p.region = a.kommunenummer AND p.year = 2026);
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('bench', 'bench: national rates 2019-2023, base 2026', 2026, 2056);
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q) SELECT 'bench', '0000', 2026, sex, age, q FROM carestair.mortality_from_hmd(:'mx', 2019, 2023);
INSERT INTO carestair.fertility (scenario, region, year, age, rate) SELECT 'bench', '0000', 2026, f.age, f.rate FROM carestair.fertility_indirect('0000', 2019, 2023) AS f;
CREATE TEMP TABLE natmig AS SELECT * FROM carestair.migration_residual('0000', 2019, 2023, 'bench');
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate)
SELECT 'bench', k.region, 2026, m.sex, m.age, greatest(m.immigrants, 0) * k.share, m.emigration_rate
  FROM (SELECT p.region, sum(p.persons)::float8 / (SELECT sum(persons) FROM carestair.population WHERE region = '0000' AND year = 2026) AS share
          FROM carestair.population AS p WHERE p.year = 2026 AND p.region <> '0000' GROUP BY p.region) AS k, natmig AS m;
-- The round numbers of version 0.1: bench/stochastic_numpy.py hard-codes them.
INSERT INTO carestair.stochastic_parameters SELECT * FROM carestair.stochastic_parameter_set('bench', 'round');
UPDATE carestair.stochastic_parameters SET demographic_noise = false WHERE scenario = 'bench';
CREATE TABLE bench_regions AS SELECT array_agg(DISTINCT region ORDER BY region) AS r FROM carestair.population WHERE year = 2026 AND region <> '0000';
\set QUIET off
SELECT cardinality(r) AS kommuner FROM bench_regions;
