-- KOSTRA module: balancing identities of why_dearer / why_dearer_since on
-- the real Midt-Troms care data, symmetry, and catalogue checks.
-- Run from the repository root (make test does): paths are relative to it.
\set QUIET on
\o /dev/null
\i data/load.sql
\i data/load_kostra.sql
\o
BEGIN;
SELECT plan(34);

-- Every pair of Midt-Troms kommuner and every year 2015-2025 where both have complete data.
CREATE TEMP TABLE pairs AS
SELECT k.region AS k, r.region AS r, y.year, res.resource,
       (SELECT array_agg(i.cell) FROM carestair._why_inputs(ARRAY[k.region], y.year, res.resource, 'brutto_driftsutgifter') AS i) AS kc,
       (SELECT array_agg(i.cell) FROM carestair._why_inputs(ARRAY[r.region], y.year, res.resource, 'brutto_driftsutgifter') AS i) AS rc
  FROM unnest('{5518,5520,5522,5524,5526,5528,5530}'::text[]) AS k(region),
       unnest('{5518,5520,5522,5524,5526,5528,5530}'::text[]) AS r(region),
       generate_series(2015, 2025) AS y(year),
       unnest('{recipients,nurse_arsverk}'::text[]) AS res(resource)
 WHERE k.region <> r.region;
DELETE FROM pairs WHERE carestair._why_problem(kc, resource) IS NOT NULL OR carestair._why_problem(rc, resource) IS NOT NULL;

-- The gap per service from the cells, and the sum of the effects.
CREATE FUNCTION pg_temp.level(c carestair._why_cell[], resource text, service text) RETURNS float8 LANGUAGE sql IMMUTABLE
AS $$ SELECT CASE WHEN resource = 'recipients' THEN sum(x.rec) / max(x.pop) ELSE max(x.cost) / max(x.pop) END FROM unnest(c) AS x WHERE x.service = level.service $$;
CREATE TEMP TABLE balance AS
SELECT p.k, p.r, p.year, p.resource, d.service, m.method,
       sum(d.amount) AS effects,
       pg_temp.level(p.kc, p.resource, d.service) - pg_temp.level(p.rc, p.resource, d.service) AS gap
  FROM pairs AS p, unnest('{shapley,lmdi}'::text[]) AS m(method),
       LATERAL carestair._why_decompose(p.kc, p.rc, m.method, p.resource, false) AS d
 GROUP BY p.k, p.r, p.year, p.resource, d.service, m.method, p.kc, p.rc;

SELECT cmp_ok((SELECT count(*)::int FROM pairs), '>=', 300, 'at least 300 kommune pairs x years x resources with complete real data');
SELECT is_empty($$ SELECT * FROM balance WHERE method = 'shapley' AND abs(effects - gap) > 1e-9 * greatest(1e-6, abs(gap)) $$,
                'shapley: age mix + coverage (+ staff per recipient) = gap per inhabitant, every pair and year');
SELECT is_empty($$ SELECT * FROM balance WHERE method = 'lmdi' AND abs(effects - gap) > 1e-9 * greatest(1e-6, abs(gap)) $$,
                'lmdi: the same identity holds');

-- Totals with the population factor: change in recipients = population + age mix + coverage.
SELECT is_empty($$
    SELECT p.k, p.r, p.year FROM pairs AS p,
           LATERAL (SELECT sum(d.amount) AS s FROM carestair._why_decompose(p.kc, p.rc, 'shapley', 'recipients', true) AS d) AS t
     WHERE p.resource = 'recipients'
       AND abs(t.s - ((SELECT sum(x.rec) FROM unnest(p.kc) AS x) - (SELECT sum(x.rec) FROM unnest(p.rc) AS x))) > 1e-9
$$, 'with population: the effects add up to the difference in recipients');

-- Swapping kommune and reference negates every effect.
SELECT is_empty($$
    SELECT a.k, a.r, a.year FROM balance AS a JOIN balance AS b
        ON (b.k, b.r, b.year, b.resource, b.service, b.method) = (a.r, a.k, a.year, a.resource, a.service, a.method)
     WHERE abs(a.effects + b.effects) > 1e-9 * greatest(1e-6, abs(a.effects))
$$, 'swapping kommune and reference negates the effects');
SELECT is_empty($$
    SELECT 1 FROM carestair.why_dearer('5524', 2025, 'kommune:5520', 'recipients', need_year => 2026) AS a
      JOIN carestair.why_dearer('5520', 2025, 'kommune:5524', 'recipients', need_year => 2026) AS b USING (service, effect)
     WHERE a.effect IN ('gap', 'age_mix', 'coverage') AND a.per_inhabitant <> -b.per_inhabitant
$$, 'why_dearer(Målselv vs Bardu) is minus why_dearer(Bardu vs Målselv)');

