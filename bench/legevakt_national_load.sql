-- Load the national legevakt inputs from the project's shared data (not
-- bundled: see ../shared/data/geo/SOURCE.md and roads/SOURCE.md) into
-- carestair.demand_point and carestair.site, and Kartverket's N1000 roads
-- into carestair.road_edge.  Run from the repository root with
--     psql -v shared=/path/to/shared/data -f bench/legevakt_national_load.sql
--   * every inhabited SSB 1 km cell of 2015 (55,213 cells, 5,146,614 persons),
--     at the cell centre, assigned to the 2024 kommune whose (simplified,
--     Kartverket CC BY 4.0) polygon holds it, else the nearest one;
--   * the 167 legevakter of Helsedirektoratet's 2024 list (geocoded upstream,
--     approximate), Skjervøy moved from Nordreisa's address (a known upstream
--     error) to Skjervøy town centre (approximate).
\set QUIET on
\set ON_ERROR_STOP on
DELETE FROM carestair.travel_time;
DELETE FROM carestair.demand_point;
DELETE FROM carestair.site;
CREATE TEMP TABLE _k AS
SELECT f->'properties'->>'kommunenummer' AS region,
       ST_Subdivide(ST_MakeValid(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326), 25833)), 64) AS geom
  FROM jsonb_array_elements(pg_read_file(:'shared' || '/geo/kommuner_2024_S.geojson')::jsonb->'features') AS f;
CREATE INDEX ON _k USING gist (geom);
CREATE TEMP TABLE _cell (ssbid text, pop integer, pop_mal integer, pop_fem integer, pop_ave text);
SELECT format('COPY _cell FROM %L WITH (FORMAT csv, HEADER true, DELIMITER %L)', :'shared' || '/geo/ssb_befolkning_1km_2015_norge.csv', ';') AS cp \gset
:cp;
INSERT INTO carestair.demand_point (point_id, region, persons, year, geom, source)
SELECT c.ssbid::bigint, coalesce(k.region, n.region), c.pop, 2015, c.geom,
       'SSB befolkning på rutenett 1 km, 2015 (cell centre)'
  FROM (SELECT ssbid, pop, ST_SetSRID(ST_MakePoint(substr(ssbid, 1, 7)::int - 2000000 + 500, substr(ssbid, 8, 7)::int + 500), 25833) AS geom
          FROM _cell WHERE pop > 0) AS c
  LEFT JOIN LATERAL (SELECT k.region FROM _k AS k WHERE ST_Intersects(k.geom, c.geom) ORDER BY k.region LIMIT 1) AS k ON true
  LEFT JOIN LATERAL (SELECT k.region FROM _k AS k ORDER BY k.geom <-> c.geom, k.region LIMIT 1) AS n ON k.region IS NULL;
INSERT INTO carestair.site (site_id, name, region, kind, geom, source)
SELECT s.i, s.navn, coalesce(k.region, n.region), 'existing', s.geom, s.src
  FROM (SELECT i, f->'properties'->>'navn' AS navn,
               CASE WHEN f->'properties'->>'navn' = 'Skjervøy legevakt'
                    THEN ST_Transform(ST_SetSRID(ST_MakePoint(20.9714, 70.0318), 4326), 25833)
                    ELSE ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(f->'geometry'), 4326), 25833) END AS geom,
               CASE WHEN f->'properties'->>'navn' = 'Skjervøy legevakt'
                    THEN 'Skjervøy town centre, approximate (the upstream list carries Nordreisa''s address)'
                    ELSE 'Helsedirektoratet, legevakter 2024; geocoded upstream, approximate' END AS src
          FROM jsonb_array_elements(pg_read_file(:'shared' || '/geo/legevakter_2024.geojson')::jsonb->'features') WITH ORDINALITY AS x(f, i)) AS s
  LEFT JOIN LATERAL (SELECT k.region FROM _k AS k WHERE ST_Intersects(k.geom, s.geom) ORDER BY k.region LIMIT 1) AS k ON true
  LEFT JOIN LATERAL (SELECT k.region FROM _k AS k ORDER BY k.geom <-> s.geom, k.region LIMIT 1) AS n ON k.region IS NULL;
DROP TABLE _k, _cell;
SELECT format('SELECT carestair.import_road_network(pg_read_file(%L))', :'shared' || '/roads/n1000_veglenke_norway_utm33.tsv') AS imp \gset
SET client_min_messages = warning;
:imp \gset
RESET client_min_messages;
ANALYZE carestair.demand_point; ANALYZE carestair.site; ANALYZE carestair.road_edge;
\set QUIET off
SELECT (SELECT count(*) FROM carestair.demand_point) AS cells, (SELECT sum(persons) FROM carestair.demand_point) AS persons,
       (SELECT count(DISTINCT region) FROM carestair.demand_point) AS kommuner, (SELECT count(*) FROM carestair.site) AS legevakter,
       (SELECT count(*) FROM carestair.road_edge) AS road_edges;
