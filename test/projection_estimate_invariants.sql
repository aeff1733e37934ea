-- Estimators: each reproduces what it was fitted to.
-- Run from the repository root (make test does): paths are relative to it.
\set QUIET on
\o /dev/null
\i data/load.sql
\o
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
BEGIN;
SELECT plan(31);

-- m -> q above age 0 is q = m / (1 + m/2); at age 0 q0 = m0 / (1 + (1 - a0) m0) with a0 on the Andreev-Kingkade line.
SELECT is(carestair.q_from_m(0.2, 40, 2), 0.2::float8 / 1.1::float8, 'q = m / (1 + m/2) above age 0');
SELECT ok(abs(carestair.q_from_m(0.002, 0, 1) - 0.002 / (1 + (1 - (0.1493 - 2.0367 * carestair.q_from_m(0.002, 0, 1))) * 0.002)) < 1e-15,
          'q0 is the fixed point of q0 = m0 / (1 + (1 - a0(q0)) m0), male low-mortality segment');
-- The cohort q lies between the Lexis-square q of the two ages it spans.
CREATE TEMP TABLE cq AS SELECT * FROM carestair.mortality_from_hmd(:'mx', 2019, 2023);
CREATE TEMP TABLE sq AS SELECT sex, age, carestair.q_from_m(m, age, sex) AS q FROM carestair._hmd_mean_m(:'mx', 2019, 2023, 105);
SELECT is_empty($$
    SELECT c.sex, c.age FROM cq AS c
      JOIN sq AS a ON a.sex = c.sex AND a.age = c.age
      JOIN sq AS b ON b.sex = c.sex AND b.age = c.age - 1
     WHERE c.q NOT BETWEEN least(a.q, b.q) AND greatest(a.q, b.q)
$$, 'the q of the cohort aged a at the end of the year lies between the q of ages a-1 and a');
SELECT is((SELECT count(*) FROM carestair.mortality_from_hmd(:'mx', 2019, 2023)), 212::bigint, 'q for 2 sexes x ages 0..105');

-- Indirect standardisation: the fitted rates give exactly the observed births
-- (age-0 counts) on the women exposed in the base period.
SELECT ok(abs(f.expected_births * f.level - f.observed_births) < 1e-6, 'fertility_indirect: level x expected = observed (Målselv 2015-2019)')
  FROM (SELECT DISTINCT level, expected_births, observed_births FROM carestair.fertility_indirect('5524', 2015, 2019)) AS f;

-- Residual migration over one year without smoothing, projected one year with
-- the same q, reproduces the observed population at every age >= 1.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('r', 'test', 2023, 2024);
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q)
SELECT 'r', '0000', 2023, sex, age, q FROM carestair.mortality_from_hmd(:'mx', 2019, 2023);
CREATE TEMP TABLE mig AS SELECT '5610'::text AS region, 2023 AS year, * FROM carestair.migration_residual('5610', 2023, 2023, 'r', '0000', 0);
CREATE TEMP TABLE one AS
SELECT * FROM carestair.project_population(
    'SELECT region, year, sex, age, persons FROM carestair.population WHERE region = ''5610'' AND year = 2023',
    'SELECT ''5610'' AS region, 2023 AS year, 30 AS age, 0.05 AS rate',
    'SELECT ''5610'' AS region, year, sex, age, q FROM carestair.mortality WHERE scenario = ''r''',
    'TABLE mig', 2024);
SELECT is_empty($$
    SELECT o.sex, o.age, o.persons, p.persons
      FROM one AS o JOIN carestair.population AS p ON p.region = '5610' AND p.year = 2024 AND p.sex = o.sex AND p.age = o.age
      JOIN mig AS m ON m.sex = o.sex AND m.age = o.age
      JOIN carestair.mortality AS q ON q.scenario = 'r' AND q.sex = o.sex AND q.age = o.age
     WHERE o.age >= 1 AND m.emigration_rate < (1 - q.q) / (1 - q.q / 2)
       AND abs(o.persons - p.persons) > 1e-6
$$, 'residual migration reproduces the observed 2024 population of Karasjok at every age >= 1');
SELECT ok((SELECT count(*) FROM mig WHERE net_migrants <> 0) > 50, 'the residuals are not trivially zero');

