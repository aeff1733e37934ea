-- Need-adjusted comparison and "why we run dearer".
-- Real data: SSB population (07459), SSB care-service panel for the Midt-Troms kommuner, KMD need index (pleie og omsorg 2026 is DERIVED, unverified).
-- NOTE: every NOK figure in this file is CONSTRUCTED TEST DATA, not a real KOSTRA number.
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_kostra_data.psql
-- Start from no KOSTRA figures, groups or peer sets (the kostra test left some).
DELETE FROM carestair.kostra_figure;
DELETE FROM carestair.kostra_group_member;
DELETE FROM carestair.kostra_group;
DELETE FROM carestair.peer_set;
-- Coverage: recipients and residents per 1000 inhabitants of the age group, Målselv and Bardu 2025 (real data).
SELECT region, service, measure, age_group, value, derived, inhabitants, round(per_1000_inhabitants, 2) AS per_1000 FROM carestair.care_service_coverage WHERE region IN ('5520', '5524') AND year = 2025 AND service IN ('hjemmetjenester', 'institusjon_langtid') ORDER BY service, age_group, region;
-- A user-defined peer set: the Midt-Troms kommuner (the analyst's choice).
INSERT INTO carestair.peer_set VALUES ('Midt-Troms', 'Bardu, Dyrøy, Lavangen, Målselv, Salangen, Senja and Sørreisa');
INSERT INTO carestair.peer_set_member SELECT 'Midt-Troms', unnest('{5518,5520,5522,5524,5526,5528,5530}'::text[]);
-- Real data: why does Målselv use fewer or more nurse årsverk per inhabitant than the other Midt-Troms kommuner (2025)?
SELECT * FROM carestair.why_dearer('5524', 2025, 'peer_set:Midt-Troms', 'nurse_arsverk', need_year => 2026);
-- Real data: every Midt-Troms kommune against the others in one query (nurse årsverk per 1000 inhabitants, 2025).
SELECT k.region, max(w.per_inhabitant) FILTER (WHERE w.effect = 'gap') AS gap, max(w.per_inhabitant) FILTER (WHERE w.effect = 'age_mix') AS age_mix, max(w.per_inhabitant) FILTER (WHERE w.effect = 'coverage') AS coverage, max(w.per_inhabitant) FILTER (WHERE w.effect = 'unit_cost') AS arsverk_per_recipient, max(w.per_inhabitant) FILTER (WHERE w.effect = 'need_adjusted_gap') AS need_adjusted_gap FROM unnest('{5518,5520,5522,5524,5526,5528,5530}'::text[]) AS k(region), LATERAL carestair.why_dearer(k.region, 2025, 'peer_set:Midt-Troms', 'nurse_arsverk', need_year => 2026) AS w WHERE w.service = 'all' GROUP BY k.region ORDER BY gap DESC;
-- Real data: recipients per 1000 inhabitants, Målselv against Bardu, by LMDI.
SELECT service, effect, kommune_value, reference_value, per_inhabitant, total FROM carestair.why_dearer('5524', 2025, 'kommune:5520', 'recipients', need_year => 2026, method => 'lmdi');
-- Real data: what changed in Målselv since 2019 (nurse årsverk) and since 2015 (recipients)?
SELECT service, effect, from_value, to_value, per_inhabitant, total FROM carestair.why_dearer_since('5524', 2019, 2025, 'nurse_arsverk');
SELECT service, effect, from_value, to_value, per_inhabitant, total FROM carestair.why_dearer_since('5524', 2015, 2025, 'recipients');
-- TEST DATA: NOK 1000 for Bardu and Målselv, 2025.
INSERT INTO carestair.kostra_figure SELECT r, 2025, f, 'brutto_driftsutgifter', v, 'NOK 1000', 'test data' FROM (VALUES ('5524', '253', 60000), ('5524', '261', 5000), ('5524', '234', 2000), ('5524', '256', 1000), ('5524', '257', 40000), ('5524', '258', 30000), ('5520', '253', 40000), ('5520', '261', 3000), ('5520', '234', 1000), ('5520', '256', 800), ('5520', '257', 20000), ('5520', '258', 25000)) AS x(r, f, v);
SELECT region, series, expenditure_nok, inhabitants, round(nok_per_inhabitant, 2) AS nok_per_inhabitant FROM carestair.kostra_per_inhabitant ORDER BY region, series;
SELECT region, nok_per_inhabitant, need_index, need_adjusted_nok_per_inhabitant, reference_name, reference_kommuner, reference_level, expected_nok_per_inhabitant, mer_utgift_per_inhabitant, mer_utgift_nok, note FROM carestair.need_adjusted_expenditure(2025, 'kommune:5520', need_year => 2026);
SELECT * FROM carestair.why_dearer('5524', 2025, 'kommune:5520', need_year => 2026);
-- Net expenditure can be negative: Shapley decomposes it, LMDI refuses it and names the cell (TEST DATA).
INSERT INTO carestair.kostra_figure SELECT region, year, function_code, 'netto_driftsutgifter', CASE WHEN function_code = '256' THEN -5000 ELSE value END, unit, source_table FROM carestair.kostra_figure WHERE measure = 'brutto_driftsutgifter';
SELECT service, effect, per_inhabitant FROM carestair.why_dearer('5524', 2025, 'kommune:5520', measure => 'netto_driftsutgifter', need_year => 2026) WHERE service = 'andre';
SELECT service, effect, per_inhabitant FROM carestair.why_dearer('5524', 2025, 'kommune:5520', measure => 'netto_driftsutgifter', need_year => 2026, method => 'lmdi') WHERE service = 'andre';
DELETE FROM carestair.kostra_figure WHERE measure = 'netto_driftsutgifter';
-- The mer-utgift of need_adjusted_expenditure is why_dearer's need_adjusted_gap.
SELECT n.mer_utgift_nok = w.total AS same_mer_utgift FROM carestair.need_adjusted_expenditure(2025, 'kommune:5520', need_year => 2026) AS n, carestair.why_dearer('5524', 2025, 'kommune:5520', need_year => 2026) AS w WHERE n.region = '5524' AND w.service = 'all' AND w.effect = 'need_adjusted_gap';
-- Too few kommuner for a national reference, no KOSTRA group, the reference kommune itself: stated in the note.
SELECT region, reference_name, reference_kommuner, mer_utgift_nok, note FROM carestair.need_adjusted_expenditure(2025, 'land_uten_oslo', need_year => 2026);
SELECT region, reference_name, mer_utgift_nok, note FROM carestair.need_adjusted_expenditure(2025, 'kostra_group', need_year => 2026);
SELECT region, reference_name, mer_utgift_nok, note FROM carestair.need_adjusted_expenditure(2025, 'best_quartile', need_year => 2026);
-- Only some series; the kommunehelse need index.
SELECT region, expenditure_nok, need_index, mer_utgift_nok FROM carestair.need_adjusted_expenditure(2025, 'kommune:5520', ARRAY['253', '261'], need_year => 2026, need_sector => 'kommunehelse');
-- TEST DATA for every kommune (synthetic population on 1 January 2026 where none is loaded, synthetic NOK): the national references and the best quartile.
BEGIN;
INSERT INTO carestair.population_total (region, year, age, persons, source) SELECT g.region, 2026, a.age, a.persons, 'test data' FROM carestair.region AS g, (VALUES (40, 900), (85, 100)) AS a(age, persons) WHERE g.region <> '0000' AND NOT EXISTS (SELECT FROM carestair.population_both_sexes AS b WHERE b.region = g.region AND b.year = 2026);
INSERT INTO carestair.kostra_figure SELECT g.region, 2025, f.code, 'brutto_driftsutgifter', 1000 + (hashtext(g.region || f.code) & 1023), 'NOK 1000', 'test data' FROM carestair.region AS g, carestair.kostra_function AS f WHERE g.region NOT IN ('0000', '5520', '5524') AND f.area = 'pleie_og_omsorg' AND f.code <> '254';
SELECT count(*) AS kommuner, count(mer_utgift_nok) AS with_reference, min(reference_kommuner) AS reference_kommuner, count(*) FILTER (WHERE note LIKE 'need index derived%') AS derived_index FROM carestair.need_adjusted_expenditure(2025, 'land_uten_oslo', need_year => 2026);
-- Independent re-computation of the mer-utgift against land uten Oslo: (U_k - sum(E) / sum(I P) * I_k) * P_k over all kommuner but Oslo with data.
WITH d AS (SELECT k.region, sum(k.expenditure_nok) AS e, min(k.inhabitants) AS p, n.value AS i FROM carestair.kostra_per_inhabitant AS k JOIN carestair.need_index AS n ON n.region = k.region AND n.year = 2026 AND n.sector = 'pleie_og_omsorg' WHERE k.year = 2025 AND k.measure = 'brutto_driftsutgifter' GROUP BY k.region, n.value HAVING count(*) = 5), ref AS (SELECT sum(e) / sum(i * p) AS lvl FROM d WHERE region <> '0301') SELECT count(*) AS compared, count(*) FILTER (WHERE abs(round((d.e / d.p - ref.lvl * d.i) * d.p, 0) - n.mer_utgift_nok) <= 1) AS equal FROM d, ref, carestair.need_adjusted_expenditure(2025, 'land_uten_oslo', need_year => 2026) AS n WHERE n.region = d.region;
-- The best quartile: the kommuner (Oslo excepted) whose need-adjusted NOK per inhabitant is at most the 25th percentile; re-computed independently.
WITH d AS (SELECT region, need_adjusted_nok_per_inhabitant AS a, expenditure_nok AS e, inhabitants AS p, need_index AS i FROM carestair.need_adjusted_expenditure(2025, 'land_uten_oslo', need_year => 2026) WHERE region <> '0301'), q AS (SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY e / p / i) AS q FROM d), lvl AS (SELECT count(*) AS n, round(sum(e) / sum(i * p), 2) AS lvl FROM d, q WHERE e / p / i <= q.q) SELECT lvl.n AS quartile_kommuner, lvl.lvl AS expected_level, (SELECT min(reference_level) = max(reference_level) AND min(reference_level) = lvl.lvl FROM carestair.need_adjusted_expenditure(2025, 'best_quartile', need_year => 2026)) AS same_level FROM lvl;
-- why_dearer needs recipients for 90 % of the kommuner of a national reference; so far only the Midt-Troms kommuner have them.
SAVEPOINT before_recipients;
SELECT effect, per_inhabitant FROM carestair.why_dearer('5524', 2025, 'land_uten_oslo', need_year => 2026) WHERE service = 'all';
ROLLBACK TO SAVEPOINT before_recipients;
-- TEST DATA: synthetic recipients for every other kommune; then why_dearer against land uten Oslo and the best quartile.
INSERT INTO carestair.care_service_stat (region, year, service, measure, age_group, value, source) SELECT g.region, 2025, s.service, s.measure, b.band, 5 + (hashtext(g.region || s.service || b.band) & 63), 'test data' FROM carestair.region AS g, (VALUES ('hjemmetjenester', 'recipients'), ('institusjon_langtid', 'residents')) AS s(service, measure), (VALUES ('0-79'), ('80+')) AS b(band) WHERE g.region <> '0000' AND NOT EXISTS (SELECT FROM carestair.care_service_stat AS c WHERE c.region = g.region AND c.year = 2025);
SELECT effect, per_inhabitant, total FROM carestair.why_dearer('5524', 2025, 'land_uten_oslo', need_year => 2026) WHERE service = 'all';
-- Its need-adjusted gap is need_adjusted_expenditure's mer-utgift, for both references.
SELECT r.reference, w.total AS why_dearer_need_adjusted_gap, n.mer_utgift_nok, abs(w.total - n.mer_utgift_nok) <= 1 AS same FROM (VALUES ('land_uten_oslo'), ('best_quartile')) AS r(reference), LATERAL (SELECT x.total FROM carestair.why_dearer('5524', 2025, r.reference, need_year => 2026) AS x WHERE x.service = 'all' AND x.effect = 'need_adjusted_gap') AS w, LATERAL (SELECT y.mer_utgift_nok FROM carestair.need_adjusted_expenditure(2025, r.reference, need_year => 2026) AS y WHERE y.region = '5524') AS n;
ROLLBACK;
-- KOSTRA groups (TEST DATA: the real grouping is not shipped).
INSERT INTO carestair.kostra_group VALUES ('TESTGROUP', 'Test group (test data, not SSB''s)', 'test');
INSERT INTO carestair.kostra_group_member SELECT unnest('{5518,5520,5522,5524,5526,5528,5530}'::text[]), 'TESTGROUP', 2020, NULL, 'test data';
SELECT service, effect, per_inhabitant, total, note FROM carestair.why_dearer('5524', 2025, 'kostra_group', 'recipients', need_year => 2026) WHERE service = 'all';
SELECT region, reference_kommuner, note FROM carestair.need_adjusted_expenditure(2025, 'kostra_group', need_year => 2026);
-- Bad input: each is a clear error.
SELECT * FROM carestair.need_adjusted_expenditure(NULL);
SELECT * FROM carestair.need_adjusted_expenditure(2025, 'nowhere', need_year => 2026);
SELECT * FROM carestair.need_adjusted_expenditure(2025, 'peer_set:Nord', need_year => 2026);
SELECT * FROM carestair.need_adjusted_expenditure(2025, 'kommune:9999', need_year => 2026);
SELECT * FROM carestair.need_adjusted_expenditure(2025, series => ARRAY['253', '999'], need_year => 2026);
SELECT * FROM carestair.need_adjusted_expenditure(2025, series => '{}', need_year => 2026);
SELECT * FROM carestair.need_adjusted_expenditure(2025, measure => 'renteutgifter', need_year => 2026);
SELECT * FROM carestair.need_adjusted_expenditure(2025);
SELECT * FROM carestair.need_adjusted_expenditure(2025, need_year => 2026, need_sector => 'skole');
SELECT * FROM carestair.why_dearer('5524', 2025, resource => 'beds', need_year => 2026);
SELECT * FROM carestair.why_dearer('5524', 2025, method => 'average', need_year => 2026);
SELECT * FROM carestair.why_dearer('5524', 2025, measure => 'renteutgifter', need_year => 2026);
SELECT * FROM carestair.why_dearer('9999', 2025, need_year => 2026);
SELECT * FROM carestair.why_dearer(NULL, 2025);
SELECT * FROM carestair.why_dearer('5524', 2025, 'kommune:5524', need_year => 2026);
SELECT * FROM carestair.why_dearer('5524', 2025, 'best_quartile', 'recipients', need_year => 2026);
SELECT * FROM carestair.why_dearer('5524', 2025, 'best_quartile', need_year => 2026);
SELECT * FROM carestair.why_dearer('5524', 2025, 'peer_set:Midt-Troms', 'recipients');
SELECT * FROM carestair.why_dearer('5524', 2025, 'peer_set:Midt-Troms', need_year => 2026);
SELECT * FROM carestair.why_dearer('5524', 2024, 'peer_set:Midt-Troms', 'nurse_arsverk', need_year => 2026);
SELECT * FROM carestair.why_dearer('5524', 2030, 'peer_set:Midt-Troms', 'recipients', need_year => 2026);
SELECT * FROM carestair.why_dearer('5530', 2025, 'kommune:5524', need_year => 2026);
SELECT * FROM carestair.why_dearer('5514', 2025, 'kommune:5524', 'recipients', need_year => 2026);
INSERT INTO carestair.peer_set VALUES ('Empty', 'no members');
SELECT * FROM carestair.why_dearer('5524', 2025, 'peer_set:Empty', 'recipients', need_year => 2026);
SELECT * FROM carestair.why_dearer('5514', 2025, 'kostra_group', 'recipients', need_year => 2026);
DELETE FROM carestair.need_index WHERE region = '5520' AND year = 2026 AND sector = 'pleie_og_omsorg';
SELECT * FROM carestair.why_dearer('5524', 2025, 'kommune:5520', 'recipients', need_year => 2026);
SELECT * FROM carestair.why_dearer('5520', 2025, 'kommune:5524', 'recipients', need_year => 2026);
SELECT * FROM carestair.why_dearer_since('5524', 2025, 2019);
SELECT * FROM carestair.why_dearer_since('5524', NULL, 2019);
SELECT * FROM carestair.why_dearer_since('5524', 2019, 2025);
SELECT * FROM carestair.why_dearer_since('5524', 2007, 2025, 'recipients');
SELECT * FROM carestair.why_dearer_since('5524', 2019, 2025, 'recipients', method => 'x');
-- Other measures of the same services (places, days) do not disturb the decomposition (TEST DATA rows).
INSERT INTO carestair.care_service_stat (region, year, service, measure, age_group, value, source) VALUES ('5524', 2025, 'institusjon_langtid', 'days', 'all', 19000, 'test data'), ('5524', 2025, 'institusjon_langtid', 'places', 'all', 60, 'test data'), ('5524', 2025, 'hjemmetjenester', 'days', '80+', 1, 'test data');
SELECT effect, per_inhabitant FROM carestair.why_dearer('5524', 2025, 'kommune:5526', 'recipients', need_year => 2026) WHERE service = 'all' AND effect IN ('gap', 'coverage');
DELETE FROM carestair.care_service_stat WHERE source = 'test data';
-- Zero denominators are refused, not divided by: no recipients but a cost, no inhabitants in an age band.
SELECT carestair._why_problem(ARRAY[ROW('institusjon', '0-79', 100, 200, 0, 5), ROW('institusjon', '80+', 100, 200, 0, 5)]::carestair._why_cell[], 'nok') AS zero_recipients, carestair._why_problem(ARRAY[ROW('institusjon', '0-79', 200, 200, 3, 5), ROW('institusjon', '80+', 0, 200, 0, 5)]::carestair._why_cell[], 'nurse_arsverk') AS empty_band, carestair._why_problem(NULL, 'nok') AS nothing;