-- why_dearer's rows add up: effects = gap, need-index parts = gap, residual 0.
CREATE TEMP TABLE wd AS SELECT * FROM carestair.why_dearer('5524', 2025, 'peer_set:x', 'recipients', need_year => 2026) WHERE false;
INSERT INTO carestair.peer_set VALUES ('x', 'Midt-Troms without Målselv');
INSERT INTO carestair.peer_set_member SELECT 'x', unnest('{5518,5520,5522,5526,5528,5530}'::text[]);
INSERT INTO wd SELECT * FROM carestair.why_dearer('5524', 2025, 'peer_set:x', 'recipients', need_year => 2026);
INSERT INTO wd SELECT * FROM carestair.why_dearer('5524', 2025, 'peer_set:x', 'nurse_arsverk', need_year => 2026);
SELECT is((SELECT count(*)::int FROM wd WHERE effect = 'residual' AND per_inhabitant <> 0), 0, 'every residual is 0');
SELECT is_empty($$
    SELECT unit FROM wd WHERE service = 'all'
     GROUP BY unit
    HAVING abs(sum(per_inhabitant) FILTER (WHERE effect IN ('age_mix', 'coverage', 'unit_cost'))
               - sum(per_inhabitant) FILTER (WHERE effect = 'gap')) > 0.0005
$$, 'the effects add up to the gap (to the printed digits)');
SELECT is_empty($$
    SELECT unit FROM wd WHERE service = 'all'
     GROUP BY unit
    HAVING abs(sum(per_inhabitant) FILTER (WHERE effect IN ('need_index_expected', 'need_adjusted_gap'))
               - sum(per_inhabitant) FILTER (WHERE effect = 'gap')) > 0.0005
$$, 'need_index_expected + need_adjusted_gap = gap');

SELECT is_empty($$
    SELECT unit FROM wd GROUP BY unit
    HAVING abs(sum(per_inhabitant) FILTER (WHERE effect = 'need_adjusted_gap' AND service <> 'all')
               - sum(per_inhabitant) FILTER (WHERE effect = 'need_adjusted_gap' AND service = 'all')) > 0.0005
$$, 'the services'' need-adjusted gaps add up to the total mer-/mindreutgift');

-- The reference of a peer set excludes the kommune itself: the same with or without Målselv in the set.
INSERT INTO carestair.peer_set VALUES ('y', 'Midt-Troms with Målselv');
INSERT INTO carestair.peer_set_member SELECT 'y', unnest('{5518,5520,5522,5524,5526,5528,5530}'::text[]);
SELECT results_eq($$ SELECT service, effect, per_inhabitant FROM carestair.why_dearer('5524', 2025, 'peer_set:y', 'recipients', need_year => 2026) ORDER BY 1, 2 $$,
                  $$ SELECT service, effect, per_inhabitant FROM carestair.why_dearer('5524', 2025, 'peer_set:x', 'recipients', need_year => 2026) ORDER BY 1, 2 $$,
                  'a peer set reference leaves the analysed kommune out');

-- why_dearer_since: the total change is the sum of its effects, for both methods.
SELECT is_empty($$
    SELECT m FROM unnest('{shapley,lmdi}'::text[]) AS m,
           LATERAL (SELECT sum(total) FILTER (WHERE effect IN ('population', 'age_mix', 'coverage', 'unit_cost')) AS e,
                           sum(total) FILTER (WHERE effect = 'change') AS c
                      FROM carestair.why_dearer_since('5524', 2016, 2025, 'nurse_arsverk', method => m) WHERE service = 'all') AS t
     WHERE abs(t.e - t.c) > 0.011
$$, 'why_dearer_since: population + age mix + coverage + unit cost = change');

-- Catalogue.
SELECT has_table('carestair', 'kostra_figure', 'kostra_figure');
SELECT has_table('carestair', 'need_index', 'need_index');
SELECT has_view('carestair', 'kostra_series', 'kostra_series');
SELECT has_view('carestair', 'kostra_per_inhabitant', 'kostra_per_inhabitant');
SELECT is((SELECT string_agg(p.proname || ':' || p.provolatile::text || p.proparallel::text, ', ' ORDER BY p.proname)
             FROM pg_proc AS p WHERE p.pronamespace = 'carestair'::regnamespace
              AND p.proname IN ('import_ssb_kostra', 'need_adjusted_expenditure', 'why_dearer', 'why_dearer_since')),
          'import_ssb_kostra:vu, need_adjusted_expenditure:sr, why_dearer:sr, why_dearer_since:sr',
          'importer volatile/unsafe; comparisons stable/restricted');
