-- carestair demo, KOSTRA module: "why Målselv runs dearer" on real data.
-- Included by tools/demo.sql after the population sections.  Every number
-- comes from data/ (see data/SOURCES.md); no NOK figure is shown, because
-- KOSTRA accounts are not available offline.
\echo
\echo '== KOSTRA 1. Load the KOSTRA module data: KMD need index 2025-2026, SSB care-service panel for Midt-Troms 2007-2025'
\i data/load_kostra.sql

-- The analyst's peer set (sammenligningskommuner).
\set QUIET on
INSERT INTO carestair.peer_set VALUES ('Midt-Troms', 'Bardu, Dyrøy, Lavangen, Målselv, Salangen, Senja and Sørreisa (demo choice)')
ON CONFLICT (name) DO NOTHING;
INSERT INTO carestair.peer_set_member SELECT 'Midt-Troms', unnest('{5518,5520,5522,5524,5526,5528,5530}'::text[])
ON CONFLICT DO NOTHING;
\set QUIET off

\echo
\echo '== KOSTRA 2. Need index (KMD Grønt hefte 2026; pleie og omsorg is DERIVED from KMD weights and criteria, unverified)'
SELECT g.region, g.name,
       max(n.value) FILTER (WHERE n.sector = 'samlet') AS "samlet (A-k)",
       max(n.value) FILTER (WHERE n.sector = 'pleie_og_omsorg') AS "pleie og omsorg (derived)"
  FROM carestair.need_index AS n JOIN carestair.region AS g USING (region)
 WHERE n.year = 2026 AND g.region IN ('5518', '5520', '5522', '5524', '5526', '5528', '5530')
 GROUP BY g.region, g.name ORDER BY g.region;

\echo
\echo '== KOSTRA 3. Nurse årsverk and recipients per 1000 inhabitants, Midt-Troms 2025, raw and divided by the need index (pleie og omsorg 2026, derived)'
SELECT g.region, g.name,
       round(a.per_1000_inhabitants, 2) AS "nurse årsverk / 1000",
       round(a.per_1000_inhabitants / n.value, 2) AS "need-adjusted",
       round(h.per_1000_inhabitants + i.per_1000_inhabitants, 1) AS "recipients / 1000 (home + long-term)",
       round((h.per_1000_inhabitants + i.per_1000_inhabitants) / n.value, 1) AS "need-adjusted ",
       n.value AS "need index"
  FROM carestair.region AS g
  JOIN carestair.care_service_coverage AS a ON a.region = g.region AND a.year = 2025 AND a.service = 'sykepleiere'
  JOIN carestair.care_service_coverage AS h ON h.region = g.region AND h.year = 2025 AND h.service = 'hjemmetjenester' AND h.age_group = 'all'
  JOIN carestair.care_service_coverage AS i ON i.region = g.region AND i.year = 2025 AND i.service = 'institusjon_langtid' AND i.age_group = 'all'
  JOIN carestair.need_index AS n ON n.region = g.region AND n.year = 2026 AND n.sector = 'pleie_og_omsorg'
 ORDER BY 4 DESC;

\echo
\echo '== KOSTRA 4. Why Målselv differs from the Midt-Troms peer set in nurse årsverk per 1000 inhabitants, 2025'
\echo '      (årsverk/inhabitant = age mix x recipients per inhabitant of the age band x årsverk per recipient; exact Shapley split)'
SELECT service, effect, kommune_value AS "Målselv", reference_value AS "peers", per_inhabitant AS "per 1000 inh.", total AS "årsverk", note
  FROM carestair.why_dearer('5524', 2025, 'peer_set:Midt-Troms', 'nurse_arsverk', need_year => 2026);

\echo
\echo '== KOSTRA 5. The same for recipients of home services and long-term institution stays, Målselv against Bardu, 2025'
SELECT service, effect, kommune_value AS "Målselv", reference_value AS "Bardu", per_inhabitant AS "per 1000 inh.", total AS "recipients"
  FROM carestair.why_dearer('5524', 2025, 'kommune:5520', 'recipients', need_year => 2026);

\echo
\echo '== KOSTRA 6. What changed in Målselv since 2019 (nurse årsverk)'
SELECT service, effect, from_value AS "2019", to_value AS "2025", per_inhabitant AS "per 1000 inh.", total AS "årsverk"
  FROM carestair.why_dearer_since('5524', 2019, 2025, 'nurse_arsverk');

\echo
\echo '== KOSTRA 7. Against Målselv''s KOSTRA group'
DO $$
BEGIN
    PERFORM * FROM carestair.why_dearer('5524', 2025, 'kostra_group', 'recipients', need_year => 2026);
EXCEPTION WHEN no_data_found THEN
    RAISE NOTICE 'not available offline: %', SQLERRM;
    RAISE NOTICE 'SSB''s KOSTRA grouping is not bundled; load it with carestair.import_kostra_groups(<KLASS correspondence CSV>, valid_from_year => 2024) and run this section again.';
END
$$;

\echo
\echo '== KOSTRA 8. NOK: load your own KOSTRA export (e.g. statbank table 12362, 1 000 kr, by region, function and art), then:'
\echo '      SELECT * FROM carestair.import_ssb_kostra(pg_read_binary_file(''/path/12362.csv''));'
\echo '      SELECT * FROM carestair.why_dearer(''5524'', 2024, ''peer_set:Midt-Troms'', need_year => 2026);'
\echo '      SELECT * FROM carestair.need_adjusted_expenditure(2024, ''land_uten_oslo'', need_year => 2026);'
SELECT count(*) AS "KOSTRA NOK figures loaded (none are bundled)" FROM carestair.kostra_figure;
