-- Population summaries on the bundled real data (SSB 07459, loaded by data/load.sql).
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
SELECT * FROM carestair.population_summary('5524', 2026);
SELECT region, region_name, year, persons, pct_67_plus, pct_80_plus, old_age_dependency FROM carestair.population_summary_by_year WHERE year = 2026 AND region IN ('5524', '5520', '5601', '5610', '5028', '1579', '0000') ORDER BY region;
SELECT year, persons, persons_80_plus, persons_90_plus, old_age_dependency FROM carestair.population_summary_by_year WHERE region = '5524' AND year IN (2005, 2015, 2026) ORDER BY year;
SELECT * FROM carestair.population_pyramid('5524', 2026);
SELECT * FROM carestair.population_pyramid('5524', 2026, 20);
SELECT age_group, males, females, persons FROM carestair.population_pyramid('5610', 2026, 1) WHERE age_from >= 100;
-- A region-year with totals only (no sex split) still has a pyramid, without sexes.
INSERT INTO carestair.population_total (region, year, age, persons, is_open_age) VALUES ('5514', 1991, 0, 20, false), ('5514', 1991, 40, 30, false), ('5514', 1991, 90, 5, true);
SELECT * FROM carestair.population_pyramid('5514', 1991, 25);
SELECT persons, persons_0_19, persons_90_plus, pct_90_plus FROM carestair.population_summary('5514', 1991);
DELETE FROM carestair.population_total WHERE region = '5514' AND year = 1991;
-- An open age group below 90 leaves 90+ unknown rather than guessed.
INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age) VALUES ('5514', 1990, 1, 0, 10, false), ('5514', 1990, 1, 85, 7, true), ('5514', 1990, 2, 0, 9, false), ('5514', 1990, 2, 85, 11, true);
SELECT persons, persons_67_plus, persons_80_plus, persons_90_plus, pct_90_plus, open_age FROM carestair.population_summary('5514', 1990);
DELETE FROM carestair.population WHERE region = '5514' AND year = 1990;
-- Bad input.
SELECT * FROM carestair.population_summary('9999', 2026);
SELECT * FROM carestair.population_summary('5524', 1950);
SELECT * FROM carestair.population_pyramid('5524', 2026, 0);
SELECT * FROM carestair.population_pyramid('5524', 2026, 151);
SELECT * FROM carestair.population_pyramid('Målselv', 2026);
SELECT * FROM carestair.population_summary(NULL, 2026);
