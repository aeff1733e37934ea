-- carestair demo, legevakt section (issue 6): Målselv's legevakt scenarios
-- on the bundled real data (SSB 250 m grid 2015, Helsedirektoratet's
-- legevakt list 2024).  The lead can \i this from tools/demo.sql; it also runs
-- on its own after CREATE EXTENSION carestair.
--
-- READ THIS FIRST: no road network is bundled, so every travel time below is
-- the STRAIGHT-LINE FALLBACK (straight distance x 1.3 at 60 km/h), not road
-- travel; the cost parameters are illustrative assumptions (only the distance
-- decay is calibrated, to NKLM); the Andslimoen and Forsvaret coordinates are
-- approximate; the 2 MNOK Forsvaret contribution is an assumption.
\pset footer off
\echo
\echo '== Legevakt 1. Legevakt inputs for Midt-Troms: SSB 250 m population grid 2015, legevakter 2024, candidate sites'
\i data/legevakt_load.sql
SELECT site_id, name, region, kind, left(source, 60) AS "source (abridged)" FROM carestair.site ORDER BY site_id;

\echo
\echo '== Legevakt 2. Travel-time matrix: STRAIGHT-LINE FALLBACK (no road graph bundled: distance x 1.3 at 60 km/h)'
SELECT * FROM carestair.refresh_travel_times();

\echo
\echo '== Legevakt 3. Målselv today (Bardu legevakt) and with its own legevakt at Andslimoen: share within 20/40/60 minutes (fallback times)'
SELECT 'Bardu (today)' AS legevakt, c.norm_minutes AS "within minutes", c.persons_within AS persons,
       round(100 * c.share_within::numeric, 1) AS "%", round(c.mean_minutes::numeric, 1) AS "mean min",
       round(c.p90_minutes::numeric, 1) AS "p90 min"
  FROM carestair.legevakt_coverage('{1}', '{20,40,60}', '{5524}') AS c WHERE c.level = 'total'
UNION ALL
SELECT 'Andslimoen', c.norm_minutes, c.persons_within, round(100 * c.share_within::numeric, 1),
       round(c.mean_minutes::numeric, 1), round(c.p90_minutes::numeric, 1)
  FROM carestair.legevakt_coverage('{11}', '{20,40,60}', '{5524}') AS c WHERE c.level = 'total'
ORDER BY 1 DESC, 2;
\echo 'NOU 2015:17 proposed (a proposal, not law) that 90 % of inhabitants should reach a legevakt within 40 minutes.'

\echo
\echo '== Legevakt 4. Scenarios side by side, per member kommune (40-minute norm; costs in NOK per year; illustrative cost parameters)'
\i data/legevakt_scenarios.sql
SELECT scenario, region AS kommune, persons, round(100 * share_within_norm::numeric, 1) AS "% within 40",
       round(mean_minutes::numeric, 1) AS "mean min", round(p90_minutes::numeric, 1) AS "p90 min",
       round(contacts) AS contacts, operating_share AS "operating share", travel_cost AS "patients' travel",
       callout_cost AS "call-outs", total_cost AS total, cost_per_inhabitant AS "per inhabitant"
  FROM carestair.compare_legevakt_scenarios(40)
 ORDER BY scenario, region;
SELECT DISTINCT travel_method AS "travel times computed by" FROM carestair.compare_legevakt_scenarios(40);

\echo
\echo '== Legevakt 5. Målselv in each scenario'
SELECT scenario, round(100 * share_within_norm::numeric, 1) AS "% within 40", round(mean_minutes::numeric, 1) AS "mean min",
       operating_share AS "Målselv's operating share", travel_cost AS "patients' travel", callout_cost AS "call-outs",
       total_cost AS total,
       cost_per_inhabitant AS "per inhabitant"
  FROM carestair.compare_legevakt_scenarios(40) WHERE region = '5524' ORDER BY scenario;

\echo
\echo '== Legevakt 6. Best sites for the Bardu and Finnsnes areas together (8 kommuner), among Bardu, Finnsnes, Andslimoen and Forsvaret (fallback times)'
SELECT p AS "sites", array_agg(s.name ORDER BY s.site_id) AS "p-median: least person-minutes",
       round((max(m.objective) / (SELECT sum(persons) FROM carestair.demand_point WHERE region IN ('5514', '5518', '5520', '5522', '5524', '5526', '5528', '5530')))::numeric, 1) AS "mean min",
       min(m.method) AS method
  FROM generate_series(1, 3) AS p,
       carestair.p_median('SELECT t.point_id, t.site_id, t.minutes FROM carestair.travel_time AS t JOIN carestair.demand_point AS d USING (point_id) WHERE t.site_id IN (1, 2, 11, 12) AND d.region IN (''5514'', ''5518'', ''5520'', ''5522'', ''5524'', ''5526'', ''5528'', ''5530'')',
                          'SELECT point_id, persons FROM carestair.demand_point WHERE region IN (''5514'', ''5518'', ''5520'', ''5522'', ''5524'', ''5526'', ''5528'', ''5530'')', p) AS m
  JOIN carestair.site AS s USING (site_id)
 GROUP BY p ORDER BY p;

\echo
\echo '== Legevakt 7. NOU 2015:17 proposed 90 % within 40 minutes. For the eight kommuner, with all five sites open (fallback times):'
\set m8 '''SELECT t.point_id, t.site_id, t.minutes FROM carestair.travel_time AS t JOIN carestair.demand_point AS d USING (point_id) WHERE d.region IN (''''5514'''', ''''5518'''', ''''5520'''', ''''5522'''', ''''5524'''', ''''5526'''', ''''5528'''', ''''5530'''')'''
\set d8 '''SELECT point_id, persons FROM carestair.demand_point WHERE region IN (''''5514'''', ''''5518'''', ''''5520'''', ''''5522'''', ''''5524'''', ''''5526'''', ''''5528'''', ''''5530'''')'''
SELECT round(100 * (max(c.objective) / (SELECT sum(persons) FROM carestair.demand_point WHERE region IN ('5514', '5518', '5520', '5522', '5524', '5526', '5528', '5530')))::numeric, 1) AS "% within 40 min, all five sites"
  FROM carestair.max_coverage(:m8, :d8, 5, 40) AS c;
\echo 'so 90 % is out of reach with these sites (carestair.min_sites_for_coverage says so as an error). The fewest sites for 80 %:'
SELECT s.name, round(100 * m.covered_share::numeric, 1) AS "% within 40 min", m.method
  FROM carestair.min_sites_for_coverage(:m8, :d8, 40, 0.8) AS m
  JOIN carestair.site AS s USING (site_id)
 ORDER BY s.site_id;
