-- carestair.project_population: the inner-query form, its documented
-- examples (doc/projection.md) and every error it raises.
-- A small population: one region, ages 0..2 (2 = the open group 2+).
CREATE TEMP TABLE pop (region text, year int, sex int, age int, persons numeric, note text);
INSERT INTO pop SELECT 'X', 2020, s, a, 100, 'extra columns are ignored' FROM generate_series(1, 2) s, generate_series(0, 2) a;
CREATE TEMP TABLE fert (region text, year int, age int, rate float8);
INSERT INTO fert VALUES ('X', 2020, 1, 0.5), ('X', 2020, 2, 0.2);
CREATE TEMP TABLE mort (region text, year int, sex int, age int, q float8);
INSERT INTO mort SELECT 'X', 2020, s, a, 0.1 * (a + 1) FROM generate_series(1, 2) s, generate_series(0, 2) a;
CREATE TEMP TABLE mig (region text, year int, sex int, age int, immigrants float8, emigration_rate float8);
INSERT INTO mig SELECT 'X', 2020, s, a, 10, 0.1 FROM generate_series(1, 2) s, generate_series(0, 2) a;
-- Example 1 (doc): two years; the 2020 rates carry forward into 2021.
SELECT region, year, sex, age, round(persons::numeric, 4) AS persons, round(deaths::numeric, 4) AS deaths, round(emigrants::numeric, 4) AS emigrants, immigrants FROM carestair.project_population('SELECT * FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022) ORDER BY region, year, sex, age;
-- Example 2 (doc): the births of the same projection.
SELECT region, year, round(births::numeric, 4) AS births, round(male_births::numeric, 4) AS male_births, round(female_births::numeric, 4) AS female_births FROM carestair.project_population_births('TABLE pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022) ORDER BY region, year;
-- Example 3 (doc): a sex ratio of 1.05 and the FSO's 2/3 exposure of age-0 migrants.
SELECT year, sex, age, round(persons::numeric, 4) AS persons, round(deaths::numeric, 4) AS deaths FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2021, 1.05, 2.0 / 3) WHERE age = 0 ORDER BY year, sex;
-- Rates given for a later year take over from it; a year without rows keeps the latest.
INSERT INTO mort SELECT 'X', 2021, s, a, 0 FROM generate_series(1, 2) s, generate_series(0, 2) a;
SELECT year, round(sum(deaths)::numeric, 4) AS deaths FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2023) GROUP BY year ORDER BY year;
-- Rates for years before the base year: the latest of them drives the first step.
SELECT year, round(sum(deaths)::numeric, 4) AS deaths FROM carestair.project_population('TABLE pop', 'TABLE fert', 'SELECT region, year - 5 AS year, sex, age, q FROM mort WHERE year = 2020 UNION ALL SELECT region, 2010, sex, age, 1 FROM mort WHERE year = 2020', 'TABLE mig', 2021) GROUP BY year ORDER BY year;
DELETE FROM mort WHERE year = 2021;
-- Rows for regions outside the population are skipped unchecked; last_year = base year gives no rows.
SELECT count(*) FROM carestair.project_population('TABLE pop', 'TABLE fert UNION ALL SELECT ''Y'', 2020, 1, -1', 'TABLE mort', 'TABLE mig', 2021);
SELECT count(*) FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2020);
-- NULL arguments: STRICT, no rows.
SELECT count(*) FROM carestair.project_population(NULL, 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT count(*) FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', NULL);
-- Errors: arguments.
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2019);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2147483647);
SELECT * FROM carestair.project_population('SELECT region, -2000000000 AS year, sex, age, persons FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2000000000);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022, 0);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022, 'NaN');
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022, 1.055, 1.5);
-- Errors: the queries.
SELECT * FROM carestair.project_population('DELETE FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('SELECT region, year, sex, age, persons AS n FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'SELECT region, year, age FROM fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'SELECT region, year, sex, age, immigrants FROM mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'SELECT * FROM mig WHERE false', 2022);
-- Errors: population.
SELECT * FROM carestair.project_population('SELECT * FROM pop WHERE false', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('SELECT region, year, sex, age, CASE WHEN age = 1 THEN NULL ELSE persons END AS persons FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('SELECT region, year + age AS year, sex, age, persons FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('SELECT region, year, sex + 1 AS sex, age, persons FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('SELECT region, year, sex, age - 1 AS age, persons FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('SELECT region, year, sex, age + 200 AS age, persons FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('SELECT region, year, sex, age, CASE WHEN age = 2 THEN ''NaN'' ELSE persons END AS persons FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('SELECT region, year, sex, age, CASE WHEN age = 2 THEN ''-Infinity''::float8 ELSE persons END AS persons FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('SELECT region, year, sex, age, persons - 150 AS persons FROM pop', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('SELECT region, year, sex, 0 AS age, persons FROM pop WHERE age = 0', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop UNION ALL SELECT region, year, sex, age, 1, NULL FROM pop WHERE age = 1', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('SELECT * FROM pop WHERE NOT (sex = 2 AND age = 1)', 'TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
-- Errors: rates.
SELECT * FROM carestair.project_population('TABLE pop', 'SELECT region, year, age, -rate AS rate FROM fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'SELECT region, year, age - 1 AS age, rate FROM fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'SELECT region, year, age + 1 AS age, rate FROM fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert UNION ALL TABLE fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'SELECT region, year + 1 AS year, age, rate FROM fert', 'TABLE mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'SELECT region, year, sex, age, q * 10 AS q FROM mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'SELECT region, year, sex, age, ''Infinity''::float8 AS q FROM mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'SELECT region, year, 3 AS sex, age, q FROM mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'SELECT region, year, sex, age + 1 AS age, q FROM mort', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'SELECT * FROM mort WHERE NOT (sex = 1 AND age = 2)', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'SELECT * FROM mort UNION ALL SELECT region, 2021, sex, age, q FROM mort WHERE sex = 2', 'TABLE mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'SELECT region, year, sex, age, -immigrants AS immigrants, emigration_rate FROM mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'SELECT region, year, sex, age, immigrants, emigration_rate + 1 AS emigration_rate FROM mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'SELECT region, year, sex, age, immigrants, ''NaN''::float8 AS emigration_rate FROM mig', 2022);
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'TABLE mort', 'SELECT region, year, sex, age, NULL::float8 AS immigrants, emigration_rate FROM mig', 2022);
-- Errors: rates that remove more than a cohort's stock.
SELECT * FROM carestair.project_population('TABLE pop', 'TABLE fert', 'SELECT region, year, sex, age, 1 AS q FROM mort', 'SELECT region, year, sex, age, 0 AS immigrants, 1 AS emigration_rate FROM mig', 2022);
