-- SSB's official projections as a reference: the loader (statbank CSV and
-- JSON-stat 2.0), carestair beside SSB, SSB's own 2020-based projection as a
-- back-test, and the decomposition of a gap into fertility, mortality and
-- migration.
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
-- Example (doc): what data/load.sql loaded (SSB 14746, 2026-based, Nord-Norge; SSB 12882, 2020-based).
SELECT table_id, vintage, alternative, carestair._age_group_label(age_from, age_to) AS age_group, count(DISTINCT region) AS kommuner, min(year) AS first_year, max(year) AS last_year, count(*) AS row_count FROM carestair.ssb_projection GROUP BY table_id, vintage, alternative, age_from, age_to ORDER BY table_id, alternative, age_from, age_to NULLS FIRST;
-- Example (doc): Målselv in SSB 14746 (SOURCE.md: 6,819 in 2026, 7,229 in 2040; 80+ 412, 597, 709).
SELECT year, alternative, carestair._age_group_label(age_from, age_to) AS age_group, persons FROM carestair.ssb_projection WHERE region = '5524' AND table_id = '14746' AND year IN (2026, 2040, 2050) AND (alternative = 'MMMM' AND (age_to IS NULL) OR age_from = 0 AND age_to IS NULL) ORDER BY year, alternative, age_from;
-- The bundled file again: nothing changes.
\set p14746 `cat data/population/ssb14746_projection_nordnorge_2026_2050.csv`
SELECT * FROM carestair.import_ssb_projection(:'p14746', '14746', source => 'SSB 14746 (2026-based), bundled, data/SOURCES.md');
-- Example (doc): a statbank CSV export (English, years and sexes in the columns, title line naming the table); CONSTRUCTED numbers.
SELECT * FROM carestair.import_ssb_projection(E'"14746: Projected population 1 January, by region, sex, age, contents and year"\n\n"region";"age";"Main alternative (MMMM) 2030 Males";"Main alternative (MMMM) 2030 Females"\n"K-5524 Målselv";"80 years";40;43\n"K-5524 Målselv";"81 years";38;41\n"K-5524 Målselv";"105 years or older";1;1\n"F-55 Troms";"80 years";900;903\n"K-5520 Bardu";"80 years";..;28\n\n"Source: constructed test data"\n', source => 'test data (constructed)');
-- The same cells as a Norwegian long export, with the alternative and year as columns: unchanged.
SELECT * FROM carestair.import_ssb_projection(E'"14746: Framskrevet folkemengde 1. januar, etter region, kjønn, alder, statistikkvariabel og år"\n\n"region";"kjønn";"alder";"statistikkvariabel";"år";"Framskrevet folkemengde"\n"5524 Målselv";"Menn";"80 år";"Hovedalternativet (MMMM)";"2030";40\n"5524 Målselv";"Kvinner";"80 år";"Hovedalternativet (MMMM)";"2030";43\n"5524 Målselv";"Menn";"105 år eller eldre";"Hovedalternativet (MMMM)";"2030";1\n', source => 'test data (constructed)');
-- Example (doc): a JSON-stat 2.0 response of table 14746 (CONSTRUCTED numbers: test/data/ssb14746_jsonstat2_constructed.json).
\set js `cat test/data/ssb14746_jsonstat2_constructed.json`
SELECT * FROM carestair.import_ssb_projection(:'js', source => 'test data (constructed)');
SELECT region, year, sex, carestair._age_group_label(age_from, age_to) AS age_group, alternative, persons FROM carestair.ssb_projection WHERE source = 'test data (constructed)' AND region = '5524' AND year = 2030 ORDER BY alternative, sex, age_from;
-- A value changed: updated in place; dry runs write nothing.
SELECT * FROM carestair.import_ssb_projection(E'region;kjønn;alder;Hovedalternativet (MMMM) 2030\n5524;1;080;41\n', '14746', dry_run => true);
SELECT * FROM carestair.import_ssb_projection(E'region;kjønn;alder;Hovedalternativet (MMMM) 2030\n5524;1;080;41\n', '14746', source => 'test data (constructed)');
SELECT persons FROM carestair.ssb_projection WHERE source = 'test data (constructed)' AND region = '5524' AND year = 2030 AND sex = 1 AND age_from = 80 AND age_to = 80 AND alternative = 'MMMM';
DELETE FROM carestair.ssb_projection WHERE source = 'test data (constructed)';
-- Errors: nothing is written.
SELECT * FROM carestair.import_ssb_projection(NULL);
SELECT * FROM carestair.import_ssb_projection('just a title');
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\n5524;2030;1\n', table_id => '1474');
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\n5524;2030;1\n', '14746', 1800);
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\n5524;2030;1\n');
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\n5524;2030;1\n', '13600');
SELECT * FROM carestair.import_ssb_projection(E'"14746: x"\nregion;år;MMMM\n5524;2030;1\n', '12882');
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\n5524;2030;1;2\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;år\n5524;2030\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;år;statistikkvariabel;personer\n5524;2030;Hovedalternativet (XYZW);1\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;år;personer\n5524;2030;1\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\n5524;2030;1\n5524;2030;one\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\n5524;2030;-5\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\n5524;2030;1\n5524;2030;2\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\n9999 Nowhere;2030;1\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\nMålselv;2030;1\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\n5524;20x0;1\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;år;MMMM\n5524;2019;1\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;kjønn;år;MMMM\n5524;X;2030;1\n', '14746');
SELECT * FROM carestair.import_ssb_projection(E'region;alder;år;MMMM\n5524;old;2030;1\n', '14746');
SELECT * FROM carestair.import_ssb_projection('{"class": "dataset", "id": ');
SELECT * FROM carestair.import_ssb_projection('{"class": "collection"}');
SELECT * FROM carestair.import_ssb_projection('{"class": "dataset", "id": ["Region", "Tid"], "size": [1, 1]}');
SELECT * FROM carestair.import_ssb_projection(jsonb_set(:'js'::jsonb, '{size}', '[3, 2, 3, 2]')::text);
SELECT * FROM carestair.import_ssb_projection(jsonb_set(:'js'::jsonb, '{size}', '[3, 2, 2, 2, 2]')::text);
SELECT * FROM carestair.import_ssb_projection(jsonb_set(:'js'::jsonb, '{value}', '[1, 2, 3]')::text);
SELECT * FROM carestair.import_ssb_projection(jsonb_set(:'js'::jsonb, '{size}', '[3, 2, 3, 2, "2"]')::text);
SELECT * FROM carestair.import_ssb_projection((:'js'::jsonb #- '{dimension,Tid}')::text);
SELECT * FROM carestair.import_ssb_projection(jsonb_set(:'js'::jsonb, '{role,geo}', '["Region", "Kjonn"]')::text);
SELECT * FROM carestair.import_ssb_projection(jsonb_set(:'js'::jsonb, '{value}', '{"0": 1, "72": 2}')::text);
-- Sparse values (an object of positions) are read too.
SELECT * FROM carestair.import_ssb_projection(jsonb_set(:'js'::jsonb, '{value}', '{"0": 40, "71": 1}')::text, dry_run => true);
SELECT * FROM carestair.import_ssb_projection(jsonb_set(:'js'::jsonb, '{value,0}', '"40"')::text);
SELECT * FROM carestair.import_ssb_projection(jsonb_set(:'js'::jsonb, '{dimension,ContentsCode,category,label,Personer1}', '"Lav nasjonal vekst"')::text);
SELECT * FROM carestair.import_ssb_projection(jsonb_set(:'js'::jsonb, '{dimension,Region,category,index}', '{"5524": 0, "9999": 1, "55": 2}')::text);
SELECT * FROM carestair.import_ssb_projection(jsonb_set(jsonb_set(:'js'::jsonb, '{id,4}', '"Periode"'), '{dimension,Periode}', :'js'::jsonb #> '{dimension,Tid}')::text);
SELECT count(*) AS rows_left_by_errors FROM carestair.ssb_projection WHERE source IS DISTINCT FROM 'SSB 14746 (2026-based), bundled, data/SOURCES.md' AND source IS DISTINCT FROM 'SSB 12882 (2020-based), bundled, data/SOURCES.md';
-- carestair beside SSB: a scenario from 1 January 2026 with the rates of 2019-2023 held constant, as the issue measured it.
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('const2026', 'Rates of 2019-2023 held constant, from 1 January 2026', 2026, 2050);
SELECT rate_table, count(*) AS regions, sum(row_count) AS row_count FROM carestair.estimate_scenario_rates('const2026', ARRAY['5524', '5520'], 2019, 2023, :'mx', mortality_method => 'constant') GROUP BY rate_table ORDER BY rate_table;
SELECT carestair.run_projection_scenario('const2026', ARRAY['5524', '5520']);
-- Example (doc): the scenario beside SSB's main alternative.
SELECT region, year, age_group, carestair_persons, ssb_persons, difference, relative_difference FROM carestair.scenario_vs_ssb WHERE scenario = 'const2026' AND table_id = '14746' AND alternative = 'MMMM' AND year IN (2026, 2040, 2050) ORDER BY region, year, age_from, age_to NULLS FIRST;
-- Beside the three alternatives (totals).
SELECT region, year, alternative, carestair_persons, ssb_persons, relative_difference FROM carestair.scenario_vs_ssb WHERE scenario = 'const2026' AND table_id = '14746' AND age_group = 'total' AND year = 2050 ORDER BY region, alternative;
-- Example (doc): SSB's own 2020-based projection (12882) as a back-test: carestair from 1 January 2020 with the rates of 2015-2019, both against the observed 2026.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('const2020', 'Rates of 2015-2019 held constant, from 1 January 2020', 2020, 2026);
SELECT count(*) AS rate_sets FROM carestair.estimate_scenario_rates('const2020', ARRAY['5524', '5520', '5601'], 2015, 2019, :'mx', mortality_method => 'constant');
SELECT carestair.run_projection_scenario('const2020', ARRAY['5524', '5520', '5601']);
SELECT region, observed_persons AS observed_2026, carestair_persons AS carestair, round(100 * (carestair_persons - observed_persons) / observed_persons, 1) AS carestair_pct_error, ssb_persons AS ssb_2020_mmmm, round(100 * (ssb_persons - observed_persons) / observed_persons, 1) AS ssb_pct_error FROM carestair.scenario_vs_ssb WHERE scenario = 'const2020' AND table_id = '12882' AND year = 2026 ORDER BY region;
-- Why two scenarios differ: an ILLUSTRATIVE variant (not SSB's assumptions) with rates of 2014-2023 and mortality falling 1.5 % a year.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('variant2026', 'Illustrative: rates of 2014-2023, mortality falling 1.5 % a year', 2026, 2050);
SELECT count(*) AS rate_sets FROM carestair.estimate_scenario_rates('variant2026', ARRAY['5524', '5520'], 2014, 2023, :'mx', mortality_method => 'constant');
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source) SELECT scenario, region, y, sex, age, q * 0.985 ^ (y - 2026), 'illustrative: 1.5 % a year' FROM carestair.mortality, generate_series(2027, 2050) AS y WHERE scenario = 'variant2026' AND year = 2026;
SELECT carestair.run_projection_scenario('variant2026', ARRAY['5524', '5520']);
-- Example (doc): the parts add up to the difference (rounded to 0.1 person).
SELECT region, year, age_group, component, round(persons::numeric, 1) AS persons FROM carestair.projection_gap_components('const2026', 'variant2026', ARRAY['5524', '5520'], 2040, 'broad') WHERE year = 2040 AND region = '5524' ORDER BY age_group <> 'total', age_group, array_position(ARRAY['scenario_a', 'fertility', 'mortality', 'migration', 'scenario_b'], component);
-- Exact: scenario_a + parts = scenario_b, and the ends are the two runs.
SELECT max(abs(c.a + c.f + c.m + c.g - c.b)) < 1e-9 AS parts_add_up, max(abs(c.a - ra.persons)) < 1e-9 AS a_is_run_a, max(abs(c.b - rb.persons)) < 1e-9 AS b_is_run_b, count(*) AS cells FROM (SELECT region, year, sum(persons) FILTER (WHERE component = 'scenario_a') AS a, sum(persons) FILTER (WHERE component = 'fertility') AS f, sum(persons) FILTER (WHERE component = 'mortality') AS m, sum(persons) FILTER (WHERE component = 'migration') AS g, sum(persons) FILTER (WHERE component = 'scenario_b') AS b FROM carestair.projection_gap_components('const2026', 'variant2026', ARRAY['5524', '5520']) WHERE age_group = 'total' GROUP BY region, year) AS c JOIN (SELECT region, year, sum(persons) AS persons FROM carestair.projection_result WHERE scenario = 'const2026' GROUP BY region, year) AS ra USING (region, year) JOIN (SELECT region, year, sum(persons) AS persons FROM carestair.projection_result WHERE scenario = 'variant2026' GROUP BY region, year) AS rb USING (region, year);
-- Example (doc): the gap to SSB 14746 MMMM for Målselv in 2040, by SSB's age groups; 'other' is what the variant does not explain.
SELECT age_group, component, round(persons::numeric, 1) AS persons FROM carestair.explain_ssb_gap('const2026', '5524', 2040, ssb_like_scenario => 'variant2026');
UPDATE carestair.projection_scenario SET assumptions = assumptions || '{"ssb_like_scenario": "variant2026"}' WHERE scenario = 'const2026';
SELECT round(sum(persons) FILTER (WHERE component NOT IN ('ssb'))::numeric, 6) = round(sum(persons) FILTER (WHERE component = 'ssb')::numeric, 6) AS adds_up_to_ssb FROM carestair.explain_ssb_gap('const2026', '5524', 2040, 'LLML');
-- Errors.
\set VERBOSITY terse
SELECT * FROM carestair.projection_gap_components('const2026', 'nosuch');
\set VERBOSITY default
SELECT * FROM carestair.projection_gap_components('const2026', 'const2020');
SELECT * FROM carestair.projection_gap_components('const2026', 'variant2026', ARRAY['5524'], 2026);
SELECT * FROM carestair.projection_gap_components('const2026', 'variant2026', ARRAY['5524'], 2030, 'nosuch');
SELECT * FROM carestair.projection_gap_components('const2026', 'variant2026', ARRAY['1101']);
SELECT * FROM carestair.explain_ssb_gap('variant2026', '5524', 2040);
SELECT * FROM carestair.explain_ssb_gap('const2026', '5524', 2026);
SELECT * FROM carestair.explain_ssb_gap('const2026', '5524', 2040, 'MMMM', table_id => '12345');
SELECT * FROM carestair.explain_ssb_gap('const2026', '5524', 2040, 'MHMM');
DELETE FROM carestair.projection_scenario WHERE scenario IN ('const2026', 'const2020', 'variant2026');
