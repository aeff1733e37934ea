-- Table-driven projection: catalogue, the national fall-back against an
-- explicit inner-query run, and the identity in the materialised views.
-- Run from the repository root (make test does): paths are relative to it.
\set QUIET on
\o /dev/null
\i data/load.sql
\o
BEGIN;
SELECT plan(11);

SELECT volatility_is('carestair', 'project_population', ARRAY['text', 'text[]', 'integer'], 'stable');
SELECT volatility_is('carestair', 'run_projection_scenario', ARRAY['text', 'text[]', 'integer'], 'volatile');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'carestair.project_population(text,text[],integer)'::regprocedure), 'r', 'table-driven project_population is parallel restricted');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'carestair.run_projection_scenario(text,text[],integer)'::regprocedure), 'u', 'run_projection_scenario is parallel unsafe');
SELECT is((SELECT string_agg(c.relname || ':' || e.cond, ', ' ORDER BY c.relname)
             FROM pg_extension AS x, unnest(x.extconfig, x.extcondition) AS e (oid, cond) JOIN pg_class AS c ON c.oid = e.oid
            WHERE x.extname = 'carestair' AND c.relname IN ('projection_scenario', 'fertility', 'mortality', 'migration', 'projection_run',
                                                           'projection_result', 'age_grouping', 'fertility_standard')),
          'age_grouping:WHERE NOT builtin, fertility:, fertility_standard:WHERE NOT builtin, migration:, mortality:, projection_result:, projection_run:, projection_scenario:',
          'the projection tables are dumped by pg_dump (built-in rows excepted)');

INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year)
VALUES ('t', 'test: national rates with one kommune override', 2024, 2034);
INSERT INTO carestair.fertility (scenario, region, year, age, rate)
SELECT 't', '0000', y, a, 0.08 * exp(-(((a - 30) / 6.0) ^ 2)) * (1 + 0.01 * (y - 2024)) FROM generate_series(2024, 2030, 2) AS y, generate_series(15, 49) AS a;
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q)
SELECT 't', '0000', 2024, x, a, least(1, 0.0001 * exp(0.09 * a)) FROM generate_series(1, 2) AS x, generate_series(0, 105) AS a;
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate)
SELECT 't', '0000', 2024, x, a, 1.5 * exp(-(((a - 25) / 10.0) ^ 2)), 0.02 * exp(-(((a - 23) / 9.0) ^ 2)) FROM generate_series(1, 2) AS x, generate_series(0, 105) AS a;
-- Bardu has its own migration.
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate)
SELECT 't', '5520', 2024, x, a, 3, 0.05 FROM generate_series(1, 2) AS x, generate_series(0, 105) AS a;

CREATE TEMP TABLE direct AS
SELECT * FROM carestair.project_population(
    'SELECT region, year, sex, age, persons FROM carestair.population WHERE year = 2024 AND region IN (''5524'', ''5520'')',
    'SELECT r AS region, year, age, rate FROM carestair.fertility, unnest(ARRAY[''5524'', ''5520'']) AS r WHERE scenario = ''t''',
    'SELECT r AS region, year, sex, age, q FROM carestair.mortality, unnest(ARRAY[''5524'', ''5520'']) AS r WHERE scenario = ''t''',
    'SELECT ''5524'' AS region, year, sex, age, immigrants, emigration_rate FROM carestair.migration WHERE scenario = ''t'' AND region = ''0000''
     UNION ALL SELECT region, year, sex, age, immigrants, emigration_rate FROM carestair.migration WHERE scenario = ''t'' AND region = ''5520''',
    2034);
SELECT is((SELECT count(*) FROM direct), 2 * 10 * 2 * 106::bigint, 'direct run: 2 regions x 10 years x 2 sexes x 106 ages');
SELECT is_empty($$
    SELECT * FROM carestair.project_population('t', ARRAY['5524', '5520']) AS t
      FULL JOIN direct AS d USING (region, year, sex, age)
     WHERE t.persons IS DISTINCT FROM d.persons OR t.deaths IS DISTINCT FROM d.deaths
        OR t.emigrants IS DISTINCT FROM d.emigrants OR t.immigrants IS DISTINCT FROM d.immigrants
$$, 'table-driven run = inner-query run with the national rows spelt out (own rows taking precedence)');

SELECT is(carestair.run_projection_scenario('t', ARRAY['5524', '5520']), 4240::bigint, 'run materialises 4240 rows');
SELECT is((SELECT count(*) FROM carestair.projection_totals WHERE scenario = 't'), 22::bigint, 'totals: base year and 10 projected years per region');
SELECT is_empty($$
    SELECT t.region, t.year FROM carestair.projection_totals AS t
      JOIN carestair.projection_totals AS p ON p.scenario = t.scenario AND p.region = t.region AND p.year = t.year - 1
     WHERE t.scenario = 't' AND abs(p.persons + t.births - t.deaths + t.net_migration - t.persons) > 0.3
$$, 'projection_totals balance: P(t+1) = P(t) + B - D + net migration, to the rounding of the view');
SELECT is_empty($$
    SELECT a.region, a.year FROM carestair.projection_age_groups AS a
      JOIN carestair.projection_totals AS t USING (scenario, region, year)
     WHERE a.scenario = 't' AND a.scheme <> 'report_oldest'   -- src/bi.sql: overlapping open groups 67+, 80+, 90+ by design
     GROUP BY a.region, a.year, a.scheme, t.persons HAVING abs(sum(a.persons) - t.persons) > 0.5
$$, 'each age scheme adds up to the total');

SELECT * FROM finish();
ROLLBACK;
