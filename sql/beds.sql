-- Erlang B and C against values computed independently with exact rational
-- arithmetic (B = (A^n/n!) / sum_k A^k/k!), and bed dimensioning.
\set SHOW_CONTEXT never
SELECT a, n, round(carestair.erlang_b(a, n)::numeric, 12) AS erlang_b, round(carestair.erlang_c(a, n)::numeric, 12) AS erlang_c FROM (VALUES (1.0, 1), (2.0, 3), (5.0, 10), (10.0, 10), (9.5, 15), (30.0, 40), (0.0, 3), (3.0, 0)) AS v(a, n) ORDER BY a, n;
SELECT a, p, carestair.erlang_b_servers(a, p) AS beds_refusal, carestair.erlang_c_servers(a, p) AS servers_wait FROM (VALUES (10.0, 0.05), (10.0, 0.01), (2.5, 0.05), (20.0, 0.05), (0.0, 0.05)) AS v(a, p) ORDER BY a, p;
-- Stability: a large load does not overflow (A^n / n! would).
SELECT round(carestair.erlang_b(5000, 5100)::numeric, 6) AS large, carestair.erlang_b_servers(5000, 0.01) AS beds;
-- Alta's sykestue: about 2.5 admissions a day staying 4 days on average.
SELECT * FROM carestair.beds_needed(2.5, 4, 0.05);
SELECT beds, round(refusal_probability::numeric, 4) AS refusal FROM carestair.beds_needed(2.5, 4, 0.01);
SELECT * FROM carestair.beds_needed(0, 4);
-- Bad input.
SELECT carestair.erlang_b(-1, 3);
SELECT carestair.erlang_b('NaN', 3);
SELECT carestair.erlang_b('Infinity', 3);
SELECT carestair.erlang_b(2, -1);
SELECT carestair.erlang_c(2, 2000000);
SELECT carestair.erlang_b_servers(10, 0);
SELECT carestair.erlang_b_servers(10, 1.5);
SELECT carestair.erlang_c_servers(10, 'NaN');
SELECT carestair.erlang_b_servers(1e9, 0.01);
SELECT * FROM carestair.beds_needed(-1, 4);
SELECT * FROM carestair.beds_needed(2, 'NaN');
SELECT * FROM carestair.beds_needed(2, 4, 0);
-- Beds per year when arrivals grow with the population 67+ (observed 2016-2026 stands in for a projection here).
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
SELECT year, persons_in_age, round(arrivals::numeric, 3) AS arrivals, round(offered_load::numeric, 2) AS load, beds, round(refusal_probability::numeric, 4) AS refusal FROM carestair.short_stay_beds('5601', 2016, 2.5, 4, $$SELECT region, year, age, persons FROM carestair.population WHERE year IN (2016, 2021, 2026)$$);
SELECT * FROM carestair.short_stay_beds('5601', 2000, 2.5, 4, $$SELECT region, year, age, persons FROM carestair.population$$);
SELECT * FROM carestair.short_stay_beds('5601', 2016, -2.5, 4, $$SELECT region, year, age, persons FROM carestair.population WHERE year = 2016$$);
SELECT * FROM carestair.short_stay_beds('5601', 2016, 2.5, 4, $$SELECT region, year, age, persons FROM carestair.population WHERE year = 2016$$, age_from => 200);
SELECT * FROM carestair.short_stay_beds('5601', 2016, 2.5, 4, NULL);
