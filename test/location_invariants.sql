-- Location models: catalogue, agreement with brute force on random instances,
-- result-shape invariants, and no crash on NULL or empty arguments.
BEGIN;
SELECT plan(33);

SELECT has_function('carestair', 'p_median', ARRAY['text', 'text', 'integer', 'bigint[]']);
SELECT has_function('carestair', 'max_coverage', ARRAY['text', 'text', 'integer', 'double precision', 'bigint[]']);
SELECT has_function('carestair', 'p_center', ARRAY['text', 'integer', 'bigint[]']);
SELECT has_function('carestair', 'fixed_charge', ARRAY['text', 'text', 'text', 'bigint[]']);
SELECT has_function('carestair', 'min_sites_for_coverage', ARRAY['text', 'text', 'double precision', 'double precision', 'bigint[]']);
SELECT volatility_is('carestair', 'p_median', ARRAY['text', 'text', 'integer', 'bigint[]'], 'stable');
SELECT volatility_is('carestair', 'max_coverage', ARRAY['text', 'text', 'integer', 'double precision', 'bigint[]'], 'stable');
SELECT volatility_is('carestair', 'p_center', ARRAY['text', 'integer', 'bigint[]'], 'stable');
SELECT is(array_agg(proparallel::text ORDER BY proname), ARRAY['r', 'r', 'r'], 'inner-query functions are parallel restricted')
  FROM pg_proc WHERE pronamespace = 'carestair'::regnamespace AND proname IN ('p_median', 'max_coverage', 'p_center');

-- A random sparse instance: 40 points, 9 sites, about 80 % of pairs present.
SELECT setseed(0.4242);
CREATE TEMP TABLE r_cost AS
SELECT pt::bigint AS point_id, st::bigint AS site_id, round((random() * 100)::numeric, 1)::float8 AS cost
  FROM generate_series(1, 40) pt, generate_series(101, 109) st WHERE random() < 0.8;
CREATE TEMP TABLE r_dem AS SELECT point_id, round((random() * 10)::numeric, 2)::float8 AS weight FROM (SELECT DISTINCT point_id FROM r_cost) p;
-- Every 3-set of sites with its p-median total, covered weight within 30, and worst cost.
CREATE TEMP TABLE r_sets AS
WITH sets AS (SELECT ARRAY[a.s, b.s, c.s] AS s
                FROM (SELECT DISTINCT site_id AS s FROM r_cost) a,
                     (SELECT DISTINCT site_id AS s FROM r_cost) b,
                     (SELECT DISTINCT site_id AS s FROM r_cost) c
               WHERE a.s < b.s AND b.s < c.s),
     best AS (SELECT sets.s, d.point_id, d.weight, min(r.cost) AS c
                FROM sets CROSS JOIN r_dem d LEFT JOIN r_cost r ON r.point_id = d.point_id AND r.site_id = ANY (sets.s)
               GROUP BY sets.s, d.point_id, d.weight)
SELECT s, CASE WHEN bool_and(c IS NOT NULL OR weight = 0) THEN sum(weight * c) END AS total,
       sum(weight) FILTER (WHERE c <= 30) AS covered,
       CASE WHEN bool_and(c IS NOT NULL) THEN max(c) END AS worst
  FROM best GROUP BY s;

