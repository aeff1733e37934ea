-- KOSTRA data model and statbank importer.
-- NOTE: every NOK figure in this file is CONSTRUCTED TEST DATA in the layout of an SSB statbank export, not a real KOSTRA number.
-- The function catalogue, with the 2024 split of 254 into 257 + 258.
SELECT code, series, service, area, first_year, last_year FROM carestair.kostra_function ORDER BY code;
SELECT measure, name FROM carestair.kostra_measure ORDER BY measure;
-- Parsing contents headers.
SELECT * FROM carestair._kostra_parse_contents('Brutto driftsutgifter (1 000 kr) 2024');
SELECT * FROM carestair._kostra_parse_contents('12362: Netto driftsutgifter per innbygger (kr) 2023');
SELECT * FROM carestair._kostra_parse_contents('Expenditure (NOK 1000)');
SELECT carestair._kostra_measure_for('AGD2 Brutto driftsutgifter') AS art_code, carestair._kostra_measure_for('Korrigerte brutto driftsutgifter') AS plain, carestair._kostra_measure_for('Gross operating expenditures') AS english, carestair._kostra_measure_for('Renteutgifter') AS unknown;
-- TEST DATA: wide export (title line, art column, years in the headers), with aggregate rows, an outside function, a missing value and 254 after 2023.
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'"12362: Driftsutgifter, etter region, funksjon, art, statistikkvariabel og år"\n\n"region";"funksjon";"art";"Driftsutgifter (1 000 kr) 2023";"Driftsutgifter (1 000 kr) 2024"\n"5524 Målselv";"253 Helse- og omsorgstjenester i institusjon";"AGD2 Brutto driftsutgifter";1000;1100\n"5524 Målselv";"254 Helse- og omsorgstjenester til hjemmeboende";"AGD2 Brutto driftsutgifter";800;0\n"5524 Målselv";"257 Hjemmetjenester - personellbase";"AGD2 Brutto driftsutgifter";..;500\n"5524 Målselv";"258 Hjemmetjenester - ambulerende";"AGD2 Brutto driftsutgifter";..;350\n"5524 Målselv";"201 Barnehage";"AGD2 Brutto driftsutgifter";10;10\n"5520 Bardu";"253 Helse- og omsorgstjenester i institusjon";"AGD2 Brutto driftsutgifter";600;650.5\n"5520 Bardu";"257 Hjemmetjenester - personellbase";"AGD2 Brutto driftsutgifter";..;300\n"EAK Landet";"253 Helse- og omsorgstjenester i institusjon";"AGD2 Brutto driftsutgifter";1;1\n"EKA11 Kostragruppe 11";"253 Helse- og omsorgstjenester i institusjon";"AGD2 Brutto driftsutgifter";1;1\n"5524 Målselv";"FGF2 Pleie og omsorg";"AGD2 Brutto driftsutgifter";1;1\n\n"Kilde: SSB (test data)"\n', 'UTF8'));
SELECT region, year, function_code, measure, value, unit, source_table FROM carestair.kostra_figure ORDER BY region, year, function_code;
-- The comparable series: 254 to 2023, 257 + 258 from 2024; Bardu 2024 has only 257, so its series is incomplete.
SELECT region, year, series, value, functions, complete FROM carestair.kostra_series ORDER BY region, series, year;
-- TEST DATA: per-inhabitant figures, no art column (the contents name the measure), tab separated.
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region\tfunksjon\tNetto driftsutgifter per innbygger (kr) 2024\n5524 Målselv\t253 Institusjon\t25000\n5524 Målselv\t261 Institusjonslokaler\t-120.5\n', 'UTF8'), source => 'SSB 12362 (test data)');
-- TEST DATA: long form with year and contents columns, comma separated; old code 1924 (Målselv until 2019) and merged Fræna 1548.
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region,funksjon,statistikkvariabel,år,value\n1924 Målselv,253 Institusjon,Brutto driftsutgifter (1 000 kr),2019,900\n1548 Fræna,253 Institusjon,Brutto driftsutgifter (1 000 kr),2019,700\n1924 Målselv,261 Institusjonslokaler,Netto driftsutgifter per innbygger (kr),2019,400\n', 'UTF8'));
SELECT region, year, function_code, measure, value, unit FROM carestair.kostra_figure WHERE year IN (2019) OR unit = 'NOK per inhabitant' ORDER BY region, year, function_code, unit;
-- Importing the same file again changes nothing; a dry run writes nothing.
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region,funksjon,statistikkvariabel,år,value\n1924 Målselv,253 Institusjon,Brutto driftsutgifter (1 000 kr),2019,950\n', 'UTF8'), dry_run => true);
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region,funksjon,statistikkvariabel,år,value\n1924 Målselv,253 Institusjon,Brutto driftsutgifter (1 000 kr),2019,900\n', 'UTF8'));
-- Bad files: each is an error naming line and column; nothing changes.
CREATE TEMP TABLE before AS SELECT count(*) AS n, sum(value) AS s FROM carestair.kostra_figure;
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'just a title\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;art;Brutto driftsutgifter (1 000 kr) 2024\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;art\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;art;Brutto driftsutgifter (prosent) 2024\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;art;Brutto driftsutgifter (1 000 kr)\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;Renteutgifter (1 000 kr) 2024\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;art;Driftsutgifter (1 000 kr) 2024\n5524 Målselv;253 Institusjon;AGD2 Brutto driftsutgifter\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;art;Driftsutgifter (1 000 kr) 2024\nMålselv;253 Institusjon;AGD2 Brutto driftsutgifter;1\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;art;Driftsutgifter (1 000 kr) 2024\n5524 Målselv;Institusjon;AGD2 Brutto driftsutgifter;1\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;art;Driftsutgifter (1 000 kr) 2024\n5524 Målselv;253 Institusjon;AGD30 Renteutgifter;1\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;statistikkvariabel;år;value\n5524 Målselv;253 Institusjon;Brutto driftsutgifter (prosent);2024;1\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;art;år;Driftsutgifter (1 000 kr)\n5524 Målselv;253 Institusjon;AGD2 Brutto driftsutgifter;24;1\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;art;Driftsutgifter (1 000 kr) 2024\n5524 Målselv;253 Institusjon;AGD2 Brutto driftsutgifter;1 000\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;art;Driftsutgifter (1 000 kr) 2024\n9999 Nowhere;253 Institusjon;AGD2 Brutto driftsutgifter;1\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_kostra(convert_to(E'region;funksjon;art;Driftsutgifter (1 000 kr) 2024\n5524 Målselv;253 Institusjon;AGD2 Brutto driftsutgifter;1\n5524 Målselv;253 Helse- og omsorg i institusjon;AGD2 Brutto driftsutgifter;2\n', 'UTF8'));
SELECT b.n = a.n AND b.s = a.s AS nothing_changed FROM before AS b, (SELECT count(*) AS n, sum(value) AS s FROM carestair.kostra_figure) AS a;
-- KOSTRA groups: membership periods of one kommune may not overlap.
INSERT INTO carestair.kostra_group VALUES ('TEST1', 'Test group 1 (test data)', 'test'), ('TEST2', 'Test group 2 (test data)', 'test');
INSERT INTO carestair.kostra_group_member VALUES ('5524', 'TEST1', 2015, 2023, 'test data'), ('5524', 'TEST2', 2024, NULL, 'test data');
INSERT INTO carestair.kostra_group_member VALUES ('5520', 'TEST1', 2015, NULL, 'test data'), ('5520', 'TEST2', 2024, NULL, 'test data');
-- Peer sets.
INSERT INTO carestair.peer_set VALUES ('Midt-Troms (test)', 'Bardu and Målselv');
INSERT INTO carestair.peer_set_member VALUES ('Midt-Troms (test)', '5520'), ('Midt-Troms (test)', '5524');
SELECT s.name, array_agg(m.region ORDER BY m.region) FROM carestair.peer_set AS s JOIN carestair.peer_set_member AS m ON m.peer_set = s.name GROUP BY s.name;
INSERT INTO carestair.peer_set VALUES (' ', 'blank');
-- The bundled real data: the need index (KMD) and the care-service panel (SSB).
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_kostra_data.psql
SELECT sector, year, derived, count(*) AS kommuner, round(min(value), 4) AS min, round(max(value), 4) AS max FROM carestair.need_index GROUP BY sector, year, derived ORDER BY sector, year;
SELECT region, year, sector, value, derived FROM carestair.need_index WHERE region IN ('5524', '5520') ORDER BY region, year, sector;
SELECT service, measure, age_group, value, derived FROM carestair.care_service_stat WHERE region = '5524' AND year = 2024 ORDER BY service, measure, age_group;
-- KOSTRA groups from a KLASS-style correspondence file (TEST DATA: invented groups, not SSB's grouping).
DELETE FROM carestair.kostra_group_member;
SELECT * FROM carestair.import_kostra_groups(convert_to(E'"sourceCode";"sourceName";"targetCode";"targetName"\n"5524";"Målselv";"T11";"Test group 11"\n"5520";"Bardu";"T11";"Test group 11"\n"5501";"Tromsø";"T13";"Test group 13"\n\n', 'UTF8'), 2024);
SELECT m.region, m.kostra_group, g.name, m.valid_from_year, m.valid_to_year, m.source FROM carestair.kostra_group_member AS m JOIN carestair.kostra_group AS g ON g.code = m.kostra_group ORDER BY m.region;
SELECT * FROM carestair.import_kostra_groups(convert_to(E'kommune,kostragruppe\nK-5524 Målselv,T13\n', 'UTF8'), 2024, dry_run => true);
SELECT * FROM carestair.import_kostra_groups(convert_to(E'kommune,kostragruppe\nK-5524 Målselv,T13\n1924 Målselv,T11\n', 'UTF8'), 2015, 2023, 'test 2015');
SELECT * FROM carestair.import_kostra_groups(convert_to(E'kommune,kostragruppe\n1924 Målselv,T11\n', 'UTF8'), 2015, 2023, 'test 2015');
SELECT * FROM carestair.import_kostra_groups(convert_to(E'kommune,kostragruppe\n5524,T11\n', 'UTF8'), 2020, NULL, 'test overlap');
SELECT * FROM carestair.import_kostra_groups(convert_to(E'kommune;name\n5524;x\n', 'UTF8'), 2024);
SELECT * FROM carestair.import_kostra_groups(convert_to(E'kommune;gruppe\nMålselv;T11\n', 'UTF8'), 2024);
SELECT * FROM carestair.import_kostra_groups(convert_to(E'kommune;gruppe\n5524;\n', 'UTF8'), 2024);
SELECT * FROM carestair.import_kostra_groups(convert_to(E'kommune;gruppe\n9999;T11\n', 'UTF8'), 2024);
SELECT * FROM carestair.import_kostra_groups(convert_to(E'kommune;gruppe\n5524;T11\n5524;T13\n', 'UTF8'), 2024);
SELECT * FROM carestair.import_kostra_groups(convert_to(E'kommune;gruppe\n5524;T11\n', 'UTF8'), NULL);
SELECT * FROM carestair.import_kostra_groups(convert_to(E'kommune;gruppe\n5524;T11\n', 'UTF8'), 2024, 2020);
SELECT m.region, m.kostra_group, m.valid_from_year, m.valid_to_year FROM carestair.kostra_group_member AS m ORDER BY m.region, m.valid_from_year;
-- Care-service statistics from a statbank export (TEST DATA in the layout of SSB 12292; the numbers are invented).
SELECT carestair._care_age_group('80 år og over') AS a80, carestair._care_age_group('0-66 år') AS a0_66, carestair._care_age_group('I alt') AS total, carestair._care_age_group('67 - 79 years') AS a67_79, carestair._care_age_group('90+') AS unknown;
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'"12292: Mottakere av hjemmetjenester (test data)"\n\n"region";"alder";"Mottakere 2030"\n"5524 Målselv";"I alt";300\n"5524 Målselv";"0-66 år";120\n"5524 Målselv";"80 år og over";110\n"5520 Bardu";"I alt";..\n"0 Hele landet";"I alt";1\n', 'UTF8'), 'hjemmetjenester');
SELECT region, year, service, measure, age_group, value, derived, source FROM carestair.care_service_stat WHERE year = 2030 ORDER BY region, age_group;
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;år;Beboere\n5524 Målselv;2030;50\n', 'UTF8'), 'institusjon_langtid', 'residents', dry_run => true);
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;Mottakere 2030\n5524;1\n', 'UTF8'), 'sykehjem');
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;Mottakere 2030\n5524;1\n', 'UTF8'), 'hjemmetjenester', 'users');
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;alder\n5524;I alt\n', 'UTF8'), 'hjemmetjenester');
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;Mottakere\n5524;1\n', 'UTF8'), 'hjemmetjenester');
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;Mottakere 2030;Timer 2030\n5524;1;2\n', 'UTF8'), 'hjemmetjenester');
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;alder;Mottakere 2030\n5524 Målselv;90 år;1\n', 'UTF8'), 'hjemmetjenester');
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;alder;Mottakere 2030\nMålselv;I alt;1\n', 'UTF8'), 'hjemmetjenester');
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;alder;Mottakere 2030\n5524;I alt;-1\n', 'UTF8'), 'hjemmetjenester');
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;år;Mottakere\n5524;30;1\n', 'UTF8'), 'hjemmetjenester');
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;alder;Mottakere 2030\n9999;I alt;1\n', 'UTF8'), 'hjemmetjenester');
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;alder;Mottakere 2030\n5524;I alt;1\n5524;Total;2\n', 'UTF8'), 'hjemmetjenester');
SELECT * FROM carestair.import_ssb_care_services(convert_to(E'region;år;Mottakere;Timer\n5524;2030;1;2\n', 'UTF8'), 'hjemmetjenester');
DELETE FROM carestair.care_service_stat WHERE year = 2030;
