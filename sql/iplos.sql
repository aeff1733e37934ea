-- The IPLOS functional profile type.
\set SHOW_CONTEXT never
SELECT * FROM carestair.iplos_variables();
SELECT '11223119111111199'::carestair.iplos_profile AS profile;
SELECT p, carestair.iplos_mean_adl(p) AS mean_adl, carestair.iplos_personbistand_count(p) AS personbistand, carestair.iplos_cognitive_impairment(p) AS cognitive, carestair.iplos_bistandsbehov(p) AS bistandsbehov FROM (VALUES ('11111111111111111'::carestair.iplos_profile), ('11223119111111199'), ('22244333333333399'), ('45544444555554499'), ('99999999999999999')) AS v(p);
SELECT carestair.iplos_score('11223119111111199', 'hukommelse') AS hukommelse, carestair.iplos_score('11223119111111199', 'varer_tjenester') AS varer, carestair.iplos_score('11223119111111199', 'horsel') AS horsel;
SELECT carestair.iplos_bistandsbehov('22244333333333399', middels_from => 2.0, omfattende_from => 2.8) AS stricter_cuts;
-- Equality, grouping and hashing (the operators live in schema carestair).
SET search_path = public, carestair;
SELECT '11223119111111199'::carestair.iplos_profile = '11223119111111199' AS eq, '11223119111111199'::carestair.iplos_profile <> '11223119111111191' AS ne;
CREATE TEMP TABLE reg (person int, profile carestair.iplos_profile);
INSERT INTO reg VALUES (1, '11111111111111111'), (2, '33333333333333399'), (3, '11111111111111111'), (4, '33333333333333399'), (5, '55555555555555555');
CREATE INDEX reg_profile_hash ON reg USING hash (profile);
SELECT profile, count(*) FROM reg GROUP BY profile ORDER BY count(*) DESC, profile::text;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT person FROM reg WHERE profile = '33333333333333399';
SELECT person FROM reg WHERE profile = '33333333333333399' ORDER BY person;
RESET enable_seqscan;
-- Binary round trip (COPY BINARY uses send/receive), and binary input validated like text input.
CREATE TEMP TABLE reg2 (LIKE reg);
DO $$ BEGIN EXECUTE format('COPY reg TO %L (FORMAT binary)', '/tmp/carestair_iplos_' || pg_backend_pid() || '.bin'); EXECUTE format('COPY reg2 FROM %L (FORMAT binary)', '/tmp/carestair_iplos_' || pg_backend_pid() || '.bin'); END $$;
SELECT count(*) AS rows, bool_and(r.profile = r2.profile) AS identical FROM reg AS r JOIN reg2 AS r2 USING (person);
CREATE TEMP TABLE raw (person int, profile text);
INSERT INTO raw VALUES (9, '1122311911111117x');
DO $$ BEGIN EXECUTE format('COPY raw TO %L (FORMAT binary)', '/tmp/carestair_iplos_' || pg_backend_pid() || '.bin'); EXECUTE format('COPY reg2 FROM %L (FORMAT binary)', '/tmp/carestair_iplos_' || pg_backend_pid() || '.bin'); END $$;
UPDATE raw SET profile = '11223';
DO $$ BEGIN EXECUTE format('COPY raw TO %L (FORMAT binary)', '/tmp/carestair_iplos_' || pg_backend_pid() || '.bin'); EXECUTE format('COPY reg2 FROM %L (FORMAT binary)', '/tmp/carestair_iplos_' || pg_backend_pid() || '.bin'); END $$;
SELECT count(*) AS rows_after_bad_binary FROM reg2;
RESET search_path;
-- Bad text input.
SELECT '1122311911111119'::carestair.iplos_profile;
SELECT '112231191111111999'::carestair.iplos_profile;
SELECT '11223119111111160'::carestair.iplos_profile;
SELECT '1122311911111119 '::carestair.iplos_profile;
SELECT ''::carestair.iplos_profile;
SELECT carestair.iplos_score('11223119111111199', 'memory');
SELECT carestair.iplos_bistandsbehov('11223119111111199', 4, 3);
