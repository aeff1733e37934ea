-- The decomposition aggregates: balancing identities, symmetry, and
-- independent re-computation (brute-force Shapley over all subsets, LMDI
-- from its textbook formula), plus catalogue checks.
BEGIN;
SELECT plan(25);

-- Test cells: 40 groups x 25 cells x 4 factors, deterministic, all positive.
CREATE TEMP TABLE cells AS
SELECT g, c,
       ARRAY[1 + abs(sin(g * 31 + c)), 0.1 + abs(cos(g + c * 7)), 5 + (g * c) % 11, 0.5 + abs(sin(c))]::float8[] AS x0,
       ARRAY[1 + abs(cos(g * 17 + c)), 0.1 + abs(sin(g * 3 + c)), 5 + (g + c) % 13, 0.5 + abs(cos(c * 3))]::float8[] AS x1
  FROM generate_series(1, 40) AS g, generate_series(1, 25) AS c;
-- The same with signs mixed in (Shapley only).
CREATE TEMP TABLE signed_cells AS
SELECT g, c, ARRAY[x0[1] - 1.5, x0[2], x0[3] - 9, x0[4]]::float8[] AS x0, ARRAY[x1[1] - 1.2, x1[2] - 0.5, x1[3], x1[4]]::float8[] AS x1
  FROM cells;

