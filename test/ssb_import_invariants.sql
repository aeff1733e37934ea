-- The SSB importer against independent data, and its error codes.
-- Run from the repository root (make test does): paths are relative to it.
\set QUIET on
\o /dev/null
\i data/load.sql
\o
BEGIN;
SELECT plan(22);

-- Keep the bundled numbers aside, then re-load the same years from the
-- real SSB export files and compare cell by cell.
CREATE TEMP TABLE bundled AS SELECT region, year, sex, age, persons FROM carestair.population;
DELETE FROM carestair.population WHERE year IN (2020, 2023, 2024);

\lo_import data/population/ssb_export_samples/07459_2024_bysex_wide_semicolon_latin1_crlf.csv
\set f2024 :LASTOID
\lo_import data/population/ssb_export_samples/07459_2023_bysex_wide_semicolon_latin1_crlf.csv
\set f2023 :LASTOID
\lo_import data/population/ssb_export_samples/07459_2020_bysex_long_semicolon_latin1_lf.csv
\set f2020 :LASTOID
\lo_import data/population/ssb_export_samples/07459_2019_total_comma_utf8_replacement_chars.csv
\set f2019 :LASTOID
\lo_import data/population/ssb_export_samples/07459_2005_2009_total_tab_latin1_lf.csv
\set f2005 :LASTOID

SELECT is((SELECT row_count FROM carestair.import_ssb_population(lo_get(:f2024)) WHERE outcome = 'loaded'), 5300::bigint, '2024 export: 25 kommuner x 2 sexes x 106 ages loaded');
SELECT is((SELECT row_count FROM carestair.import_ssb_population(lo_get(:f2023)) WHERE outcome = 'loaded'), 1272::bigint, '2023 export (2020-2023 codes) loaded');
SELECT is((SELECT row_count FROM carestair.import_ssb_population(lo_get(:f2020)) WHERE outcome = 'loaded'), 1272::bigint, '2020 long export loaded');
SELECT is((SELECT row_count FROM carestair.import_ssb_population(lo_get(:f2019)) WHERE outcome = 'loaded'), 636::bigint, '2019 comma export with damaged names loaded');
SELECT is((SELECT row_count FROM carestair.import_ssb_population(lo_get(:f2005)) WHERE outcome = 'loaded'), 3180::bigint, '2005-2009 tab export loaded');

SELECT is_empty($$
    SELECT b.region, b.year, b.sex, b.age, b.persons, p.persons
      FROM bundled AS b
      LEFT JOIN carestair.population AS p USING (region, year, sex, age)
     WHERE b.year IN (2020, 2023, 2024)
       AND b.region IN (SELECT DISTINCT region FROM carestair.population WHERE year = 2020)
       AND p.persons IS DISTINCT FROM b.persons
$$, 'sex-split exports (old codes mapped to 2024 codes) equal the independent SSB extract in every cell');
SELECT is_empty($$
    SELECT t.region, t.year, t.age, t.persons, sum(b.persons)
      FROM carestair.population_total AS t
      JOIN bundled AS b USING (region, year, age)
     GROUP BY t.region, t.year, t.age, t.persons
    HAVING sum(b.persons) <> t.persons
$$, 'both-sexes exports (Fræna + Eide summed into Hustadvika) equal the extract summed over sex');
SELECT is((SELECT count(DISTINCT (region, year))::int FROM carestair.population_total), 36, '6 kommuner x 6 years of totals');
SELECT is((SELECT count(*)::int FROM carestair.population WHERE is_open_age AND year = 2024 AND age <> 105), 0, 'the open group is 105+');
SELECT is((SELECT row_count FROM carestair.import_ssb_population(lo_get(:f2024)) WHERE outcome = 'unchanged'), 5300::bigint, 're-import reports every row unchanged');

-- Error classes, by SQLSTATE; none of them changes anything.
CREATE TEMP TABLE snapshot AS SELECT count(*) AS n, sum(persons) AS s FROM carestair.population;
PREPARE imp(text) AS SELECT * FROM carestair.import_ssb_population(convert_to($1, 'UTF8'));
SELECT throws_ok($$SELECT * FROM carestair.import_ssb_population(lo_get($$ || :f2024 || $$), 'UTF8')$$, '22021', NULL, 'a Latin-1 file read as UTF-8');
SELECT throws_ok($$EXECUTE imp(E'"region";"age";"Persons 2024 Males"\n"K-9999 X";"0 years";3\n')$$, '23503', NULL, 'unknown region');
SELECT throws_ok($$EXECUTE imp(E'"region";"age";"Persons 2024 Males"\n"K-5524 M";"0 years";3\n"K-5524 M";"0 years";3\n')$$, '23505', NULL, 'duplicate rows');
SELECT throws_ok($$EXECUTE imp(E'"region";"age";"Persons 2024 Males"\n"K-5524 M";"0 years";-3\n')$$, '22000', NULL, 'negative count');
SELECT throws_ok($$EXECUTE imp(E'"region";"age";"Persons 2024 Males"\n"K-5524 M";"0 years";x\n')$$, '22P02', NULL, 'text in a numeric column');
SELECT throws_ok($$EXECUTE imp(E'"region";"age";"Persons 2024 Males"\n"K-5524 M";"9 years or older";3\n"K-5524 M";"10 years";3\n')$$, '22000', NULL, 'age beyond the open group');
SELECT throws_ok($$EXECUTE imp(E'"region";"age";"Persons 2024 Males"\n"K-5524 M";"9 years or older";3\n"K-5524 M";"10 years or older";3\n')$$, '22000', NULL, 'a second open group');
SELECT throws_ok($$EXECUTE imp(E'"region";"age";"Persons 2024 Males"\n"K-5524 M";"0 years"\n')$$, '22P04', NULL, 'a short record');
SELECT throws_ok($$EXECUTE imp(E'"region";"age";"Persons 2024 Males"\n"K-5524 M";"104 years or older";3\n')$$, '22000', NULL, 'an open group that clashes with the stored one');
SELECT throws_ok($$EXECUTE imp(E'"region";"age";"Persons 2015"\n"1551 Eide";"0 years";3\n')$$, '22000', NULL, 'one half of a merged kommune');
SELECT results_eq('SELECT count(*) AS n, sum(persons) AS s FROM carestair.population', 'SELECT n, s FROM snapshot', 'no failed import changed anything');

SELECT count(lo_unlink(oid)) AS unlinked FROM pg_largeobject_metadata WHERE oid IN (:f2024, :f2023, :f2020, :f2019, :f2005) \gset
SELECT is((SELECT count(*)::int FROM pg_largeobject_metadata WHERE oid IN (:f2024, :f2023, :f2020, :f2019, :f2005)), 0, 'large objects cleaned up');

SELECT * FROM finish();
ROLLBACK;
