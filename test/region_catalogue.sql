BEGIN;
SELECT plan(3);
SELECT has_schema('carestair');
SELECT has_table('carestair', 'region', 'region table exists');
SELECT has_function('carestair', 'region_for_code', ARRAY['text', 'integer']);
SELECT * FROM finish();
ROLLBACK;