CREATE FUNCTION pg_temp.prod(x float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE
AS $$ SELECT x[1] * x[2] * x[3] * x[4] $$;

-- Brute force: Shapley effect of factor k in one cell, summing the
-- marginal contributions over all 2^(n-1) subsets of the other factors.
CREATE FUNCTION pg_temp.shapley_brute(x0 float8[], x1 float8[]) RETURNS float8[] LANGUAGE plpgsql IMMUTABLE
AS $$
DECLARE
    n int := cardinality(x0);
    res float8[] := array_fill(0::float8, ARRAY[n]);
    k int; m int; j int; s int; with_k float8; without_k float8; w float8;
BEGIN
    FOR k IN 1 .. n LOOP
        FOR m IN 0 .. (1 << n) - 1 LOOP
            CONTINUE WHEN (m >> (k - 1)) & 1 = 1;
            s := 0; with_k := 1; without_k := 1;
            FOR j IN 1 .. n LOOP
                IF j = k THEN
                    with_k := with_k * x1[j]; without_k := without_k * x0[j];
                ELSIF (m >> (j - 1)) & 1 = 1 THEN
                    s := s + 1; with_k := with_k * x1[j]; without_k := without_k * x1[j];
                ELSE
                    with_k := with_k * x0[j]; without_k := without_k * x0[j];
                END IF;
            END LOOP;
            w := factorial(s)::float8 * factorial(n - 1 - s)::float8 / factorial(n)::float8;
            res[k] := res[k] + w * (with_k - without_k);
        END LOOP;
    END LOOP;
    RETURN res;
END $$;

-- Per group: effects, gap, ratio, and the textbook LMDI in plain SQL.
CREATE TEMP TABLE res AS
SELECT g,
       carestair.lmdi_additive(x0, x1) AS la,
       carestair.lmdi_multiplicative(x0, x1) AS lm,
       carestair.shapley_decompose(x0, x1) AS sh,
       carestair.lmdi_additive(x1, x0) AS la_swapped,
       carestair.lmdi_multiplicative(x1, x0) AS lm_swapped,
       carestair.shapley_decompose(x1, x0) AS sh_swapped,
       sum(pg_temp.prod(x1)) - sum(pg_temp.prod(x0)) AS gap,
       sum(pg_temp.prod(x1)) / sum(pg_temp.prod(x0)) AS ratio,
       sum(pg_temp.prod(x0)) AS v0, sum(pg_temp.prod(x1)) AS v1
  FROM cells GROUP BY g;

CREATE TEMP TABLE textbook AS
SELECT g, k,
       sum(CASE WHEN pg_temp.prod(x1) = pg_temp.prod(x0) THEN pg_temp.prod(x0)
                ELSE (pg_temp.prod(x1) - pg_temp.prod(x0)) / ln(pg_temp.prod(x1) / pg_temp.prod(x0)) END
           * ln(x1[k] / x0[k])) AS effect
  FROM cells, generate_series(1, 4) AS k GROUP BY g, k;

SELECT is((SELECT count(*)::int FROM res), 40, '40 groups decomposed');
SELECT is_empty($$ SELECT g FROM res, LATERAL (SELECT sum(e) AS s FROM unnest(la) AS e) AS t WHERE abs(t.s - gap) > 1e-9 * greatest(1, abs(gap)) $$,
                'lmdi_additive: effects sum to the gap within 1e-9');
SELECT is_empty($$ SELECT g FROM res, LATERAL (SELECT sum(e) AS s FROM unnest(sh) AS e) AS t WHERE abs(t.s - gap) > 1e-9 * greatest(1, abs(gap)) $$,
                'shapley_decompose: effects sum to the gap within 1e-9');
SELECT is_empty($$ SELECT g FROM res, LATERAL (SELECT exp(sum(ln(e))) AS p FROM unnest(lm) AS e) AS t WHERE abs(t.p - ratio) > 1e-9 * ratio $$,
                'lmdi_multiplicative: ratios multiply to the ratio of the totals within 1e-9');
SELECT is_empty($$ SELECT g FROM res, generate_series(1, 4) AS k WHERE abs(la[k] + la_swapped[k]) > 1e-9 * greatest(1, abs(la[k])) $$,
                'lmdi_additive: swapping the periods negates every effect');
SELECT is_empty($$ SELECT g FROM res, generate_series(1, 4) AS k WHERE abs(sh[k] + sh_swapped[k]) > 1e-9 * greatest(1, abs(sh[k])) $$,
                'shapley_decompose: swapping the periods negates every effect');
SELECT is_empty($$ SELECT g FROM res, generate_series(1, 4) AS k WHERE abs(lm[k] * lm_swapped[k] - 1) > 1e-9 $$,
                'lmdi_multiplicative: swapping the periods inverts every ratio');
SELECT is_empty($$ SELECT r.g FROM res AS r JOIN textbook AS t ON t.g = r.g WHERE abs(r.la[t.k] - t.effect) > 1e-9 * greatest(1, abs(t.effect)) $$,
                'lmdi_additive equals the textbook formula sum L(V1,V0) ln(x1/x0) computed in SQL');
SELECT is_empty($$ SELECT g FROM res, generate_series(1, 4) AS k
                   WHERE abs(ln(lm[k]) * (v1 - v0) / ln(v1 / v0) - la[k]) > 1e-9 * greatest(1, abs(la[k])) $$,
                'ln D_k times L(V1,V0) is the additive effect (Ang 2005, eq. 6)');

-- Brute-force Shapley, cell by cell, summed per group.
CREATE TEMP TABLE brute AS
SELECT g, k, sum((pg_temp.shapley_brute(x0, x1))[k]) AS effect FROM cells, generate_series(1, 4) AS k GROUP BY g, k;
SELECT is_empty($$ SELECT r.g FROM res AS r JOIN brute AS b ON b.g = r.g WHERE abs(r.sh[b.k] - b.effect) > 1e-9 * greatest(1, abs(b.effect)) $$,
                'shapley_decompose equals brute-force Shapley over all subsets (positive factors)');
CREATE TEMP TABLE signed_res AS
SELECT g, carestair.shapley_decompose(x0, x1) AS sh, sum(pg_temp.prod(x1)) - sum(pg_temp.prod(x0)) AS gap FROM signed_cells GROUP BY g;
CREATE TEMP TABLE signed_brute AS
SELECT g, k, sum((pg_temp.shapley_brute(x0, x1))[k]) AS effect FROM signed_cells, generate_series(1, 4) AS k GROUP BY g, k;
SELECT is_empty($$ SELECT r.g FROM signed_res AS r JOIN signed_brute AS b ON b.g = r.g WHERE abs(r.sh[b.k] - b.effect) > 1e-9 * greatest(1, abs(b.effect)) $$,
                'shapley_decompose equals brute force with factors of both signs');
SELECT is_empty($$ SELECT g FROM signed_res, LATERAL (SELECT sum(e) AS s FROM unnest(sh) AS e) AS t WHERE abs(t.s - gap) > 1e-9 * greatest(1, abs(gap)) $$,
                'shapley_decompose: signed effects sum to the gap');
SELECT ok((SELECT bool_and(abs(e1 - e2) < 1e-9 * greatest(1, abs(e1)))
             FROM unnest((SELECT carestair.shapley_decompose('{0.3,1.7,-2.2,4,0.9,1.1}', '{0.5,1.2,-1.9,3.5,1.4,0.8}')),
                         pg_temp.shapley_brute('{0.3,1.7,-2.2,4,0.9,1.1}', '{0.5,1.2,-1.9,3.5,1.4,0.8}')) AS u(e1, e2)),
          'six factors: shapley_decompose equals brute force');

-- Zero-value rules keep the sum exact.
SELECT ok((SELECT abs(sum(e) - (0 - 2 * 3 * 4)) < 1e-12 FROM unnest((SELECT carestair.lmdi_additive('{2,3,4}', '{0,0,5}'))) AS e),
          'lmdi_additive: a cell that disappears (two zero factors) still sums to -V0');
SELECT is(carestair.lmdi_additive('{2,3,4}', '{0,0,5}'), '{-12,-12,0}'::float8[], 'two vanishing factors share -V0 equally');

-- Order of rows does not matter (beyond rounding).
SELECT ok((SELECT bool_and(abs(a - b) < 1e-9 * greatest(1, abs(a)))
             FROM unnest((SELECT carestair.lmdi_additive(x0, x1 ORDER BY c) FROM cells WHERE g = 7),
                         (SELECT carestair.lmdi_additive(x0, x1 ORDER BY c DESC) FROM cells WHERE g = 7)) AS u(a, b)),
          'lmdi_additive does not depend on the row order');

-- Catalogue.
SELECT has_function('carestair', 'lmdi_additive', ARRAY['double precision[]', 'double precision[]']);
SELECT has_function('carestair', 'lmdi_multiplicative', ARRAY['double precision[]', 'double precision[]']);
SELECT has_function('carestair', 'shapley_decompose', ARRAY['double precision[]', 'double precision[]']);
SELECT is((SELECT string_agg(p.proname || ':' || p.prokind::text || p.proparallel::text || ':' || format_type(p.prorettype, NULL), ', ' ORDER BY p.proname)
             FROM pg_proc AS p WHERE p.pronamespace = 'carestair'::regnamespace
              AND p.proname IN ('lmdi_additive', 'lmdi_multiplicative', 'shapley_decompose')),
          'lmdi_additive:as:double precision[], lmdi_multiplicative:as:double precision[], shapley_decompose:as:double precision[]',
          'the three are parallel-safe aggregates returning float8[]');
SELECT is((SELECT count(*)::int FROM pg_aggregate AS a JOIN pg_proc AS p ON p.oid = a.aggfnoid
            WHERE p.pronamespace = 'carestair'::regnamespace
              AND p.proname IN ('lmdi_additive', 'lmdi_multiplicative', 'shapley_decompose')
              AND a.aggcombinefn <> 0 AND a.aggserialfn <> 0 AND a.aggdeserialfn <> 0), 3,
          'each has combine, serial and deserial functions');
SELECT is((SELECT string_agg(DISTINCT p.proparallel::text, '') FROM pg_proc AS p
            WHERE p.pronamespace = 'carestair'::regnamespace AND p.proname ~ '^_(lmdi|shapley|decomp)_'), 's',
          'every support function is parallel safe');
SELECT is((SELECT string_agg(DISTINCT p.provolatile::text, '') FROM pg_proc AS p
            WHERE p.pronamespace = 'carestair'::regnamespace AND p.proname ~ '^_(lmdi|shapley|decomp)_'), 'i',
          'every support function is immutable');

-- No-crash battery: NULL and empty arguments give errors, never a crash.
SELECT throws_ok($$ SELECT carestair.lmdi_additive(NULL, NULL) $$, '22004', NULL, 'lmdi_additive(NULL, NULL) is an error');
SELECT throws_ok($$ SELECT carestair.shapley_decompose('{}', '{}') $$, '22023', NULL, 'shapley_decompose of empty arrays is an error');

SELECT * FROM finish();
ROLLBACK;