SELECT is((SELECT round(max(objective)::numeric, 6) FROM carestair.p_median('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 3)),
          (SELECT round(min(total)::numeric, 6) FROM r_sets), 'p-median = brute-force minimum');
SELECT is((SELECT round(total::numeric, 6) FROM r_sets WHERE s = (SELECT array_agg(site_id ORDER BY site_id) FROM carestair.p_median('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 3))),
          (SELECT round(max(objective)::numeric, 6) FROM carestair.p_median('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 3)), 'the p-median objective is the total of the returned sites');
SELECT is((SELECT round(max(objective)::numeric, 6) FROM carestair.max_coverage('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 3, 30)),
          (SELECT round(max(covered)::numeric, 6) FROM r_sets), 'maximal coverage = brute-force maximum');
SELECT is((SELECT max(objective) FROM carestair.p_center('SELECT * FROM r_cost', 3)),
          (SELECT min(worst) FROM r_sets), 'p-center = brute-force minimum');
SELECT is((SELECT round(max(objective)::numeric, 6) FROM carestair.p_median('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 3, '{105}')),
          (SELECT round(min(total)::numeric, 6) FROM r_sets WHERE 105 = ANY (s)), 'p-median with a fixed site = brute force over the sets containing it');
SELECT is((SELECT max(objective) FROM carestair.p_center('SELECT * FROM r_cost', 3, '{101, 109}')),
          (SELECT min(worst) FROM r_sets WHERE s @> '{101, 109}'), 'p-center with fixed sites = brute force over the sets containing them');

-- Fixed charge: brute force over every non-empty set of the 9 sites (fixed cost 40 + 5 x (site - 100)).
CREATE TEMP TABLE r_fc AS
WITH sets AS (SELECT array_agg(s::bigint ORDER BY s) AS s
                FROM generate_series(1, 511) AS mask, generate_series(101, 109) AS s
               WHERE mask & (1 << (s - 101)) <> 0 GROUP BY mask),
     best AS (SELECT sets.s, d.point_id, d.weight, min(r.cost) AS c
                FROM sets CROSS JOIN r_dem d LEFT JOIN r_cost r ON r.point_id = d.point_id AND r.site_id = ANY (sets.s)
               GROUP BY sets.s, d.point_id, d.weight)
SELECT b.s, CASE WHEN bool_and(b.c IS NOT NULL OR b.weight = 0) THEN sum(b.weight * b.c) END
            + (SELECT sum(40 + 5 * (x - 100)) FROM unnest(b.s) x) AS total
  FROM best b GROUP BY b.s;
SELECT is((SELECT round(max(objective)::numeric, 6) FROM carestair.fixed_charge('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 'SELECT DISTINCT site_id, 40 + 5 * (site_id - 100) FROM r_cost')),
          (SELECT round(min(total)::numeric, 6) FROM r_fc), 'fixed charge = brute-force minimum over all sets');
SELECT is((SELECT array_agg(site_id ORDER BY site_id) FROM carestair.fixed_charge('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 'SELECT DISTINCT site_id, 40 + 5 * (site_id - 100) FROM r_cost')),
          (SELECT s FROM r_fc ORDER BY total, s LIMIT 1), 'fixed charge opens the brute-force best set');
SELECT is((SELECT round(max(objective)::numeric, 6) FROM carestair.fixed_charge('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 'SELECT DISTINCT site_id, 40 + 5 * (site_id - 100) FROM r_cost', '{109}')),
          (SELECT round(min(total)::numeric, 6) FROM r_fc WHERE 109 = ANY (s)), 'fixed charge with a fixed site');

-- Shape: p rows, distinct sites, one objective, fixed sites included.
SELECT is((SELECT count(DISTINCT site_id) FROM carestair.p_median('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 5, '{102}')), 5::bigint, 'p-median returns p distinct sites');
SELECT is((SELECT count(DISTINCT objective) FROM carestair.p_median('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 5, '{102}')), 1::bigint, 'one objective on every row');
SELECT ok((SELECT bool_or(site_id = 102) FROM carestair.p_median('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 5, '{102}')), 'the fixed site is open');
SELECT is((SELECT count(DISTINCT site_id) FROM carestair.max_coverage('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 4, 10, '{103}')), 4::bigint, 'max_coverage returns p distinct sites');
SELECT is((SELECT count(DISTINCT site_id) FROM carestair.p_center('SELECT * FROM r_cost', 6)), 6::bigint, 'p_center pads to p sites');
-- Monotone in p: one more site never makes the optimum worse.
SELECT ok((SELECT max(objective) FROM carestair.p_median('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 4))
       <= (SELECT max(objective) FROM carestair.p_median('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 3)), 'p-median improves with p');
SELECT ok((SELECT max(objective) FROM carestair.max_coverage('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 4, 30))
       >= (SELECT max(objective) FROM carestair.max_coverage('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 3, 30)), 'coverage grows with p');
-- Integer and numeric columns are accepted as well as bigint / float8.
SELECT is((SELECT max(objective) FROM carestair.p_median('SELECT point_id::int, site_id::smallint, cost::numeric FROM r_cost', 'SELECT point_id::int, weight::real FROM r_dem', 3)) IS NOT NULL, true, 'integer and numeric columns are read');

-- No crash on NULL or empty arguments.
SELECT throws_ok($$SELECT * FROM carestair.p_median('SELECT * FROM r_cost', NULL, 3)$$, '22004', NULL, 'NULL demand_sql');
SELECT throws_ok($$SELECT * FROM carestair.p_median('SELECT * FROM r_cost', 'SELECT * FROM r_dem', NULL)$$, '22004', NULL, 'NULL p');
SELECT throws_ok($$SELECT * FROM carestair.max_coverage(NULL, 'SELECT * FROM r_dem', 1, 1)$$, '22004', NULL, 'NULL matrix_sql');
SELECT throws_ok($$SELECT * FROM carestair.max_coverage('SELECT * FROM r_cost', 'SELECT * FROM r_dem', 1, 1, NULL)$$, '22004', NULL, 'NULL fixed_sites');
SELECT throws_ok($$SELECT * FROM carestair.p_center('SELECT * FROM r_cost', NULL)$$, '22004', NULL, 'NULL p for p_center');
SELECT throws_ok($$SELECT * FROM carestair.p_center('', 1)$$, '22023', NULL, 'empty matrix_sql');
SELECT throws_ok($$SELECT * FROM carestair.p_median('SELECT * FROM r_cost', 'SELECT point_id, weight FROM r_dem WHERE false', 1)$$, '22000', NULL, 'empty demand');

SELECT * FROM finish();
ROLLBACK;
