-- Travel times: carestair.network_costs (Dijkstra in C) and carestair.travel_time_matrix.
\set SHOW_CONTEXT never
\set ECHO none
\o /dev/null
\i data/roads/pgrouting_sample.sql
\o
\set ECHO all
-- pgRouting's documented pgr_dijkstraCost results on its sample network (docqueries/dijkstra/doc-pgr_dijkstraCost.result):
-- network_costs(..., to_site => false) gives the cost from the site (start_vid) to the point (end_vid).
SELECT site_id AS start_vid, point_id AS end_vid, cost AS agg_cost FROM carestair.network_costs('SELECT id, source, target, cost, reverse_cost FROM edge_table', 'VALUES (3, 3), (12, 12)', 'VALUES (2, 2)', true, false) ORDER BY 1, 2;
SELECT site_id AS start_vid, point_id AS end_vid, cost AS agg_cost FROM carestair.network_costs('SELECT id, source, target, cost, reverse_cost FROM edge_table', 'VALUES (12, 12)', 'VALUES (2, 2), (7, 7)', true, false) ORDER BY 1, 2;
SELECT site_id AS start_vid, point_id AS end_vid, cost AS agg_cost FROM carestair.network_costs('SELECT id, source, target, cost, reverse_cost FROM edge_table', 'VALUES (3, 3), (12, 12)', 'VALUES (2, 2), (7, 7)', false, false) ORDER BY 1, 2;
SELECT site_id AS start_vid, point_id AS end_vid, cost AS agg_cost FROM carestair.network_costs('SELECT id, source, target, cost, reverse_cost FROM edge_table', 'VALUES (3, 3), (4, 4), (5, 5)', 'VALUES (3, 3), (4, 4), (5, 5)', true, false) WHERE site_id <> point_id ORDER BY 1, 2;
SELECT site_id AS start_vid, point_id AS end_vid, cost AS agg_cost FROM carestair.network_costs('SELECT id, source, target, cost, reverse_cost FROM edge_table', 'VALUES (3, 3), (5, 5)', 'VALUES (2, 2), (11, 11)', true, false) WHERE (site_id, point_id) IN ((2, 3), (2, 5), (11, 3)) ORDER BY 1, 2;
-- The default direction is point -> site (a patient travelling to the legevakt): 3 -> 2 is 1, 2 -> 3 is 5.
SELECT point_id, site_id, cost FROM carestair.network_costs('SELECT id, source, target, cost, reverse_cost FROM edge_table', 'VALUES (3, 3)', 'VALUES (2, 2)');
-- Unreachable pairs are reported with NULL cost, not dropped; lengths are summed along the cheapest path.
SELECT point_id, site_id, cost, round(length::numeric, 6) AS length FROM carestair.network_costs('SELECT id, source, target, cost, reverse_cost, ST_Length(geom) FROM edge_table', 'VALUES (13, 13), (14, 14), (17, 17)', 'VALUES (7, 7)') ORDER BY point_id;
-- Without reverse_cost every edge runs one way (directed) or both ways (undirected); without length, length is NULL.
SELECT point_id, site_id, cost, length FROM carestair.network_costs('SELECT id, source, target, cost FROM edge_table', 'VALUES (1, 1), (13, 13)', 'VALUES (5, 5)', true, false) ORDER BY point_id;
SELECT point_id, site_id, cost, length FROM carestair.network_costs('SELECT id, source, target, cost FROM edge_table', 'VALUES (1, 1), (13, 13)', 'VALUES (5, 5)', false, false) ORDER BY point_id;
-- Off-road legs given with the points and sites are added.
SELECT point_id, site_id, cost, length FROM carestair.network_costs('SELECT id, source, target, cost, reverse_cost, 0.5 FROM edge_table', 'VALUES (100, 13, 2.5, 0.1)', 'VALUES (200, 5, 1.0, 0.2)');
-- Zero-cost cycles do not make the search loop.
SELECT point_id, cost FROM carestair.network_costs('VALUES (1, 1, 2, 0.0, 0.0), (2, 2, 3, 0.0, 0.0), (3, 3, 1, 0.0, 0.0), (4, 3, 4, 2.5, -1)', 'VALUES (1, 1), (4, 4)', 'VALUES (9, 4)') ORDER BY point_id;
-- A generated 12 x 12 grid with random costs agrees with shortest paths found by relaxation in SQL.
SELECT setseed(0.5);
CREATE TEMP TABLE grid AS SELECT row_number() OVER () AS id, a, b, round((1 + random() * 9)::numeric, 1)::float8 AS cost, round((1 + random() * 9)::numeric, 1)::float8 AS reverse_cost FROM (SELECT x * 12 + y AS a, x * 12 + y + 1 AS b FROM generate_series(0, 11) x, generate_series(0, 10) y UNION ALL SELECT x * 12 + y, (x + 1) * 12 + y FROM generate_series(0, 10) x, generate_series(0, 11) y) e;
CREATE TEMP TABLE grid_dist (i bigint, j bigint, c float8, PRIMARY KEY (i, j));
INSERT INTO grid_dist SELECT v, v, 0 FROM generate_series(0, 143) v;
DO $$ DECLARE n bigint; BEGIN LOOP INSERT INTO grid_dist SELECT d.i, e.t, min(d.c + e.c) FROM grid_dist d JOIN (SELECT a AS f, b AS t, cost AS c FROM grid UNION ALL SELECT b, a, reverse_cost FROM grid) e ON e.f = d.j GROUP BY 1, 2 ON CONFLICT (i, j) DO UPDATE SET c = excluded.c WHERE excluded.c < grid_dist.c; GET DIAGNOSTICS n = ROW_COUNT; EXIT WHEN n = 0; END LOOP; END $$;
SELECT count(*) AS pairs, count(*) FILTER (WHERE abs(m.cost - d.c) > 1e-9) AS differ FROM carestair.network_costs('SELECT id, a, b, cost, reverse_cost FROM grid', 'SELECT v, v FROM generate_series(0, 143) v', 'SELECT v, v FROM generate_series(0, 143, 13) v') m JOIN grid_dist d ON d.i = m.point_id AND d.j = m.site_id;
-- travel_time_matrix over a road graph: points snapped to the nearest vertex (SRID 0 is read as metres), off-road leg at offroad_kmh.
SELECT point_id, site_id, round(minutes::numeric, 4) AS minutes, round(km::numeric, 4) AS km, method FROM carestair.travel_time_matrix($$VALUES (1, ST_MakePoint(1.8, 0.4)), (2, ST_MakePoint(4.2, 2.3)), (3, ST_MakePoint(0.6, 3.5))$$, $$VALUES (10, ST_MakePoint(2, 2))$$, 'SELECT id, source, target, cost, reverse_cost, ST_Length(geom) / 1000, geom FROM edge_table', offroad_kmh => 0.06, max_snap_m => 0.4) ORDER BY point_id;
-- Without a road graph: the straight-line fallback, labelled (two points 33.5 km apart in EPSG:25833).
SELECT point_id, site_id, round(minutes::numeric, 1) AS minutes, round(km::numeric, 1) AS km, method FROM carestair.travel_time_matrix($$VALUES (1, ST_SetSRID(ST_MakePoint(640000, 7677000), 25833))$$, $$VALUES (2, ST_SetSRID(ST_MakePoint(655000, 7647000), 25833))$$);
-- Other SRIDs are transformed to EPSG:25833 first.
SELECT round(km::numeric, 1) AS km FROM carestair.travel_time_matrix($$VALUES (1, ST_Transform(ST_SetSRID(ST_MakePoint(640000, 7677000), 25833), 4326))$$, $$VALUES (2, ST_Transform(ST_SetSRID(ST_MakePoint(655000, 7647000), 25833), 4326))$$);
-- Bad input.
SELECT * FROM carestair.network_costs(NULL, 'VALUES (1, 1)', 'VALUES (1, 1)');
SELECT * FROM carestair.network_costs('SELECT id, source, target, cost, reverse_cost FROM edge_table WHERE false', 'VALUES (1, 1)', 'VALUES (1, 1)');
SELECT * FROM carestair.network_costs($$VALUES (1, 1, 2, 'NaN'::float8)$$, 'VALUES (1, 1)', 'VALUES (1, 1)');
SELECT * FROM carestair.network_costs($$VALUES (1, 1, 2, 1.0, 'Infinity'::float8)$$, 'VALUES (1, 1)', 'VALUES (1, 1)');
SELECT * FROM carestair.network_costs('VALUES (1, 1, 2, 1.0, 1.0, -0.5)', 'VALUES (1, 1)', 'VALUES (1, 1)');
SELECT * FROM carestair.network_costs('VALUES (1, 1, 2, 1.0), (1, 2, 3, 1.0)', 'VALUES (1, 1)', 'VALUES (1, 1)');
SELECT * FROM carestair.network_costs('VALUES (1, 1, 2, 1.0)', 'VALUES (1, 1), (1, 2)', 'VALUES (1, 1)');
SELECT * FROM carestair.network_costs('VALUES (1, 1, 2, 1.0)', 'VALUES (1, 1)', 'VALUES (5, 99)');
SELECT * FROM carestair.network_costs('VALUES (1, 1, 2, 1.0)', 'VALUES (1, 1, -1.0)', 'VALUES (1, 1)');
SELECT * FROM carestair.network_costs('VALUES (1, 1, 2, 1.0)', $$VALUES (1, 1, 0.0, 'NaN'::float8)$$, 'VALUES (1, 1)');
SELECT * FROM carestair.network_costs('VALUES (1, 1, 2)', 'VALUES (1, 1)', 'VALUES (1, 1)');
SELECT * FROM carestair.travel_time_matrix($$VALUES (1, ST_SetSRID(ST_MakePoint(0, 0), 25833))$$, $$VALUES (2, ST_SetSRID(ST_MakePoint(1, 1), 4326))$$);
SELECT * FROM carestair.travel_time_matrix($$VALUES (1, NULL::geometry)$$, $$VALUES (2, ST_MakePoint(1, 1))$$);
SELECT * FROM carestair.travel_time_matrix($$VALUES (1, ST_MakePoint(0, 0))$$, $$VALUES (2, ST_MakePoint(1, 1))$$, circuity => 0.9);
SELECT * FROM carestair.travel_time_matrix(NULL, $$VALUES (2, ST_MakePoint(1, 1))$$);
