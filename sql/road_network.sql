-- Road networks: Kartverket's N1000 links for Midt-Troms (data/roads/, CC BY 4.0, credit "Kartverket") into
-- the routable graph, fastest sites over it checked against published road distances and pgRouting, the
-- legevakt norm check, the NVDB and osm2pgrouting formats, and bad input.
\set SHOW_CONTEXT never
\set ECHO none
\o /dev/null
\i data/legevakt_load.sql
\o
\set ECHO all
\set roads `cat data/roads/n1000_veglenke_midt_troms_utm33.tsv`
SELECT carestair.import_road_network(:'roads') AS routable_edges;
SELECT component, edges, ferry_edges, round(km::numeric) AS km FROM carestair.road_component ORDER BY component LIMIT 4;
SELECT kind, count(*) AS edges, round(sum(km)::numeric) AS km, round((sum(km) / sum(greatest(minutes, reverse_minutes)) * 60)::numeric, 1) AS mean_kmh
  FROM carestair.road_edge GROUP BY kind ORDER BY kind;
-- Junctions: a vertex id has one location, a location one vertex id, and no edge passes through
-- another edge's vertex without ending there (links split at every shared vertex).
WITH v AS (SELECT source AS v, ST_StartPoint(geom) AS g FROM carestair.road_edge
           UNION ALL SELECT target, ST_EndPoint(geom) FROM carestair.road_edge)
SELECT (SELECT count(*) FROM (SELECT v FROM v GROUP BY v HAVING count(DISTINCT ST_AsText(g)) > 1) a) AS ids_at_two_places,
       (SELECT count(*) FROM (SELECT ST_AsText(g) FROM v GROUP BY 1 HAVING count(DISTINCT v) > 1) b) AS places_with_two_ids,
       (SELECT count(*) FROM carestair.road_edge AS e, ST_DumpPoints(e.geom) AS d, v
         WHERE d.path[1] > 1 AND d.path[1] < ST_NPoints(e.geom) AND ST_Equals(d.geom, v.g)) AS unsplit_junctions;
-- Independent check (../shared/data/roads/SOURCE.md): road km from Bardufoss airport, published 44.2 (Finnsnes),
-- 24.9, 28.4, 60.7, 51.8 and 98.6 km.  Our place coordinates are approximate (their straight-line distances differ
-- from the published ones by up to 2.1 km), so the road km must agree within 2.5 km.
CREATE TEMP TABLE places (id bigint, name text, geom geometry, published_km float8);
INSERT INTO places SELECT id, name, ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4326), 25833), km
  FROM (VALUES (1, 'Finnsnes', 17.9812, 69.2299, 44.2), (2, 'Sørreisa', 18.1553, 69.1467, 24.9),
               (3, 'Setermoen', 18.3477, 68.8608, 28.4), (4, 'Sjøvegan', 17.8447, 68.8736, 60.7),
               (5, 'Storsteinnes', 19.2297, 69.2414, 51.8), (6, 'Hamnvik', 17.1795, 68.7843, 98.6)) AS v(id, name, lon, lat, km);
SELECT p.name, p.published_km, round(n.km::numeric, 1) AS road_km, round(n.minutes::numeric, 1) AS minutes, n.method,
       abs(n.km - p.published_km) <= 2.5 AS agrees
  FROM places AS p,
       LATERAL carestair.nearest_site_times('SELECT 0, ST_Transform(ST_SetSRID(ST_MakePoint(18.5404, 69.0558), 4326), 25833)',
                                            format('SELECT %s, %L::geometry', p.id, p.geom::text)) AS n
 ORDER BY p.id;
-- pgRouting (an independent implementation): for points and sites on graph vertices, the fastest site's minutes
-- equal the least pgr_dijkstraCost from the point's vertex to any site's vertex.
CREATE TEMP TABLE vtx AS SELECT DISTINCT ON (source) source AS v, ST_StartPoint(geom) AS geom FROM carestair.road_edge ORDER BY source;
CREATE TEMP TABLE pick AS SELECT v, geom FROM vtx WHERE v % 7 = 0;
CREATE TEMP TABLE legevakt_v AS
SELECT s.site_id, (SELECT vtx.v FROM vtx ORDER BY vtx.geom <-> s.geom, vtx.v LIMIT 1) AS v FROM carestair.site AS s WHERE s.kind = 'existing';
WITH ours AS (
    SELECT n.point_id, n.minutes FROM carestair.nearest_site_times('SELECT v, geom FROM pick',
        'SELECT l.v, vtx.geom FROM legevakt_v AS l JOIN vtx USING (v)') AS n
), theirs AS (
    SELECT d.start_vid AS point_id, min(d.agg_cost) AS minutes
      FROM pgr_dijkstraCost('SELECT id, source, target, minutes AS cost, reverse_minutes AS reverse_cost FROM carestair.road_edge',
                            (SELECT array_agg(v) FROM pick), (SELECT array_agg(v) FROM legevakt_v), true) AS d
     GROUP BY d.start_vid
)
SELECT count(*) AS points, count(t.point_id) AS reached_by_pgrouting, count(o.minutes) AS reached_by_carestair,
       max(abs(o.minutes - t.minutes)) < 1e-9 AS same_minutes
  FROM ours AS o LEFT JOIN theirs AS t USING (point_id);
