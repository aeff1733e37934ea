-- Reproduce the Swiss Federal Statistical Office's 2025 projection for the
-- canton of Aargau (reference scenario, 2025-2055, data/projection/, see
-- data/SOURCES.md) with carestair.project_population, nationality by
-- nationality, with the adjustments doc/projection.md describes:
--   foreign ('int'): emigration rate = emi_int + emi_nat + acq (naturalisation
--     leaves like emigration), fertility = birthrate * (1 - int_mothers);
--   Swiss ('ch'): immigrants = imm_int_n + imm_nat_n + the naturalisations
--     acq * S of the foreign run, and at age 0 the Swiss babies of foreign
--     mothers entered as the immigrant count that leaves the same end stock;
--   sex ratio 1.05 (100 girls per 205 births), age-0 migrants exposed 2/3.
-- The FSO counts stocks on 31 December of year Y; carestair on 1 January
-- Y+1, so FSO year Y is carestair year Y+1 and the rates of Y drive that step.
-- Run from the repository root (make test does): paths are relative to it.
BEGIN;
SELECT plan(7);

CREATE TEMP TABLE fso (year int, nat text, sex text, age int, start_n float8, birthrate float8, int_mothers float8, mor float8, emi_int float8, emi_nat float8, acq float8, imm_int_n float8, imm_nat_n float8, fso_projection_n float8);
\copy fso FROM 'data/projection/fso_aargau_2025_2055_reference.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP VIEW fso_in AS SELECT nat AS region, year, CASE sex WHEN 'm' THEN 1 ELSE 2 END AS sex, age, start_n, birthrate, int_mothers, mor, emi_int, emi_nat, acq, imm_int_n, imm_nat_n, fso_projection_n FROM fso;
-- base: P(a) on 1 Jan 2025 = start_n(a+1); P(99) = start_n(100), P(100) = 0
CREATE TEMP TABLE fso_base AS
SELECT f.region, 2025 AS year, f.sex, f.age, CASE WHEN f.age = 100 THEN 0 ELSE n.start_n END AS persons
  FROM fso_in f LEFT JOIN fso_in n ON n.region = f.region AND n.year = 2025 AND n.sex = f.sex AND n.age = f.age + 1
 WHERE f.year = 2025;
CREATE TEMP TABLE int_proj AS SELECT * FROM carestair.project_population(
 'SELECT * FROM fso_base WHERE region = ''int''',
 'SELECT region, year, age, birthrate * (1 - int_mothers) AS rate FROM fso_in WHERE sex = 2',
 'SELECT region, year, sex, age, mor AS q FROM fso_in',
 'SELECT region, year, sex, age, imm_int_n + imm_nat_n AS immigrants, emi_int + emi_nat + acq AS emigration_rate FROM fso_in',
 2056, 1.05, 2.0/3);
-- Births of the foreign run: the start stock of its age-0 cohorts.
CREATE TEMP TABLE int_births AS SELECT year, sum(persons + deaths + emigrants - immigrants) AS births FROM int_proj WHERE age = 0 GROUP BY year;
-- ch migration: + naturalisations + (age 0) Swiss babies of foreign mothers as equivalent immigrants
CREATE TEMP TABLE ch_mig AS
SELECT c.region, c.year, c.sex, c.age,
       c.imm_int_n + c.imm_nat_n
       + i.acq * (p.persons + p.deaths + p.emigrants - p.immigrants)
       + CASE WHEN c.age = 0 THEN
           b.births * i.int_mothers / (1 - i.int_mothers) * CASE c.sex WHEN 1 THEN 1.05 / 2.05 ELSE 1 / 2.05 END
           * (1 - (c.emi_int + c.emi_nat) - c.mor + c.mor * (2.0/3) * (c.emi_int + c.emi_nat)) / (1 - c.mor * 2.0/3)
         ELSE 0 END AS immigrants,
       c.emi_int + c.emi_nat AS emigration_rate
  FROM fso_in c
  JOIN fso_in i ON i.region = 'int' AND i.year = c.year AND i.sex = c.sex AND i.age = c.age
  JOIN int_proj p ON p.year = c.year + 1 AND p.sex = c.sex AND p.age = c.age
  JOIN int_births b ON b.year = c.year + 1
 WHERE c.region = 'ch';
CREATE TEMP TABLE ch_proj AS SELECT * FROM carestair.project_population(
 'SELECT * FROM fso_base WHERE region = ''ch''',
 'SELECT region, year, age, birthrate AS rate FROM fso_in WHERE sex = 2 AND region = ''ch''',
 'SELECT region, year, sex, age, mor AS q FROM fso_in',
 'TABLE ch_mig',
 2056, 1.05, 2.0/3);
CREATE TEMP TABLE cmp AS
SELECT p.region, p.year - 1 AS fso_year, p.sex, p.age, p.persons, f.fso_projection_n, p.persons - f.fso_projection_n AS diff
  FROM (TABLE int_proj UNION ALL TABLE ch_proj) p JOIN fso_in f ON f.region = p.region AND f.year = p.year - 1 AND f.sex = p.sex AND f.age = p.age;

SELECT is((SELECT count(*) FROM cmp), 12524::bigint, 'every published cell 2025-2055 (31 years x 2 nationalities x 2 sexes x 101 ages) is compared');
SELECT cmp_ok((SELECT max(abs(diff)) FROM cmp), '<', 0.51::float8, 'every cell within 0.51 persons of the FSO''s published whole numbers');
SELECT cmp_ok((SELECT avg(abs(diff)) FROM cmp), '<', 0.03::float8, 'mean absolute difference below 0.03 persons');
SELECT is_empty($$ SELECT fso_year FROM cmp GROUP BY fso_year HAVING abs(sum(diff)) > 0.5 $$, 'each year''s canton total within 0.5 persons');
SELECT is((SELECT round(sum(persons)) FROM cmp WHERE fso_year = 2025), 743140::float8, '2025 total 743,140 as published');
SELECT is((SELECT round(sum(persons)) FROM cmp WHERE fso_year = 2055), 893809::float8, '2055 total 893,809 as published');
-- The exposure parameter matters: with 1/2 for age-0 migrants the foreign
-- run (the one with the most age-0 migrants per birth) drifts further away.
SELECT cmp_ok((SELECT sum(abs(p.persons - f.fso_projection_n))
                 FROM carestair.project_population(
                      'SELECT * FROM fso_base WHERE region = ''int''',
                      'SELECT region, year, age, birthrate * (1 - int_mothers) AS rate FROM fso_in WHERE sex = 2',
                      'SELECT region, year, sex, age, mor AS q FROM fso_in',
                      'SELECT region, year, sex, age, imm_int_n + imm_nat_n AS immigrants, emi_int + emi_nat + acq AS emigration_rate FROM fso_in',
                      2056, 1.05, 0.5) AS p
                 JOIN fso_in AS f ON f.region = p.region AND f.year = p.year - 1 AND f.sex = p.sex AND f.age = p.age
                WHERE p.age <= 30),
              '>', (SELECT sum(abs(diff)) FROM cmp WHERE region = 'int' AND age <= 30),
              'with age-0 migrants exposed 1/2 instead of 2/3 the foreign cohorts aged 0-30 are further off');

SELECT * FROM finish();
ROLLBACK;
