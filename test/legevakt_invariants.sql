-- Legevakt tables and functions: catalogue, and identities on the bundled Midt-Troms data.
BEGIN;
SELECT plan(18);

SELECT has_table('carestair', 'demand_point', 'demand_point');
SELECT has_table('carestair', 'site', 'site');
SELECT has_table('carestair', 'road_edge', 'road_edge');
SELECT has_table('carestair', 'travel_time', 'travel_time');
SELECT has_table('carestair', 'legevakt_parameter', 'legevakt_parameter');
SELECT col_type_is('carestair', 'demand_point', 'geom', 'geometry(Point,25833)', 'demand points are EPSG:25833');
SELECT col_type_is('carestair', 'road_edge', 'geom', 'geometry(LineString,25833)', 'road edges are EPSG:25833');
SELECT is((SELECT array_agg(c.relname::text || ':' || e.cond ORDER BY c.relname)
             FROM pg_extension AS x, unnest(x.extconfig, x.extcondition) AS e(oid, cond) JOIN pg_class AS c ON c.oid = e.oid
            WHERE x.extname = 'carestair' AND c.relname IN ('demand_point', 'site', 'road_edge', 'travel_time', 'legevakt_parameter',
                  'legevakt_parameter_default', 'legevakt_contact_rate', 'legevakt_extra_demand', 'legevakt_scenario', 'legevakt_scenario_site', 'legevakt_scenario_member')),
          ARRAY['demand_point:', 'legevakt_contact_rate:WHERE NOT builtin', 'legevakt_extra_demand:', 'legevakt_parameter:', 'legevakt_scenario:', 'legevakt_scenario_member:',
                'legevakt_scenario_site:', 'road_edge:', 'site:', 'travel_time:'],
          'pg_dump keeps the user''s legevakt rows, not the built-in defaults');
SELECT volatility_is('carestair', 'refresh_travel_times', ARRAY['double precision', 'double precision', 'double precision'], 'volatile');
SELECT volatility_is('carestair', 'share_costs', ARRAY['numeric', 'text[]', 'numeric[]', 'numeric[]', 'numeric', 'numeric', 'numeric', 'numeric'], 'immutable');

\i data/legevakt_load.sql
SELECT is((SELECT sum(persons) FROM carestair.demand_point WHERE region = '5524'), 6662::numeric, 'Målselv grid total 2015 = 6,662 (data/SOURCES.md)');
SELECT count(*) AS _ FROM carestair.refresh_travel_times() \gset
SELECT is((SELECT count(*) FROM carestair.travel_time), (SELECT count(*) FROM carestair.demand_point) * (SELECT count(*) FROM carestair.site), 'every point-site pair has a travel time row');
-- Coverage: persons within a norm never exceed the persons, and a larger norm never covers fewer.
SELECT is((SELECT count(*) FROM carestair.legevakt_coverage('{1,2,11}', '{10,20,40,60,90}') AS c
            WHERE c.persons_within > c.persons
               OR c.persons_within < (SELECT max(b.persons_within) FROM carestair.legevakt_coverage('{1,2,11}', '{10,20,40,60,90}') AS b
                                       WHERE b.level = c.level AND b.key = c.key AND b.norm_minutes < c.norm_minutes)), 0::bigint,
          'coverage is bounded and monotone in the norm');
-- The catchments partition the persons: site totals add up to the total.
SELECT is((SELECT sum(persons) FROM carestair.legevakt_coverage('{1,2,11}', '{40}') WHERE level = 'site'),
          (SELECT persons FROM carestair.legevakt_coverage('{1,2,11}', '{40}') WHERE level = 'total'), 'catchments partition the population');
-- Cost shares always add up to the net cost.
SELECT is((SELECT round(sum(amount), 6) FROM carestair.share_costs(7777777, '{a,b,c,d}', '{10,20,30,40}', '{4,3,2,1}', 0.25, 0.5, 0.25, 777777)), 7000000.000000, 'shares add up to total minus contribution');

-- Catchment polygons cover exactly their cells' area (250 m cells do not overlap).
SELECT is((SELECT count(*) FROM carestair.catchment_polygons('{1,2,11}') WHERE abs(ST_Area(geom) - cells * 62500) > 1e-3), 0::bigint, 'catchment area = cells x 0.0625 km2');
-- With rows in carestair.road_edge the matrix is computed over the road graph (carestair.nearest_site_times per
-- site): here a synthetic two-edge road Bardu - Andslimoen - Finnsnes at 1 km/min (not a real road), Andslimoen ->
-- Finnsnes one way, points attached to the nearest point of the nearest edge at 20 km/h: points attached near
-- Finnsnes cannot reach Bardu or Andslimoen and are reported unreachable, points over 10 km from the road get
-- the labelled fallback.
INSERT INTO carestair.road_edge (id, source, target, minutes, reverse_minutes, km, geom)
SELECT 1, 1, 11, ST_Distance(a.geom, b.geom) / 1000, ST_Distance(a.geom, b.geom) / 1000, ST_Distance(a.geom, b.geom) / 1000, ST_MakeLine(a.geom, b.geom)
  FROM carestair.site a, carestair.site b WHERE a.site_id = 1 AND b.site_id = 11
UNION ALL
SELECT 2, 11, 2, ST_Distance(a.geom, b.geom) / 1000, -1, ST_Distance(a.geom, b.geom) / 1000, ST_MakeLine(a.geom, b.geom)
  FROM carestair.site a, carestair.site b WHERE a.site_id = 11 AND b.site_id = 2;
SELECT is((SELECT string_agg(method, ', ' ORDER BY method) FROM carestair.refresh_travel_times()),
          'fallback: straight line x 1.3 at 60 km/h (no road within 10000 m), road, road: unreachable', 'road edges replace the fallback; unreachable pairs reported');
-- The point nearest Bardu, to Finnsnes: off-road leg to edge 1 at 20 km/h + the rest of edge 1 + edge 2 (PostGIS).
SELECT is((SELECT round(t.minutes::numeric, 6) FROM carestair.travel_time t WHERE t.site_id = 2 AND t.point_id = (SELECT d.point_id FROM carestair.demand_point d, carestair.site b WHERE b.site_id = 1 ORDER BY d.geom <-> b.geom LIMIT 1)),
          (SELECT round((ST_Distance(d.geom, e1.geom) / 1000 / 20 * 60 + (1 - ST_LineLocatePoint(e1.geom, d.geom)) * e1.minutes + e2.minutes)::numeric, 6)
             FROM carestair.demand_point d, carestair.road_edge e1, carestair.road_edge e2, carestair.site b
            WHERE b.site_id = 1 AND e1.id = 1 AND e2.id = 2 AND d.point_id = (SELECT d2.point_id FROM carestair.demand_point d2 ORDER BY d2.geom <-> b.geom LIMIT 1)),
          'minutes = off-road leg at 20 km/h + the rest of edge 1 + edge 2');

SELECT * FROM finish();
ROLLBACK;