SELECT is((SELECT string_agg(c.relname || ':' || e.cond, ', ' ORDER BY c.relname)
             FROM pg_extension AS x, unnest(x.extconfig, x.extcondition) AS e(oid, cond) JOIN pg_class AS c ON c.oid = e.oid
            WHERE x.extname = 'carestair' AND c.relname ~ '^(kostra_|need_index|peer_set|care_service_stat)'),
          'care_service_stat:, kostra_figure:, kostra_function:WHERE NOT builtin, kostra_group:, kostra_group_member:, kostra_measure:WHERE NOT builtin, need_index:, peer_set:, peer_set_member:',
          'the KOSTRA tables are dumped by pg_dump (built-in catalogue rows excepted)');
SELECT is((SELECT count(*)::int FROM carestair.kostra_function WHERE series = '254'), 3, 'series 254 = 254, 257, 258');
SELECT is((SELECT count(*)::int FROM carestair.need_index WHERE derived AND source NOT LIKE 'DERIVED%'), 0, 'every derived need index says so in its source');
SELECT is((SELECT count(*)::int FROM carestair.care_service_stat WHERE derived AND source NOT LIKE 'DERIVED%'), 0, 'every derived care statistic says so in its source');
-- The 0-79 band is all - 80+ wherever both were published.
SELECT is_empty($$
    SELECT a.region, a.year, a.service FROM carestair.care_service_stat AS a
      JOIN carestair.care_service_stat AS o ON (o.region, o.year, o.service, o.measure, o.age_group) = (a.region, a.year, a.service, a.measure, '80+')
      JOIN carestair.care_service_stat AS y ON (y.region, y.year, y.service, y.measure, y.age_group) = (a.region, a.year, a.service, a.measure, '0-79')
     WHERE a.age_group = 'all' AND y.value <> a.value - o.value
$$, '0-79 = all - 80+');

-- No-crash battery: each argument NULL or empty gives a clean error (or no rows), never a crash.
SELECT throws_ok($$ SELECT * FROM carestair.import_ssb_kostra(NULL) $$, '22P04', NULL, 'import_ssb_kostra(NULL)');
SELECT throws_ok($$ SELECT * FROM carestair.import_ssb_kostra(''::bytea) $$, '22P04', NULL, 'import_ssb_kostra(empty)');
SELECT throws_ok($$ SELECT * FROM carestair.import_ssb_care_services(NULL, 'hjemmetjenester') $$, '22P04', NULL, 'import_ssb_care_services(NULL)');
SELECT throws_ok($$ SELECT * FROM carestair.import_ssb_care_services(''::bytea, NULL) $$, '22023', NULL, 'import_ssb_care_services service NULL');
SELECT throws_ok($$ SELECT * FROM carestair.import_kostra_groups(NULL, 2024) $$, '22004', NULL, 'import_kostra_groups(NULL)');
SELECT throws_ok($$ SELECT * FROM carestair.import_kostra_groups(''::bytea, 2024) $$, '22P04', NULL, 'import_kostra_groups(empty)');
SELECT throws_ok($$ SELECT * FROM carestair.need_adjusted_expenditure(2025, NULL) $$, '22004', NULL, 'need_adjusted_expenditure reference NULL');
SELECT throws_ok($$ SELECT * FROM carestair.need_adjusted_expenditure(2025, need_year => 2026, measure => NULL) $$, '22004', NULL, 'need_adjusted_expenditure measure NULL');
SELECT throws_ok($$ SELECT * FROM carestair.why_dearer('5524', NULL) $$, '22004', NULL, 'why_dearer year NULL');
SELECT throws_ok($$ SELECT * FROM carestair.why_dearer('5524', 2025, resource => NULL) $$, '22023', NULL, 'why_dearer resource NULL');
SELECT throws_ok($$ SELECT * FROM carestair.why_dearer('', 2025, need_year => 2026) $$, '22023', NULL, 'why_dearer empty region');
SELECT throws_ok($$ SELECT * FROM carestair.why_dearer_since('5524', 2019, NULL) $$, '22004', NULL, 'why_dearer_since to_year NULL');

SELECT * FROM finish();
ROLLBACK;
