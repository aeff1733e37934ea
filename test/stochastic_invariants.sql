-- Stochastic projection: catalogue, exactness with all noise off, the same
-- seed reproducing in one process and in parallel workers, quantiles equal
-- to percentile_cont over the raw draws (totals from the draws of totals),
-- medians near the deterministic path and intervals widening with horizon.
-- Run from the repository root (make test does): paths are relative to it.
\set QUIET on
\o /dev/null
\i data/load.sql
\o
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
BEGIN;
SELECT plan(28);

INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('trend', 'rates of 2019-2023 held constant', 2026, 2040);
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q) SELECT 'trend', '0000', 2026, sex, age, q FROM carestair.mortality_from_hmd(:'mx', 2019, 2023);
INSERT INTO carestair.fertility (scenario, region, year, age, rate) SELECT 'trend', r, 2026, f.age, f.rate FROM unnest(ARRAY['5524', '5520']) AS r, carestair.fertility_indirect(r, 2019, 2023) AS f;
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate) SELECT 'trend', r, 2026, m.sex, m.age, m.immigrants, m.emigration_rate FROM unnest(ARRAY['5524', '5520']) AS r, carestair.migration_residual(r, 2019, 2023, 'trend') AS m;
-- A second year of rates, so that the carry-forward matters: lower fertility from 2030.
INSERT INTO carestair.fertility (scenario, region, year, age, rate) SELECT scenario, region, 2030, age, 0.9 * rate FROM carestair.fertility WHERE scenario = 'trend';
INSERT INTO carestair.stochastic_parameters (scenario) VALUES ('trend');
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) SELECT 'still', 'trend without noise', base_year, last_year FROM carestair.projection_scenario WHERE scenario = 'trend';
INSERT INTO carestair.fertility SELECT 'still', region, year, age, rate, source FROM carestair.fertility WHERE scenario = 'trend';
INSERT INTO carestair.mortality SELECT 'still', region, year, sex, age, q, source FROM carestair.mortality WHERE scenario = 'trend';
INSERT INTO carestair.migration SELECT 'still', region, year, sex, age, immigrants, emigration_rate, source FROM carestair.migration WHERE scenario = 'trend';
INSERT INTO carestair.stochastic_parameters VALUES ('still', 0, 0.95, 0, 0, 0, 0.7, 0, 0.7, false, 'all noise off');
INSERT INTO carestair.age_grouping (scheme, age_from, age_to, label) VALUES ('oldest', 80, NULL, '80+'), ('oldest', 90, NULL, '90+');

-- Catalogue.
SELECT has_function('carestair', 'project_population_intervals', ARRAY['text', 'text[]', 'integer', 'integer', 'bigint', 'double precision[]', 'text']);
SELECT has_function('carestair', 'project_population_draws', ARRAY['text', 'text', 'integer', 'integer', 'bigint']);
SELECT is((SELECT array_agg(p.proname || ':' || p.provolatile::text || p.proparallel::text ORDER BY p.proname) FROM pg_proc AS p WHERE p.pronamespace = 'carestair'::regnamespace AND (p.proname LIKE '%stochastic%' OR p.proname IN ('project_population_draws', 'project_population_intervals'))),
          ARRAY['_stochastic_check_args:is', '_stochastic_estimated_source:is', '_stochastic_inputs:ss', '_stochastic_intervals_query:ss', '_stochastic_params:ss', '_stochastic_rate_years:ss', '_stochastic_region:is', '_stochastic_region_draws:is', '_stochastic_series_check:is', 'backtest_stochastic_coverage:vu', 'estimate_stochastic_parameters:vu', 'project_population_draws:ss', 'project_population_intervals:ss', 'stochastic_parameter_set:ss'],
          'the per-region C functions are immutable and everything that does not write is parallel safe');
SELECT has_table('carestair', 'stochastic_parameters', 'parameters per scenario');
SELECT is((SELECT e.cond FROM pg_extension AS x, unnest(x.extconfig, x.extcondition) AS e (oid, cond) JOIN pg_class AS c ON c.oid = e.oid
            WHERE x.extname = 'carestair' AND c.relname = 'stochastic_parameters'), '', 'stochastic_parameters is dumped by pg_dump');

