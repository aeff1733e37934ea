-- Best sites: carestair.p_median, carestair.max_coverage, carestair.p_center.
\set SHOW_CONTEXT never
\set ECHO none
\o /dev/null
\i data/location/load.sql
\o
\set ECHO all
-- spopt's San Francisco instance: the known p-median optima for p = 1..6 (exact enumeration).
SELECT p, array_agg(site_id ORDER BY site_id) AS sites, round(max(objective)::numeric, 3) AS total_weighted_metres, min(method) AS method FROM generate_series(1, 6) AS p, carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', p) GROUP BY p ORDER BY p;
SELECT site_id, round(objective::numeric, 3) AS objective, method FROM carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 4) ORDER BY site_id;
-- The optimum for p = 2 equals a brute-force minimum over all pairs computed in SQL.
SELECT round(min(total)::numeric, 3) AS brute_force_p2 FROM (SELECT a.site_id AS s1, b.site_id AS s2, sum(d.demand * least(a.cost, b.cost)) AS total FROM sf_matrix a JOIN sf_matrix b ON b.point_id = a.point_id AND b.site_id > a.site_id JOIN (SELECT DISTINCT point_id, demand FROM sf_matrix) d ON d.point_id = a.point_id GROUP BY 1, 2) t;
-- Fixed sites stay open; the rest are chosen around them.
SELECT site_id, round(objective::numeric, 3) AS objective, method FROM carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 4, '{1, 16}') ORDER BY site_id;
-- Maximal coverage within 5,000 m, p = 4: 875,247 persons in 184 of 205 tracts.
SELECT site_id, objective, method FROM carestair.max_coverage('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 4, 5000) ORDER BY site_id;
SELECT count(DISTINCT point_id) AS covered_tracts FROM sf_matrix WHERE cost <= 5000 AND site_id IN (SELECT site_id FROM carestair.max_coverage('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 4, 5000));
-- p-center on the same matrix (metres to the farthest tract).
SELECT site_id, round(objective::numeric, 3) AS objective, method FROM carestair.p_center('SELECT point_id, site_id, cost FROM sf_matrix', 4) ORDER BY site_id;
-- OR-Library pmed1 (optimum 5819) and pmed5 (optimum 1355) by the heuristic; pmed1 p-center (optimum 127) exactly.
SELECT array_agg(site_id ORDER BY site_id) AS sites, max(objective) AS objective, min(method) AS method FROM carestair.p_median($$SELECT i, j, c FROM pm_dist WHERE inst = 'pmed1'$$, $$SELECT i, 1 FROM pm_dist WHERE inst = 'pmed1' AND i = j$$, 5);
SELECT count(*) AS sites, max(objective) AS objective, min(method) AS method FROM carestair.p_median($$SELECT i, j, c FROM pm_dist WHERE inst = 'pmed5'$$, $$SELECT i, 1 FROM pm_dist WHERE inst = 'pmed5' AND i = j$$, 33);
SELECT array_agg(site_id ORDER BY site_id) AS sites, max(objective) AS objective, min(method) AS method FROM carestair.p_center($$SELECT i, j, c FROM pm_dist WHERE inst = 'pmed1'$$, 5);
-- pmed5 p-center with p = 33, proved by the set-cover search (no published value bundled to compare with).
SELECT count(*) AS sites, max(objective) AS objective, min(method) AS method FROM carestair.p_center($$SELECT i, j, c FROM pm_dist WHERE inst = 'pmed5'$$, 33);
-- Edge cases: p equal to the number of sites; zero weights; a sparse matrix.
SELECT site_id, objective, method FROM carestair.p_median('VALUES (1, 10, 1.0), (1, 20, 2.0), (2, 10, 3.0), (2, 20, 1.0)', 'VALUES (1, 1.0), (2, 0.0)', 2) ORDER BY site_id;
SELECT site_id, objective, method FROM carestair.p_median('VALUES (1, 10, 1.0), (1, 20, 2.0), (2, 10, 3.0), (2, 20, 1.0)', 'VALUES (1, 1.0), (2, 0.0)', 1) ORDER BY site_id;
SELECT site_id, objective, method FROM carestair.p_median('VALUES (1, 10, 5.0), (2, 10, 4.0), (2, 20, 1.0), (3, 20, 2.0)', 'VALUES (1, 1.0), (2, 1.0), (3, 1.0)', 2) ORDER BY site_id;
SELECT site_id, objective, method FROM carestair.max_coverage('VALUES (1, 10, 5.0), (2, 10, 4.0), (2, 20, 1.0), (3, 20, 2.0), (4, 30, 9.0)', 'VALUES (1, 1.0), (2, 1.0), (3, 1.0), (4, 5.0)', 1, 4.0) ORDER BY site_id;
SELECT site_id, objective, method FROM carestair.p_center('VALUES (1, 10, 5.0), (1, 20, 6.0), (2, 10, 4.0), (2, 20, 1.0), (3, 10, 7.0), (3, 20, 2.0)', 1) ORDER BY site_id;
-- Fixed charge: with the same fixed cost F for every site the optimum is min over p of (p-median(p) + p F).
SELECT site_id, round(objective::numeric, 3) AS objective, method FROM carestair.fixed_charge('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 'SELECT DISTINCT site_id, 2e8::float8 FROM sf_matrix') ORDER BY site_id;
SELECT p, round((max(objective) + p * 2e8)::numeric, 3) AS p_median_plus_fixed FROM generate_series(1, 16) AS p, carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', p) GROUP BY p ORDER BY 2 LIMIT 1;
SELECT site_id, round(objective::numeric, 3) AS objective, method FROM carestair.fixed_charge('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 'SELECT DISTINCT site_id, CASE WHEN site_id = 13 THEN 0 ELSE 2e8 END::float8 FROM sf_matrix', '{1}') ORDER BY site_id;
-- Too many sites to enumerate every set (pmed1, 100 sites): the add/drop/swap heuristic, fixed cost 300 per site.
SELECT count(*) AS sites, max(objective) AS objective, min(method) AS method FROM carestair.fixed_charge($$SELECT i, j, c FROM pm_dist WHERE inst = 'pmed1'$$, $$SELECT i, 1 FROM pm_dist WHERE inst = 'pmed1' AND i = j$$, $$SELECT i, 300 FROM pm_dist WHERE inst = 'pmed1' AND i = j$$);
-- The fewest sites covering a target share within a radius: 80 % of SF's population within 3,000 m.
SELECT site_id, round(covered_share::numeric, 4) AS covered_share, method FROM carestair.min_sites_for_coverage('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 3000, 0.8) ORDER BY site_id;
SELECT p, round((max(objective) / 955113)::numeric, 4) AS best_share FROM generate_series(8, 9) AS p, carestair.max_coverage('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', p, 3000) GROUP BY p ORDER BY p;
-- Bad input.
SELECT * FROM carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 0);
SELECT * FROM carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 17);
SELECT * FROM carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 1, '{1, 2}');
SELECT * FROM carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 2, '{99}');
SELECT * FROM carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 2, '{3, 3}');
SELECT * FROM carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 2, '{3, NULL}');
SELECT * FROM carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 2, '{{1}, {2}}');
SELECT * FROM carestair.p_median('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 2, NULL);
SELECT * FROM carestair.p_median(NULL, 'SELECT 1, 1.0', 1);
SELECT * FROM carestair.p_median('VALUES (1, 10, -1.0)', 'VALUES (1, 1.0)', 1);
SELECT * FROM carestair.p_median($$VALUES (1, 10, 'NaN'::float8)$$, 'VALUES (1, 1.0)', 1);
SELECT * FROM carestair.p_median($$VALUES (1, 10, 'Infinity'::float8)$$, 'VALUES (1, 1.0)', 1);
SELECT * FROM carestair.p_median('VALUES (1, 10, 1.0), (1, 10, 2.0)', 'VALUES (1, 1.0)', 1);
SELECT * FROM carestair.p_median('VALUES (1, 10, 1.0)', 'VALUES (1, 1.0), (1, 2.0)', 1);
SELECT * FROM carestair.p_median('VALUES (1, 10, 1.0)', 'VALUES (1, 1.0), (2, 2.0)', 1);
SELECT * FROM carestair.p_median('VALUES (1, 10, 1.0), (2, 10, 1.0)', 'VALUES (1, 1.0)', 1);
SELECT * FROM carestair.p_median('VALUES (1, 10, 1.0)', $$VALUES (1, 'NaN'::float8)$$, 1);
SELECT * FROM carestair.p_median('VALUES (1, 10, 1.0)', 'VALUES (1, -2.0)', 1);
SELECT * FROM carestair.p_median('SELECT 1, 2, 3.0 WHERE false', 'VALUES (1, 1.0)', 1);
SELECT * FROM carestair.p_median('SELECT 1, 2', 'VALUES (1, 1.0)', 1);
SELECT * FROM carestair.p_median($$SELECT 1, 'x', 3.0$$, 'VALUES (1, 1.0)', 1);
SELECT * FROM carestair.p_median('SELECT 1, 2, NULL::float8', 'VALUES (1, 1.0)', 1);
SELECT * FROM carestair.p_median('CREATE TEMP TABLE nope (a int)', 'VALUES (1, 1.0)', 1);
SELECT * FROM carestair.p_median('SELECT * FROM no_such_table', 'VALUES (1, 1.0)', 1);
-- Infeasible: point 1 only reaches site 10, point 2 only site 20, but p = 1.
SELECT * FROM carestair.p_median('VALUES (1, 10, 1.0), (2, 20, 1.0)', 'VALUES (1, 1.0), (2, 1.0)', 1);
SELECT * FROM carestair.p_center('VALUES (1, 10, 1.0), (2, 20, 1.0)', 1);
-- Too large to enumerate: 200 points each served only by its own site, p = 100; the heuristic says what it knows.
SELECT * FROM carestair.p_median('SELECT g, g, 1.0 FROM generate_series(1, 200) g', 'SELECT g, 1.0 FROM generate_series(1, 200) g', 100);
-- Maximal coverage by the heuristic on pmed5 (too large to enumerate), radius 20.
SELECT count(*) AS sites, max(objective) AS covered, min(method) AS method FROM carestair.max_coverage($$SELECT i, j, c FROM pm_dist WHERE inst = 'pmed5'$$, $$SELECT i, 1 FROM pm_dist WHERE inst = 'pmed5' AND i = j$$, 10, 20);
-- The same demand is fine for maximal coverage, which leaves point 2 uncovered.
SELECT site_id, objective, method FROM carestair.max_coverage('VALUES (1, 10, 1.0), (2, 20, 1.0)', 'VALUES (1, 2.0), (2, 1.0)', 1, 5.0);
SELECT * FROM carestair.max_coverage('VALUES (1, 10, 1.0)', 'VALUES (1, 1.0)', 1, -1);
SELECT * FROM carestair.max_coverage('VALUES (1, 10, 1.0)', 'VALUES (1, 1.0)', 1, 'NaN');
SELECT * FROM carestair.max_coverage('VALUES (1, 10, 1.0)', 'VALUES (1, 1.0)', 1, NULL);
SELECT * FROM carestair.p_center('VALUES (1, 10, 1.0)', -3);
SELECT * FROM carestair.fixed_charge('VALUES (1, 10, 1.0), (1, 20, 2.0)', 'VALUES (1, 1.0)', 'VALUES (10, 5.0)');
SELECT * FROM carestair.fixed_charge('VALUES (1, 10, 1.0)', 'VALUES (1, 1.0)', 'VALUES (10, 5.0), (30, 1.0)');
SELECT * FROM carestair.fixed_charge('VALUES (1, 10, 1.0)', 'VALUES (1, 1.0)', 'VALUES (10, 5.0), (10, 1.0)');
SELECT * FROM carestair.fixed_charge('VALUES (1, 10, 1.0)', 'VALUES (1, 1.0)', 'VALUES (10, -5.0)');
SELECT * FROM carestair.fixed_charge('VALUES (1, 10, 1.0)', 'VALUES (1, 1.0)', NULL);
SELECT * FROM carestair.min_sites_for_coverage('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 500, 0.9);
SELECT * FROM carestair.min_sites_for_coverage('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, demand FROM sf_matrix', 3000, 1.5);
SELECT * FROM carestair.min_sites_for_coverage('SELECT point_id, site_id, cost FROM sf_matrix', 'SELECT DISTINCT point_id, 0.0 FROM sf_matrix', 3000, 0.5);
SELECT * FROM carestair.min_sites_for_coverage('SELECT point_id, site_id, cost FROM sf_matrix', NULL, 3000, 0.5);
