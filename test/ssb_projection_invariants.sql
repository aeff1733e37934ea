-- SSB projections as a reference: catalogue, the bundled 14746 against
-- itself and the observed population, the loader's JSON-stat and CSV paths
-- against each other, all-or-nothing imports, and the gap decomposition
-- against an independent Shapley over materialised mixed scenarios.
-- Run from the repository root (make test does): paths are relative to it.
\set QUIET on
\o /dev/null
\i data/load.sql
\o
\set js `cat test/data/ssb14746_jsonstat2_constructed.json`
BEGIN;
SELECT plan(23);

SELECT has_table('carestair', 'ssb_projection', 'carestair.ssb_projection exists');
SELECT has_view('carestair', 'scenario_vs_ssb', 'carestair.scenario_vs_ssb exists');
SELECT function_returns('carestair', 'projection_gap_components', ARRAY['text', 'text', 'text[]', 'integer', 'text'], 'setof record', 'projection_gap_components returns rows');
SELECT volatility_is('carestair', 'import_ssb_projection', ARRAY['text', 'text', 'integer', 'text', 'boolean'], 'volatile');
SELECT volatility_is('carestair', 'projection_gap_components', ARRAY['text', 'text', 'text[]', 'integer', 'text'], 'stable');
SELECT volatility_is('carestair', 'explain_ssb_gap', ARRAY['text', 'text', 'integer', 'text', 'text', 'text'], 'stable');
SELECT is((SELECT e.cond FROM pg_extension AS x, unnest(x.extconfig, x.extcondition) AS e (oid, cond)
            WHERE x.extname = 'carestair' AND e.oid = 'carestair.ssb_projection'::regclass),
          '', 'carestair.ssb_projection is dumped by pg_dump');
SELECT is((SELECT string_agg(c.relname || '.' || a.attname, ', ')
             FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
            WHERE c.oid IN ('carestair.ssb_projection'::regclass, 'carestair.scenario_vs_ssb'::regclass)
              AND col_description(c.oid, a.attnum) IS NULL),
          NULL, 'every column of ssb_projection and scenario_vs_ssb has a comment');

-- The bundled 14746: SSB's age groups partition the total (0-19 + 20-64 + 65+ = total) in every kommune and year.
SELECT is((SELECT count(*) FROM (
             SELECT region, year FROM carestair.ssb_projection
              WHERE table_id = '14746' AND alternative = 'MMMM' AND sex IS NULL
              GROUP BY region, year
             HAVING sum(persons) FILTER (WHERE (age_from, coalesce(age_to, -1)) IN ((0, 19), (20, 64), (65, -1)))
                    <> sum(persons) FILTER (WHERE age_from = 0 AND age_to IS NULL)) AS x),
          0::bigint, '14746 MMMM: 0-19 + 20-64 + 65+ equals the total in all 2,000 kommune-years');
-- ... and its 2026 totals and 80+ are the observed 1 January 2026 (SSB 07459, loaded independently).
SELECT is((SELECT count(*) FROM carestair.ssb_projection AS s
            WHERE s.table_id = '14746' AND s.year = 2026 AND s.alternative = 'MMMM' AND s.age_to IS NULL
              AND s.persons <> (SELECT sum(p.persons) FROM carestair.population AS p
                                 WHERE p.region = s.region AND p.year = 2026 AND p.age >= s.age_from)
              AND s.region IN (SELECT region FROM carestair.population WHERE year = 2026)),
          0::bigint, '14746 2026 totals, 65+ and 80+ equal the observed population of every bundled kommune');
SELECT is((SELECT count(DISTINCT s.region) FROM carestair.ssb_projection AS s JOIN carestair.population AS p USING (region, year)
            WHERE s.table_id = '14746' AND s.year = 2026), 11::bigint, '11 bundled kommuner are in Nord-Norge');

-- The JSON-stat response and the same cells written back as a statbank CSV export load identically.
SELECT is((SELECT row_count FROM carestair.import_ssb_projection(:'js', source => 'tap') WHERE outcome = 'loaded'), 47::bigint, 'JSON-stat: 47 cells loaded');
SELECT results_eq(
    $$SELECT outcome, row_count FROM carestair.import_ssb_projection(
        (SELECT E'"14746: test"\n\n"region";"kjønn";"alder";"statistikkvariabel";"år";"personer"\n'
                || string_agg(format('"%s x";"%s";"%s";"%s";"%s";%s', region, CASE sex WHEN 1 THEN 'Menn' ELSE 'Kvinner' END,
                                     CASE WHEN age_to IS NULL THEN age_from || ' år eller eldre' ELSE age_from || ' år' END,
                                     'Alternativ ' || alternative, year, persons), E'\n')
           FROM carestair.ssb_projection WHERE source = 'tap'), source => 'tap')$$,
    $$VALUES ('loaded', 0::bigint), ('updated', 0::bigint), ('unchanged', 47::bigint)$$,
    'the CSV round trip of the JSON-stat cells finds every value unchanged');
