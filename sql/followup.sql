-- Plan follow-up: indicators computed from the bundled real data for Hustadvika (1579) and
-- Karasjok (5610), EXAMPLE targets, tiltak and risks (data/followup_load.sql), the target-vs-actual
-- view and the 5 x 5 risk matrix.
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
\set ECHO none
\o /dev/null
\i data/followup_load.sql
\o
\set ECHO all
-- Computed indicators, recomputed by hand from the raw rows: Hustadvika 2024 has 47 residents 80+ on
-- long-term stays (SSB 11645), 701 persons 80+ on 1 January 2025 (SSB 07459) and 102 institution places (SSB 11875).
SELECT (SELECT value FROM carestair.care_service_stat WHERE region = '1579' AND year = 2024 AND service = 'institusjon_langtid' AND age_group = '80+') AS residents_80,
       (SELECT sum(persons) FROM carestair.population WHERE region = '1579' AND year = 2025 AND age >= 80) AS persons_80,
       (SELECT value FROM carestair.followup_statistic WHERE region = '1579' AND year = 2024 AND statistic = 'institution_places') AS places;
SELECT carestair.share_80_plus_at_home('1579', 2024) AS at_home_pct, round(100 * (1 - 47 / 701.0), 1) AS by_hand,
       carestair.institution_places_per_1000_80_plus('1579', 2024) AS places_per_1000, round(1000 * 102 / 701.0, 1) AS by_hand_places;
SELECT carestair.heldogn_share_in_omsorgsbolig('1579', 2024) AS heldogn_pct,
       round(100.0 * b.value / (b.value + i.value), 1) AS by_hand
  FROM carestair.care_service_stat AS b, carestair.care_service_stat AS i
 WHERE b.region = '1579' AND b.year = 2024 AND b.service = 'bolig_heldogns' AND b.age_group = 'all'
   AND i.region = '1579' AND i.year = 2024 AND i.service = 'institusjon_langtid' AND i.age_group = 'all';
-- Without data the indicators are NULL, not zero.
SELECT carestair.share_80_plus_at_home('1579', 1999) IS NULL AS no_data, carestair.institution_places_per_1000_80_plus('5610', 2020) IS NULL AS no_places,
       carestair.indicator_value('unknown', '1579', 2024) IS NULL AS unknown_name;
-- Target against actual.
SELECT plan, indicator, year, target, actual, gap, status, is_example FROM carestair.indicator_status WHERE year IN (2023, 2024, 2025) ORDER BY plan, indicator, year;
SELECT plan, status, count(*) FROM carestair.indicator_status GROUP BY 1, 2 ORDER BY 1, 2;
-- Status follows the direction and the tolerance (0.5 percentage points for share_80_at_home).
UPDATE carestair.followup_target SET target = 93.0 WHERE plan = 'hustadvika_hop' AND indicator = 'share_80_at_home' AND year = 2024;
SELECT year, target, actual, gap, status FROM carestair.indicator_status WHERE plan = 'hustadvika_hop' AND indicator = 'share_80_at_home' AND year = 2024;
UPDATE carestair.followup_target SET target = 94.0 WHERE plan = 'hustadvika_hop' AND indicator = 'share_80_at_home' AND year = 2024;
SELECT year, target, actual, gap, status FROM carestair.indicator_status WHERE plan = 'hustadvika_hop' AND indicator = 'share_80_at_home' AND year = 2024;
UPDATE carestair.followup_target SET target = 130 WHERE plan = 'hustadvika_hop' AND indicator = 'inst_places_per_1000_80' AND year = 2024;
SELECT year, target, actual, gap, status FROM carestair.indicator_status WHERE plan = 'hustadvika_hop' AND indicator = 'inst_places_per_1000_80' AND year = 2024;
-- Tiltak with the indicator each should move.
SELECT m.plan, m.measure, m.responsible_unit, m.end_date, m.status, m.cost_nok, m.price_year, m.indicator, m.is_example
  FROM carestair.followup_measure AS m ORDER BY m.plan, m.measure;
