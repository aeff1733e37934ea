-- Dementia: the function's exact shape, and identities of its output.
BEGIN;
SELECT plan(7);

SELECT has_function('carestair', 'dementia_estimate', ARRAY['text', 'text']);
SELECT is((SELECT pg_catalog.pg_get_function_result('carestair.dementia_estimate(text,text)'::regprocedure)),
          'TABLE(region text, year integer, sex integer, age_from integer, age_to integer, persons double precision, with_dementia double precision)',
          'dementia_estimate returns the promised columns');
SELECT volatility_is('carestair', 'dementia_estimate', ARRAY['text', 'text'], 'stable');

-- A made-up population of every age (persons = age + 1 for men, 2 x that for women).
CREATE TEMP TABLE dem_pop AS
SELECT '5524'::text AS region, 2030 AS year, s.sex, a.age, (a.age + 1) * s.sex AS persons
  FROM generate_series(0, 105) AS a(age), (VALUES (1), (2)) AS s(sex);

SELECT is((SELECT sum(persons) FROM carestair.dementia_estimate('SELECT * FROM dem_pop')),
          (SELECT sum(persons)::float8 FROM dem_pop),
          'the bands hold every person exactly once');
SELECT is((SELECT round(sum(with_dementia)::numeric, 6) FROM carestair.dementia_estimate('SELECT * FROM dem_pop')),
          (SELECT round(sum(p.persons * d.prevalence)::numeric, 6) FROM dem_pop AS p
             JOIN carestair.dementia_prevalence AS d ON d.sex = p.sex AND p.age >= d.age_from AND p.age <= coalesce(d.age_to, 1000)),
          'with_dementia equals persons x prevalence summed age by age');
SELECT is((SELECT count(*) FROM carestair.dementia_estimate('SELECT * FROM dem_pop')), 16::bigint,
          'one row per sex and band');
SELECT ok((SELECT bool_and(with_dementia <= persons AND with_dementia >= 0) FROM carestair.dementia_estimate('SELECT * FROM dem_pop')),
          'never more persons with dementia than persons');

SELECT * FROM finish();
ROLLBACK;
