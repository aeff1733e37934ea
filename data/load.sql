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

COMMIT;

SELECT 'bundled data loaded' AS status,
       (SELECT count(*) FROM carestair.population) AS population_rows,
       (SELECT count(*) FROM carestair.region WHERE boundary IS NOT NULL) AS regions_with_boundary;
