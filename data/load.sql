-- Load carestair's bundled real data (see data/SOURCES.md) into the
-- canonical tables.  Run from the repository root with psql:
--     psql -v ON_ERROR_STOP=1 -f data/load.sql
-- Re-running is safe: rows are upserted.
\set QUIET on
BEGIN;

-- SSB 07459, seed kommuner 2005-2026 on 2024 borders (age 105 = 105+).
CREATE TEMP TABLE _load_pop (region text, year int, sex text, age int, persons int) ON COMMIT DROP;
\copy _load_pop FROM 'data/population/ssb07459_seed_kommuner_2005_2026.csv' WITH (FORMAT csv, HEADER true)
-- SSB 07459, Norway as a whole 1986-2026 (region '0000').
CREATE TEMP TABLE _load_nat (year int, sex text, age int, persons int) ON COMMIT DROP;
\copy _load_nat FROM 'data/population/ssb07459_norway_1986_2026.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO _load_pop SELECT '0000', year, sex, age, persons FROM _load_nat;

INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age, source)
SELECT region, year, CASE sex WHEN 'M' THEN 1 WHEN 'F' THEN 2 END, age, persons,
       age = 105, 'SSB 07459 (bundled, data/SOURCES.md)'
  FROM _load_pop
ON CONFLICT (region, year, sex, age) DO UPDATE
   SET persons = excluded.persons, is_open_age = excluded.is_open_age, source = excluded.source;

-- Kommune boundaries (Kartverket, simplified), seed kommuner only.
\set boundaries `cat data/regions/kommuner_2024_S_seed.geojson`
SELECT count(*) AS _ FROM carestair.import_region_boundaries(:'boundaries'::jsonb) \gset

-- Care services for seven Midt-Troms kommuner 2007-2025 (SSB 04686/12292 hjemmetjenester,
-- 11645 langtidsopphold, residents of housing with round-the-clock staff), as
-- compiled by Telemarksforsking; see data/SOURCES.md.  SSB counts users on
-- 31 December; they are stored under the next year, to match the population
-- on 1 January.  Bands SSB left out (67-79 from 2017) are derived as total
-- minus the other bands and labelled so.
CREATE TEMP TABLE _load_care (
    region text, year int, hist text, y4 numeric, f0 int, f67 int, f80 int, fall int,
    y1 numeric, y1_0 numeric, y1_67 numeric, y1_80 numeric, y2 numeric,
    y3 numeric, y3_0 numeric, y3_67 numeric, y3_80 numeric, y5 numeric, dem numeric, demc text) ON COMMIT DROP;
\copy _load_care FROM 'data/care_services/omsorg_panel_2007_2025_midt_troms.csv' WITH (FORMAT csv, HEADER true)
-- The same panel for the other seed kommuner: Hustadvika, Melhus, Alta, Karasjok (Bardu and Målselv are above).
CREATE TEMP TABLE _load_care_seed (LIKE _load_care) ON COMMIT DROP;
\copy _load_care_seed FROM 'data/care_services/omsorg_panel_2007_2025_seed_kommuner.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO _load_care SELECT * FROM _load_care_seed WHERE region IN ('1579', '5028', '5601', '5610');
INSERT INTO carestair.care_users (region, year, level, age_from, age_to, users, hours_per_user_week, source)
SELECT c.region, c.year + 1, v.level::carestair.care_level, v.age_from, v.age_to, v.users, v.hours, v.source
  FROM _load_care AS c
 CROSS JOIN LATERAL (VALUES
    ('hjemmesykepleie', 0, 66, c.y1_0, c.y4, 'SSB 04686/12292 hjemmetjenester 31.12'),
    ('hjemmesykepleie', 67, 79, coalesce(c.y1_67, c.y1 - c.y1_0 - c.y1_80), c.y4,
        CASE WHEN c.y1_67 IS NULL THEN 'derived: SSB 12292 hjemmetjenester total - 0-66 - 80+' ELSE 'SSB 04686/12292 hjemmetjenester 31.12' END),
    ('hjemmesykepleie', 80, NULL, c.y1_80, c.y4, 'SSB 04686/12292 hjemmetjenester 31.12'),
    ('omsorgsbolig_heldogn', 0, NULL, c.y2, NULL, 'SSB 04686/12292 beboere i bolig med heldøgns bemanning 31.12'),
    ('langtidsopphold', 0, 66, coalesce(c.y3_0, c.y3 - c.y3_67 - c.y3_80), NULL,
        CASE WHEN c.y3_0 IS NULL THEN 'derived: SSB 11645 langtidsopphold total - 67-79 - 80+' ELSE 'SSB 11645 langtidsopphold 31.12' END),
    ('langtidsopphold', 67, 79, coalesce(c.y3_67, c.y3 - c.y3_0 - c.y3_80), NULL,
        CASE WHEN c.y3_67 IS NULL THEN 'derived: SSB 11645 langtidsopphold total - 0-66 - 80+' ELSE 'SSB 11645 langtidsopphold 31.12' END),
    ('langtidsopphold', 80, NULL, coalesce(c.y3_80, c.y3 - c.y3_0 - c.y3_67), NULL,
        CASE WHEN c.y3_80 IS NULL THEN 'derived: SSB 11645 langtidsopphold total - 0-66 - 67-79' ELSE 'SSB 11645 langtidsopphold 31.12' END)
 ) AS v(level, age_from, age_to, users, hours, source)
 WHERE v.users IS NOT NULL
ON CONFLICT (region, year, level, age_from) DO UPDATE
   SET age_to = excluded.age_to, users = excluded.users, hours_per_user_week = excluded.hours_per_user_week, source = excluded.source;

-- SSB's regional population projections (carestair.ssb_projection, doc/ssb_projection.md):
-- table 14746 (2026-based), 80 Nord-Norge kommuner, totals of MMMM, LLML and HHMH and the
-- MMMM age groups 0-19, 20-64, 65+ and 80+, 2026-2050; table 12882 (2020-based), MMMM totals
-- of Bardu, Målselv and Alta, 2026-2050 (the back-test anchor).
\set ssb_projection `cat data/population/ssb14746_projection_nordnorge_2026_2050.csv`
SELECT count(*) AS _ FROM carestair.import_ssb_projection(:'ssb_projection', table_id => '14746', source => 'SSB 14746 (2026-based), bundled, data/SOURCES.md') \gset
\set ssb_projection `cat data/population/ssb12882_mmmm_projected_totals_2026_2050_malselv_bardu_alta.csv`
SELECT count(*) AS _ FROM carestair.import_ssb_projection(:'ssb_projection', table_id => '12882', source => 'SSB 12882 (2020-based), bundled, data/SOURCES.md') \gset
\unset ssb_projection

COMMIT;
\set QUIET off

SELECT 'bundled data loaded' AS status,
       (SELECT count(*) FROM carestair.population) AS population_rows,
       (SELECT count(*) FROM carestair.region WHERE boundary IS NOT NULL) AS regions_with_boundary,
       (SELECT count(*) FROM carestair.ssb_projection) AS ssb_projection_rows;
