-- Follow-up module data (doc/followup.md), run after data/load.sql:
--  1. real SSB numbers for Hustadvika (1579) and Kárášjohka-Karasjok (5610): the
--     care-service panel (SSB 12292/11645 residents, compiled by Telemarksforsking)
--     into carestair.care_service_stat and institution places (SSB 11875, compiled
--     by hmelberg/kapasitet) into carestair.followup_statistic; see data/SOURCES.md;
--  2. the indicators the Hustadvika and Karasjok seeds name, and EXAMPLE plans,
--     targets, tiltak and risks: the seeds name them but give no numbers, so every
--     number in part 2 is an illustration (is_example = true), not the kommune's.
-- Every insert skips rows that exist, so the file can run again; it opens no transaction of its
-- own, so a caller can roll it back.
\set QUIET on
CREATE TEMP TABLE _fu_panel (
    region text, year int, hist text, y4 numeric, f0 int, f67 int, f80 int, fall int,
    y1 numeric, y1_0_66 numeric, y1_67_79 numeric, y1_80 numeric, y2 numeric,
    y3 numeric, y3_0_66 numeric, y3_67_79 numeric, y3_80 numeric, y5 numeric, dementia numeric, dementia_complete boolean);
\copy _fu_panel FROM 'data/care_services/omsorg_panel_2007_2025_hustadvika_karasjok.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO carestair.care_service_stat AS c (region, year, service, measure, age_group, value, derived, source)
SELECT l.region, l.year, s.service, 'residents', s.age_group, s.value, false, s.source
  FROM _fu_panel AS l,
       LATERAL (VALUES
         ('bolig_heldogns', 'all', l.y2, 'SSB 04686/12292 (Telemarksforsking Fram panel)'),
         ('institusjon_langtid', 'all', l.y3, 'SSB 11645 (Telemarksforsking Fram panel)'),
         ('institusjon_langtid', '80+', l.y3_80, 'SSB 11645 (Telemarksforsking Fram panel)'))
         AS s(service, age_group, value, source)
 WHERE s.value IS NOT NULL
ON CONFLICT (region, year, service, measure, age_group) DO NOTHING;

CREATE TEMP TABLE _fu_places (
    region text, metric text, label text, year int, value numeric, unit text, source_id text, quality text);
\copy _fu_places FROM 'data/care_services/ssb11875_places_2020_2025_hustadvika_karasjok.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO carestair.followup_statistic (region, year, statistic, value, source)
SELECT region, year, CASE metric WHEN 'inst_plasser' THEN 'institution_places' ELSE 'sykehjem_places' END, value,
       'SSB 11875 ' || label || ' (hmelberg/kapasitet)'
  FROM _fu_places
ON CONFLICT (region, year, statistic) DO NOTHING;
DROP TABLE _fu_panel, _fu_places;

-- 2. Indicators (definitions as carestair computes or as the plans name them).
INSERT INTO carestair.followup_indicator (indicator, name, definition, unit, direction, tolerance, computed_by, source) VALUES
  ('share_80_at_home', 'Andel 80+ som bor hjemme',
   '100 x (1 - residents 80+ on long-term institution stays, 31 December / persons 80+ on 1 January of the next year)',
   'percent', 'higher_is_better', 0.5, 'share_80_plus_at_home', 'SSB 11645, SSB 07459; named in Hustadvika''s handlingsdel'),
  ('inst_places_per_1000_80', 'Institusjonsplasser per 1 000 innbyggere 80+',
   'institution places (SSB 11875, all available places, end of year) per 1,000 persons 80+ on 1 January of the next year',
   'places per 1,000 aged 80+', 'lower_is_better', 2, 'institution_places_per_1000_80_plus', 'SSB 11875, SSB 07459; named in Hustadvika''s handlingsdel'),
  ('heldogn_in_omsorgsbolig', 'Andel heldøgnsplasser i omsorgsbolig',
   '100 x residents of housing with 24-hour staff / (those + residents on long-term institution stays), 31 December',
   'percent', 'higher_is_better', 2, 'heldogn_share_in_omsorgsbolig', 'SSB 12292, SSB 11645; named in Hustadvika''s handlingsdel'),
  ('heltidsandel', 'Heltidsandel i helse og omsorg',
   'percent of positions in the health and care services that are full time (entered from the kommune''s HR system)',
   'percent', 'higher_is_better', 2, NULL, 'named in Hustadvika''s handlingsdel; KS heltidsmonitor')
ON CONFLICT DO NOTHING;

