-- Dementia: the shipped prevalence x SSB 07459 reproduces Gjøra et al. (2021): 101,118 persons in Norway 2020.
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
-- The shipped table is the bundled file, row for row.
CREATE TEMP TABLE dementia_csv (sex int, age_from int, age_to int, prevalence float8);
\copy dementia_csv FROM 'data/dementia/dementia_prevalence_by_age_sex.csv' WITH (FORMAT csv, HEADER true)
SELECT count(*) AS rows_in_file, count(d.sex) AS equal_in_table FROM dementia_csv AS c LEFT JOIN carestair.dementia_prevalence AS d ON d.sex = c.sex AND d.age_from = c.age_from AND d.age_to IS NOT DISTINCT FROM c.age_to AND d.prevalence = c.prevalence AND d.builtin;
SELECT count(*) AS shipped_rows FROM carestair.dementia_prevalence;
-- Norway 1 January 2020 (region 0000): 101,118 persons with dementia, as published.
SELECT round(sum(with_dementia)) AS with_dementia, round(sum(persons)) AS persons FROM carestair.dementia_estimate($$SELECT region, year, sex, age, persons FROM carestair.population WHERE region = '0000' AND year = 2020$$);
-- 1 January 2026 (SOURCE.md: 118,414).
SELECT round(sum(with_dementia)) AS with_dementia FROM carestair.dementia_estimate($$SELECT region, year, sex, age, persons FROM carestair.population WHERE region = '0000' AND year = 2026$$);
-- By sex and band, Målselv 2026.
SELECT sex, age_from, age_to, persons, round(with_dementia::numeric, 2) AS with_dementia FROM carestair.dementia_estimate($$SELECT region, year, sex, age, persons FROM carestair.population WHERE region = '5524' AND year = 2026$$) WHERE age_from >= 65;
-- Independent check: 70+ share for Norway 2020 from the bands (Gjøra et al.: 14.6 % standardised).
SELECT round((100 * sum(with_dementia) / sum(persons))::numeric, 1) AS pct_70plus FROM carestair.dementia_estimate($$SELECT region, year, sex, age, persons FROM carestair.population WHERE region = '0000' AND year = 2020$$) WHERE age_from >= 70;
-- A replacement prevalence table, and several rows per cell (summed).
SELECT region, year, sex, age_from, age_to, persons, with_dementia FROM carestair.dementia_estimate($$SELECT * FROM (VALUES ('9999', 2030, 1, 80, 10), ('9999', 2030, 1, 80, 30), ('9999', 2030, 2, 95, 10)) AS t(region, year, sex, age, persons)$$, $$SELECT * FROM (VALUES (1, 0, NULL, 0.25), (2, 0, 89, 0), (2, 90, NULL, 0.5)) AS t(sex, age_from, age_to, prevalence)$$) ORDER BY sex, age_from;
-- Bad input: gaps, overlaps, no open band, rates outside [0, 1], a missing sex, bad population rows, missing columns.
\set pop '$$SELECT region, year, sex, age, persons FROM carestair.population WHERE region = $q$5524$q$ AND year = 2026$$'
SELECT * FROM carestair.dementia_estimate(:pop, $$SELECT * FROM (VALUES (1, 0, 64, 0.0), (1, 70, NULL, 0.1), (2, 0, NULL, 0.1)) AS t(sex, age_from, age_to, prevalence)$$);
SELECT * FROM carestair.dementia_estimate(:pop, $$SELECT * FROM (VALUES (1, 0, 64, 0.0), (1, 60, NULL, 0.1), (2, 0, NULL, 0.1)) AS t(sex, age_from, age_to, prevalence)$$);
SELECT * FROM carestair.dementia_estimate(:pop, $$SELECT * FROM (VALUES (1, 0, NULL, 0.0), (2, 0, 89, 0.1)) AS t(sex, age_from, age_to, prevalence)$$);
SELECT * FROM carestair.dementia_estimate(:pop, $$SELECT * FROM (VALUES (1, 5, NULL, 0.0), (2, 0, NULL, 0.1)) AS t(sex, age_from, age_to, prevalence)$$);
SELECT * FROM carestair.dementia_estimate(:pop, $$SELECT * FROM (VALUES (1, 0, 89, 0.0), (1, 90, NULL, 0.0), (1, 95, NULL, 0.1), (2, 0, NULL, 0.1)) AS t(sex, age_from, age_to, prevalence)$$);
SELECT * FROM carestair.dementia_estimate(:pop, $$SELECT * FROM (VALUES (1, 0, NULL, 0.0)) AS t(sex, age_from, age_to, prevalence)$$);
SELECT * FROM carestair.dementia_estimate(:pop, $$SELECT * FROM (VALUES (1, 0, NULL, 14.6), (2, 0, NULL, 0.1)) AS t(sex, age_from, age_to, prevalence)$$);
SELECT * FROM carestair.dementia_estimate(:pop, $$SELECT * FROM (VALUES (1, 0, NULL, -0.1), (2, 0, NULL, 0.1)) AS t(sex, age_from, age_to, prevalence)$$);
SELECT * FROM carestair.dementia_estimate(:pop, $$SELECT * FROM (VALUES (1, 0, NULL, NULL::float8), (2, 0, NULL, 0.1)) AS t(sex, age_from, age_to, prevalence)$$);
SELECT * FROM carestair.dementia_estimate(:pop, $$SELECT * FROM (VALUES (0, 0, NULL, 0.1)) AS t(sex, age_from, age_to, prevalence)$$);
SELECT * FROM carestair.dementia_estimate($$SELECT region, year, 0 AS sex, age, persons FROM carestair.population_both_sexes WHERE region = '5524' AND year = 2026$$);
SELECT * FROM carestair.dementia_estimate($$SELECT '5524' AS region, 2026 AS year, 1 AS sex, 80 AS age, -5 AS persons$$);
SELECT * FROM carestair.dementia_estimate($$SELECT region, year, age, persons FROM carestair.population$$);
SELECT * FROM carestair.dementia_estimate(:pop, $$SELECT sex, age_from, prevalence FROM carestair.dementia_prevalence$$);
SELECT * FROM carestair.dementia_estimate(NULL);
-- The table's own checks.
INSERT INTO carestair.dementia_prevalence VALUES (1, 0, NULL, 1.5, 'TEST');
