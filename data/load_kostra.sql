-- Load the bundled real data of the KOSTRA module (see data/SOURCES.md):
-- the inntektssystem's need index and the care-service panel for the
-- Midt-Troms kommuner.  Run after data/load.sql (psql -v ON_ERROR_STOP=1 -f data/load_kostra.sql);
-- safe to re-run (rows are upserted).
\set QUIET on
BEGIN;

-- KMD utgiftsbehov index, 357 kommuner (2024 codes), 2025-2026.
CREATE TEMP TABLE _load_need (region text, name text, year int, samlet numeric, pleie numeric, kommunehelse numeric) ON COMMIT DROP;
\copy _load_need FROM 'data/inntektssystem/kmd_utgiftsbehov_indeks_2025_2026_samlet_pleie_kommunehelse.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO carestair.need_index AS n (region, year, sector, value, derived, source)
SELECT l.region, l.year, s.sector, s.value, s.derived, s.source
  FROM _load_need AS l,
       LATERAL (VALUES ('samlet', l.samlet, false, 'KMD Grønt hefte ' || l.year || ', Tabell A-k (via vegard1104/kommunebarometer; data/SOURCES.md)'),
                       ('pleie_og_omsorg', l.pleie, true, 'DERIVED, unverified: KMD 2026 delkostnadsnøkkel weights x criterion indices (Tabell E-k), computed upstream (vegard1104/kommunebarometer); data/SOURCES.md'),
                       ('kommunehelse', l.kommunehelse, true, 'DERIVED, unverified: KMD 2026 delkostnadsnøkkel weights x criterion indices (Tabell E-k), computed upstream (vegard1104/kommunebarometer); data/SOURCES.md'))
         AS s(sector, value, derived, source)
 WHERE s.value IS NOT NULL
ON CONFLICT (region, year, sector) DO UPDATE
   SET value = excluded.value, derived = excluded.derived, source = excluded.source;

-- SSB care-service panel, the seven Midt-Troms kommuner, 2007-2025.
CREATE TEMP TABLE _load_care (region text, year int, hist text, y4 numeric, p0_66 int, p67_79 int, p80 int, ptot int,
    y1 numeric, y1_0_66 numeric, y1_67_79 numeric, y1_80 numeric, y2 numeric,
    y3 numeric, y3_0_66 numeric, y3_67_79 numeric, y3_80 numeric, y5 numeric, dementia numeric, dementia_complete boolean) ON COMMIT DROP;
\copy _load_care FROM 'data/care_services/omsorg_panel_2007_2025_midt_troms.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO carestair.care_service_stat AS c (region, year, service, measure, age_group, value, derived, source)
SELECT l.region, l.year, s.service, s.measure, s.age_group, s.value, s.derived, s.source
  FROM _load_care AS l,
       LATERAL (VALUES
         ('hjemmetjenester', 'recipients', 'all', l.y1, false, 'SSB 04686/12292 (Telemarksforsking Fram panel)'),
         ('hjemmetjenester', 'recipients', '0-66', l.y1_0_66, false, 'SSB 04686/12292 (Telemarksforsking Fram panel)'),
         ('hjemmetjenester', 'recipients', '67-79', l.y1_67_79, false, 'SSB 04686/12292 (Telemarksforsking Fram panel)'),
         ('hjemmetjenester', 'recipients', '80+', l.y1_80, false, 'SSB 04686/12292 (Telemarksforsking Fram panel)'),
         ('hjemmetjenester', 'recipients', '0-79', l.y1 - l.y1_80, true, 'DERIVED: all - 80+ from SSB 04686/12292'),
         ('bolig_heldogns', 'residents', 'all', l.y2, false, 'SSB 04686/12292 (Telemarksforsking Fram panel)'),
         ('institusjon_langtid', 'residents', 'all', l.y3, false, 'SSB 11645 (Telemarksforsking Fram panel)'),
         ('institusjon_langtid', 'residents', '0-66', l.y3_0_66, false, 'SSB 11645 (Telemarksforsking Fram panel)'),
         ('institusjon_langtid', 'residents', '67-79', l.y3_67_79, false, 'SSB 11645 (Telemarksforsking Fram panel)'),
         ('institusjon_langtid', 'residents', '80+', l.y3_80, false, 'SSB 11645 (Telemarksforsking Fram panel)'),
         ('institusjon_langtid', 'residents', '0-79', l.y3 - l.y3_80, true, 'DERIVED: all - 80+ from SSB 11645'),
         ('helsetjenester_i_hjemmet', 'hours_per_week_per_recipient', 'all', l.y4, false, 'SSB 04686/12292 (Telemarksforsking Fram panel)'),
         ('sykepleiere', 'arsverk', 'all', l.y5, false, 'SSB 11924/14534 (Telemarksforsking Fram panel)'))
         AS s(service, measure, age_group, value, derived, source)
 WHERE s.value IS NOT NULL
ON CONFLICT (region, year, service, measure, age_group) DO UPDATE
   SET value = excluded.value, derived = excluded.derived, source = excluded.source;

COMMIT;
\set QUIET off

SELECT 'KOSTRA module data loaded' AS status,
       (SELECT count(*) FROM carestair.need_index) AS need_index_rows,
       (SELECT count(*) FROM carestair.care_service_stat) AS care_service_rows;
