-- Load SSB 07459 for all 357 kommuner (2024 borders) on 1 January 2015,
-- 2020, 2025 and 2026 into carestair.population (see data/SOURCES.md).  Run
-- from the repository root with psql, after or without data/load.sql:
--     psql -v ON_ERROR_STOP=1 -f data/load_all_kommuner.sql
-- One INSERT, so it is atomic and can run inside the caller's transaction.
-- Rows already present are left as they are (the seed kommuner of
-- data/load.sql hold the same SSB numbers); re-running is safe.
\set QUIET on
CREATE TEMP TABLE _load_all (region text, sex text, age int, p2015 int, p2020 int, p2025 int, p2026 int);
\copy _load_all FROM 'data/population/ssb07459_all_kommuner_2015_2020_2025_2026.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age, source)
SELECT a.region, y.year, CASE a.sex WHEN 'M' THEN 1 WHEN 'F' THEN 2 END, a.age, y.persons,
       a.age = 105, 'SSB 07459 (bundled, data/SOURCES.md)'
  FROM _load_all AS a
 CROSS JOIN LATERAL (VALUES (2015, a.p2015), (2020, a.p2020), (2025, a.p2025), (2026, a.p2026)) AS y (year, persons)
ON CONFLICT (region, year, sex, age) DO NOTHING;
DROP TABLE _load_all;
\set QUIET off
SELECT 'all kommuner loaded' AS status,
       (SELECT count(DISTINCT region) FROM carestair.population WHERE year = 2015 AND region <> '0000') AS kommuner_2015,
       (SELECT count(DISTINCT region) FROM carestair.population WHERE year = 2026 AND region <> '0000') AS kommuner_2026;
