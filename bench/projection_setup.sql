-- bench/projection_setup.sql: inputs of the projection benchmark, in schema
-- bench.  Population: SSB 07459, 1 January 2025, every kommune (2024 borders).
-- Rates (the same for every kommune, given for 2025 only and carried
-- forward): HMD Norway mortality 2019-2023 (carestair.mortality_from_hmd),
-- the built-in fertility standard scaled to a TFR of about 1.4, and a fixed
-- migration profile (0.4 % of the kommune's population as immigrants a year,
-- out-migration rates peaking at 3.5 % at age 23).  Deterministic; for timing.
\set QUIET on
-- bench.raw is loaded by bench/projection_bench_run.sh from the SSB file.
CREATE TABLE bench.population AS
SELECT kommunenummer AS region, 2025 AS year, CASE sex WHEN 'M' THEN 1 ELSE 2 END AS sex, age, p2025 AS persons
  FROM bench.raw WHERE p2025 IS NOT NULL;
-- Only kommuner with a complete 2025 population (both sexes, ages 0..105).
DELETE FROM bench.population WHERE region IN (SELECT region FROM bench.population GROUP BY region HAVING count(*) <> 212);
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
CREATE TABLE bench.mortality AS
SELECT r.region, 2025 AS year, m.sex, m.age, m.q
  FROM (SELECT DISTINCT region FROM bench.population) AS r, carestair.mortality_from_hmd(:'mx', 2019, 2023) AS m;
CREATE TABLE bench.fertility AS
SELECT r.region, 2025 AS year, f.age, f.rate * 0.754 AS rate
  FROM (SELECT DISTINCT region FROM bench.population) AS r, carestair.fertility_standard AS f
 WHERE f.standard = 'ssb_norway_1997';
CREATE TABLE bench.migration AS
WITH tot AS (SELECT region, sum(persons) AS persons FROM bench.population GROUP BY region),
     prof AS (SELECT a AS age, exp(-(((a - 25) / 10.0) ^ 2)) AS w FROM generate_series(0, 105) AS a)
SELECT t.region, 2025 AS year, s AS sex, p.age,
       0.004 * t.persons * p.w / (2 * (SELECT sum(w) FROM prof)) AS immigrants,
       0.03 * exp(-(((p.age - 23) / 9.0) ^ 2)) + 0.005 AS emigration_rate
  FROM tot AS t, prof AS p, generate_series(1, 2) AS s;
ANALYZE bench.population; ANALYZE bench.mortality; ANALYZE bench.fertility; ANALYZE bench.migration;
