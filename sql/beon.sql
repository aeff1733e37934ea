-- BEON classification by rule table, rule checks, and the BEON gap.
\set SHOW_CONTEXT never
SELECT rule_id, mean_adl_from, mean_adl_to, cognitive, lives_alone, dementia, informal_care, level FROM carestair.beon_rule WHERE rule_set = 'carestair-default' ORDER BY mean_adl_from, rule_id;
SELECT * FROM carestair.beon_rule_check('carestair-default');
-- One person at a time: profile, age, lives alone, dementia, informal care.
SELECT p AS profile, round(carestair.iplos_mean_adl(p)::numeric, 2) AS mean_adl, (carestair.beon_classify(p, 84, alone, dem, care)).* FROM (VALUES ('11111111111111111'::carestair.iplos_profile, true, false, true), ('22222222111111199', true, false, true), ('22222222111111199', false, false, true), ('33333333333333399', false, false, true), ('33343333333333399', true, false, true), ('33343333333333399', true, false, false), ('44444444444444499', true, true, false), ('55555555555555555', false, true, false)) AS v(p, alone, dem, care);
-- A fact the rule needs but the register lacks is reported, not guessed.
SELECT carestair.beon_classify('22222222111111199', 84, NULL, false, true);
-- Facts the rules do not ask about may be unknown.
SELECT (carestair.beon_classify('55555555555555555', NULL, NULL, NULL, NULL)).*;
SELECT carestair.beon_classify(NULL, 84, true, false, true) IS NULL AS null_profile;
-- A kommune's own rule set, with a gap and an overlap, is checked and refused.
INSERT INTO carestair.beon_rule (rule_set, rule_id, mean_adl_from, mean_adl_to, age_from, age_to, level) VALUES ('test-gaps', 'A', 1, 2.5, 0, 150, 'hjemmesykepleie'), ('test-gaps', 'B', 3, 5, 0, 150, 'langtidsopphold'), ('test-gaps', 'C', 1, 5, 0, 66, 'praktisk_bistand');
SELECT problem, rule_ids, mean_adl, age FROM carestair.beon_rule_check('test-gaps') WHERE NOT cognitive AND NOT lives_alone AND NOT dementia AND NOT informal_care;
SELECT carestair.beon_classify('33333333333333399', 80, false, false, false, 'test-gaps');
SELECT carestair.beon_classify('22233333333333399', 80, false, false, false, 'test-gaps');
SELECT carestair.beon_classify('11111111111111111', 40, false, false, false, 'test-gaps');
-- Versions: the latest is used unless one is named.
INSERT INTO carestair.beon_rule (rule_set, version, rule_id, level) VALUES ('test-versions', 1, 'all', 'forebygging'), ('test-versions', 2, 'all', 'velferdsteknologi');
SELECT (carestair.beon_classify('11111111111111111', 70, true, false, true, 'test-versions')).level AS latest, (carestair.beon_classify('11111111111111111', 70, true, false, true, 'test-versions', 1)).level AS version_1;
DELETE FROM carestair.beon_rule WHERE rule_set IN ('test-gaps', 'test-versions');
-- Bad input.
SELECT carestair.beon_classify('11111111111111111', 70, true, false, true, 'no-such-set');
SELECT carestair.beon_classify('11111111111111111', 70, true, false, true, 'carestair-default', 7);
SELECT carestair.beon_classify('11111111111111111', 70, true, false, true, NULL);
SELECT carestair.beon_classify('11111111111111111', 170, true, false, true);
SELECT * FROM carestair.beon_rule_check('no-such-set');
INSERT INTO carestair.beon_rule (rule_set, rule_id, mean_adl_from, mean_adl_to, level) VALUES ('bad', 'x', 3, 2, 'forebygging');
INSERT INTO carestair.beon_rule (rule_set, rule_id, age_from, age_to, level) VALUES ('bad', 'x', 80, 67, 'forebygging');
INSERT INTO carestair.beon_rule (rule_set, rule_id, level) VALUES ('bad', 'x', 'sykehjem');
-- A SYNTHETIC register (not real data), deterministic for a seed.
SELECT label, count(*) AS persons, round(avg(age), 1) AS mean_age, count(*) FILTER (WHERE dementia) AS dementia FROM carestair.synthetic_register(2000, 0.42) GROUP BY label;
SELECT (SELECT string_agg(profile::text, ',' ORDER BY person_id) FROM carestair.synthetic_register(5, 0.1)) = (SELECT string_agg(profile::text, ',' ORDER BY person_id) FROM carestair.synthetic_register(5, 0.1)) AS reproducible;
SELECT * FROM carestair.synthetic_register(-1);
SELECT * FROM carestair.synthetic_register(5, 2.5);
-- The BEON gap, without and with unit costs (TEST VALUES, not real NOK).
SELECT * FROM carestair.beon_gap('SELECT * FROM carestair.synthetic_register(2000, 0.42)');
INSERT INTO carestair.care_unit_cost (region, level, price_year, nok_per_user_year, source) SELECT '0000', level, 2026, 10000 * step, 'TEST VALUES for the regression test' FROM carestair.care_level_label;
SELECT current_level, above_assessed, steps_above, cost_above_nok, below_assessed, cost_below_nok FROM carestair.beon_gap('SELECT * FROM carestair.synthetic_register(2000, 0.42)', price_year => 2026);
DELETE FROM carestair.care_unit_cost;
SELECT * FROM carestair.beon_gap('');
SELECT * FROM carestair.beon_gap('SELECT 1 AS person_id');