-- estimate_scenario_rates fills a scenario exactly as the estimators called one by one.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('e', 'test', 2020, 2026);
SELECT is((SELECT sum(row_count) FROM carestair.estimate_scenario_rates('e', ARRAY['5524', '5610'], 2015, 2019, :'mx', mortality_method => 'constant')),
          212 + 2 * (35 + 212)::numeric, 'estimate_scenario_rates (constant mortality): national mortality, fertility and migration for two kommuner');
CREATE TEMP TABLE by_hand AS
SELECT r AS region, m.sex, m.age, m.immigrants, m.emigration_rate
  FROM unnest(ARRAY['5524', '5610']) AS r, carestair.migration_residual(r, 2015, 2019, 'e') AS m;
SELECT is_empty($$
    SELECT * FROM by_hand AS h FULL JOIN carestair.migration AS g
        ON g.scenario = 'e' AND g.region = h.region AND g.sex = h.sex AND g.age = h.age AND g.year = 2020
     WHERE (g.scenario IS NULL OR g.scenario = 'e') AND (h.immigrants IS DISTINCT FROM g.immigrants OR h.emigration_rate IS DISTINCT FROM g.emigration_rate)
$$, 'its migration rows equal migration_residual called directly');
SELECT throws_ok($$ SELECT * FROM carestair.estimate_scenario_rates('e', ARRAY['5524'], 2015, 2020, 'x') $$, '22023', NULL,
                 'a base period reaching the base year is refused');

-- The default: year-specific mortality (observed years of the base period,
-- then the log_linear forecast for every projected year), recorded.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('d', 'default rates', 2020, 2026);
SELECT is((SELECT row_count FROM carestair.estimate_scenario_rates('d', ARRAY['5524', '5610'], 2015, 2019, :'mx') WHERE rate_table = 'mortality'),
          (5 + 6) * 212::bigint, 'default mortality: observed 2015-2019 and a forecast for 2020-2025, 212 cells a year');
SELECT is((SELECT assumptions -> 'mortality' FROM carestair.projection_scenario WHERE scenario = 'd'),
          '{"fit": [2010, 2019], "doc": "doc/mortality_forecast.md", "method": "log_linear", "source": "Human Mortality Database, Norway, Mx_1x1"}'::jsonb,
          'the scenario records the mortality method and its fit window');
SELECT ok((SELECT max(abs(m.q - f.q)) FROM carestair.mortality AS m
             JOIN carestair.forecast_mortality(:'mx', 2010, 2019, 2025) AS f ON f.year = m.year AND f.sex = m.sex AND f.age = m.age
            WHERE m.scenario = 'd' AND m.region = '0000' AND m.year >= 2020) = 0,
          'the projected years hold forecast_mortality''s rows unchanged');
SELECT ok((SELECT max(abs(m.q - f.q)) FROM carestair.mortality AS m
             JOIN carestair.mortality_by_year(:'mx', 2015, 2019) AS f ON f.year = m.year AND f.sex = m.sex AND f.age = m.age
            WHERE m.scenario = 'd' AND m.region = '0000' AND m.year < 2020) = 0,
          'the base period holds each observed year''s rates');
SELECT cmp_ok((SELECT sum(persons) FROM carestair.project_population('d', ARRAY['5524', '5610']) WHERE year = 2026 AND age >= 80),
              '>', (SELECT sum(persons) FROM carestair.project_population('e', ARRAY['5524', '5610']) WHERE year = 2026 AND age >= 80),
              'falling mortality gives more persons aged 80+ than constant rates');
SELECT is((SELECT count(*) FROM carestair.project_population('d', ARRAY['5524', '5610']) WHERE persons < 0), 0::bigint,
          'no cohort goes negative under the forecast (emigration capped at the highest projected q)');
-- A target TFR path: linear to the target year, then constant.
SELECT is((SELECT count(*) FROM carestair.estimate_scenario_rates('d', ARRAY['5524'], 2015, 2019, :'mx', tfr_target => 1.4, tfr_target_year => 2023)), 3::bigint,
          'estimate_scenario_rates with a target TFR');