-- With all noise off, every draw equals the deterministic projection exactly.
SELECT is((SELECT count(*) FROM carestair.project_population_draws('still', r, 2040, 3) AS d
             JOIN carestair.project_population('still', ARRAY[r], 2040) AS p USING (year, sex, age)
            WHERE d.persons = p.persons), 3::bigint * 14 * 212, 'all draws of ' || r || ' equal the deterministic projection, cell by cell')
  FROM unnest(ARRAY['5524', '5520']) AS r;
SELECT is((SELECT count(*) FROM carestair.project_population_intervals('still', ARRAY['5524'], 2040, 2, 1, '{0.05,0.95}') AS i
             JOIN (SELECT year, sum(persons) AS persons FROM carestair.project_population('still', ARRAY['5524'], 2040) GROUP BY year) AS p USING (year)
            WHERE i.sex IS NULL AND i.age_group = 'all ages' AND i.quantile_values[1] = i.quantile_values[2] AND round(i.mean::numeric, 6) = round(p.persons::numeric, 6)),
          14::bigint, 'without noise the interval of a total is its deterministic value');

-- The same seed reproduces; another seed does not; one process equals parallel workers.
CREATE TEMP TABLE fp AS SELECT 1 AS run, md5(string_agg(format('%s %s %s %s %s %s', region, year, sex, age_group, mean, quantile_values), ',' ORDER BY region, year, sex, age_group)) AS h FROM carestair.project_population_intervals('trend', ARRAY['5524', '5520'], 2035, 200, 42);
INSERT INTO fp SELECT 2, md5(string_agg(format('%s %s %s %s %s %s', region, year, sex, age_group, mean, quantile_values), ',' ORDER BY region, year, sex, age_group)) FROM carestair.project_population_intervals('trend', ARRAY['5524', '5520'], 2035, 200, 42);
INSERT INTO fp SELECT 3, md5(string_agg(format('%s %s %s %s %s %s', region, year, sex, age_group, mean, quantile_values), ',' ORDER BY region, year, sex, age_group)) FROM carestair.project_population_intervals('trend', ARRAY['5524', '5520'], 2035, 200, 43);
SET LOCAL max_parallel_workers_per_gather = 0;
INSERT INTO fp SELECT 4, md5(string_agg(format('%s %s %s %s %s %s', region, year, sex, age_group, mean, quantile_values), ',' ORDER BY region, year, sex, age_group)) FROM carestair.project_population_intervals('trend', ARRAY['5524', '5520'], 2035, 200, 42);
SET LOCAL max_parallel_workers_per_gather = 2;
SET LOCAL parallel_setup_cost = 0;
SET LOCAL parallel_tuple_cost = 0;
INSERT INTO fp SELECT 5, md5(string_agg(format('%s %s %s %s %s %s', region, year, sex, age_group, mean, quantile_values), ',' ORDER BY region, year, sex, age_group)) FROM carestair.project_population_intervals('trend', ARRAY['5524', '5520'], 2035, 200, 42);
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
SELECT is((SELECT h FROM fp WHERE run = 2), (SELECT h FROM fp WHERE run = 1), 'the same seed gives the same result');
SELECT isnt((SELECT h FROM fp WHERE run = 3), (SELECT h FROM fp WHERE run = 1), 'another seed gives another result');
SELECT is((SELECT h FROM fp WHERE run = 4), (SELECT h FROM fp WHERE run = 1), 'one process (no workers) gives the same result');
SELECT is((SELECT h FROM fp WHERE run = 5), (SELECT h FROM fp WHERE run = 1), 'parallel workers give the same result');
-- Regions share the level paths of a draw but not its demographic noise:
-- a region's result does not depend on which other regions run with it.
SELECT is((SELECT md5(string_agg(format('%s %s %s %s %s', year, sex, age_group, mean, quantile_values), ',' ORDER BY year, sex, age_group)) FROM carestair.project_population_intervals('trend', ARRAY['5520'], 2035, 200, 42)),
          (SELECT md5(string_agg(format('%s %s %s %s %s', year, sex, age_group, mean, quantile_values), ',' ORDER BY year, sex, age_group)) FROM carestair.project_population_intervals('trend', ARRAY['5524', '5520'], 2035, 200, 42) WHERE region = '5520'),
          'a region alone gives what it gives beside others');

