-- carestair.project_population: catalogue, a hand-computed two-year example
-- and the balancing identity P(t+1) = P(t) + B - D - E + I for every
-- region-year of a projection of the bundled real populations.
-- Run from the repository root (make test does): paths are relative to it.
\set QUIET on
\o /dev/null
\i data/load.sql
\o
BEGIN;
SELECT plan(34);

SELECT has_function('carestair', 'project_population', ARRAY['text', 'text', 'text', 'text', 'integer', 'double precision'], 'the required inner-query signature');
SELECT has_function('carestair', 'project_population', ARRAY['text', 'text', 'text', 'text', 'integer', 'double precision', 'double precision'], 'the form with the age-0 migrant exposure');
SELECT has_function('carestair', 'project_population_births', ARRAY['text', 'text', 'text', 'text', 'integer', 'double precision', 'double precision']);
SELECT is(pg_get_function_result('carestair.project_population(text,text,text,text,integer,double precision)'::regprocedure),
          'TABLE(region text, year integer, sex integer, age integer, persons double precision, deaths double precision, emigrants double precision, immigrants double precision)',
          'project_population returns the required columns');
SELECT is(pg_get_function_arguments('carestair.project_population(text,text,text,text,integer,double precision)'::regprocedure),
          'population_sql text, fertility_sql text, mortality_sql text, migration_sql text, last_year integer, sex_ratio double precision DEFAULT 1.055',
          'project_population takes the required arguments');
SELECT volatility_is('carestair', 'project_population', ARRAY['text', 'text', 'text', 'text', 'integer', 'double precision'], 'stable');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'carestair.project_population(text,text,text,text,integer,double precision)'::regprocedure), 'r', 'project_population is parallel restricted');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'carestair.project_population_births(text,text,text,text,integer,double precision,double precision)'::regprocedure), 'r', 'project_population_births is parallel restricted');
SELECT is_strict('carestair', 'project_population', ARRAY['text', 'text', 'text', 'text', 'integer', 'double precision']);

-- Hand-computed example: ages 0, 1 and the open group 2+, 100 persons in
-- each cell on 1 January 2020; q = 0.1, e = 0.1 and 10 immigrants in every
-- cell; f(1) = 0.5, f(2) = 0; sex ratio 1 (half the births boys).
-- 2020 -> 2021, either sex:
--   age 1:  S = 100, E = 10, D = 0.1 (100 + (10 - 10)/2) = 10, P = 100 - 10 - 10 + 10 = 90
--   age 2+: S = 100 + 100 = 200, E = 20, D = 0.1 (200 + (10 - 20)/2) = 19.5, P = 200 - 19.5 - 20 + 10 = 170.5
--   births: B = 0.5 (100 + 90) / 2 = 47.5, N = 23.75 per sex
--   age 0:  E = 2.375, D = 0.1 (23.75 + (10 - 2.375)/2) = 2.75625, P = 23.75 - 2.75625 - 2.375 + 10 = 28.61875
-- 2021 -> 2022:
--   age 1:  S = 28.61875, E = 2.861875, D = 0.1 (28.61875 + (10 - 2.861875)/2) = 3.21878125, P = 32.53809375
--   age 2+: S = 90 + 170.5 = 260.5, E = 26.05, D = 0.1 (260.5 + (10 - 26.05)/2) = 25.2475, P = 219.2025
--   births: B = 0.5 (28.61875 + 32.53809375) / 2 = 15.2892109375, N = 7.64460546875 per sex
--   age 0:  E = 0.764460546875, D = 0.1 (7.64460546875 + (10 - 0.764460546875)/2) = 1.22623751953125,
--           P = 7.64460546875 - 1.22623751953125 - 0.764460546875 + 10 = 15.65390740234375
CREATE TEMP TABLE hand_pop AS SELECT 'H'::text AS region, 2020 AS year, s AS sex, a AS age, 100 AS persons FROM generate_series(1, 2) s, generate_series(0, 2) a;
CREATE TEMP TABLE hand_mig AS SELECT 'H'::text AS region, 2020 AS year, s AS sex, a AS age, 10 AS immigrants, 0.1 AS emigration_rate, 0.1 AS q FROM generate_series(1, 2) s, generate_series(0, 2) a;
CREATE TEMP TABLE hand AS
SELECT * FROM carestair.project_population('TABLE hand_pop', 'SELECT ''H'' AS region, 2020 AS year, 1 AS age, 0.5 AS rate',
                                           'TABLE hand_mig', 'TABLE hand_mig', 2022, 1.0);
