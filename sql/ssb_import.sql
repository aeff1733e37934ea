-- Reading SSB statbank exports: carestair.read_csv and carestair.import_ssb_population.
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\set samples :abs_srcdir '/data/population/ssb_export_samples/'
-- read_csv: separators, quotes, line ends, encodings.
SELECT * FROM carestair.read_csv(convert_to(E'a;b;c\r\n"x;y";"say ""hi""";3\r\n\r\n"multi\nline";;\r\n', 'UTF8'));
SELECT * FROM carestair.read_csv(convert_to(E'a\tb\n1\t2\n', 'UTF8'));
SELECT * FROM carestair.read_csv(convert_to(E'"title, with commas"\n\na,b\n1,2', 'UTF8'));
SELECT * FROM carestair.read_csv(convert_to(E'a|b\n1|2\n', 'UTF8'), 'auto', '|');
SELECT * FROM carestair.read_csv('\xefbbbf613b620a313b320a'::bytea);
SELECT * FROM carestair.read_csv('\x4de56c73656c763b310a'::bytea);
SELECT * FROM carestair.read_csv('\x4de56c73656c763b310a'::bytea, 'LATIN1');
SELECT count(*) FROM carestair.read_csv(''::bytea);
SELECT * FROM carestair.read_csv('\x4de56c73656c763b310a'::bytea, 'UTF8');
SELECT * FROM carestair.read_csv('\x613b620a4de56c73656c763b310a'::bytea, 'UTF8');
SELECT * FROM carestair.read_csv('\x61003b620a'::bytea, 'LATIN1');
SELECT * FROM carestair.read_csv(convert_to('a;b', 'UTF8'), 'klingon');
SELECT * FROM carestair.read_csv(convert_to('a;b', 'UTF8'), 'auto', ';;');
SELECT * FROM carestair.read_csv(convert_to(E'a;"b\n1;2', 'UTF8'));
-- The five real export layouts load unchanged.
\lo_import :samples'07459_2024_bysex_wide_semicolon_latin1_crlf.csv'
SELECT * FROM carestair.import_ssb_population(lo_get(:LASTOID));
SELECT lo_unlink(:LASTOID) IS NOT NULL AS unlinked;
\lo_import :samples'07459_2023_bysex_wide_semicolon_latin1_crlf.csv'
SELECT * FROM carestair.import_ssb_population(lo_get(:LASTOID));
SELECT lo_unlink(:LASTOID) IS NOT NULL AS unlinked;
\lo_import :samples'07459_2020_bysex_long_semicolon_latin1_lf.csv'
SELECT * FROM carestair.import_ssb_population(lo_get(:LASTOID));
SELECT lo_unlink(:LASTOID) IS NOT NULL AS unlinked;
\lo_import :samples'07459_2019_total_comma_utf8_replacement_chars.csv'
SELECT * FROM carestair.import_ssb_population(lo_get(:LASTOID));
SELECT lo_unlink(:LASTOID) IS NOT NULL AS unlinked;
\lo_import :samples'07459_2005_2009_total_tab_latin1_lf.csv'
SELECT * FROM carestair.import_ssb_population(lo_get(:LASTOID));
-- Old codes were mapped: 1924 Målselv -> 5524, Fræna 1548 + Eide 1551 -> Hustadvika 1579.
SELECT region, year, sum(persons) AS persons FROM carestair.population_total WHERE region IN ('1579', '5524') GROUP BY region, year ORDER BY region, year;
SELECT region, year, sum(persons) AS persons, count(*) AS rows, max(age) FILTER (WHERE is_open_age) AS open_age FROM carestair.population WHERE region IN ('1579', '5524') GROUP BY region, year ORDER BY region, year;
-- Importing the same file again changes nothing; a dry run writes nothing.
SELECT * FROM carestair.import_ssb_population(lo_get(:LASTOID), dry_run => true);
SELECT lo_unlink(:LASTOID) IS NOT NULL AS unlinked;
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"K-5524 Målselv";"0 years";1000;1000\n', 'UTF8'), dry_run => true);
SELECT persons FROM carestair.population WHERE region = '5524' AND year = 2024 AND age = 0 ORDER BY sex;
-- Norwegian headers, long form with a year column, missing-value markers and non-kommune rows.
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"kjønn";"alder";"år";"Personer"\n"0 Hele landet";"Menn";"0 år";"2030";"27000"\n"F-55 Troms";"Menn";"0 år";"2030";"700"\n"K-5524 Målselv";"Menn";"0 år";"2030";".."\n"K-5524 Målselv";"Kvinner";"0 år";"2030";"31"\n"K-5524 Målselv";"Kvinner";"I alt";"2030";"3000"\n"K-1507 Ålesund";"Menn";"0 år";"2022";"300"\n', 'UTF8'));
SELECT region, year, sex, age, persons, source FROM carestair.population WHERE year = 2030 ORDER BY region, sex, age;
DELETE FROM carestair.population WHERE year = 2030;
-- Bad files: each is an error naming the line and column, and nothing changes.
CREATE TEMP TABLE before AS SELECT count(*) AS n, sum(persons) AS s FROM carestair.population;
\lo_import :samples'07459_2024_bysex_wide_semicolon_latin1_crlf.csv'
SELECT * FROM carestair.import_ssb_population(lo_get(:LASTOID), encoding => 'UTF8');
SELECT lo_unlink(:LASTOID) IS NOT NULL AS unlinked;
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"K-5524 Målselv";"0 years";-3;30\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"K-5524 Målselv";"0 years";many;30\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"K-5524 Målselv";"0 years";3.5;30\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"K-9999 Nowhere";"0 years";3;30\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"Målselv";"0 years";3;30\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"K-5524 Målselv";"0 years";3;30\n"K-5524 Målselv";"0 years";4;31\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"K-5524 Målselv";"100 years or older";3;30\n"K-5524 Målselv";"101 years";4;31\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"K-5524 Målselv";"100 years or older";3;30\n"K-5524 Målselv";"99 years or older";4;31\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"K-5524 Målselv";"ninety";3;30\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"sex";"age";"Persons 2024"\n"K-5524 Målselv";"Unknown";"0 years";3\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"year";"Persons"\n"K-5524 Målselv";"0 years";"20x4";3\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"K-5524 Målselv";"0 years";3\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'just a title\nno header here\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Colour"\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"Persons 2024 Males"\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age"\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons"\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"sex";"age";"Persons 2024 Males"\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024"\n', 'UTF8'));
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2015"\n"1548 Fræna";"0 years";3\n', 'UTF8'));
-- A current code for an earlier year is the kommune on current borders (SSB series by today's division);
-- mixing it with the old parts of the same kommune would count people twice.
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 1999"\n"K-1579 Hustadvika";"0 years";150\n', 'UTF8'), dry_run => true);
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 1999"\n"K-1579 Hustadvika";"0 years";150\n"1548 Fræna";"0 years";100\n"1551 Eide";"0 years";50\n', 'UTF8'));
-- An import whose rows clash with stored ones fails whole (open age 100 against stored ages up to 105).
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2024 Males";"Persons 2024 Females"\n"K-5524 Målselv";"0 years";1;1\n"K-5524 Målselv";"100 years or older";3;30\n', 'UTF8'));
SELECT b.n = a.n AND b.s = a.s AS nothing_changed FROM before AS b, (SELECT count(*) AS n, sum(persons) AS s FROM carestair.population) AS a;
-- The K- rule: "K-nnnn" with a current kommunenummer is that kommune on today's borders in every year (SSB's
-- current-border series), so Stavanger 2005 loads whole; the plain code keeps the historical mapping and needs
-- the former kommuner (Finnøy 1141, Rennesøy 1142) that made up today's Stavanger.
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2005 Males";"Persons 2005 Females"\n"K-1103 Stavanger";"0 years";700;650\n', 'UTF8'), dry_run => true);
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2005 Males";"Persons 2005 Females"\n"1103 Stavanger";"0 years";700;650\n', 'UTF8'), dry_run => true);
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2005 Males";"Persons 2005 Females"\n"1103 Stavanger";"0 years";700;650\n"1141 Finnøy";"0 years";15;14\n"1142 Rennesøy";"0 years";25;22\n', 'UTF8'), dry_run => true);
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2005 Males";"Persons 2005 Females"\n"K-1103 Stavanger";"0 years";700;650\n"K-1141 Finnøy";"0 years";15;14\n', 'UTF8'), dry_run => true);
-- A K- code that is no longer current (K-5418 Målselv, 2020-2023) still maps through the code history.
SELECT * FROM carestair.import_ssb_population(convert_to(E'"region";"age";"Persons 2022 Males";"Persons 2022 Females"\n"K-5418 Målselv";"0 years";30;31\n', 'UTF8'), dry_run => true);
SELECT * FROM carestair.import_ssb_population(NULL);
