-- Exact decompositions: carestair.lmdi_additive, lmdi_multiplicative, shapley_decompose.
-- r(a, d): the effects rounded to d decimals, for stable output.
CREATE FUNCTION pg_temp.r(a float8[], d integer) RETURNS numeric[] LANGUAGE sql IMMUTABLE AS $$ SELECT array_agg(round(e::numeric, d) ORDER BY i) FROM unnest(a) WITH ORDINALITY AS u(e, i) $$;
-- LMDIR test data (MatthewHeun/LMDIR tests/testthat/test_lmdi.R): two subcategories, three factors, 1971-1974.
CREATE TEMP TABLE lmdir (year integer, subcat integer, x float8[]);
INSERT INTO lmdir VALUES (1971, 1, '{1,10,2}'), (1971, 2, '{4,5,3}'), (1972, 1, '{4,5,3}'), (1972, 2, '{5,6,4}'), (1973, 1, '{8,2,4}'), (1973, 2, '{5,7,5}'), (1974, 1, '{10,1,5}'), (1974, 2, '{6,8,6}');
-- Additive: LMDIR prints dV = (69.79006598, -9.455125793, 39.66505981), (42.96021467, -34.31902656, 50.3588119), (54.01064234, -9.021284671, 54.01064234).
SELECT b.year, pg_temp.r(carestair.lmdi_additive(a.x, b.x), 8) AS effects FROM lmdir AS a JOIN lmdir AS b ON b.year = a.year + 1 AND b.subcat = a.subcat GROUP BY b.year ORDER BY b.year;
-- Multiplicative: LMDIR prints D = (1.761117821, 0.926191306, 1.379410116), (1.229284572, 0.847970248, 1.273773912), (1.208140223, 0.968911503, 1.208140223); D_agg 2.25, 1.327777778, 1.414225941.
SELECT b.year, pg_temp.r(carestair.lmdi_multiplicative(a.x, b.x), 9) AS ratios, round((sum(b.x[1] * b.x[2] * b.x[3]) / sum(a.x[1] * a.x[2] * a.x[3]))::numeric, 9) AS d_agg FROM lmdir AS a JOIN lmdir AS b ON b.year = a.year + 1 AND b.subcat = a.subcat GROUP BY b.year ORDER BY b.year;
-- LMDIR zero cases (Ang, Zhang & Choi 1998, Table 2): X_0[1,1] = 0 gives cell 1 effects (60, 0, 0); X_T[2,3] = 0 gives cell 2 effects (0, 0, -60).
SELECT pg_temp.r(carestair.lmdi_additive(x0, x1), 8) FROM (VALUES ('{0,10,2}'::float8[], '{4,5,3}'::float8[]), ('{4,5,3}', '{5,6,4}')) AS v(x0, x1);
SELECT pg_temp.r(carestair.lmdi_additive(x0, x1), 8) FROM (VALUES ('{1,10,2}'::float8[], '{4,5,3}'::float8[]), ('{4,5,3}', '{5,6,0}')) AS v(x0, x1);
-- The single cells: case 1 (60, 0, 0), case 2 (0, 0, -60), both zero (0, 0, 0), two zero factors share the value equally.
SELECT carestair.lmdi_additive('{0,10,2}', '{4,5,3}') AS case1, carestair.lmdi_additive('{4,5,3}', '{5,6,0}') AS case2, carestair.lmdi_additive('{0,5,3}', '{5,0,4}') AS both_zero, carestair.lmdi_additive('{0,0,3}', '{5,6,2}') AS two_zero_factors;
-- Multiplicative with a zero cell: the product of the ratios is still the ratio of the totals (80 / 60 = 1.333...).
SELECT pg_temp.r(carestair.lmdi_multiplicative(x0, x1), 9) AS ratios FROM (VALUES ('{0,10,2}'::float8[], '{4,5,3}'::float8[]), ('{4,5,3}', '{1,1,20}')) AS v(x0, x1);
-- Das Gupta (1993), as reproduced in DasGuptR's README.  Example 2.1, two factors (mean earnings, black vs white men, US 1980): 4369.913, 1487.262.
SELECT pg_temp.r(carestair.shapley_decompose('{10930,0.717892}', '{16591,0.825974}'), 3) AS effects;
-- Example 2.2, three factors (birth rate, Austria vs Chile 1981): 10.4340333, 10.5608476, -0.6670084.
SELECT pg_temp.r(carestair.shapley_decompose('{51.78746,0.45919,0.52638}', '{84.90502,0.75756,0.51065}'), 7) AS effects;
-- Example 2.3, four factors (US 1971 vs 1979): 0.6889411, 0.8125381, 1.3829055, 0.1047547.
SELECT pg_temp.r(carestair.shapley_decompose('{25.3,0.214,0.279,0.949}', '{32.7,0.290,0.473,0.986}'), 7) AS effects;
-- Example 2.4, five factors (total fertility, South Korea 1960 vs 1970): 1.0909785, 1.2298438, 0.7278399, -0.8398707, -0.1290187.
SELECT pg_temp.r(carestair.shapley_decompose('{0.58,0.76,0.84,0.66,16.573}', '{0.72,0.97,0.97,0.56,16.158}'), 7) AS effects;
-- Example 4.3, three vector factors over 7 age groups (birth rate, Taiwan 1960 vs 1970): -7.285632, -2.720633, -1.565181; crude gap -11.571446.
CREATE TEMP TABLE taiwan (year integer, agegroup integer, bm float8, mw float8, wp float8);
INSERT INTO taiwan SELECT 1970, g, bm, mw, wp FROM unnest('{488,452,338,156,63,22,3}'::float8[], '{.082,.527,.866,.941,.942,.923,.876}'::float8[], '{.058,.038,.032,.030,.026,.023,.019}'::float8[]) WITH ORDINALITY AS u(bm, mw, wp, g);
INSERT INTO taiwan SELECT 1960, g, bm, mw, wp FROM unnest('{393,407,369,274,184,90,16}'::float8[], '{.122,.622,.903,.930,.916,.873,.800}'::float8[], '{.043,.041,.036,.032,.026,.020,.018}'::float8[]) WITH ORDINALITY AS u(bm, mw, wp, g);
SELECT pg_temp.r(carestair.shapley_decompose(ARRAY[a.bm, a.mw, a.wp], ARRAY[b.bm, b.mw, b.wp]), 6) AS effects, round(sum(b.bm * b.mw * b.wp - a.bm * a.mw * a.wp)::numeric, 6) AS gap FROM taiwan AS a JOIN taiwan AS b USING (agegroup) WHERE a.year = 1960 AND b.year = 1970;
-- Example 5.1, Kitagawa's age-structure decomposition (two factors per age group, 13 groups, 1970 vs 1985): age structure 1.2269, rates 1.7403, gap 2.9672.
CREATE TEMP TABLE kitagawa (year integer, agegroup integer, share float8, rate float8);
INSERT INTO kitagawa SELECT 1970, g, s / 100, r FROM unnest('{12.9,10.9,9.5,8.0,7.8,8.4,8.6,7.8,7.0,5.9,4.7,3.6,4.9}'::float8[], '{1.9,25.8,45.7,49.6,51.2,51.6,51.8,54.9,58.7,60.4,62.8,66.6,66.8}'::float8[]) WITH ORDINALITY AS u(s, r, g);
INSERT INTO kitagawa SELECT 1985, g, s / 100, r FROM unnest('{10.1,11.2,11.6,10.9,9.4,7.7,6.3,6.0,6.3,5.9,5.1,4.0,5.5}'::float8[], '{2.2,24.3,45.8,52.5,56.1,55.6,56.0,57.4,57.2,61.2,63.9,68.6,72.2}'::float8[]) WITH ORDINALITY AS u(s, r, g);
SELECT pg_temp.r(carestair.shapley_decompose(ARRAY[a.share, a.rate], ARRAY[b.share, b.rate]), 4) AS effects, round(sum(b.share * b.rate - a.share * a.rate)::numeric, 4) AS gap FROM kitagawa AS a JOIN kitagawa AS b USING (agegroup) WHERE a.year = 1970 AND b.year = 1985;
-- Kitagawa by hand: composition effect sum((c1 - c0) (r0 + r1) / 2), rate effect sum((r1 - r0) (c0 + c1) / 2).
SELECT round(sum((b.share - a.share) * (a.rate + b.rate) / 2)::numeric, 10) = round(((carestair.shapley_decompose(ARRAY[a.share, a.rate], ARRAY[b.share, b.rate]))[1])::numeric, 10) AS composition_matches, round(sum((b.rate - a.rate) * (a.share + b.share) / 2)::numeric, 10) = round(((carestair.shapley_decompose(ARRAY[a.share, a.rate], ARRAY[b.share, b.rate]))[2])::numeric, 10) AS rate_matches FROM kitagawa AS a JOIN kitagawa AS b USING (agegroup) WHERE a.year = 1970 AND b.year = 1985;
-- Shapley works for any sign (net flows); LMDI does not.
SELECT carestair.shapley_decompose('{-2,3}', '{4,-1}') AS effects, (-1 * 4) - (-2 * 3) AS gap;
-- One factor: the effect is the gap.  No rows: NULL.
SELECT carestair.lmdi_additive('{2}', '{5}'), carestair.lmdi_multiplicative('{2}', '{5}'), carestair.shapley_decompose('{2}', '{5}');
SELECT carestair.lmdi_additive(x, x) IS NULL AS no_rows FROM lmdir WHERE false;
-- Forced parallel plan: partial aggregates in workers, combined in the leader.
CREATE TABLE decomp_cells AS SELECT i, ARRAY[1 + abs(sin(i)), 2 + cos(i), 0.5 + (i % 7)]::float8[] AS x0, ARRAY[1 + abs(cos(i)), 2 + sin(i), 0.5 + (i % 5)]::float8[] AS x1 FROM generate_series(1, 20000) AS i;
ANALYZE decomp_cells;
CREATE TEMP TABLE serial_result AS SELECT carestair.lmdi_additive(x0, x1) AS a, carestair.lmdi_multiplicative(x0, x1) AS m, carestair.shapley_decompose(x0, x1) AS s FROM decomp_cells;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT carestair.lmdi_additive(x0, x1), carestair.lmdi_multiplicative(x0, x1), carestair.shapley_decompose(x0, x1) FROM decomp_cells;
SELECT pg_temp.r(p.a, 6) = pg_temp.r(s.a, 6) AS additive_same, pg_temp.r(p.m, 9) = pg_temp.r(s.m, 9) AS multiplicative_same, pg_temp.r(p.s, 6) = pg_temp.r(s.s, 6) AS shapley_same FROM (SELECT carestair.lmdi_additive(x0, x1) AS a, carestair.lmdi_multiplicative(x0, x1) AS m, carestair.shapley_decompose(x0, x1) AS s FROM decomp_cells) AS p, serial_result AS s;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;
-- Partial aggregation without workers (partition-wise): the combine step also checks that the factor counts agree.
CREATE TABLE decomp_parts (part integer, x0 float8[], x1 float8[]) PARTITION BY LIST (part);
CREATE TABLE decomp_parts_1 PARTITION OF decomp_parts FOR VALUES IN (1);
CREATE TABLE decomp_parts_2 PARTITION OF decomp_parts FOR VALUES IN (2);
INSERT INTO decomp_parts VALUES (1, '{1,2}', '{2,2}'), (1, '{3,1}', '{3,2}'), (2, '{1,1}', '{1,5}');
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF) SELECT carestair.lmdi_additive(x0, x1) FROM decomp_parts;
SELECT carestair.lmdi_additive(x0, x1), carestair.shapley_decompose(x0, x1) FROM decomp_parts;
INSERT INTO decomp_parts VALUES (2, '{1,1,1}', '{1,5,1}');
DELETE FROM decomp_parts WHERE part = 2 AND cardinality(x0) = 2;
SELECT carestair.lmdi_additive(x0, x1) FROM decomp_parts;
RESET enable_partitionwise_aggregate;
DROP TABLE decomp_parts, decomp_cells;
-- Bad input: each is an error naming the cell and argument.
SELECT carestair.lmdi_additive(x0, x1) FROM (VALUES (NULL::float8[], '{1}'::float8[])) AS v(x0, x1);
SELECT carestair.shapley_decompose(x0, x1) FROM (VALUES ('{1}'::float8[], '{1}'::float8[]), ('{1}', NULL)) AS v(x0, x1);
SELECT carestair.lmdi_additive('{}', '{1}');
SELECT carestair.lmdi_additive('{1}', '{}');
SELECT carestair.shapley_decompose('{{1,2},{3,4}}', '{{1,2},{3,4}}');
SELECT carestair.lmdi_additive('{1,2}', '{1,2,3}');
SELECT carestair.lmdi_multiplicative(x0, x1) FROM (VALUES ('{1,2}'::float8[], '{1,2}'::float8[]), ('{1,2,3}', '{1,2,3}')) AS v(x0, x1);
SELECT carestair.lmdi_additive('{1,NULL}', '{1,2}');
SELECT carestair.shapley_decompose('{1,2}', '{NaN,2}');
SELECT carestair.lmdi_additive('{1,Infinity}', '{1,2}');
SELECT carestair.shapley_decompose('{1,-Infinity}', '{1,2}');
SELECT carestair.lmdi_additive(x0, x1) FROM (VALUES ('{1,2}'::float8[], '{1,2}'::float8[]), ('{4,-3}', '{4,3}')) AS v(x0, x1);
SELECT carestair.lmdi_multiplicative('{4,3}', '{4,-0.5}');
SELECT carestair.shapley_decompose(array_fill(1.0::float8, ARRAY[33]), array_fill(2.0::float8, ARRAY[33]));
SELECT carestair.lmdi_additive('{1e200,1e200}', '{1,1}');
SELECT carestair.shapley_decompose('{1.5e308,1}', '{-1.5e308,1}');
SELECT carestair.lmdi_multiplicative('{0,1}', '{1,1}');
SELECT carestair.lmdi_multiplicative('{1,1}', '{1,0}');
-- The maximum number of Shapley factors works, and matches LMDI on a single cell with equal factor changes.
SELECT round(sum(e)::numeric, 9) AS gap32, round((1.02::float8 ^ 32 - 1)::numeric, 9) AS expected FROM (SELECT carestair.shapley_decompose(array_fill(1.0::float8, ARRAY[32]), array_fill(1.02::float8, ARRAY[32])) AS s) AS q, unnest(q.s) AS e;
-- A long cell is elided in the error detail.
SELECT carestair.lmdi_additive(array_fill(1.0::float8, ARRAY[20]) || '{-1}'::float8[], array_fill(1.0::float8, ARRAY[21]));