SELECT ok((SELECT bool_and(abs(t - 1.4) < 1e-12) FROM (SELECT year, sum(rate) AS t FROM carestair.fertility WHERE scenario = 'd' AND region = '5524' AND year >= 2023 GROUP BY year) AS x),
          'TFR equals the target from the target year on');
SELECT ok((SELECT abs(t2021 - (t2020 + (1.4 - t2020) / 3)) < 1e-12
             FROM (SELECT sum(rate) FILTER (WHERE year = 2020) AS t2020, sum(rate) FILTER (WHERE year = 2021) AS t2021
                     FROM carestair.fertility WHERE scenario = 'd' AND region = '5524') AS x),
          'TFR moves linearly from the estimate to the target');
-- A kommune's own mortality level scales the national rates of every year.
SELECT is((SELECT row_count FROM carestair.estimate_scenario_rates('d', ARRAY['5524', '5610'], 2015, 2019, :'mx', mortality_levels => '{"5610": 1.2}')
            WHERE rate_table = 'mortality' AND region = '5610'), (5 + 6) * 212::bigint, 'mortality_levels: Karasjok gets its own rows for every year');
SELECT ok((SELECT bool_and(k.q = least(1.0, n.q * 1.2)) FROM carestair.mortality AS k
             JOIN carestair.mortality AS n ON n.scenario = k.scenario AND n.region = '0000' AND n.year = k.year AND n.sex = k.sex AND n.age = k.age
            WHERE k.scenario = 'd' AND k.region = '5610'), 'mortality_levels: its q is the national q times the level, every year and age');
SELECT is((SELECT count(*) FROM carestair.mortality WHERE scenario = 'd' AND region = '5524'), 0::bigint, 'a kommune without a level keeps the national rates');
SELECT throws_ok($$ SELECT * FROM carestair.estimate_scenario_rates('d', ARRAY['5524'], 2015, 2019, 'x', mortality_levels => '{"5524": "high"}') $$, '22023',
                 NULL, 'a level that is not a number is refused');
SELECT throws_ok($$ SELECT * FROM carestair.estimate_scenario_rates('d', ARRAY['5524'], 2015, 2019, 'x', mortality_levels => '{"5524": 1e400}') $$, '22023',
                 NULL, 'a level outside (0, 5] is refused');
SELECT throws_ok($$ SELECT * FROM carestair.estimate_scenario_rates('d', ARRAY['5524'], 2015, 2019, 'x', tfr_target => 1.4) $$, '22023',
                 'tfr_target and tfr_target_year go together', 'a target TFR without its year is refused');
SELECT throws_ok($$ SELECT * FROM carestair.estimate_scenario_rates('d', ARRAY['5524'], 2015, 2019, 'x', mortality_window => 2) $$, '22023',
                 'mortality_window 2 is not between 3 and 200 years', 'a mortality window too short for a trend is refused');
SELECT throws_ok($$ SELECT * FROM carestair.estimate_scenario_rates('d', ARRAY['5524'], 2015, 2019, 'x', tfr_target => 11, tfr_target_year => 2024) $$, '22023',
                 NULL, 'a target TFR above 10 is refused');
SELECT throws_ok($$ SELECT * FROM carestair.estimate_scenario_rates('d', ARRAY['5524'], 2015, 2019, NULL) $$, '22004',
                 NULL, 'a NULL HMD text is refused');
SELECT throws_ok($$ SELECT * FROM carestair.estimate_scenario_rates('d', ARRAY['5524'], 2015, 2019, 'no HMD rows here') $$, 'P0002',
                 'hmd_mx has no year in the base period 2015-2019', 'an HMD text without rows for the base period is refused');
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('backtest 2015 d', 'the user''s', 2015, 2026);
SELECT throws_ok($$ SELECT * FROM carestair.backtest_kommuner(ARRAY['5524'], 'x', '{2015}', 2026, 5, '{d}') $$, '42710',
                 NULL, 'backtest_kommuner refuses to overwrite an existing scenario of its scratch name');
SELECT throws_ok($$ SELECT * FROM carestair.estimate_scenario_rates('d', ARRAY['5524'], 2015, 2019, 'x', mortality_method => 'gompertz') $$, '22023',
                 'mortality_method "gompertz" is not a mortality forecast method', 'an unknown mortality method is refused');

SELECT * FROM finish();
ROLLBACK;
