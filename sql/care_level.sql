-- The omsorgstrapp as an ordered type.
\set SHOW_CONTEXT never
SELECT enum_range(NULL::carestair.care_level);
SELECT level, step, label, iplos_services, is_place FROM carestair.care_level_label ORDER BY level;
SELECT 'omsorgsbolig'::carestair.care_level < 'korttidsopphold' AS lower, 'langtidsopphold'::carestair.care_level = 'langtidsopphold' AS same, greatest('praktisk_bistand'::carestair.care_level, 'velferdsteknologi') AS higher;
-- Ordering, btree and hash indexes.
CREATE TEMP TABLE served (person int, level carestair.care_level);
INSERT INTO served SELECT g, (enum_range(NULL::carestair.care_level))[1 + g % 8] FROM generate_series(1, 2000) AS g;
CREATE INDEX served_btree ON served USING btree (level);
CREATE INDEX served_hash ON served USING hash (level);
ANALYZE served;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM served WHERE level >= 'omsorgsbolig';
SELECT count(*) FROM served WHERE level >= 'omsorgsbolig';
SET enable_indexscan = off;
SET enable_indexonlyscan = off;
SET enable_bitmapscan = on;
DROP INDEX served_btree;
EXPLAIN (COSTS OFF) SELECT count(*) FROM served WHERE level = 'langtidsopphold';
SELECT count(*) FROM served WHERE level = 'langtidsopphold';
RESET enable_seqscan;
RESET enable_bitmapscan;
RESET enable_indexscan;
RESET enable_indexonlyscan;
SELECT level, count(*) FROM served GROUP BY level ORDER BY level;
-- One step up or down.
SELECT carestair.care_level_step('hjemmesykepleie') AS up, carestair.care_level_step('hjemmesykepleie', -1) AS down, carestair.care_level_step('langtidsopphold', -3) AS three_down;
SELECT carestair.care_level_step('langtidsopphold', 1, clamp => true) AS top, carestair.care_level_step('forebygging', -2, clamp => true) AS bottom;
SELECT carestair.care_level_step('langtidsopphold');
SELECT carestair.care_level_step('forebygging', -1);
SELECT 'sykehjem'::carestair.care_level;
-- A kommune's own names for its steps.
INSERT INTO carestair.care_level_local_name VALUES ('5524', 'Målselv helsetun, langtid', 'langtidsopphold'), ('5524', 'Målselv helsetun, skjermet', 'langtidsopphold'), ('5524', 'Bardufoss omsorgssenter', 'omsorgsbolig_heldogn');
SELECT carestair.care_level_for('5524', 'Målselv helsetun, skjermet') AS local, carestair.care_level_for('5524', 'hjemmesykepleie') AS standard;
SELECT carestair.care_level_for('5524', 'Sjukeheim');
INSERT INTO carestair.care_level_local_name VALUES ('5524', '   ', 'langtidsopphold');
INSERT INTO carestair.care_level_local_name VALUES ('9999', 'X', 'langtidsopphold');
DELETE FROM carestair.care_level_local_name WHERE region = '5524';
