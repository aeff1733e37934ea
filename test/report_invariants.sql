-- report_html and carestair_bi: catalogue shape and a no-crash battery (region 9999 has no data: every section is a box).
BEGIN;
SELECT plan(14);

SELECT has_schema('carestair_bi');
SELECT has_function('carestair', 'report_html', ARRAY['text', 'text', 'text', 'text', 'text', 'text', 'integer', 'double precision', 'double precision']);
SELECT function_returns('carestair', 'report_html', ARRAY['text', 'text', 'text', 'text', 'text', 'text', 'integer', 'double precision', 'double precision'], 'text');
SELECT volatility_is('carestair', 'report_html', ARRAY['text', 'text', 'text', 'text', 'text', 'text', 'integer', 'double precision', 'double precision'], 'stable');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'carestair.report_html(text,text,text,text,text,text,integer,float8,float8)'::regprocedure), 'r', 'report_html is parallel restricted');
SELECT is_definer('carestair', 'refresh_bi', ARRAY[]::text[], 'refresh_bi runs as the owner');
SELECT ok(NOT has_function_privilege('public', 'carestair.create_bi_roles()', 'EXECUTE'), 'PUBLIC cannot create the roles');
SELECT ok(NOT has_function_privilege('public', 'carestair.refresh_bi()', 'EXECUTE'), 'PUBLIC cannot refresh');

-- No-crash battery: each optional argument NULL, an empty or unknown region, English.
SELECT ok(xml_is_well_formed_document(carestair.report_html('9999')), 'a region without data: a well-formed page');
SELECT ok(xml_is_well_formed_document(carestair.report_html('', NULL, 'nb', NULL, NULL, NULL)), 'empty region: a well-formed page');
SELECT ok(xml_is_well_formed_document(carestair.report_html('0000', 'x', 'en', 'x', 'x', 'x')), 'unknown scenario, dreining, legevakt scenario and reference: a well-formed page');
SELECT is((xpath('count(//*[local-name() = "svg"])', xmlparse(document carestair.report_html('9999'))))[1]::text, '0', 'no data: no chart drawn on an empty axis');
SELECT ok((xpath('count(//div[contains(@class, "box")])', xmlparse(document carestair.report_html('9999', lang => 'en'))))[1]::text::integer >= 7, 'no data: a box for each section');
SELECT is((SELECT count(*) FROM carestair.refresh_bi()), 8::bigint, 'refresh_bi refreshes the eight materialised views (dementia added)');

SELECT * FROM finish();
ROLLBACK;
