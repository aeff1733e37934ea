-- Caller queries run under the caller's search_path (issue #17, doc/hardening.md):
-- a table found only through the caller's path gives the same answer as the
-- same rows named with their schema.
BEGIN;
SELECT plan(4);
CREATE SCHEMA caller_path_test;
CREATE TABLE caller_path_test.pop AS
SELECT '5524'::text AS region, 2024 AS year, s AS sex, a AS age, 100 + a AS persons
  FROM generate_series(1, 2) AS s, generate_series(0, 105) AS a;
SET LOCAL search_path = caller_path_test, public;
SELECT lives_ok($$SELECT * FROM carestair.dementia_estimate('SELECT * FROM pop')$$,
                'dementia_estimate finds a table on the caller''s search_path');
SELECT results_eq($$SELECT region, year, sex, age_from, with_dementia FROM carestair.dementia_estimate('SELECT * FROM pop') ORDER BY 1, 2, 3, 4$$,
                  $$SELECT region, year, sex, age_from, with_dementia FROM carestair.dementia_estimate('SELECT * FROM caller_path_test.pop') ORDER BY 1, 2, 3, 4$$,
                  'dementia_estimate: the same answer as with the schema named');
SELECT throws_ok($$SELECT * FROM carestair.dementia_estimate('SELECT * FROM no_such_pop')$$, '42P01', NULL,
                 'an unknown table is reported as such (42P01)');
SELECT is(carestair._caller_search_path(), 'caller_path_test, public',
          'outside carestair functions the caller''s path is the current one');
SELECT * FROM finish();
ROLLBACK;
