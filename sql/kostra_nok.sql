-- Why dearer in kroner: Målselv's helse og omsorg NOK per inhabitant (KOSTRA 2024) against Nord-Norge, Troms,
-- its KOSTRA group and land; the gap need-adjusted and split into need, coverage and unit cost (SSB 12292).
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_kostra_data.psql
\set ECHO none
\o /dev/null
-- The KOSTRA tests before this one leave TEST group memberships; start from none.
DELETE FROM carestair.kostra_group_member;
DELETE FROM carestair.kostra_group;
\i data/load_kostra_nok.sql
\o
\set ECHO all
-- What each figure is.
SELECT indicator, unit, what FROM carestair.indicator WHERE indicator IN ('helse_omsorg_nok_per_innbygger', 'innbyggere') ORDER BY indicator;
-- The shipped figures as SOURCE.md quotes them (Målselv 44,233, Bardu 48,580, Senja 54,686, Salangen 67,784).
SELECT region, value FROM carestair.kommune_indicator WHERE indicator = 'helse_omsorg_nok_per_innbygger' AND region IN ('5524', '5520', '5530', '5522', '0000') ORDER BY region;
-- Independent check of the published medians: recomputed from the 80 kommuner (Nord-Norge) and the 21 Troms kommuner.
SELECT m.area, m.value AS published, (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY k.value) FROM carestair.kommune_indicator AS k JOIN carestair.region AS g USING (region) WHERE k.indicator = 'helse_omsorg_nok_per_innbygger' AND k.year = 2024 AND k.region <> '0000' AND (m.area = 'Nord-Norge' OR g.county = '55')) AS recomputed, (SELECT count(*) FROM carestair.kommune_indicator AS k JOIN carestair.region AS g USING (region) WHERE k.indicator = 'helse_omsorg_nok_per_innbygger' AND k.year = 2024 AND k.region <> '0000' AND (m.area = 'Nord-Norge' OR g.county = '55')) AS kommuner FROM carestair.indicator_median AS m WHERE m.indicator = 'helse_omsorg_nok_per_innbygger' AND m.area IN ('Nord-Norge', 'Troms') ORDER BY m.area;
-- Målselv's KOSTRA group in 2024 and the members with the NOK figure.
SELECT g.kostra_group, count(*) AS members, count(k.value) AS with_nok FROM carestair.kostra_group_member AS g JOIN carestair.kostra_group_member AS m ON m.kostra_group = g.kostra_group AND m.valid_from_year = 2024 LEFT JOIN carestair.kommune_indicator AS k ON k.region = m.region AND k.year = 2024 AND k.indicator = 'helse_omsorg_nok_per_innbygger' WHERE g.region = '5524' AND g.valid_from_year = 2024 AND m.region <> '5524' GROUP BY g.kostra_group;
-- The comparison: gap per inhabitant and in NOK, raw and need-adjusted.
SELECT reference, reference_kommuner AS n, nok_per_inhabitant AS malselv, reference_nok_per_inhabitant AS ref, gap_per_inhabitant AS gap, inhabitants, gap_nok, need_index_year, need_index, reference_need_index AS ref_need, need_adjusted_gap_per_inhabitant AS adj_gap, need_adjusted_gap_nok AS adj_gap_nok FROM carestair.need_adjusted_nok('5524', 2024);
-- The split against the other Troms kommuner: need, coverage, unit cost (LMDI-I, exact).
SELECT component, kommune_value, reference_value, effect_per_inhabitant, effect_nok FROM carestair.why_dearer_nok('5524', 2024, 'troms_kommuner');
SELECT what FROM carestair.why_dearer_nok('5524', 2024, 'troms_kommuner') WHERE component = 'total';
-- The effects add up to the gap exactly.
SELECT sum(CASE WHEN component = 'total' THEN -effect_per_inhabitant ELSE effect_per_inhabitant END) AS residual_after_rounding, sum(CASE WHEN component = 'total' THEN -effect_nok ELSE effect_nok END) AS residual_nok_after_rounding FROM carestair.why_dearer_nok('5524', 2024, 'troms_kommuner');
SELECT component, effect_per_inhabitant, effect_nok FROM carestair.why_dearer_nok('5524', 2024, 'kommune:5520');
SELECT component, effect_per_inhabitant, effect_nok FROM carestair.why_dearer_nok('5524', 2024, 'kostra_group');
-- Bad input.
SELECT * FROM carestair.why_dearer_nok('5524', 2024, 'nord_norge_median');
SELECT * FROM carestair.why_dearer_nok('5524', 2024, 'everyone');
SELECT * FROM carestair.why_dearer_nok('1804', 2024, 'troms_kommuner');
SELECT * FROM carestair.need_adjusted_nok('5028', 2024);
SELECT * FROM carestair.need_adjusted_nok(NULL, 2024);
-- Leave the database as the later tests expect it.
DELETE FROM carestair.kommune_indicator;
DELETE FROM carestair.indicator_median;
DELETE FROM carestair.kostra_group_member;
DELETE FROM carestair.kostra_group;
