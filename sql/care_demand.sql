-- Care demand from coverage rates on real SSB counts (Målselv, Bardu).
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\i :abs_srcdir/sql/load_bundled_data.psql
SELECT year, level, age_from, age_to, users, hours_per_user_week, source FROM carestair.care_users WHERE region = '5524' AND year = 2026 ORDER BY level, age_from;
SELECT level, age_from, age_to, years, users, population, round(rate::numeric, 4) AS rate, round(hours_per_user_week::numeric, 2) AS hours FROM carestair.care_coverage('5524', 2024, 2026);
-- Invariant: one base year applied to that year's own population gives back its users.
SELECT d.level, round(d.users::numeric, 6) AS demand, u.users AS counted FROM carestair.care_demand('5524', 2026, 2026, $$SELECT region, year, age, persons FROM carestair.population WHERE year = 2026$$) AS d JOIN (SELECT level, sum(users) AS users FROM carestair.care_users WHERE region = '5524' AND year = 2026 GROUP BY level) AS u USING (level) ORDER BY d.level;
-- Demand on a population (here the observed 2020-2026 population stands in for a projection).
SELECT year, level, round(users::numeric, 1) AS users, round(places::numeric, 1) AS places, round(hours_per_week::numeric, 1) AS hours_week, round(arsverk::numeric, 2) AS arsverk FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, age, persons FROM carestair.population WHERE year IN (2020, 2026)$$) ORDER BY year, level;
-- Dreining: 2 % a year of long-term residents to staffed housing, from 2021.
INSERT INTO carestair.care_shift VALUES ('test-dreining', 'langtidsopphold', 'omsorgsbolig_heldogn', 0.02, 2021, 'TEST: 2 % a year from langtid to heldøgns omsorgsbolig');
SELECT year, level, round(users::numeric, 2) AS users FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, age, persons FROM carestair.population WHERE year = 2026$$, 'test-dreining') ORDER BY level;
SELECT round(sum(users)::numeric, 6) AS total_without, (SELECT round(sum(users)::numeric, 6) FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, age, persons FROM carestair.population WHERE year = 2026$$, 'test-dreining')) AS total_with FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, age, persons FROM carestair.population WHERE year = 2026$$);
-- Årsverk for places need a staffing norm (TEST VALUE), and absence raises årsverk.
INSERT INTO carestair.care_staffing_norm VALUES ('0000', 'langtidsopphold', 1.2, 'TEST VALUE for the regression test');
SELECT level, round(arsverk::numeric, 2) AS arsverk FROM carestair.care_demand('5524', 2026, 2026, $$SELECT region, year, age, persons FROM carestair.population WHERE year = 2026$$, absence_factor => 0.1) ORDER BY level;
-- From demand to a staffing plan in one query: the årsverk of Målselv's long-term places in 2026 at the
-- TEST norm above, scaled onto the shipped EXAMPLE 24/7 plan (doc/staffing.md).
BEGIN;
SELECT carestair.create_example_staffing_plan() IS NOT NULL AS example_plan;
SELECT target_arsverk, round(scale_factor, 3) AS scale_factor, weekly_hours, plan_arsverk FROM carestair.staffing_plan_for_arsverk('example_24_7', 'malselv_langtid_2026', (SELECT round(arsverk::numeric, 2) FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, age, persons FROM carestair.population WHERE year = 2026$$) WHERE level = 'langtidsopphold'), region => '5524', step => 'langtidsopphold', year => 2026);
ROLLBACK;
DELETE FROM carestair.care_staffing_norm;
DELETE FROM carestair.care_shift;
-- Bad input.
SELECT * FROM carestair.care_coverage('5524', 2026, 2020);
SELECT * FROM carestair.care_coverage('5532', 2020, 2026);
SELECT * FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, age, persons FROM carestair.population WHERE year = 2026$$, 'no-such-scenario');
SELECT * FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, age, persons FROM carestair.population$$, hours_per_arsverk => 0);
SELECT * FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, age, persons FROM carestair.population$$, absence_factor => 1.5);
SELECT * FROM carestair.care_demand('5524', 2024, 2026, NULL);
SELECT * FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year FROM carestair.population$$);
INSERT INTO carestair.care_shift VALUES ('bad', 'omsorgsbolig', 'langtidsopphold', 0.02, 2026);
INSERT INTO carestair.care_shift VALUES ('bad', 'langtidsopphold', 'omsorgsbolig', 1.5, 2026);
-- From person-level records (here the SYNTHETIC register, stored as year 2030 of region 5524).
SELECT level, age_from, age_to, users FROM carestair.care_users_from_records($$SELECT region, 2030 AS year, current_level AS level, age FROM carestair.synthetic_register(500, 0.5)$$) ORDER BY level, age_from;
SELECT count(*) AS rows, sum(users) AS users FROM carestair.care_users WHERE region = '5524' AND year = 2030;
DELETE FROM carestair.care_users WHERE year = 2030;
SELECT * FROM carestair.care_users_from_records($$SELECT region, 2030 AS year, current_level AS level, age FROM carestair.synthetic_register(5)$$, '{10,67}');
SELECT * FROM carestair.care_users_from_records($$SELECT region, 2030 AS year, current_level AS level, age FROM carestair.synthetic_register(5)$$, '{0,80,67}');
SELECT * FROM carestair.care_users_from_records($$SELECT region, current_level AS level, age FROM carestair.synthetic_register(5)$$);
-- Prediction intervals of users: coverage rates applied to each stochastic draw of a projection
-- (rates of 2019-2023 estimated from the bundled real data; default stochastic parameters).
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('cd-test', 'care demand intervals test', 2026, 2040);
SELECT count(*) AS rate_tables FROM carestair.estimate_scenario_rates('cd-test', ARRAY['5524'], 2019, 2023, :'mx');
INSERT INTO carestair.stochastic_parameters (scenario) VALUES ('cd-test');
CREATE TEMP TABLE cdi AS SELECT * FROM carestair.care_demand_intervals('5524', 2024, 2026, 'cd-test', 2040, 100, 7);
SELECT year, level, draws_used, round(mean_users::numeric, 1) AS mean_users, (SELECT array_agg(round(q::numeric, 1)) FROM unnest(quantile_users) AS q) AS users_5_50_95 FROM cdi WHERE year IN (2030, 2040) ORDER BY year, level;
-- The mean of the draws is close to the deterministic demand, and the interval widens with the horizon.
SELECT c.level, round(abs(c.mean_users / d.users - 1)::numeric, 2) < 0.02 AS mean_within_2_pct FROM cdi AS c JOIN carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, age, persons FROM carestair.project_population('cd-test', ARRAY['5524'], 2040)$$) AS d USING (year, level) WHERE c.year = 2040 ORDER BY c.level;
SELECT level, bool_and(w2 > w1) AS widens FROM (SELECT level, year, quantile_users[3] - quantile_users[1] AS w2, lag(quantile_users[3] - quantile_users[1]) OVER (PARTITION BY level ORDER BY year) AS w1 FROM cdi WHERE year IN (2030, 2035, 2040)) AS w WHERE w1 IS NOT NULL GROUP BY level ORDER BY level;
SELECT * FROM carestair.care_demand_intervals('5524', 2024, 2026, 'cd-test', 2040, 10, 1, '{0.5,0.05}');
SELECT * FROM carestair.care_demand_intervals('5524', 2024, 2026, 'cd-test', 2040, 10, 1, '{0,0.5}');
SELECT * FROM carestair.care_demand_intervals('5524', 2024, 2026, NULL);
SELECT * FROM carestair.care_demand_intervals('5524', 2024, 2026, 'cd-test', 2040, 0);
DELETE FROM carestair.stochastic_parameters WHERE scenario = 'cd-test';
DELETE FROM carestair.fertility WHERE scenario = 'cd-test';
DELETE FROM carestair.mortality WHERE scenario = 'cd-test';
DELETE FROM carestair.migration WHERE scenario = 'cd-test';
DELETE FROM carestair.projection_scenario WHERE scenario = 'cd-test';
