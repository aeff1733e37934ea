-- Catalogue checks: every user-facing object exists with the promised shape,
-- volatility and comments.
BEGIN;
SELECT plan(36);

SELECT has_schema('carestair');
SELECT has_table('carestair', 'region', 'region');
SELECT has_table('carestair', 'region_code_history', 'region_code_history');
SELECT has_table('carestair', 'population', 'population');
SELECT has_table('carestair', 'population_total', 'population_total');
SELECT has_view('carestair', 'population_both_sexes', 'population_both_sexes');
SELECT has_view('carestair', 'population_summary_by_year', 'population_summary_by_year');

SELECT col_is_pk('carestair', 'region', 'region', 'region is keyed by kommunenummer');
SELECT col_is_pk('carestair', 'population', ARRAY['region', 'year', 'sex', 'age'], 'population key');
SELECT col_type_is('carestair', 'region', 'boundary', 'geometry(MultiPolygon,25833)', 'boundaries are EPSG:25833');
SELECT fk_ok('carestair', 'population', 'region', 'carestair', 'region', 'region');
SELECT fk_ok('carestair', 'population_total', 'region', 'carestair', 'region', 'region');

SELECT has_function('carestair', 'read_csv', ARRAY['bytea', 'text', 'text']);
SELECT has_function('carestair', 'import_ssb_population', ARRAY['bytea', 'text', 'text', 'boolean']);
SELECT has_function('carestair', 'import_region_boundaries', ARRAY['jsonb', 'text', 'integer']);
SELECT has_function('carestair', 'region_for_code', ARRAY['text', 'integer']);
SELECT has_function('carestair', 'population_summary', ARRAY['text', 'integer']);
SELECT has_function('carestair', 'population_pyramid', ARRAY['text', 'integer', 'integer']);

SELECT volatility_is('carestair', 'read_csv', ARRAY['bytea', 'text', 'text'], 'immutable');
SELECT volatility_is('carestair', 'import_ssb_population', ARRAY['bytea', 'text', 'text', 'boolean'], 'volatile');
SELECT volatility_is('carestair', 'import_region_boundaries', ARRAY['jsonb', 'text', 'integer'], 'volatile');
SELECT volatility_is('carestair', 'region_for_code', ARRAY['text', 'integer'], 'stable');
SELECT volatility_is('carestair', 'population_summary', ARRAY['text', 'integer'], 'stable');
SELECT volatility_is('carestair', 'population_pyramid', ARRAY['text', 'integer', 'integer'], 'stable');
SELECT is_strict('carestair', 'read_csv', ARRAY['bytea', 'text', 'text']);
SELECT is_strict('carestair', 'population_pyramid', ARRAY['text', 'integer', 'integer']);

SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'carestair.read_csv(bytea,text,text)'::regprocedure), 's', 'read_csv is parallel safe');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'carestair.import_ssb_population(bytea,text,text,boolean)'::regprocedure), 'u', 'the importer is parallel unsafe');

-- Every function, view, table and user-visible column has a comment.
SELECT is_empty($$
    SELECT p.oid::regprocedure::text FROM pg_proc AS p
     WHERE p.pronamespace = 'carestair'::regnamespace AND obj_description(p.oid, 'pg_proc') IS NULL
$$, 'every carestair function has a COMMENT');
SELECT is_empty($$
    SELECT c.relname FROM pg_class AS c
     WHERE c.relnamespace = 'carestair'::regnamespace AND c.relkind IN ('r', 'v', 'm')
       AND obj_description(c.oid, 'pg_class') IS NULL
$$, 'every carestair table and view has a COMMENT');
SELECT is_empty($$
    SELECT c.relname || '.' || a.attname FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
     WHERE c.relnamespace = 'carestair'::regnamespace AND c.relkind IN ('r', 'v', 'm')
       AND a.attnum > 0 AND NOT a.attisdropped AND col_description(c.oid, a.attnum) IS NULL
$$, 'every column of a carestair table or view has a COMMENT');

-- Nothing lands outside the schema.
SELECT is_empty($$
    SELECT d.objid::regprocedure::text FROM pg_depend AS d JOIN pg_proc AS p ON p.oid = d.objid
     WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'carestair')
       AND d.deptype = 'e' AND p.pronamespace <> 'carestair'::regnamespace
$$, 'every extension function lives in schema carestair');

-- The built-in register.
SELECT is((SELECT count(*)::int FROM carestair.region WHERE builtin AND region <> '0000'), 357, '357 kommuner (2024) are built in');
SELECT is(carestair.region_for_code('1924', 2010), '5524', '1924 Målselv is 5524 today');
SELECT is(carestair.region_for_code('5418', 2024), NULL, '5418 no longer exists in 2024');
SELECT is((SELECT count(*)::int FROM carestair.region_code_history AS h
            WHERE NOT EXISTS (SELECT FROM carestair.region AS g WHERE g.region = h.region)), 0,
          'every code history row points at a region');

SELECT * FROM finish();
ROLLBACK;
