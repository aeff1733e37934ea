-- Every-kommune back-test: the bundled all-kommune data, the interval
-- estimators, the migration rule and the back-test (doc/projection_backtest_all.md).
-- Run from the repository root (make test does): paths are relative to it.
-- Everything, the data load included, is rolled back at the end.
\set QUIET on
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
BEGIN;
\o /dev/null
\i data/load_all_kommuner.sql
\o
SELECT plan(23);

INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year)
VALUES ('bta', 'test: HMD 2015-2019 held constant', 2020, 2026);
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q, source)
SELECT 'bta', '0000', 2015, sex, age, q, 'test' FROM carestair.mortality_from_hmd(:'mx', 2015, 2019);

-- The data: 357 kommuner in each year; their sum is the national file
-- (bundled separately) within 23 persons (2015, 2020) and exactly later; the
-- Målselv totals of SOURCE.md.
SELECT is((SELECT count(DISTINCT (p.region, p.year)) FROM carestair.population AS p
            WHERE p.year IN (2015, 2020, 2025, 2026) AND p.region <> '0000'), 4 * 357::bigint,
          '357 kommuner on 1 January 2015, 2020, 2025 and 2026');
SELECT is_empty($$
    SELECT n.year FROM (SELECT year, sum(persons) AS s FROM carestair.population WHERE region = '0000' GROUP BY year) AS n
      JOIN (SELECT year, sum(persons) AS s FROM carestair.population WHERE region <> '0000' AND year IN (2015, 2020, 2025, 2026)
             GROUP BY year) AS k USING (year)
     WHERE abs(n.s - k.s) > 23 OR (n.year >= 2025 AND n.s <> k.s)
$$, 'the kommuner add up to the national population (SSB 07459, Norway) in every year');
SELECT results_eq($$SELECT year, sum(persons)::bigint FROM carestair.population WHERE region = '5524' AND year IN (2015, 2020, 2025, 2026) GROUP BY year ORDER BY year$$,
                  $$VALUES (2015, 6693::bigint), (2020, 6640), (2025, 6794), (2026, 6819)$$,
                  'Målselv totals as published');

-- Fertility over the interval: level x expected = observed children 0-4.
CREATE TEMP TABLE fi AS SELECT * FROM carestair.fertility_indirect_interval(NULL, 2015, 2020, 'bta');
SELECT is((SELECT count(DISTINCT region) FROM fi), 357::bigint, 'a fertility level for every kommune');
SELECT is_empty($$SELECT region FROM fi WHERE abs(level * expected_children - observed_children) > 1e-9 * observed_children
                    OR abs(rate - level * (SELECT s.rate FROM carestair.fertility_standard AS s WHERE s.standard = 'ssb_norway_1997' AND s.age = fi.age)) > 1e-15$$,
                'level x expected children = observed children, rate = level x standard');
SELECT ok((SELECT sum(p.persons) FROM carestair.population AS p WHERE p.region = '5524' AND p.year = 2020 AND p.age < 5)
          = (SELECT DISTINCT observed_children FROM fi WHERE region = '5524'), 'observed children = aged 0-4 on 1 January 2020');

-- Migration over the interval: with a one-year interval the cohort residual
-- is the yearly residual of carestair.migration_residual (written separately).
SELECT is_empty($$
    SELECT a.sex, a.age FROM carestair.migration_residual_interval(ARRAY['5524'], 2025, 2026, 'bta') AS a
      JOIN carestair.migration_residual('5524', 2025, 2025, 'bta', '0000', 0) AS b ON b.sex = a.sex AND b.age = a.age
     WHERE abs(a.net_migrants - b.net_migrants) > 1e-9
$$, 'one-year interval: net migrants equal carestair.migration_residual (Målselv 2025)');
-- (Nord-Norge, fylker 18, 55 and 56: 80 kommuner, to keep the test quick.)
CREATE TEMP TABLE mr AS
SELECT * FROM carestair.migration_residual_interval(ARRAY(SELECT region FROM carestair.region WHERE left(region, 2) IN ('18', '55', '56')), 2015, 2020, 'bta');
SELECT is((SELECT count(*) FROM mr), 80 * 2 * 106::bigint, 'net migration for 80 kommuner x 2 sexes x ages 0..105');
SELECT is((SELECT count(*) FROM mr WHERE age = 0 AND net_migrants <> 0), 0::bigint, 'age 0 is 0 (in the fertility level)');