INSERT INTO carestair.followup_plan (plan, region, title, first_year, last_year, is_example, source) VALUES
  ('hustadvika_hop', '1579', 'Hustadvika: helse- og omsorgsplan, handlingsdel (EXAMPLE years and targets)', 2020, 2030, true,
   'Seed: Hustadvika''s handlingsdel names tiltak and styringsindikatorer; years, targets and costs here are illustrations'),
  ('karasjok_hop', '5610', 'Kárášjohka-Karasjok: helse- og omsorgsplan, risikovurdering (EXAMPLE scores)', 2024, 2030, true,
   'Seed: Karasjok''s plan has a risk matrix with tiltak; the scores here are illustrations')
ON CONFLICT DO NOTHING;

INSERT INTO carestair.followup_target (plan, indicator, year, target, is_example)
SELECT 'hustadvika_hop', t.indicator, y, t.start + (y - 2020) * t.step, true
  FROM (VALUES ('share_80_at_home', 92.0, 0.2), ('inst_places_per_1000_80', 160.0, -3.0),
               ('heldogn_in_omsorgsbolig', 50.0, 1.0), ('heltidsandel', 30.0, 3.0)) AS t (indicator, start, step),
       generate_series(2020, 2030) AS y
ON CONFLICT DO NOTHING;
INSERT INTO carestair.followup_target (plan, indicator, year, target, is_example)
SELECT 'karasjok_hop', t.indicator, y, t.target, true
  FROM (VALUES ('share_80_at_home', 92.0), ('inst_places_per_1000_80', 150.0)) AS t (indicator, target),
       generate_series(2024, 2030) AS y
ON CONFLICT DO NOTHING;
INSERT INTO carestair.followup_actual (plan, indicator, year, value, source, is_example) VALUES
  ('hustadvika_hop', 'heltidsandel', 2023, 33.0, 'EXAMPLE value (no measured heltidsandel is loaded)', true),
  ('hustadvika_hop', 'heltidsandel', 2024, 36.5, 'EXAMPLE value (no measured heltidsandel is loaded)', true)
ON CONFLICT DO NOTHING;

INSERT INTO carestair.followup_measure (plan, measure, title, responsible_unit, start_date, end_date, status, cost_nok, price_year, indicator, is_example, note) VALUES
  ('hustadvika_hop', 'T1', 'Hverdagsrehabilitering i hele kommunen', 'Hjemmetjenesten', '2024-01-01', '2025-12-31', 'in_progress', 1200000, 2024, 'share_80_at_home', true, 'EXAMPLE cost'),
  ('hustadvika_hop', 'T2', 'Gjøre om sykehjemsplasser til heldøgns omsorgsboliger', 'Helse og omsorg, stab', '2025-01-01', '2027-12-31', 'planned', -3500000, 2024, 'heldogn_in_omsorgsbolig', true, 'EXAMPLE saving'),
  ('hustadvika_hop', 'T3', 'Langvakter i helg og heltidsprosjekt', 'Sykehjemmet', '2024-06-01', '2026-06-30', 'in_progress', NULL, NULL, 'heltidsandel', true, 'cost not estimated'),
  ('karasjok_hop', 'T1', 'Rekruttering av samisktalende sykepleiere', 'Helse og omsorg', '2024-01-01', '2026-12-31', 'in_progress', 800000, 2024, NULL, true, 'EXAMPLE cost'),
  ('karasjok_hop', 'T2', 'Velferdsteknologi i hjemmetjenesten', 'Hjemmetjenesten', '2025-01-01', '2026-12-31', 'planned', 500000, 2024, 'share_80_at_home', true, 'EXAMPLE cost')
ON CONFLICT DO NOTHING;

INSERT INTO carestair.followup_risk (plan, risk, title, category, likelihood, consequence, mitigation, measure, owner, is_example) VALUES
  ('karasjok_hop', 'R1', 'Mangel på sykepleiere, særlig samisktalende', 'bemanning', 4, 5, 'Rekrutteringstiltak og stipend', 'T1', 'Kommunalsjef helse og omsorg', true),
  ('karasjok_hop', 'R2', 'Flere eldre med demens enn planlagt', 'kapasitet', 3, 4, 'Følge opp framskrivingen årlig', NULL, 'Helse og omsorg', true),
  ('karasjok_hop', 'R3', 'Budsjettet holder ikke', 'økonomi', 3, 3, 'Prioritere tiltak med gevinst', NULL, 'Rådmann', true),
  ('karasjok_hop', 'R4', 'Velferdsteknologi tas ikke i bruk', 'kvalitet', 2, 3, 'Opplæring', 'T2', 'Hjemmetjenesten', true),
  ('karasjok_hop', 'R5', 'Lange avstander gir sen hjelp', 'kvalitet', 2, 4, 'Ambulerende team', NULL, 'Helse og omsorg', true),
  ('hustadvika_hop', 'R1', 'Heltidsprosjektet gir ikke flere hele stillinger', 'bemanning', 3, 3, 'Langvakter i helg', 'T3', 'Sykehjemmet', true)
ON CONFLICT DO NOTHING;
\set QUIET off
