-- The population tables and the constraints that make bad rows impossible.
\set SHOW_CONTEXT never
INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age) VALUES ('5524', 2030, 1, 0, 40, false), ('5524', 2030, 1, 1, 41, false), ('5524', 2030, 1, 2, 12, true), ('5524', 2030, 2, 0, 38, false), ('5524', 2030, 2, 1, 39, false), ('5524', 2030, 2, 2, 10, true);
SELECT sex, age, persons, is_open_age FROM carestair.population WHERE region = '5524' AND year = 2030 ORDER BY sex, age;
-- Each of these fails and changes nothing.
INSERT INTO carestair.population (region, year, sex, age, persons) VALUES ('9999', 2030, 1, 0, 1);
INSERT INTO carestair.population (region, year, sex, age, persons) VALUES ('5524', 2030, 3, 0, 1);
INSERT INTO carestair.population (region, year, sex, age, persons) VALUES ('5524', 2031, 1, -1, 1);
INSERT INTO carestair.population (region, year, sex, age, persons) VALUES ('5524', 2031, 1, 0, -5);
INSERT INTO carestair.population (region, year, sex, age, persons) VALUES ('5524', 2030, 1, 0, 1);
INSERT INTO carestair.population (region, year, sex, age, persons) VALUES ('5524', 2030, 1, 'seven', 1);
INSERT INTO carestair.population (region, year, sex, age, persons) VALUES ('5524', 2030, 1, 3, 1);
INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age) VALUES ('5524', 2030, 1, 1, 41, true) ON CONFLICT (region, year, sex, age) DO UPDATE SET is_open_age = true;
UPDATE carestair.population SET is_open_age = false WHERE region = '5524' AND year = 2030 AND sex = 2 AND age = 2;
UPDATE carestair.population SET is_open_age = true WHERE region = '5524' AND year = 2030 AND sex = 2 AND age = 1;
SELECT count(*) AS rows_still_there, sum(persons) AS persons FROM carestair.population WHERE region = '5524' AND year = 2030;
-- The same rules for sources without a sex split.
INSERT INTO carestair.population_total (region, year, age, persons, is_open_age) VALUES ('5524', 2030, 0, 78, false), ('5524', 2030, 1, 80, true);
INSERT INTO carestair.population_total (region, year, age, persons) VALUES ('5524', 2030, 2, 3);
INSERT INTO carestair.population_total (region, year, age, persons, is_open_age) VALUES ('5524', 2030, 0, 1, true) ON CONFLICT (region, year, age) DO UPDATE SET is_open_age = true;
-- The both-sexes view prefers the sex-split table for a region-year.
SELECT age, persons, is_open_age, from_table FROM carestair.population_both_sexes WHERE region = '5524' AND year = 2030 ORDER BY age;
DELETE FROM carestair.population WHERE region = '5524' AND year = 2030;
SELECT age, persons, is_open_age, from_table FROM carestair.population_both_sexes WHERE region = '5524' AND year = 2030 ORDER BY age;
DELETE FROM carestair.population_total WHERE region = '5524' AND year = 2030;