-- The norm check on the bundled Midt-Troms grid and its three legevakter (roads: Kartverket N1000).
SELECT region, name, persons, round(share_20::numeric, 3) AS share_20, round(share_40::numeric, 3) AS share_40,
       round(share_60::numeric, 3) AS share_60, round(mean_minutes::numeric, 1) AS mean_min, persons_unreachable,
       persons_fallback, meets_norm
  FROM carestair.legevakt_norm_check ORDER BY region;
SELECT sum(persons) = (SELECT sum(persons) FROM carestair.demand_point) AS every_person_counted FROM carestair.legevakt_norm_check;
-- Road times against the straight-line fallback for every cell, nearest of the three legevakter.
SELECT method, count(*) AS cells FROM carestair.nearest_site_times('SELECT point_id, geom FROM carestair.demand_point',
    'SELECT site_id, geom FROM carestair.site WHERE kind = ''existing''') GROUP BY method ORDER BY method;

-- Speeds are parameters: faster fylkesveg, shorter times; 0 km/h is refused.
INSERT INTO carestair.road_parameter (name, value, note) VALUES ('speed_F_kmh', 80, 'test');
SELECT carestair.import_road_network(:'roads') AS routable_edges;
SELECT round(minutes::numeric, 1) AS minutes_f80 FROM carestair.nearest_site_times('SELECT 0, ST_Transform(ST_SetSRID(ST_MakePoint(18.5404, 69.0558), 4326), 25833)', 'SELECT id, geom FROM places WHERE id = 1');
UPDATE carestair.road_parameter SET value = 0 WHERE name = 'speed_F_kmh';
SELECT carestair.import_road_network(:'roads');
SELECT count(*) FROM carestair.nearest_site_times('SELECT 1, geom FROM places', 'SELECT 2, geom FROM places');
DELETE FROM carestair.road_parameter;

-- Bad N1000 input: a link without geometry, bad coordinates, an unknown format, no header columns.
SELECT carestair.import_road_network(E'id\tmedium\ttypeVeg\tvegkategori\tvegfase\tcoords_utm33\n1\tT\tenkelBilveg\tE\tV\t\n');
SELECT carestair.import_road_network(E'id\tmedium\ttypeVeg\tvegkategori\tvegfase\tcoords_utm33\n1\tT\tenkelBilveg\tE\tV\t600000 7600000,x 1\n');
SELECT carestair.import_road_network(:'roads', 'shapefile');
SELECT carestair.import_road_network(E'a\tb\n1\t2\n');
-- Zero-length links are dropped; an island without a ferry is its own component, and points on it are
-- reported unreachable (never covered); a point 12 km from every road gets the labelled fallback.
SELECT carestair.import_road_network(E'id\tmedium\ttypeVeg\tvegkategori\tvegfase\tcoords_utm33\n'
    '1\tT\tenkelBilveg\tE\tV\t600000.00 7600000.00,601000.00 7600000.00,602000.00 7600000.00\n'
    '2\tT\tenkelBilveg\tF\tV\t601000.00 7600000.00,601000.00 7601000.00\n'
    '3\tT\tenkelBilveg\tK\tV\t603000.00 7600000.00,603000.00 7600000.00\n'
    '4\tT\tenkelBilveg\tP\tV\t610000.00 7600000.00,611000.00 7600000.00\n'
    '5\t\tsti\t\t\t602000.00 7600000.00,610000.00 7600000.00\n') AS routable_edges;
SELECT id, link_id, source, target, round(minutes::numeric, 3) AS minutes, round(km::numeric, 3) AS km, kind, category, component FROM carestair.road_edge ORDER BY id;
SELECT point_id, site_id, round(minutes::numeric, 3) AS minutes, round(km::numeric, 3) AS km, method
  FROM carestair.nearest_site_times('VALUES (1, ST_SetSRID(ST_MakePoint(601000, 7601000), 25833)), (2, ST_SetSRID(ST_MakePoint(610500, 7600100), 25833)),
                                            (3, ST_SetSRID(ST_MakePoint(600000, 7588000), 25833)), (4, ST_SetSRID(ST_MakePoint(601500, 7600000), 25833))',
                                    'VALUES (10, ST_SetSRID(ST_MakePoint(600000, 7600000), 25833)), (11, ST_SetSRID(ST_MakePoint(602000, 7600000), 25833))')
 ORDER BY point_id;
