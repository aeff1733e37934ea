-- JSON-stat 2.0 (SSB statbank API): the real answer for table 12367 as typed rows.
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\set response `cat data/kostra/ssb12367_jsonstat2_api_response_sample.json`
SELECT count(*) AS cells, count(value) AS with_value, count(status) AS with_status, min(table_id) AS table_id FROM carestair.jsonstat_cells(:'response');
SELECT status, count(*) AS cells, count(value) AS with_value FROM carestair.jsonstat_cells(:'response') GROUP BY status ORDER BY status;
-- Landet, konsern (A), FGK9 helse og omsorg, 2020: netto 126,069,838 and brutto 154,178,878 (1000 kr), as SOURCE.md states.
SELECT codes, labels[4] AS art, value, unit, decimals FROM carestair.jsonstat_cells(:'response') WHERE codes[1] = 'EAK' AND codes[2] = 'A' AND codes[3] = 'FGK9' AND codes[6] = '2020' ORDER BY cell;
SELECT dimension_ids FROM carestair.jsonstat_cells(:'response') WHERE cell = 0;
-- Cells with a status marker: value NULL, marker kept.
SELECT cell, codes, value, status FROM carestair.jsonstat_cells(:'response') WHERE status IS NOT NULL ORDER BY cell LIMIT 3;
-- Routing: the real 12367 answer holds functions carestair does not store (100-120, FGK8b, FGK9), so nothing is loaded; every cell is accounted for.
SELECT * FROM carestair.import_ssb_jsonstat(:'response', dry_run => true);
-- A KOSTRA answer with pleie og omsorg functions (the real answer's structure, TEST values): routed into kostra_figure.
\set kostra '{"version":"2.0","class":"dataset","label":"12367: Detaljerte regnskapstall (TEST values)","id":["KOKkommuneregion0000","KOKregnskapsomfa0000","KOKfunksjon0000","KOKart0000","ContentsCode","Tid"],"size":[3,2,1,2,1,1],"role":{"time":["Tid"],"metric":["ContentsCode"]},"dimension":{"KOKkommuneregion0000":{"label":"region","category":{"index":{"EAK":0,"5524":1,"EKG02":2},"label":{"EAK":"Landet","5524":"Målselv","EKG02":"Kostragruppe 2"}}},"KOKregnskapsomfa0000":{"label":"regnskapsomfang","category":{"index":{"A":0,"B":1},"label":{"A":"Konsern","B":"Kommune"}}},"KOKfunksjon0000":{"label":"funksjon","category":{"index":{"253":0},"label":{"253":"Helse- og omsorgstjenester i institusjon"}}},"KOKart0000":{"label":"art","category":{"index":{"AGD10":0,"AGD2":1},"label":{"AGD10":"Brutto driftsutgifter på funksjon/tjenesteområde","AGD2":"Netto driftsutgifter på funksjon/tjenesteområde"}}},"ContentsCode":{"label":"statistikkvariabel","category":{"index":{"KOSbelop0000":0},"label":{"KOSbelop0000":"Beløp (1000 kr)"},"unit":{"KOSbelop0000":{"base":"1000 kr","decimals":0}}}},"Tid":{"label":"år","category":{"index":{"2024":0},"label":{"2024":"2024"}}}},"value":[1000,900,1100,990,150,140,160,null,7,6,8,5],"status":{"7":".."}}'
BEGIN;
SELECT * FROM carestair.import_ssb_jsonstat(:'kostra');
SELECT region, year, function_code, measure, value, unit, source_table FROM carestair.kostra_figure WHERE source_table LIKE '%JSON-stat%' ORDER BY region, measure;
SELECT * FROM carestair.import_ssb_jsonstat(:'kostra');
ROLLBACK;
-- Population (07459) through import_ssb_population's checks; the K- rule holds here too.
\set pop '{"version":"2.0","class":"dataset","label":"07459: Befolkning (TEST values)","id":["Region","Kjonn","Alder","ContentsCode","Tid"],"size":[2,2,2,1,1],"role":{"time":["Tid"],"metric":["ContentsCode"],"geo":["Region"]},"dimension":{"Region":{"category":{"index":{"K-1103":0,"30":1},"label":{"K-1103":"Stavanger","30":"Viken"}}},"Kjonn":{"category":{"index":{"1":0,"2":1},"label":{"1":"Menn","2":"Kvinner"}}},"Alder":{"category":{"index":{"000":0,"105":1},"label":{"000":"0 år","105":"105 år eller eldre"}}},"ContentsCode":{"category":{"index":{"Personer1":0},"label":{"Personer1":"Personer"},"unit":{"Personer1":{"base":"personer","decimals":0}}}},"Tid":{"category":{"index":{"2005":0},"label":{"2005":"2005"}}}},"value":[700,3,650,9,1,2,3,4]}'
SELECT * FROM carestair.import_ssb_jsonstat(:'pop', dry_run => true);
-- A table carestair has no home for.
SELECT * FROM carestair.import_ssb_jsonstat('{"version":"2.0","class":"dataset","id":["A"],"size":[1],"dimension":{"A":{"category":{"index":["x"]}}},"value":[1]}');
-- Bad input: inconsistent sizes and ids, duplicate categories and cells, non-numbers, unknown units, other classes.
SELECT * FROM carestair.jsonstat_cells('{"version":"2.0","class":"dataset","id":["A","B"],"size":[2],"dimension":{},"value":[]}');
SELECT * FROM carestair.jsonstat_cells('{"version":"2.0","class":"dataset","id":["A"],"size":[2],"dimension":{"A":{"category":{"index":["x","y"]}}},"value":[1,2,3]}');
SELECT * FROM carestair.jsonstat_cells('{"version":"2.0","class":"dataset","id":["A"],"size":[3],"dimension":{"A":{"category":{"index":["x","y"]}}},"value":[1,2,3]}');
SELECT * FROM carestair.jsonstat_cells('{"version":"2.0","class":"dataset","id":["A"],"size":[2],"dimension":{"A":{"category":{"index":["x","x"]}}},"value":[1,2]}');
SELECT * FROM carestair.jsonstat_cells('{"version":"2.0","class":"dataset","id":["A"],"size":[2],"dimension":{"A":{"category":{"index":{"x":0,"x":1}}}},"value":[1,2]}');
SELECT * FROM carestair.jsonstat_cells('{"version":"2.0","class":"dataset","id":["A"],"size":[2],"dimension":{"A":{"category":{"index":["x","y"]}}},"value":{"0":1,"0":2}}');
SELECT * FROM carestair.jsonstat_cells('{"version":"2.0","class":"dataset","id":["A"],"size":[2],"dimension":{"A":{"category":{"index":["x","y"]}}},"value":{"0":1,"5":2}}');
SELECT * FROM carestair.jsonstat_cells('{"version":"2.0","class":"dataset","id":["A"],"size":[2],"dimension":{"A":{"category":{"index":["x","y"]}}},"value":[1,"many"]}');
SELECT * FROM carestair.jsonstat_cells('{"version":"2.0","class":"dataset","id":["A","A"],"size":[1,1],"dimension":{"A":{"category":{"index":["x"]}}},"value":[1]}');
SELECT * FROM carestair.jsonstat_cells('{"version":"2.0","class":"dataset","id":["A"],"size":[1],"dimension":{"B":{"category":{"index":["x"]}}},"value":[1]}');
SELECT * FROM carestair.jsonstat_cells('{"version":"2.0","class":"collection","link":{}}');
SELECT * FROM carestair.jsonstat_cells('[1, 2]');
SELECT * FROM carestair.import_ssb_jsonstat(replace(:'kostra', '"base":"1000 kr"', '"base":"EUR"')::json);
SELECT * FROM carestair.import_ssb_jsonstat(NULL);
