-- Travel times: catalogue, and identities that must hold on any graph.
BEGIN;
SELECT plan(10);

SELECT has_function('carestair', 'network_costs', ARRAY['text', 'text', 'text', 'boolean', 'boolean']);
SELECT has_function('carestair', 'travel_time_matrix', ARRAY['text', 'text', 'text', 'double precision', 'double precision', 'double precision', 'double precision']);
SELECT volatility_is('carestair', 'network_costs', ARRAY['text', 'text', 'text', 'boolean', 'boolean'], 'stable');
SELECT is(array_agg(proparallel::text ORDER BY proname), ARRAY['r', 'r'], 'both run caller queries: parallel restricted')
  FROM pg_proc WHERE pronamespace = 'carestair'::regnamespace AND proname IN ('network_costs', 'travel_time_matrix');

-- A random directed 8 x 8 grid, some directions closed.
SELECT setseed(0.31);
CREATE TEMP TABLE g AS
SELECT row_number() OVER () AS id, a, b,
       CASE WHEN random() < 0.15 THEN -1 ELSE round((random() * 5)::numeric, 2)::float8 END AS cost,
       CASE WHEN random() < 0.15 THEN -1 ELSE round((random() * 5)::numeric, 2)::float8 END AS reverse_cost
  FROM (SELECT x * 8 + y AS a, x * 8 + y + 1 AS b FROM generate_series(0, 7) x, generate_series(0, 6) y
        UNION ALL SELECT x * 8 + y, (x + 1) * 8 + y FROM generate_series(0, 6) x, generate_series(0, 7) y) e;
CREATE TEMP TABLE m AS SELECT * FROM carestair.network_costs('SELECT id, a, b, cost, reverse_cost FROM g', 'SELECT v, v FROM generate_series(0, 63) v', 'SELECT v, v FROM generate_series(0, 63) v');

SELECT is((SELECT count(*) FROM m), 4096::bigint, 'every pair is reported, reachable or not');
SELECT is((SELECT count(*) FROM m WHERE point_id = site_id AND cost <> 0), 0::bigint, 'zero cost to itself');
SELECT is((SELECT count(*) FROM m a JOIN m b ON b.point_id = a.site_id JOIN m c ON c.point_id = a.point_id AND c.site_id = b.site_id
            WHERE c.cost > a.cost + b.cost + 1e-9 OR (c.cost IS NULL AND a.cost IS NOT NULL AND b.cost IS NOT NULL)), 0::bigint,
          'triangle inequality: cost(i,k) <= cost(i,j) + cost(j,k)');
SELECT is((SELECT count(*) FROM m JOIN carestair.network_costs('SELECT id, a, b, cost, reverse_cost FROM g', 'SELECT v, v FROM generate_series(0, 63) v', 'SELECT v, v FROM generate_series(0, 63) v', true, false) f
             ON f.point_id = m.site_id AND f.site_id = m.point_id WHERE (f.cost IS NULL) <> (m.cost IS NULL) OR abs(f.cost - m.cost) > 1e-9), 0::bigint,
          'to_site => false is the transpose of to_site => true (up to rounding)');
SELECT is((SELECT count(*) FROM carestair.network_costs('SELECT id, a, b, cost, reverse_cost FROM g', 'SELECT v, v FROM generate_series(0, 63) v', 'SELECT v, v FROM generate_series(0, 63) v', false) a
             JOIN carestair.network_costs('SELECT id, a, b, cost, reverse_cost FROM g', 'SELECT v, v FROM generate_series(0, 63) v', 'SELECT v, v FROM generate_series(0, 63) v', false) b
             ON b.point_id = a.site_id AND b.site_id = a.point_id WHERE (a.cost IS NULL) <> (b.cost IS NULL) OR abs(a.cost - b.cost) > 1e-9), 0::bigint,
          'undirected costs are symmetric (up to rounding)');
SELECT throws_ok($$SELECT * FROM carestair.network_costs('SELECT id, a, b, cost, reverse_cost FROM g', 'SELECT v, v FROM generate_series(0, 3) v', NULL)$$, '22004', NULL, 'NULL sites_sql');

SELECT * FROM finish();
ROLLBACK;
