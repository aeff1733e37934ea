-- Load the bundled KOSTRA 2024 NOK figures for Nord-Norge, their medians, the
-- KOSTRA groups 2022-2024 and SSB 12292 volumes for Troms (see data/SOURCES.md)
-- into carestair.kommune_indicator, indicator_median, kostra_group(_member).
-- Run after data/load.sql and data/load_kostra.sql; safe to re-run (upserts).
\set QUIET on
BEGIN;

CREATE TEMP TABLE _load_kn (region text, name text, county text, year int, akap numeric, bdr numeric, bhg_pct numeric,
    bhg_pi numeric, bvern_pi numeric, eiendom_pct numeric, eiendom_pi numeric, finutg numeric, fond numeric,
    frieink numeric, gjeld numeric, khelse_pct numeric, kirke_pct numeric, kultur_pct numeric, kultur_pi numeric,
    lgjeld numeric, ndr numeric, omsorg_pct numeric, omsorg_pi numeric, skole_pct numeric, skole_pi numeric, vei_pi numeric) ON COMMIT DROP;
\copy _load_kn FROM 'data/kostra/kostra_2024_nordnorge_by_kommune.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO carestair.kommune_indicator AS k (region, year, indicator, value, source)
SELECT l.region, l.year, v.indicator, v.value, 'SSB KOSTRA ' || l.year || ' (via FunksterOne/nord-norge; data/SOURCES.md)'
  FROM _load_kn AS l,
       LATERAL (VALUES ('helse_omsorg_nok_per_innbygger', l.omsorg_pi), ('pleie_omsorg_andel', l.omsorg_pct),
                       ('kommunehelse_andel', l.khelse_pct), ('frie_inntekter_nok_per_innbygger', l.frieink)) AS v(indicator, value)
 WHERE v.value IS NOT NULL
ON CONFLICT (region, year, indicator) DO UPDATE SET value = excluded.value, source = excluded.source;
-- Landet: the national figure of the same measure (KOSTRA nøkkeltall workbook, as stated in the shared SOURCE.md).
INSERT INTO carestair.kommune_indicator AS k (region, year, indicator, value, source)
VALUES ('0000', 2024, 'helse_omsorg_nok_per_innbygger', 37333, 'SSB KOSTRA nøkkeltall 2024, Landet (data/SOURCES.md)')
ON CONFLICT (region, year, indicator) DO UPDATE SET value = excluded.value, source = excluded.source;

CREATE TEMP TABLE _load_km (area text, year int, akap numeric, bdr numeric, bhg_pct numeric,
    bhg_pi numeric, bvern_pi numeric, eiendom_pct numeric, eiendom_pi numeric, finutg numeric, fond numeric,
    frieink numeric, gjeld numeric, khelse_pct numeric, kirke_pct numeric, kultur_pct numeric, kultur_pi numeric,
    lgjeld numeric, ndr numeric, omsorg_pct numeric, omsorg_pi numeric, skole_pct numeric, skole_pi numeric, vei_pi numeric) ON COMMIT DROP;
\copy _load_km FROM 'data/kostra/kostra_2024_nordnorge_medians.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO carestair.indicator_median AS m (area, year, indicator, value, source)
SELECT CASE l.area WHEN 'Alle' THEN 'Nord-Norge' ELSE l.area END, l.year, v.indicator, v.value,
       'SSB KOSTRA ' || l.year || ', median (via FunksterOne/nord-norge; data/SOURCES.md)'
  FROM _load_km AS l,
       LATERAL (VALUES ('helse_omsorg_nok_per_innbygger', l.omsorg_pi), ('pleie_omsorg_andel', l.omsorg_pct),
                       ('kommunehelse_andel', l.khelse_pct), ('frie_inntekter_nok_per_innbygger', l.frieink)) AS v(indicator, value)
 WHERE v.value IS NOT NULL
ON CONFLICT (area, year, indicator) DO UPDATE SET value = excluded.value, source = excluded.source;

CREATE TEMP TABLE _load_kg (year int, region text, name text, county text, county_name text, grp text, grp_name text,
    sentralitet int, robek text, pop int) ON COMMIT DROP;
\copy _load_kg FROM 'data/kostra/kostragruppe_per_kommune_2022_2024.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO carestair.kostra_group (code, name, classification)
SELECT DISTINCT l.grp, l.grp_name, 'SSB KOSTRA groups (EKG01-EKG17), as listed 2022-2024' FROM _load_kg AS l
ON CONFLICT (code) DO NOTHING;
INSERT INTO carestair.kostra_group_member AS g (region, kostra_group, valid_from_year, valid_to_year, source)
SELECT l.region, l.grp, l.year, l.year, 'Samarbeidsdesken/p02-ukraina (SSB KOSTRA groups; data/SOURCES.md)'
  FROM _load_kg AS l WHERE EXISTS (SELECT FROM carestair.region AS r WHERE r.region = l.region)
ON CONFLICT (region, valid_from_year) DO UPDATE SET kostra_group = excluded.kostra_group, valid_to_year = excluded.valid_to_year, source = excluded.source;
INSERT INTO carestair.kommune_indicator AS k (region, year, indicator, value, source)
SELECT l.region, l.year, 'innbyggere', l.pop, 'as listed with the KOSTRA groups (Samarbeidsdesken/p02-ukraina; data/SOURCES.md)'
  FROM _load_kg AS l WHERE EXISTS (SELECT FROM carestair.region AS r WHERE r.region = l.region)
ON CONFLICT (region, year, indicator) DO UPDATE SET value = excluded.value, source = excluded.source;

CREATE TEMP TABLE _load_12292 (region text, metric text, label text, year int, value numeric, unit text, source_id text, quality text) ON COMMIT DROP;
\copy _load_12292 FROM 'data/kostra/ssb12292_troms_2024_2025.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO carestair.kommune_indicator AS k (region, year, indicator, value, source)
SELECT l.region, l.year,
       CASE l.metric WHEN 'sykehjem_beboere' THEN 'institusjon_beboere' WHEN 'langtid_beboere' THEN 'institusjon_langtid_beboere'
                     WHEN 'korttid_beboere' THEN 'institusjon_korttid_beboere' WHEN 'inst_oppholdsdogn' THEN 'institusjon_oppholdsdogn'
                     ELSE l.metric END,
       l.value, 'SSB 12292 (via hmelberg/kapasitet; data/SOURCES.md)'
  FROM _load_12292 AS l
ON CONFLICT (region, year, indicator) DO UPDATE SET value = excluded.value, source = excluded.source;

COMMIT;
\set QUIET off
