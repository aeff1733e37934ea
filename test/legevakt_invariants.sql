-- Legevakt tables and functions: catalogue, and identities on the bundled Midt-Troms data.
BEGIN;
SELECT plan(14);

SELECT has_table('carestair', 'demand_point', 'demand_point');
SELECT has_table('carestair', 'site', 'site');
SELECT has_table('carestair', 'road_edge', 'road_edge');
SELECT has_table('carestair', 'travel_time', 'travel_time');
SELECT has_table('carestair', 'legevakt_parameter', 'legevakt_parameter');
SELECT col_type_is('carestair', 'demand_point', 'geom', 'geometry(Point,25833)', 'demand points are EPSG:25833');
SELECT col_type_is('carestair', 'road_edge', 'geom', 'geometry(LineString,25833)', 'road edges are EPSG:25833');
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

SELECT * FROM finish();
ROLLBACK;
