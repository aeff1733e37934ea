-- Legevakt inputs, catchments, coverage, cost sharing and scenarios on the bundled Midt-Troms data
-- (straight-line fallback: no road graph is bundled).
\set SHOW_CONTEXT never
\getenv abs_srcdir PG_ABS_SRCDIR
\set ECHO none
\o /dev/null
\i data/legevakt_load.sql
\o
\set ECHO all
SELECT count(*) AS demand_points, sum(persons) AS persons, count(DISTINCT region) AS kommuner FROM carestair.demand_point;
SELECT site_id, name, region, kind, round(ST_X(geom)) AS x_25833, round(ST_Y(geom)) AS y_25833 FROM carestair.site ORDER BY site_id;
SELECT * FROM carestair.refresh_travel_times();
-- Catchments and coverage with the Bardu legevakt alone, for its member kommuner (20/40/60 minutes).
SELECT level, key, persons, persons_unreachable, round(mean_minutes::numeric, 1) AS mean_min, round(p90_minutes::numeric, 1) AS p90_min, norm_minutes, persons_within, round(share_within::numeric, 3) AS share FROM carestair.legevakt_coverage('{1}', '{20,40,60}', '{5514,5518,5520,5522,5524,5528}') WHERE level <> 'site';
-- Two sites: each point goes to its nearest; catchments per site.
SELECT level, key, persons, round(mean_minutes::numeric, 1) AS mean_min, round(p90_minutes::numeric, 1) AS p90_min, norm_minutes, round(share_within::numeric, 3) AS share FROM carestair.legevakt_coverage('{1,11}', '{40}', '{5520,5524}') ORDER BY level, key;
-- Catchment polygons for maps (union of the 250 m cells nearest to each site).
SELECT site_id, persons, cells, ST_NumGeometries(geom) AS parts, round((ST_Area(geom) / 1e6)::numeric, 2) AS km2, round(cells * 0.0625, 2) AS cells_km2 FROM carestair.catchment_polygons('{1,11}', 250, '{5520,5524}');
-- No open site: everyone is unreachable, nothing is covered.
SELECT level, key, persons, persons_unreachable, mean_minutes, p90_minutes, persons_within FROM carestair.legevakt_coverage('{}', '{40}', '{5524}') WHERE level = 'total';
-- Cost-sharing keys, checked by hand (doc/legevakt.md): 10 MNOK, 10 % equal / 90 % by population of 6,000 / 4,000 / 2,000.
SELECT region, round(equal_part, 2) AS equal_part, round(population_part, 2) AS population_part, round(use_part, 2) AS use_part, round(share, 6) AS share, round(amount, 2) AS amount FROM carestair.share_costs(10000000, '{A,B,C}', '{6000,4000,2000}', '{0,0,0}', 0.1, 0.9, 0);
-- 12 MNOK less a 2 MNOK external contribution, 20 % equal / 50 % population / 30 % use (1,000 / 500 / 500 contacts).
SELECT region, round(equal_part, 2) AS equal_part, round(population_part, 2) AS population_part, round(use_part, 2) AS use_part, round(amount, 2) AS amount FROM carestair.share_costs(12000000, '{A,B,C}', '{6000,4000,2000}', '{1000,500,500}', 0.2, 0.5, 0.3, 2000000);
SELECT round(sum(amount), 2) AS shared_total FROM carestair.share_costs(12000000, '{A,B,C}', '{6000,4000,2000}', '{1000,500,500}', 0.2, 0.5, 0.3, 2000000);
SELECT * FROM carestair.share_costs(100, '{A,B}', '{1,1}', '{1,1}', 0.5, 0.6, 0);
SELECT * FROM carestair.share_costs(100, '{A,B}', '{1,1}', '{1}', 0.1, 0.9, 0);
SELECT * FROM carestair.share_costs(100, '{A,A}', '{1,1}', '{1,1}', 0.1, 0.9, 0);
SELECT * FROM carestair.share_costs(100, '{A,B}', '{1,-1}', '{1,1}', 0.1, 0.9, 0);
SELECT * FROM carestair.share_costs(100, '{A,B}', '{1,1}', '{1,1}', 0.1, 0.9, 0, 101);
SELECT * FROM carestair.share_costs(100, '{A,B}', '{1,1}', '{0,0}', 0, 0, 1);
SELECT * FROM carestair.share_costs(NULL, '{A,B}', '{1,1}', '{0,0}');
-- The Målselv scenarios side by side (40-minute norm; NOU 2015:17 proposed 90 % within 40 minutes).
\set ECHO none
\o /dev/null
\i data/legevakt_scenarios.sql
\o
\set ECHO all
SELECT scenario, region, persons, round(share_within_norm::numeric, 3) AS within_40, round(mean_minutes::numeric, 1) AS mean_min, round(p90_minutes::numeric, 1) AS p90_min, contacts, operating_cost, key_share, operating_share, travel_cost, callout_cost, total_cost, cost_per_inhabitant FROM carestair.compare_legevakt_scenarios(40);
SELECT DISTINCT travel_method FROM carestair.compare_legevakt_scenarios(40);
-- Extra users who are not registered inhabitants (here 500 at the cell nearest the Forsvaret site, an illustrative
-- number) add contacts and travel cost to Målselv, not population.
INSERT INTO carestair.legevakt_extra_demand (scenario, point_id, persons, note) SELECT 'D Andslimoen with Forsvaret', d.point_id, 500, 'illustrative' FROM carestair.demand_point AS d, carestair.site AS s WHERE s.site_id = 12 ORDER BY d.geom <-> s.geom LIMIT 1;
SELECT scenario, region, persons, contacts, key_share, travel_cost FROM carestair.compare_legevakt_scenarios(40) WHERE region = '5524' AND scenario IN ('B Andslimoen alone', 'D Andslimoen with Forsvaret');
DELETE FROM carestair.legevakt_extra_demand;
INSERT INTO carestair.legevakt_extra_demand (scenario, point_id, persons) VALUES ('D Andslimoen with Forsvaret', 1, 10);
-- Operating shares add up to the operating cost less the contribution, per scenario (each share rounded to whole NOK).
SELECT c.scenario, max(c.operating_cost) - s.contribution AS to_share, sum(c.operating_share) AS shared FROM carestair.compare_legevakt_scenarios() AS c JOIN carestair.legevakt_scenario AS s USING (scenario) GROUP BY c.scenario, s.contribution ORDER BY c.scenario;
-- Best sites among Bardu, Finnsnes, Andslimoen and Forsvaret for the six kommuner of the Bardu cooperation plus Senja and Sørreisa.
SELECT site_id, round(objective::numeric) AS person_minutes, method FROM carestair.p_median('SELECT t.point_id, t.site_id, t.minutes FROM carestair.travel_time AS t JOIN carestair.demand_point AS d USING (point_id) WHERE t.site_id IN (1, 2, 11, 12) AND d.region IN (''5514'', ''5518'', ''5520'', ''5522'', ''5524'', ''5526'', ''5528'', ''5530'')', 'SELECT point_id, persons FROM carestair.demand_point WHERE region IN (''5514'', ''5518'', ''5520'', ''5522'', ''5524'', ''5526'', ''5528'', ''5530'')', 2) ORDER BY site_id;
-- Bad input.
SELECT * FROM carestair.compare_legevakt_scenarios(-1);
INSERT INTO carestair.legevakt_scenario (scenario) VALUES ('F empty');
SELECT * FROM carestair.compare_legevakt_scenarios();
DELETE FROM carestair.legevakt_scenario WHERE scenario = 'F empty';
UPDATE carestair.legevakt_scenario SET contribution = 1e9 WHERE scenario = 'D Andslimoen with Forsvaret';
SELECT * FROM carestair.compare_legevakt_scenarios();
UPDATE carestair.legevakt_scenario SET contribution = 2000000 WHERE scenario = 'D Andslimoen with Forsvaret';
INSERT INTO carestair.legevakt_scenario (scenario, equal_share, population_share) VALUES ('G bad key', 0.5, 0.6);
-- Parameters: the user's value overrides the default (here a km rate of 3.50 NOK).
INSERT INTO carestair.legevakt_parameter (name, value, note) VALUES ('km_rate', 3.5, 'test value');
SELECT name, value, overridden FROM carestair.legevakt_parameter_effective WHERE name IN ('km_rate', 'value_of_time') ORDER BY name;
SELECT scenario, region, travel_cost FROM carestair.compare_legevakt_scenarios() WHERE scenario = 'B Andslimoen alone';
DELETE FROM carestair.legevakt_parameter;
INSERT INTO carestair.legevakt_parameter (name, value) VALUES ('no_such_parameter', 1);
-- Contact rates by age group, weighted by each kommune's age structure (SSB 07459, bundled; demand year 2015).
\i :abs_srcdir/sql/load_bundled_data.psql
INSERT INTO carestair.legevakt_contact_rate (age_from, age_to, rate, note) VALUES (0, 17, 0.30, 'test'), (18, 66, 0.20, 'test'), (67, 150, 0.35, 'test');
SELECT region, population_year, round(rate, 6) AS rate, age_groups FROM carestair.legevakt_contact_rates('{5520,5524}');
SELECT region, round(sum(persons * CASE WHEN age <= 17 THEN 0.30 WHEN age <= 66 THEN 0.20 ELSE 0.35 END) / sum(persons), 6) AS rate_by_hand FROM carestair.population_both_sexes WHERE region IN ('5520', '5524') AND year = 2015 GROUP BY region ORDER BY region;
SELECT scenario, region, contacts FROM carestair.compare_legevakt_scenarios() WHERE scenario = 'B Andslimoen alone';
SELECT * FROM carestair.legevakt_contact_rates('{9999}');
INSERT INTO carestair.legevakt_contact_rate (age_from, age_to, rate) VALUES (10, 20, 0.1);
SELECT * FROM carestair.legevakt_contact_rates('{5524}');
DELETE FROM carestair.legevakt_contact_rate WHERE NOT builtin;
BEGIN;
DELETE FROM carestair.legevakt_contact_rate;
SELECT * FROM carestair.legevakt_contact_rates('{5524}');
ROLLBACK;
-- Back to the built-in flat rate: no population data needed.
SELECT region, population_year, rate, age_groups FROM carestair.legevakt_contact_rates('{9999}');
BEGIN;
DELETE FROM carestair.travel_time WHERE site_id = 2;
SELECT * FROM carestair.compare_legevakt_scenarios();
ROLLBACK;
INSERT INTO carestair.site (site_id, name, region, kind, geom) VALUES (99, 'x', '5524', 'hospital', ST_SetSRID(ST_MakePoint(0, 0), 25833));