-- All or nothing: an error in the last cell leaves the table as it was.
SELECT throws_ok($$SELECT * FROM carestair.import_ssb_projection(E'region;alder;år;MMMM\n5524;80;2030;99\n5524;81;2030;99\n5524;82;2030;x\n', '14746', source => 'tap')$$,
                 '22P02', 'invalid number of persons "x" at line 4, column "MMMM"', 'a bad last cell is an error');
SELECT is((SELECT count(*) FROM carestair.ssb_projection WHERE source = 'tap' AND persons = 99), 0::bigint, 'nothing of the failed import was written');
DELETE FROM carestair.ssb_projection WHERE source = 'tap';

-- Gap decomposition.  A: formula rates; B: fertility x 1.1, mortality x 0.9, immigrants x 1.2.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year)
SELECT s, 'test', 2024, 2034 FROM unnest(ARRAY['ga', 'gb', 'gf']) AS s;
INSERT INTO carestair.fertility (scenario, region, year, age, rate)
SELECT s, '0000', 2024, a, 0.08 * exp(-(((a - 30) / 6.0) ^ 2)) * CASE WHEN s = 'ga' THEN 1 ELSE 1.1 END
  FROM unnest(ARRAY['ga', 'gb', 'gf']) AS s, generate_series(15, 49) AS a;
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q)
SELECT s, '0000', y, x, a, least(1, 0.0001 * exp(0.09 * a)) * CASE WHEN s = 'gb' THEN 0.9 ^ (y - 2023) ELSE 1 END
  FROM unnest(ARRAY['ga', 'gb', 'gf']) AS s, generate_series(2024, 2028) AS y, generate_series(1, 2) AS x, generate_series(0, 105) AS a;
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate)
SELECT s, '0000', 2024, x, a, 1.5 * exp(-(((a - 25) / 10.0) ^ 2)) * CASE WHEN s = 'gb' THEN 1.2 ELSE 1 END, 0.02 * exp(-(((a - 23) / 9.0) ^ 2))
  FROM unnest(ARRAY['ga', 'gb', 'gf']) AS s, generate_series(1, 2) AS x, generate_series(0, 105) AS a;
-- The 8 mixed scenarios, materialised by copying rates: m<mask>, bit 1 fertility, 2 mortality, 4 migration from gb.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year)
SELECT 'm' || m, 'test mix', 2024, 2034 FROM generate_series(0, 7) AS m;
INSERT INTO carestair.fertility (scenario, region, year, age, rate)
SELECT 'm' || m, region, year, age, rate FROM generate_series(0, 7) AS m JOIN carestair.fertility ON scenario = CASE WHEN m & 1 = 0 THEN 'ga' ELSE 'gb' END;
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q)
SELECT 'm' || m, region, year, sex, age, q FROM generate_series(0, 7) AS m JOIN carestair.mortality ON scenario = CASE WHEN m & 2 = 0 THEN 'ga' ELSE 'gb' END;
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate)
SELECT 'm' || m, region, year, sex, age, immigrants, emigration_rate FROM generate_series(0, 7) AS m JOIN carestair.migration ON scenario = CASE WHEN m & 4 = 0 THEN 'ga' ELSE 'gb' END;
CREATE TEMP TABLE v AS
SELECT m AS mask, p.region, p.year, sum(p.persons) AS persons, sum(p.persons) FILTER (WHERE p.age >= 80) AS p80
  FROM generate_series(0, 7) AS m, carestair.project_population('m' || m, ARRAY['5524', '5520'], 2034) AS p
 GROUP BY m, p.region, p.year;
-- Independent Shapley: the mean over the 6 orders of adding the components one at a time.
CREATE TEMP TABLE shap AS
WITH perms (p) AS (VALUES (ARRAY[1, 2, 4]), (ARRAY[1, 4, 2]), (ARRAY[2, 1, 4]), (ARRAY[2, 4, 1]), (ARRAY[4, 1, 2]), (ARRAY[4, 2, 1])),
     steps AS (SELECT p, i, p[i] AS bit, (SELECT coalesce(sum(b), 0) FROM unnest(p[1:i - 1]) AS b)::integer AS before FROM perms, generate_series(1, 3) AS i)
SELECT a.region, a.year, CASE s.bit WHEN 1 THEN 'fertility' WHEN 2 THEN 'mortality' ELSE 'migration' END AS component,
       avg(b.persons - a.persons) AS persons, avg(b.p80 - a.p80) AS p80
  FROM steps AS s JOIN v AS a ON a.mask = s.before JOIN v AS b ON b.mask = s.before + s.bit AND b.region = a.region AND b.year = a.year
 GROUP BY a.region, a.year, s.bit;
