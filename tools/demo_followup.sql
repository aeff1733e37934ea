-- Demo section: following the plan up (doc/followup.md), Hustadvika (1579) and Karasjok (5610).
\echo
\echo '== Following the plan up: Hustadvika (1579) and Karasjok (5610). Actual values computed from real SSB data'
\echo '==    (11645, 11875, 12292, 07459); plans, targets, tiltak and risk scores are EXAMPLES (the seeds give no numbers)'
\i data/followup_load.sql
SELECT plan, indicator, year, target, actual, gap, status
  FROM carestair.indicator_status WHERE year IN (2024, 2025) ORDER BY plan, indicator, year;
\echo 'Tiltak and the indicator each should move:'
SELECT plan, measure, title, responsible_unit, end_date, status, cost_nok, price_year, indicator
  FROM carestair.followup_measure ORDER BY plan, measure;
\echo 'Karasjok risk matrix (consequence down, likelihood 1 .. 5 across):'
SELECT consequence, string_agg(coalesce(risk_list, '.'), ' | ' ORDER BY likelihood) AS "likelihood 1 | 2 | 3 | 4 | 5"
  FROM carestair.risk_matrix WHERE plan = 'karasjok_hop' GROUP BY consequence ORDER BY consequence DESC;
