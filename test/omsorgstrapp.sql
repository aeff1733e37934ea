-- The omsorgstrapp modules: invariants, independent re-computations, errors.
BEGIN;
SELECT plan(30);

-- Catalogue.
SELECT has_type('carestair', 'care_level', 'care_level type');
SELECT has_type('carestair', 'iplos_profile', 'iplos_profile type');
SELECT has_function('carestair', 'erlang_b', ARRAY['double precision', 'integer']);
SELECT has_function('carestair', 'erlang_c', ARRAY['double precision', 'integer']);
SELECT has_function('carestair', 'erlang_b_servers', ARRAY['double precision', 'double precision']);
SELECT function_returns('carestair', 'erlang_b', ARRAY['double precision', 'integer'], 'double precision');
SELECT function_returns('carestair', 'erlang_b_servers', ARRAY['double precision', 'double precision'], 'integer');
SELECT volatility_is('carestair', 'erlang_b', ARRAY['double precision', 'integer'], 'immutable');
SELECT volatility_is('carestair', 'beon_classify', ARRAY['carestair.iplos_profile', 'integer', 'boolean', 'boolean', 'boolean', 'text', 'integer'], 'stable');
SELECT volatility_is('carestair', 'care_demand', ARRAY['text', 'integer', 'integer', 'text', 'text', 'double precision', 'double precision', 'integer'], 'stable');

-- The enum order is the staircase order of the label table.
SELECT results_eq($$SELECT level FROM carestair.care_level_label ORDER BY step$$,
                  $$SELECT unnest(enum_range(NULL::carestair.care_level))$$, 'enum order = step order');
SELECT is((SELECT count(*)::int FROM carestair.care_level_label), 8, 'eight steps');

-- IPLOS: 2,000 random profiles survive text output and input unchanged; derived measures stay in range.
CREATE TEMP TABLE rp AS
SELECT g, (SELECT string_agg((ARRAY['1','2','3','4','5','9'])[1 + floor(random() * 6)::int], '' ORDER BY k)
             FROM generate_series(1, 17) AS k WHERE g > 0) AS t
  FROM generate_series(1, 2000) AS g;
SELECT is((SELECT count(*)::int FROM rp WHERE t::carestair.iplos_profile::text <> t), 0, 'text round trip of 2,000 random profiles');
SELECT is((SELECT count(*)::int FROM rp WHERE carestair.iplos_mean_adl(t::carestair.iplos_profile) NOT BETWEEN 1 AND 5), 0, 'mean ADL within 1..5');
SELECT is((SELECT count(*)::int FROM rp
            WHERE carestair.iplos_personbistand_count(t::carestair.iplos_profile)
                  <> (SELECT count(*) FROM unnest(string_to_array(t, NULL)) AS c WHERE c IN ('3', '4', '5'))), 0,
          'personbistand count = number of scores 3-5, recounted in SQL');
SELECT is((SELECT count(*)::int FROM rp
            WHERE abs(coalesce(carestair.iplos_mean_adl(t::carestair.iplos_profile), -1)
                      - coalesce((SELECT avg(c::int) FROM unnest(string_to_array(substr(t, 1, 15), NULL)) AS c WHERE c <> '9'), -1)) > 1e-12), 0,
          'mean ADL = SQL average of the first 15 scores other than 9');

-- Erlang B against an independent computation in log space:
-- B = exp(t_n - logsumexp(t_0..t_n)), t_j = j ln A - ln j!.
SELECT is_empty($$
    SELECT a, n FROM (VALUES (0.5, 1), (3.0, 5), (12.0, 20), (50.0, 60), (150.0, 140)) AS v(a, n),
    LATERAL (
        WITH s AS (SELECT j, j * ln(a) - sum(CASE WHEN j = 0 THEN 0 ELSE ln(j::float8) END) OVER (ORDER BY j) AS t
                     FROM generate_series(0, n) AS j),
             m AS (SELECT max(t) AS m FROM s),
             l AS (SELECT (SELECT t FROM s WHERE j = n) - m.m
                          - ln((SELECT sum(CASE WHEN s.t - m.m < -700 THEN 0 ELSE exp(s.t - m.m) END) FROM s)) AS lb FROM m)
        SELECT CASE WHEN lb < -700 THEN 0 ELSE exp(lb) END AS b FROM l) AS r
     WHERE abs(carestair.erlang_b(a, n) - r.b) > 1e-9
$$, 'erlang_b matches a log-space re-computation');
SELECT is_empty($$
    SELECT a, p FROM (VALUES (1.0, 0.1), (7.5, 0.02), (40.0, 0.01), (300.0, 0.001)) AS v(a, p),
         LATERAL (SELECT carestair.erlang_b_servers(a, p) AS n) AS s
     WHERE NOT (carestair.erlang_b(a, s.n) <= p AND carestair.erlang_b(a, s.n - 1) > p)
$$, 'erlang_b_servers is the smallest count meeting the target');
SELECT is_empty($$
    SELECT a, n FROM generate_series(1, 30) AS n, (VALUES (0.5), (5.0), (20.0)) AS v(a)
     WHERE carestair.erlang_c(a, n) < carestair.erlang_b(a, n) - 1e-15
$$, 'waiting probability is never below the loss probability');
SELECT cmp_ok(carestair.erlang_b(10, 15), '<', carestair.erlang_b(10, 14), 'more beds, fewer refusals');

-- BEON.
SELECT is_empty($$SELECT * FROM carestair.beon_rule_check('carestair-default')$$, 'the default rules partition');
SELECT is((SELECT count(*)::int FROM carestair.synthetic_register(3000, 0.7)), 3000, 'the synthetic register classifies every person');
SELECT is_empty($$
    SELECT 1 FROM (SELECT (carestair.beon_classify(profile, age, lives_alone, dementia, informal_care)).* FROM carestair.synthetic_register(500, 0.3)) AS c
      JOIN carestair.beon_rule AS r ON r.rule_set = 'carestair-default' AND r.rule_id = c.rule_id
     WHERE r.level <> c.level
$$, 'the level returned is the level of the rule returned');

-- Errors, by SQLSTATE.
SELECT throws_ok($$SELECT '123'::carestair.iplos_profile$$, '22P02', NULL, 'short profile');
SELECT throws_ok($$SELECT '1234567812345678X'::carestair.iplos_profile$$, '22P02', NULL, 'bad score');
SELECT throws_ok($$SELECT carestair.erlang_b(-2, 3)$$, '22023', NULL, 'negative load');
SELECT throws_ok($$SELECT carestair.erlang_b_servers(3, 1)$$, '22023', NULL, 'probability 1');
SELECT throws_ok($$SELECT carestair.erlang_b_servers(1e8, 1e-9)$$, '54000', NULL, 'unreachable target');
SELECT throws_ok($$SELECT carestair.beon_classify('11111111111111111', 70, NULL, NULL, NULL, 'nope')$$, 'P0002', NULL, 'unknown rule set');
SELECT throws_ok($$SELECT carestair.care_level_step('langtidsopphold', 2)$$, '22023', NULL, 'beyond the top step');

SELECT * FROM finish();
ROLLBACK;