CREATE TEMP TABLE gap AS SELECT * FROM carestair.projection_gap_components('ga', 'gb', ARRAY['5524', '5520']);
SELECT is((SELECT count(*) FROM gap WHERE age_group = 'total' AND component IN ('fertility', 'mortality', 'migration')), 60::bigint, '2 kommuner x 10 years x 3 components');
SELECT is((SELECT max(abs(g.persons - s.persons)) < 1e-9 FROM gap AS g JOIN shap AS s USING (region, year, component) WHERE g.age_group = 'total'),
          true, 'components equal the mean over the 6 orders of materialised mixed runs (total, within 1e-9)');
SELECT is((SELECT max(abs(g.persons - s.p80)) < 1e-9 FROM (SELECT region, year, component, sum(persons) AS persons FROM gap WHERE age_group IN ('80-89', '90+') GROUP BY 1, 2, 3) AS g
             JOIN shap AS s USING (region, year, component)),
          true, 'and for 80+ (80-89 + 90+ of the care scheme)');
SELECT is((SELECT max(abs(x.a + x.f + x.m + x.g - x.b)) < 1e-9 FROM (
             SELECT region, year, age_group, sum(persons) FILTER (WHERE component = 'scenario_a') AS a, sum(persons) FILTER (WHERE component = 'fertility') AS f,
                    sum(persons) FILTER (WHERE component = 'mortality') AS m, sum(persons) FILTER (WHERE component = 'migration') AS g,
                    sum(persons) FILTER (WHERE component = 'scenario_b') AS b
               FROM gap GROUP BY 1, 2, 3) AS x),
          true, 'scenario_a + fertility + mortality + migration = scenario_b in every region, year and age group');
-- Only fertility differs (gf): its part is the whole gap, the others are exactly 0.
CREATE TEMP TABLE gapf AS SELECT * FROM carestair.projection_gap_components('ga', 'gf', ARRAY['5524']);
SELECT is((SELECT max(abs(persons)) < 1e-9 FROM gapf WHERE component IN ('mortality', 'migration')), true,
          'when only fertility differs, the mortality and migration parts are 0');
SELECT is((SELECT max(abs(f.persons - (b.persons - a.persons))) < 1e-9 FROM gapf AS f
             JOIN gapf AS a USING (region, year, age_group) JOIN gapf AS b USING (region, year, age_group)
            WHERE f.component = 'fertility' AND a.component = 'scenario_a' AND b.component = 'scenario_b'),
          true, 'and the fertility part is the whole gap');
-- A mix that removes more than a cohort's stock (A's out-migration beside B's mortality at 100): the plain rerun fails, the decomposition caps out-migration and still adds up.
UPDATE carestair.migration SET emigration_rate = 0.9 WHERE scenario = 'ga' AND age = 100;
UPDATE carestair.mortality SET q = 0.05 WHERE scenario = 'ga' AND age = 100;
UPDATE carestair.mortality SET q = 0.5 WHERE scenario = 'gb' AND age = 100;
UPDATE carestair.migration SET emigration_rate = 0 WHERE scenario = 'gb' AND age = 100;
SELECT throws_like($$SELECT * FROM carestair.project_population(
        'SELECT region, year, sex, age, persons FROM carestair.population WHERE year = 2024 AND region = ''5524''',
        carestair._scenario_rates_sql('fertility', 't.year, t.age, t.rate', 'ga', ARRAY['5524']),
        carestair._scenario_rates_sql('mortality', 't.year, t.sex, t.age, t.q', 'gb', ARRAY['5524']),
        carestair._scenario_rates_sql('migration', 't.year, t.sex, t.age, t.immigrants, t.emigration_rate', 'ga', ARRAY['5524']), 2034)$$,
    'projected population is negative%', 'A''s out-migration with B''s mortality is infeasible at age 100');
SELECT is((SELECT max(abs(x.a + x.f + x.m + x.g - x.b)) < 1e-9 AND count(*) = 70 FROM (
             SELECT region, year, age_group, sum(persons) FILTER (WHERE component = 'scenario_a') AS a, sum(persons) FILTER (WHERE component = 'fertility') AS f,
                    sum(persons) FILTER (WHERE component = 'mortality') AS m, sum(persons) FILTER (WHERE component = 'migration') AS g,
                    sum(persons) FILTER (WHERE component = 'scenario_b') AS b
               FROM carestair.projection_gap_components('ga', 'gb', ARRAY['5524']) GROUP BY 1, 2, 3) AS x),
          true, 'the decomposition of that pair runs and adds up exactly (10 years x 7 age groups)');

SELECT * FROM finish();
ROLLBACK;