-- Mixed SRIDs and NULL geometries in the points and sites.
SELECT * FROM carestair.nearest_site_times('VALUES (1, ST_SetSRID(ST_MakePoint(601000, 7601000), 25833))', 'VALUES (2, ST_SetSRID(ST_MakePoint(18, 69), 4326))');
SELECT * FROM carestair.nearest_site_times('VALUES (1, NULL::geometry)', 'VALUES (2, ST_SetSRID(ST_MakePoint(600000, 7600000), 25833))');

-- NVDB ruteplan (columns as Statens vegvesen's vegnettRuteplan): times as given, ONEWAY respected.
SELECT carestair.import_road_network(
  '"FromNodeID","ToNodeID","VEGTYPE","ONEWAY","FT_MINUTES","TF_MINUTES","METER_ORG","geom_wkt_25833"' || E'\n'
  || '"1","2","E","B",1.5,1.5,1000,"MULTILINESTRING Z ((600000 7600000 10,601000 7600000 10))"' || E'\n'
  || '"2","3","F","FT",2,2,1000,"MULTILINESTRING Z ((601000 7600000 10,602000 7600000 10))"' || E'\n', 'nvdb') AS routable_edges;
SELECT source, target, minutes, reverse_minutes, km, category FROM carestair.road_edge ORDER BY id;
SELECT point_id, site_id, round(minutes::numeric, 3) AS minutes, method FROM carestair.nearest_site_times(
  'VALUES (1, ST_SetSRID(ST_MakePoint(600000, 7600000), 25833)), (3, ST_SetSRID(ST_MakePoint(602000, 7600000), 25833))',
  'VALUES (2, ST_SetSRID(ST_MakePoint(601000, 7600000), 25833))') ORDER BY point_id;
-- The first 150 links of a real NVDB ruteplan export (data/roads/, Statens vegvesen, NLOD): times and one-way flags
-- as given (counted with Python over the same file: 49 FT, 5 TF, 14.111521 minutes from -> to, 12.200729 back);
-- three links without FromNodeID/ToNodeID take the node of another link's end at the same place.
\set nvdb `cat data/roads/nvdb_ruteplan_sample_oslo_2021_first150.csv`
SELECT carestair.import_road_network(:'nvdb', 'nvdb') AS routable_edges;
SELECT count(*) FILTER (WHERE reverse_minutes < 0) AS ft_only, count(*) FILTER (WHERE minutes < 0) AS tf_only,
       round(sum(minutes) FILTER (WHERE minutes >= 0)::numeric, 6) AS ft_minutes,
       round(sum(reverse_minutes) FILTER (WHERE reverse_minutes >= 0)::numeric, 6) AS tf_minutes,
       count(*) FILTER (WHERE source < 0 OR target < 0) AS ends_with_a_new_node_id
  FROM carestair.road_edge;
-- A ferry (or any link) without a time is refused.
SELECT carestair.import_road_network(
  '"FromNodeID","ToNodeID","VEGTYPE","ONEWAY","FT_MINUTES","TF_MINUTES","METER_ORG","geom_wkt_25833"' || E'\n'
  || '"1","2","F","B",,,4000,"MULTILINESTRING Z ((600000 7600000 0,604000 7600000 0))"' || E'\n', 'nvdb');

-- osm2pgrouting's ways table exported as CSV (a hand-made three-way example in its column layout: gid, source,
-- target, length_m, cost_s, reverse_cost_s, the_geom in EPSG:4326; reverse_cost_s < 0 = one way).
SELECT carestair.import_road_network(E'gid,source,target,length_m,cost_s,reverse_cost_s,tag_id,the_geom\n'
  '1,1,2,1000,60,60,110,"SRID=4326;LINESTRING(18.5 69.05,18.525 69.05)"\n'
  '2,2,3,1000,45,-45,112,"SRID=4326;LINESTRING(18.525 69.05,18.55 69.05)"\n', 'osm2pgrouting') AS routable_edges;
SELECT source, target, round(minutes::numeric, 2) AS minutes, round(reverse_minutes::numeric, 2) AS reverse_minutes, km, category,
       round(ST_Length(geom)::numeric) AS metres_25833 FROM carestair.road_edge ORDER BY id;
SELECT carestair.import_road_network(E'gid,source,target,length_m,cost_s,reverse_cost_s,the_geom\n'
  '1,1,2,1000,60,60,"SRID=4326;LINESTRING(18.5 69.05,18.525 69.05)"\n'
  '2,2,3,1000,45,-45,"SRID=3857;LINESTRING(2060000 10900000,2063000 10900000)"\n', 'osm2pgrouting');
DELETE FROM carestair.road_edge;