SELECT is((SELECT count(*) FROM hand), 12::bigint, 'two years x two sexes x three ages');
SELECT is_empty($$
    SELECT h.year, h.sex, h.age, h.persons, x.persons
      FROM hand AS h
      JOIN (VALUES (2021, 0, 28.61875, 2.75625, 2.375), (2021, 1, 90, 10, 10), (2021, 2, 170.5, 19.5, 20),
                   (2022, 0, 15.65390740234375, 1.22623751953125, 0.764460546875),
                   (2022, 1, 32.53809375, 3.21878125, 2.861875), (2022, 2, 219.2025, 25.2475, 26.05))
           AS x (year, age, persons, deaths, emigrants) USING (year, age)
     WHERE abs(h.persons - x.persons) > 1e-9 OR abs(h.deaths - x.deaths) > 1e-9
        OR abs(h.emigrants - x.emigrants) > 1e-9 OR h.immigrants <> 10
$$, 'hand-computed two-year example: persons, deaths, emigrants and immigrants of every cell');
SELECT is((SELECT array_agg(round(births::numeric, 10) ORDER BY year) FROM carestair.project_population_births('TABLE hand_pop', 'SELECT ''H'' AS region, 2020 AS year, 1 AS age, 0.5 AS rate', 'TABLE hand_mig', 'TABLE hand_mig', 2022, 1.0)),
          ARRAY[47.5, 15.2892109375]::numeric[], 'hand-computed births');

-- No-crash battery: each argument NULL gives no rows (STRICT); each query
-- empty or blank is an error, not a crash.
SELECT is_empty($$ SELECT * FROM carestair.project_population(NULL, 'TABLE hand_pop', 'TABLE hand_mig', 'TABLE hand_mig', 2022) $$, 'NULL population_sql: no rows');
SELECT is_empty($$ SELECT * FROM carestair.project_population('TABLE hand_pop', NULL, 'TABLE hand_mig', 'TABLE hand_mig', 2022) $$, 'NULL fertility_sql: no rows');
SELECT is_empty($$ SELECT * FROM carestair.project_population('TABLE hand_pop', 'TABLE hand_pop', NULL, 'TABLE hand_mig', 2022) $$, 'NULL mortality_sql: no rows');
SELECT is_empty($$ SELECT * FROM carestair.project_population('TABLE hand_pop', 'TABLE hand_pop', 'TABLE hand_mig', NULL, 2022) $$, 'NULL migration_sql: no rows');
SELECT is_empty($$ SELECT * FROM carestair.project_population('TABLE hand_pop', 'TABLE hand_pop', 'TABLE hand_mig', 'TABLE hand_mig', NULL) $$, 'NULL last_year: no rows');
SELECT is_empty($$ SELECT * FROM carestair.project_population('TABLE hand_pop', 'TABLE hand_pop', 'TABLE hand_mig', 'TABLE hand_mig', 2022, NULL) $$, 'NULL sex_ratio: no rows');
SELECT is_empty($$ SELECT * FROM carestair.project_population('TABLE hand_pop', 'TABLE hand_pop', 'TABLE hand_mig', 'TABLE hand_mig', 2022, 1.05, NULL) $$, 'NULL age0_migrant_exposure: no rows');
SELECT is_empty($$ SELECT * FROM carestair.project_population_births(NULL, 'TABLE hand_pop', 'TABLE hand_mig', 'TABLE hand_mig', 2022) $$, 'births: NULL population_sql: no rows');
SELECT throws_ok($$ SELECT * FROM carestair.project_population('', 'TABLE hand_pop', 'TABLE hand_mig', 'TABLE hand_mig', 2022) $$, '22023', NULL, 'empty population_sql is an error');
SELECT throws_ok($$ SELECT * FROM carestair.project_population('TABLE hand_pop', '  ', 'TABLE hand_mig', 'TABLE hand_mig', 2022) $$, '22023', NULL, 'blank fertility_sql is an error');
SELECT throws_ok($$ SELECT * FROM carestair.project_population('TABLE hand_pop', 'SELECT ''H'' AS region, 2020 AS year, 1 AS age, 0.5 AS rate', ';', 'TABLE hand_mig', 2022) $$, '22023', NULL, 'a lone semicolon as mortality_sql is an error');
SELECT throws_ok($$ SELECT * FROM carestair.project_population('TABLE hand_pop', 'SELECT ''H'' AS region, 2020 AS year, 1 AS age, 0.5 AS rate', 'TABLE hand_mig', 'SELECT 1; SELECT 2', 2022) $$, '22023', NULL, 'two statements as migration_sql are an error');
SELECT is((SELECT count(*) FROM carestair.project_population('TABLE hand_pop', 'SELECT ''H'' AS region, 2020 AS year, 1 AS age, 0.5 AS rate', 'TABLE hand_mig;', 'TABLE hand_mig -- a comment', 2022, 1.0)), 12::bigint, 'a trailing semicolon or comment in a query is harmless');