-- The plan: a parallel scan of the regions under a Gather.
CREATE FUNCTION pg_temp.plan() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    l text;
    out text := '';
    s carestair.projection_scenario := carestair._scenario('trend');
    p carestair.stochastic_parameters := carestair._stochastic_params('trend');
BEGIN
    FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) SELECT * FROM carestair._stochastic_intervals_query($1, $2, $3, 2040, 1000, 1, ''{0.5}'', ''{0}'', ''{NULL}'')'
             USING s, p, ARRAY['5524', '5520'] LOOP
        out := out || l || E'\n';
    END LOOP;
    RETURN out;
END
$$;
SELECT matches(pg_temp.plan(), 'Gather.*Workers Planned: 2.*ProjectSet.*Parallel Seq Scan on _parallel_slot', 'the regions run in parallel workers at default costs');
-- Workers take pages of the slot table: one slot per page, so that regions
-- are handed out a few at a time (not ~150 regions per page of the register).
SELECT is((SELECT count(DISTINCT (ctid::text::point)[0]) FROM carestair._parallel_slot), (SELECT count(*) FROM carestair._parallel_slot),
          'every parallel slot lies on a page of its own');
SELECT is((SELECT count(*) FROM carestair.project_population_intervals('trend', ARRAY['5524', '5520', '5524'], 2030, 5, 1, '{0.5}', 'broad')),
          (SELECT count(*) FROM carestair.project_population_intervals('trend', ARRAY['5524', '5520'], 2030, 5, 1, '{0.5}', 'broad')),
          'a region listed twice is run once');

-- Quantiles and means are those of the raw draws (type 7 = percentile_cont),
-- for a group and for the total, each from the draws of that total.
-- years_matching(draws, intervals, age, label, probs): the years in which
-- the interval row of the open group `label` (both sexes) has the quantiles
-- (at probs) and mean of the draws' persons aged `age` and over.
CREATE FUNCTION pg_temp.years_matching(draws regclass, intervals regclass, age integer, label text,
                                       probs float8[] DEFAULT '{0.05,0.25,0.5,0.75,0.95}') RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
BEGIN
    EXECUTE format($q$
        SELECT count(*) FROM (SELECT year, percentile_cont($3) WITHIN GROUP (ORDER BY p) AS q, avg(p) AS m
                                FROM (SELECT draw, year, sum(persons) AS p FROM %s WHERE age >= $1 GROUP BY draw, year) AS x GROUP BY year) AS x
          JOIN %s AS i USING (year)
         WHERE i.sex IS NULL AND i.age_group = $2
           AND (SELECT array_agg(round(v::numeric, 6)) FROM unnest(x.q) AS v) = (SELECT array_agg(round(v::numeric, 6)) FROM unnest(i.quantile_values) AS v)
           AND round(x.m::numeric, 6) = round(i.mean::numeric, 6)$q$, draws, intervals)
      INTO n USING age, label, probs;
    RETURN n;
END
$$;
CREATE TEMP TABLE d AS SELECT * FROM carestair.project_population_draws('trend', '5524', 2040, 300, 9);
CREATE TEMP TABLE i AS SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524'], 2040, 300, 9, '{0.05,0.25,0.5,0.75,0.95}', 'oldest');
SELECT is(pg_temp.years_matching('d', 'i', 90, '90+'), 14::bigint, '90+ both sexes: quantiles and mean of the draws, every year');
SELECT is((SELECT count(*) FROM (SELECT year, sex, percentile_cont('{0.05,0.25,0.5,0.75,0.95}'::float8[]) WITHIN GROUP (ORDER BY p) AS q
                                   FROM (SELECT draw, year, sex, sum(persons) AS p FROM d GROUP BY draw, year, sex) AS x GROUP BY year, sex) AS x
             JOIN i USING (year, sex)
            WHERE i.age_group = 'all ages'
              AND (SELECT array_agg(round(v::numeric, 6)) FROM unnest(x.q) AS v) = (SELECT array_agg(round(v::numeric, 6)) FROM unnest(i.quantile_values) AS v)), 28::bigint, 'all ages by sex: quantiles of the draws, every year');