-- The estimators reproduce the interval they were fitted on: projecting the
-- 2015 population of Troms (21 kommuner) five years with the rates gives the
-- 2020 population of every kommune within 1 % and 0-4 within 6 % (the
-- annual profile averages the cohorts, so the fit is close, not exact).
CREATE TEMP TABLE ins AS
SELECT * FROM carestair.project_population(
    $$SELECT region, year, sex, age, persons FROM carestair.population WHERE year = 2015 AND region LIKE '55%'$$,
    $$SELECT region, 2015 AS year, age, rate FROM carestair.fertility_indirect_interval(ARRAY(SELECT region FROM carestair.region WHERE region LIKE '55%'), 2015, 2020, 'bta')$$,
    $$SELECT r.region, m.year, m.sex, m.age, m.q FROM carestair.region AS r CROSS JOIN carestair.mortality AS m WHERE r.region LIKE '55%' AND m.scenario = 'bta' AND m.region = '0000'$$,
    $$SELECT region, 2015 AS year, sex, age, immigrants, emigration_rate FROM carestair.migration_shrunk('SELECT * FROM carestair.migration_residual_interval(ARRAY(SELECT region FROM carestair.region WHERE region LIKE ''55%''), 2015, 2020, ''bta'')', 0, 'county', 0)$$,
    2020);
SELECT is_empty($$
    SELECT i.region FROM (SELECT region, sum(persons) AS p, sum(persons) FILTER (WHERE age < 5) AS p04 FROM ins WHERE year = 2020 GROUP BY region) AS i
      JOIN (SELECT region, sum(persons) AS p, sum(persons) FILTER (WHERE age < 5) AS p04 FROM carestair.population WHERE year = 2020 GROUP BY region) AS o USING (region)
     WHERE abs(i.p - o.p) > 0.01 * o.p OR abs(i.p04 - o.p04) > 0.06 * o.p04
$$, 'in-sample: projecting 2015 -> 2020 with the estimates reproduces each Troms kommune (total 1 %, 0-4 6 %)');
SELECT ok((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(i.p - o.p) / o.p)
             FROM (SELECT region, sum(persons) AS p FROM ins WHERE year = 2020 GROUP BY region) AS i
             JOIN (SELECT region, sum(persons) AS p FROM carestair.population WHERE year = 2020 GROUP BY region) AS o USING (region)) < 0.005,
          'in-sample: median |error| of the 2020 totals below 0.5 %');

-- The migration rule.
CREATE TEMP TABLE ms AS SELECT * FROM carestair.migration_shrunk('SELECT * FROM mr');
CREATE TEMP TABLE sz AS SELECT region, sum(start_stock) AS p FROM mr GROUP BY region;
SELECT is_empty($$SELECT m.region FROM ms AS m JOIN sz USING (region) WHERE NOT (m.weight >= 0 AND m.weight < 1) OR abs(m.weight - sz.p / (sz.p + 10000)) > 1e-12$$,
                'weights are P/(P + p0), in [0, 1)');
