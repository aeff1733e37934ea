-- Follow-up module: the computed indicators against an independent recount
-- from the raw panel file (its own population columns, not carestair.population),
-- the identities of the target-vs-actual view and the risk matrix, catalogue.
-- Run from the repository root (make test does): paths are relative to it.
\set QUIET on
\o /dev/null
\i data/load.sql
\o
BEGIN;
\o /dev/null
\i data/followup_load.sql
\o
SELECT plan(22);

SELECT has_table('carestair', 'followup_plan', 'followup_plan');
SELECT has_table('carestair', 'followup_indicator', 'followup_indicator');
SELECT has_table('carestair', 'followup_target', 'followup_target');
SELECT has_table('carestair', 'followup_actual', 'followup_actual');
SELECT has_table('carestair', 'followup_measure', 'followup_measure (tiltak)');
SELECT has_table('carestair', 'followup_risk', 'followup_risk');
SELECT has_view('carestair', 'indicator_status', 'indicator_status');
SELECT has_view('carestair', 'risk_matrix', 'risk_matrix');
SELECT volatility_is('carestair', 'share_80_plus_at_home', ARRAY['text', 'integer'], 'stable');
SELECT volatility_is('carestair', 'institution_places_per_1000_80_plus', ARRAY['text', 'integer'], 'stable');
SELECT volatility_is('carestair', 'indicator_value', ARRAY['text', 'text', 'integer'], 'stable');

-- The raw panel, read again: residents 80+ of year Y over its own 80+ column of year Y + 1.
CREATE TEMP TABLE raw_panel (
    region text, year int, hist text, y4 numeric, f0 int, f67 int, f80 int, fall int,
    y1 numeric, y1_0_66 numeric, y1_67_79 numeric, y1_80 numeric, y2 numeric,
    y3 numeric, y3_0_66 numeric, y3_67_79 numeric, y3_80 numeric, y5 numeric, dementia numeric, dementia_complete boolean);
\copy raw_panel FROM 'data/care_services/omsorg_panel_2007_2025_hustadvika_karasjok.csv' WITH (FORMAT csv, HEADER true)
SELECT ok((SELECT count(*) FROM raw_panel a JOIN raw_panel b ON b.region = a.region AND b.year = a.year + 1 WHERE a.y3_80 IS NOT NULL) >= 20,
          'at least 20 kommune-years with residents 80+ and the next year''s population');
SELECT is_empty($$
    SELECT a.region, a.year FROM raw_panel a JOIN raw_panel b ON b.region = a.region AND b.year = a.year + 1
     WHERE a.y3_80 IS NOT NULL
       AND carestair.share_80_plus_at_home(a.region, a.year) IS DISTINCT FROM round(100 * (1 - a.y3_80 / b.f80::numeric), 1)$$,
    'share_80_plus_at_home = 100 (1 - residents 80+ / persons 80+ next 1 January) in every kommune-year of the raw panel');
SELECT is_empty($$
    SELECT a.region, a.year FROM raw_panel a
     WHERE a.y2 IS NOT NULL AND a.y3 IS NOT NULL
       AND carestair.heldogn_share_in_omsorgsbolig(a.region, a.year) IS DISTINCT FROM round(100 * a.y2 / (a.y2 + a.y3), 1)$$,
    'heldogn_share_in_omsorgsbolig = housing residents / (housing + institution residents) in every kommune-year');
SELECT is((SELECT carestair.institution_places_per_1000_80_plus('5610', 2024)), round(1000 * 19 / 119.0, 1),
          'Karasjok 2024: 19 places (SSB 11875) per 119 persons 80+ on 1 January 2025');

-- Identities of the view.
SELECT is_empty($$SELECT 1 FROM carestair.indicator_status WHERE actual IS NOT NULL AND gap <> actual - target$$, 'gap = actual - target');
SELECT is_empty($$
    SELECT 1 FROM carestair.indicator_status s JOIN carestair.followup_indicator i USING (indicator)
     WHERE s.actual IS NOT NULL AND s.status <> CASE WHEN abs(s.gap) <= i.tolerance THEN 'on track'
                                                    WHEN (s.gap > 0) = (i.direction = 'higher_is_better') THEN 'ahead' ELSE 'behind' END$$,
    'status follows the tolerance and the direction');
SELECT is((SELECT count(*)::integer FROM carestair.indicator_status), (SELECT count(*)::integer FROM carestair.followup_target),
          'one row per target');
SELECT is_empty($$SELECT 1 FROM carestair.indicator_status WHERE status = 'no data' AND actual IS NOT NULL$$, 'no data only without an actual');

-- The matrix: 25 cells per plan, every risk in exactly one, score = likelihood x consequence.
SELECT is_empty($$SELECT plan FROM carestair.risk_matrix GROUP BY plan HAVING count(*) <> 25$$, '25 cells per plan');
SELECT is_empty($$
    SELECT p.plan FROM carestair.followup_plan p
     WHERE (SELECT sum(risks) FROM carestair.risk_matrix m WHERE m.plan = p.plan)
           <> (SELECT count(*) FROM carestair.followup_risk r WHERE r.plan = p.plan)$$, 'every risk is counted once in the matrix');
SELECT is_empty($$SELECT 1 FROM carestair.followup_risk WHERE score <> likelihood * consequence$$, 'score = likelihood x consequence');

SELECT * FROM finish();
ROLLBACK;