SELECT is((SELECT count(*) FROM (SELECT year, percentile_cont('{0.05,0.25,0.5,0.75,0.95}'::float8[]) WITHIN GROUP (ORDER BY p) AS q
                                   FROM (SELECT draw, year, sum(persons) AS p FROM d GROUP BY draw, year) AS x GROUP BY year) AS x
             JOIN i USING (year)
            WHERE i.sex IS NULL AND i.age_group = 'all ages'
              AND (SELECT array_agg(round(v::numeric, 6)) FROM unnest(x.q) AS v) = (SELECT array_agg(round(v::numeric, 6)) FROM unnest(i.quantile_values) AS v)), 14::bigint, 'the total: quantiles of the draws of the total, every year');
SELECT ok((SELECT t.quantile_values[1] > m.quantile_values[1] + f.quantile_values[1] AND t.quantile_values[5] < m.quantile_values[5] + f.quantile_values[5]
             FROM i AS t JOIN i AS m USING (year, age_group) JOIN i AS f USING (year, age_group)
            WHERE t.year = 2040 AND t.age_group = 'all ages' AND t.sex IS NULL AND m.sex = 1 AND f.sex = 2),
          'the interval of the total is narrower than the sum of the sexes'' quantiles');

-- The median of a large run is close to the deterministic path (the median
-- path of the rates; the median of the population lies a little above it,
-- 1.3 % by 2040 with the estimated migration sd, a sum of log-normal
-- multipliers); intervals widen with the horizon.
CREATE TEMP TABLE big AS SELECT * FROM carestair.project_population_intervals('trend', ARRAY['5524', '5520'], 2040, 2000, 5, '{0.05,0.5,0.95}', 'oldest');
CREATE TEMP TABLE det AS SELECT region, year, sum(persons) AS persons, sum(persons) FILTER (WHERE age >= 80) AS p80 FROM carestair.project_population('trend', ARRAY['5524', '5520'], 2040) GROUP BY region, year;
SELECT cmp_ok((SELECT max(abs(b.quantile_values[2] / det.persons - 1)) FROM big AS b JOIN det USING (region, year) WHERE b.sex IS NULL AND b.age_group = 'all ages'), '<', 0.02::float8,
              'the median total is within 2 % of the deterministic path in every year');
SELECT cmp_ok((SELECT max(abs(b.quantile_values[2] / det.p80 - 1)) FROM big AS b JOIN det USING (region, year) WHERE b.sex IS NULL AND b.age_group = '80+'), '<', 0.02::float8,
              'the median 80+ is within 2 % of the deterministic path in every year');
SELECT is((SELECT count(*) FROM big AS b JOIN big AS n ON n.region = b.region AND n.year = b.year + 1 AND n.age_group = b.age_group AND n.sex IS NOT DISTINCT FROM b.sex
            WHERE b.sex IS NULL AND b.age_group IN ('all ages', '80+')
              AND n.quantile_values[3] - n.quantile_values[1] > b.quantile_values[3] - b.quantile_values[1]), 2::bigint * 2 * 13,
          'the 90 % interval of the total and of 80+ widens every year');

