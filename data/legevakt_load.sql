-- Load the legevakt inputs for Midt-Troms (see data/SOURCES.md, geo/) into
-- carestair.demand_point and carestair.site.  Run from the repository root:
--     psql -v ON_ERROR_STOP=1 -f data/legevakt_load.sql
-- Re-running is safe: rows are upserted.  No BEGIN/COMMIT here, so that a
-- caller's transaction (a pgTAP test) can roll the load back.
\set QUIET on
-- SSB 250 m population grid 2015, every cell of ten Midt-Troms kommuner.
CREATE TEMP TABLE _grid (ru250m bigint, x float8, y float8, lon float8, lat float8, region text, persons integer, assigned text);
\copy _grid FROM 'data/geo/ssb_befolkning_250m_2015_midt_troms.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO carestair.demand_point (point_id, region, persons, year, geom, source)
SELECT ru250m, region, persons, 2015, ST_SetSRID(ST_MakePoint(x, y), 25833),
       'SSB befolkning på rutenett 250 m, 2015 (cell centre; kommune ' || assigned || ')'
  FROM _grid
ON CONFLICT (point_id) DO UPDATE
   SET region = excluded.region, persons = excluded.persons, year = excluded.year, geom = excluded.geom, source = excluded.source;

-- Existing legevakter in the area (Helsedirektoratet's 2024 list, geocoded upstream, approximate).
\set legevakter `cat data/geo/legevakter_2024.geojson`
INSERT INTO carestair.site (site_id, name, region, kind, geom, source)
SELECT v.site_id, f->'properties'->>'navn', v.region, 'existing',
       ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326), 25833),
       'Helsedirektoratet, legevakter 2024 (' || (f->'properties'->>'adresse') || ', ' || (f->'properties'->>'poststed')
       || '); geocoded upstream, approximate'
  FROM jsonb_array_elements((:'legevakter')::jsonb->'features') AS f
  JOIN (VALUES (1, '5520', 'Bardu interkommunale legevakt'),
               (2, '5530', 'Finnsnes interkommunale legevakt'),
               (3, '5532', 'Balsfjord og Storfjord interkommunale legevakt')) AS v(site_id, region, navn)
    ON v.navn = f->'properties'->>'navn'
ON CONFLICT (site_id) DO UPDATE
   SET name = excluded.name, region = excluded.region, kind = excluded.kind, geom = excluded.geom, source = excluded.source;

-- Candidate sites (data/geo/candidate_sites.csv: approximate coordinates, see its source column).
CREATE TEMP TABLE _cand (name text, region text, kind text, lon float8, lat float8, source text);
\copy _cand FROM 'data/geo/candidate_sites.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO carestair.site (site_id, name, region, kind, geom, source)
SELECT 10 + row_number() OVER (ORDER BY kind, name), name, region, kind,
       ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 25833), source
  FROM _cand
ON CONFLICT (site_id) DO UPDATE
   SET name = excluded.name, region = excluded.region, kind = excluded.kind, geom = excluded.geom, source = excluded.source;
DROP TABLE _grid, _cand;
\set QUIET off
SELECT 'legevakt inputs loaded' AS status,
       (SELECT count(*) FROM carestair.demand_point) AS demand_points,
       (SELECT sum(persons) FROM carestair.demand_point) AS persons,
       (SELECT count(*) FROM carestair.site) AS sites;