-- A projection of the 13 seed kommuner and Norway from 1 January 2024 with
-- rates that change by year (deterministic formulas, not estimates; the
-- identity must hold whatever the rates).
CREATE TEMP TABLE id_rates AS
SELECT r.region, y AS year, s AS sex, a AS age,
       least(0.9, 0.0004 * exp(0.085 * a) * (1 + 0.3 * (s = 1)::int) * (1 - 0.01 * (y - 2024))) AS q,
       CASE WHEN a BETWEEN 15 AND 49 THEN 0.09 * exp(-(((a - 31) / 6.0)^2)) * (1 + 0.02 * (y - 2024)) ELSE 0 END AS rate,
       3.0 * exp(-(((a - 25) / 12.0)^2)) + 0.2 AS immigrants,
       0.04 * exp(-(((a - 22) / 10.0)^2)) + 0.005 AS emigration_rate
  FROM (SELECT DISTINCT region FROM carestair.population) AS r,
       generate_series(2024, 2033, 3) AS y, generate_series(1, 2) AS s, generate_series(0, 105) AS a;
CREATE TEMP TABLE id_proj AS
SELECT * FROM carestair.project_population(
    'SELECT region, year, sex, age, persons FROM carestair.population WHERE year = 2024',
    'SELECT region, year, age, rate FROM id_rates WHERE sex = 2', 'TABLE id_rates', 'TABLE id_rates', 2044);
CREATE TEMP TABLE id_births AS
SELECT * FROM carestair.project_population_births(
    'SELECT region, year, sex, age, persons FROM carestair.population WHERE year = 2024',
    'SELECT region, year, age, rate FROM id_rates WHERE sex = 2', 'TABLE id_rates', 'TABLE id_rates', 2044);
SELECT is((SELECT count(DISTINCT region) FROM id_proj), 14::bigint, '13 seed kommuner and Norway projected');
SELECT is((SELECT count(*) FROM id_proj), 14 * 20 * 2 * 106::bigint, 'one row per region, year, sex and age 0..105');
SELECT is((SELECT count(*) FROM id_births), 14 * 20::bigint, 'one births row per region-year');
CREATE TEMP TABLE id_balance AS
WITH tot AS (
    SELECT region, year, sum(persons) AS persons, sum(deaths) AS deaths, sum(emigrants) AS emigrants, sum(immigrants) AS immigrants
      FROM id_proj GROUP BY region, year
    UNION ALL
    SELECT region, year, sum(persons), NULL, NULL, NULL FROM carestair.population WHERE year = 2024 GROUP BY region, year)
SELECT t.region, t.year, prev.persons + b.births - t.deaths - t.emigrants + t.immigrants - t.persons AS residual, t.persons
  FROM tot AS t
  JOIN tot AS prev ON prev.region = t.region AND prev.year = t.year - 1
  JOIN id_births AS b ON b.region = t.region AND b.year = t.year;
SELECT is((SELECT count(*) FROM id_balance), 280::bigint, 'the identity is checked for all 280 region-years');
SELECT is_empty($$ SELECT * FROM id_balance WHERE abs(residual) > 1e-9 * persons $$,
                'P(t+1) = P(t) + B - D - E + I for every region-year (relative error below 1e-9)');
SELECT is_empty($$
    SELECT p.region, p.year, p.sex FROM id_proj AS p JOIN id_births AS b USING (region, year)
     WHERE p.age = 0 AND abs(p.persons + p.deaths + p.emigrants - p.immigrants
                             - CASE p.sex WHEN 1 THEN b.male_births ELSE b.female_births END) > 1e-9
$$, 'the age-0 cohort starts from the births of its sex');
SELECT is_empty($$
    SELECT b.region, b.year FROM id_births AS b
     WHERE abs(b.male_births - 1.055 * b.female_births) > 1e-9 * b.births OR abs(b.births - b.male_births - b.female_births) > 1e-9
$$, 'births split 1.055 boys per girl');
SELECT is_empty($$ SELECT * FROM id_proj WHERE persons < 0 OR deaths < 0 OR emigrants < 0 $$, 'no negative cells');
-- Each region is projected on its own: projecting one alone gives the same numbers.
SELECT is_empty($$
    SELECT a.region, a.year, a.sex, a.age
      FROM carestair.project_population(
           'SELECT region, year, sex, age, persons FROM carestair.population WHERE year = 2024 AND region = ''5524''',
           'SELECT region, year, age, rate FROM id_rates WHERE sex = 2', 'TABLE id_rates', 'TABLE id_rates', 2044) AS a
      JOIN id_proj AS b USING (region, year, sex, age)
     WHERE a.persons <> b.persons OR a.deaths <> b.deaths
$$, 'a region projected alone equals the same region in the all-region run');

SELECT * FROM finish();
ROLLBACK;