-- Without demographic noise the draws run eight at a time (src/stochastic_lanes.c):
-- quantiles are still those of the raw draws, a draw does not depend on
-- the other draws of its batch, ties are handled, and the per-query cache of
-- level paths follows the seed.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) SELECT 'smooth', 'trend without demographic noise', base_year, last_year FROM carestair.projection_scenario WHERE scenario = 'trend';
INSERT INTO carestair.fertility SELECT 'smooth', region, year, age, rate, source FROM carestair.fertility WHERE scenario = 'trend';
INSERT INTO carestair.mortality SELECT 'smooth', region, year, sex, age, q, source FROM carestair.mortality WHERE scenario = 'trend';
INSERT INTO carestair.migration SELECT 'smooth', region, year, sex, age, immigrants, emigration_rate, source FROM carestair.migration WHERE scenario = 'trend';
INSERT INTO carestair.stochastic_parameters (scenario, demographic_noise) VALUES ('smooth', false);
CREATE TEMP TABLE sd AS SELECT * FROM carestair.project_population_draws('smooth', '5520', 2040, 301, 4);
CREATE TEMP TABLE si AS SELECT * FROM carestair.project_population_intervals('smooth', ARRAY['5520'], 2040, 301, 4, '{0.05,0.25,0.5,0.75,0.95}', 'oldest');
SELECT is(pg_temp.years_matching('sd', 'si', 80, '80+'), 14::bigint,
          'without demographic noise (301 draws, a partial last batch; intervals from cached level paths, draws from paths drawn per batch): 80+ quantiles and mean of the draws');
CREATE TEMP TABLE si19 AS SELECT * FROM carestair.project_population_intervals('smooth', ARRAY['5520'], 2040, 301, 4, ARRAY(SELECT k / 20.0 FROM generate_series(1, 19) AS k)::float8[], 'oldest');
SELECT is(pg_temp.years_matching('sd', 'si19', 80, '80+', ARRAY(SELECT k / 20.0 FROM generate_series(1, 19) AS k)::float8[]), 14::bigint,
          '19 quantiles at once (more ranks than the selection keeps on its stack) are those of the draws');
SELECT is((SELECT count(*) FROM carestair.project_population_draws('smooth', '5520', 2040, 13, 4) AS a
             JOIN (SELECT * FROM sd WHERE draw <= 13) AS b USING (draw, year, sex, age) WHERE a.persons = b.persons),
          13::bigint * 14 * 212, 'draws 1-13 of a 13-draw run equal those of a 301-draw run, cell by cell');
SELECT is((SELECT count(*) FROM carestair.project_population_intervals('still', ARRAY['5524'], 2040, 1000, 1, '{0.05,0.5,0.95}') AS i
             JOIN (SELECT year, sum(persons) AS persons FROM carestair.project_population('still', ARRAY['5524'], 2040) GROUP BY year) AS p USING (year)
            WHERE i.sex IS NULL AND i.age_group = 'all ages' AND i.quantile_values[1] = i.quantile_values[3] AND abs(i.quantile_values[2] - p.persons) < 1e-6),
          14::bigint, '1,000 equal draws (all noise off): every quantile is the deterministic value');
CREATE TEMP TABLE seeds AS
SELECT s.n, s.seed, (SELECT md5(string_agg(format('%s %s %s %s %s', r.year, r.sex, r.age_group, r.mean, r.quantile_values), ',' ORDER BY r.year, r.sex, r.age_group))
                       FROM carestair._stochastic_region('5520', i.population, 2026, 2035, i.fertility_years, i.fertility, i.mortality_years, i.mortality,
                                                         i.migration_years, i.immigrants, i.emigration_rates, 1.055, 0.5, carestair._stochastic_params('smooth'),
                                                         20, s.seed, '{0.1,0.9}', '{80}', '{NULL}') AS r) AS h
  FROM (VALUES (1, 1::bigint), (2, 2), (3, 1)) AS s (n, seed), carestair._stochastic_inputs('smooth', '5520', 2026, 2035) AS i;
SELECT ok((SELECT a.h = c.h AND a.h <> b.h FROM seeds AS a, seeds AS b, seeds AS c WHERE a.n = 1 AND b.n = 2 AND c.n = 3),
          'one call site with seeds 1, 2, 1: the first and last agree, the second differs');

SELECT * FROM finish();
ROLLBACK;