SELECT is_empty($$
    SELECT a.region FROM (SELECT region, sum(net_migrants) AS n FROM ms WHERE age > 0 GROUP BY region) AS a
      JOIN (SELECT region, sum(net_migrants) AS n FROM mr WHERE age > 0 GROUP BY region) AS b USING (region)
     WHERE abs(a.n - b.n) > 1e-6 * (1 + abs(b.n))
$$, 'each kommune keeps its own total net migration');
SELECT is_empty($$
    SELECT m.region FROM ms AS m WHERE m.immigrants <> greatest(m.net_migrants, 0)
        OR m.emigration_rate < 0 OR m.emigration_rate > 0.5 OR (m.net_migrants > 0 AND m.emigration_rate <> 0)
$$, 'positive net as immigrants, negative as a rate in [0, 1/2]');
SELECT is_empty($$
    SELECT a.region FROM carestair.migration_shrunk('SELECT * FROM mr', 0, 'county', 0) AS a
      JOIN mr AS b USING (region, sex, age) WHERE abs(a.net_migrants - b.net_migrants) > 1e-9 * (1 + abs(b.net_migrants))
       AND NOT EXISTS (SELECT FROM mr AS z WHERE z.region = b.region AND z.start_stock = 0 AND z.net_migrants <> 0)
$$, 'p0 = 0 without smoothing returns each kommune''s own residual (where no migrant falls on an empty age)');
-- The rule itself (smooth 0): m* - (w m_own + (1 - w) m_pool) is one
-- constant per kommune, so a kommune with w near 1 keeps its own profile.
CREATE TEMP TABLE pl AS SELECT left(region, 2) AS grp, sex, age, sum(net_migrants) / nullif(sum(start_stock), 0) AS m FROM mr GROUP BY 1, 2, 3;
SELECT is_empty($$
    SELECT a.region FROM carestair.migration_shrunk('SELECT * FROM mr', 10000, 'county', 0) AS a
      JOIN mr AS b USING (region, sex, age)
      JOIN pl ON pl.grp = left(a.region, 2) AND pl.sex = a.sex AND pl.age = a.age
     WHERE a.age > 0 AND b.start_stock > 0
     GROUP BY a.region
    HAVING stddev_pop(a.net_migrants / b.start_stock - a.weight * b.net_migrants / b.start_stock - (1 - a.weight) * pl.m) > 1e-12
$$, 'm* = w m_own + (1 - w) m_pool + one shift per kommune');
SELECT ok((SELECT stddev_pop(a.net_migrants / b.start_stock - p.m)
             FROM carestair.migration_shrunk('SELECT * FROM mr', 'Infinity', 'county', 0) AS a
             JOIN mr AS b USING (region, sex, age)
             JOIN pl AS p ON p.grp = '18' AND p.sex = a.sex AND p.age = a.age
            WHERE a.region = '1856' AND a.age > 0 AND b.start_stock > 0) < 1e-12,
          'p0 = Infinity: the profile is the fylke''s, shifted to the kommune''s own level (Røst)');

-- The back-test, on the 80 kommuner of Nord-Norge (fylker 18, 55, 56; the
-- full run of all 357 takes 10-20 s on the shared test machine and is in
-- data/projection_backtest_all.sql and the doc).
CREATE TEMP TABLE bt AS
SELECT * FROM carestair.backtest_all_kommuner('bta', regions => ARRAY(SELECT region FROM carestair.region WHERE left(region, 2) IN ('18', '55', '56')));
SELECT is((SELECT count(DISTINCT region) FROM bt WHERE year = 2025), 80::bigint, 'the back-test covers the 80 kommuner asked for');
SELECT is_empty($$SELECT region FROM bt WHERE error <> projected - observed OR pct_error <> round(100 * error / observed, 2)$$,
                'error = projected - observed, pct_error = 100 error / observed');
SELECT is_empty($$
    SELECT region, year FROM bt GROUP BY region, year
    HAVING abs(sum(projected) FILTER (WHERE age_group IN ('0-19', '20-66', '67-79', '80+')) - sum(projected) FILTER (WHERE age_group = 'total')) > 0.25
        OR sum(observed) FILTER (WHERE age_group IN ('0-19', '20-66', '67-79', '80+')) <> sum(observed) FILTER (WHERE age_group = 'total')
$$, 'the age groups add up to the total');
SELECT is((SELECT array_agg(DISTINCT region ORDER BY region) FROM bt WHERE approximate),
          ARRAY['1806', '1875'], 'the split kommuner (Narvik, Hamarøy) are flagged approximate');
SELECT results_eq($$SELECT * FROM carestair.backtest_all_kommuner('bta', regions => ARRAY['5524', '5520'])$$,
                  $$SELECT * FROM bt WHERE region IN ('5520', '5524') ORDER BY region, year, CASE age_group WHEN 'total' THEN -1 WHEN '0-19' THEN 0 WHEN '20-66' THEN 20 WHEN '67-79' THEN 67 WHEN '80+' THEN 80 ELSE 90 END$$,
                  'a smaller subset gives the same rows (the pool is the whole fylke)');
SELECT results_eq($$SELECT kommuner, median_abs_pct_error, share_too_low FROM carestair.backtest_all_kommuner_summary('bta', regions => ARRAY(SELECT region FROM carestair.region WHERE left(region, 2) IN ('18', '55', '56'))) WHERE year = 2025 AND size_class = 'all' AND age_group = 'total'$$,
                  $$SELECT count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(pct_error))::numeric, 2), round(avg(CASE WHEN error < 0 THEN 1 ELSE 0 END), 3)
                      FROM bt WHERE year = 2025 AND age_group = 'total' AND NOT approximate$$,
                  'the summary is the distribution of the back-test''s errors');

SELECT * FROM finish();
ROLLBACK;