-- The risk register and the 5 x 5 matrix (25 cells per plan).
SELECT plan, risk, category, likelihood, consequence, score, measure FROM carestair.followup_risk ORDER BY plan, score DESC, risk;
SELECT plan, count(*) AS cells, sum(risks) AS risks, count(*) FILTER (WHERE zone = 'high') AS high_cells FROM carestair.risk_matrix GROUP BY plan ORDER BY plan;
SELECT consequence, string_agg(coalesce(risk_list, '.'), ' | ' ORDER BY likelihood) AS "likelihood 1 .. 5" FROM carestair.risk_matrix WHERE plan = 'karasjok_hop' GROUP BY consequence ORDER BY consequence DESC;
-- Bad input: clear errors, nothing changed.
INSERT INTO carestair.followup_indicator (indicator, name, definition, unit, direction) VALUES ('x', 'X', 'x', NULL, 'higher_is_better');
INSERT INTO carestair.followup_indicator (indicator, name, definition, unit, direction) VALUES ('x', 'X', 'x', ' ', 'higher_is_better');
INSERT INTO carestair.followup_indicator (indicator, name, definition, unit, direction) VALUES ('x', 'X', 'x', 'percent', NULL);
INSERT INTO carestair.followup_indicator (indicator, name, definition, unit, direction) VALUES ('x', 'X', 'x', 'percent', 'up');
INSERT INTO carestair.followup_target (plan, indicator, year, target) VALUES ('karasjok_hop', 'share_80_at_home', 2031, 90);
INSERT INTO carestair.followup_target (plan, indicator, year, target) VALUES ('karasjok_hop', 'share_80_at_home', 2019, 90);
UPDATE carestair.followup_plan SET last_year = 2028 WHERE plan = 'karasjok_hop';
INSERT INTO carestair.followup_risk (plan, risk, title, category, likelihood, consequence) VALUES ('karasjok_hop', 'R9', 'x', 'x', 6, 3);
INSERT INTO carestair.followup_risk (plan, risk, title, category, likelihood, consequence) VALUES ('karasjok_hop', 'R9', 'x', 'x', 3, 0);
INSERT INTO carestair.followup_risk (plan, risk, title, category, likelihood, consequence) VALUES ('karasjok_hop', 'R9', 'x', 'x', NULL, 3);
INSERT INTO carestair.followup_measure (plan, measure, title, responsible_unit, start_date, end_date) VALUES ('karasjok_hop', 'T9', 'x', NULL, '2025-01-01', '2025-12-31');
INSERT INTO carestair.followup_measure (plan, measure, title, responsible_unit, start_date, end_date) VALUES ('karasjok_hop', 'T9', 'x', '', '2025-01-01', '2025-12-31');
INSERT INTO carestair.followup_measure (plan, measure, title, responsible_unit, start_date, end_date, cost_nok) VALUES ('karasjok_hop', 'T9', 'x', 'Hjemmetjenesten', '2025-01-01', '2025-12-31', 1000);
INSERT INTO carestair.followup_measure (plan, measure, title, responsible_unit, start_date, end_date) VALUES ('karasjok_hop', 'T9', 'x', 'Hjemmetjenesten', '2025-01-01', '2024-12-31');
INSERT INTO carestair.followup_plan (plan, region, title, first_year, last_year) VALUES ('p', '5610', 'x', 2030, 2025);
INSERT INTO carestair.followup_plan (plan, region, title, first_year, last_year) VALUES ('p', '9999', 'x', 2025, 2030);
SELECT (SELECT count(*) FROM carestair.followup_indicator) AS indicators, (SELECT count(*) FROM carestair.followup_target) AS targets,
       (SELECT count(*) FROM carestair.followup_risk) AS risks, (SELECT count(*) FROM carestair.followup_measure) AS tiltak,
       (SELECT last_year FROM carestair.followup_plan WHERE plan = 'karasjok_hop') AS karasjok_last_year;
