-- carestair demo, legevakt section (issues 6 and 14): Målselv's legevakt
-- scenarios on the bundled real data (SSB 250 m grid 2015, Helsedirektoratet's
-- legevakt list 2024, Kartverket's N1000 roads).  The lead can \i this from
-- tools/demo.sql; it also runs on its own after CREATE EXTENSION carestair.
--
-- READ THIS FIRST: travel times run on Kartverket's N1000 road network (CC BY
-- 4.0; a coarse network of E, R and F roads and car ferries) with ASSUMED
-- speeds by road category (carestair.road_parameter_effective: N1000 has no
-- speeds); the straight-line fallback (distance x 1.3 at 60 km/h) is shown
-- beside them for comparison.  The cost parameters are illustrative
-- assumptions (only the distance decay is calibrated, to NKLM); the Andslimoen
-- and Forsvaret coordinates are approximate; the 2 MNOK Forsvaret
-- contribution is an assumption.
\pset footer off
\echo
\echo '== Legevakt 1. Legevakt inputs for Midt-Troms: SSB 250 m population grid 2015, legevakter 2024, candidate sites'
\i data/legevakt_load.sql
SELECT site_id, name, region, kind, left(source, 60) AS "source (abridged)" FROM carestair.site ORDER BY site_id;

\echo
\echo '== Legevakt 2. Travel-time matrix, first by the STRAIGHT-LINE FALLBACK (distance x 1.3 at 60 km/h), kept for comparison'
DELETE FROM carestair.road_edge;
SELECT * FROM carestair.refresh_travel_times();
\i data/legevakt_scenarios.sql
CREATE TEMP TABLE _fallback_scenarios AS SELECT * FROM carestair.compare_legevakt_scenarios(40);

\echo
\echo '== Legevakt 2b. Roads: Kartverket N1000 for Midt-Troms (CC BY 4.0, credit Kartverket), split at junctions; speeds by road category are carestair ASSUMPTIONS'
\set roads `cat data/roads/n1000_veglenke_midt_troms_utm33.tsv`
SELECT carestair.import_road_network(:'roads') AS routable_edges;
SELECT component, edges, ferry_edges, round(km::numeric) AS km FROM carestair.road_component ORDER BY component;
SELECT name, value, unit FROM carestair.road_parameter_effective WHERE name LIKE 'speed%' OR name LIKE 'ferry%' ORDER BY name;
\echo 'Travel-time matrix over the roads (points and sites attached to the nearest point of the nearest road, off-road legs at 20 km/h; times: Kartverket N1000 roads, assumed speeds):'
SELECT * FROM carestair.refresh_travel_times();

\echo
\echo '== Legevakt 3. Målselv today (Bardu legevakt) and with its own legevakt at Andslimoen: share within 20/40/60 minutes (road times, Kartverket N1000)'
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
\echo '== Legevakt 4. Scenarios side by side, per member kommune (40-minute norm; costs in NOK per year; illustrative cost parameters; road times)'
SELECT scenario, region AS kommune, persons, round(100 * share_within_norm::numeric, 1) AS "% within 40",
       round(mean_minutes::numeric, 1) AS "mean min", round(p90_minutes::numeric, 1) AS "p90 min",
       round(contacts) AS contacts, operating_share AS "operating share", travel_cost AS "patients' travel",
       callout_cost AS "call-outs", total_cost AS total, cost_per_inhabitant AS "per inhabitant"
  FROM carestair.compare_legevakt_scenarios(40)
 ORDER BY scenario, region;
SELECT DISTINCT travel_method AS "travel times computed by" FROM carestair.compare_legevakt_scenarios(40);
\echo 'How much the straight-line fallback got wrong: % within 40 minutes and total cost per kommune, fallback vs roads'
SELECT r.scenario, r.region AS kommune, round(100 * f.share_within_norm::numeric, 1) AS "% within 40, fallback",
       round(100 * r.share_within_norm::numeric, 1) AS "% within 40, roads", f.total_cost AS "total, fallback", r.total_cost AS "total, roads",
       r.total_cost - f.total_cost AS "difference NOK"
  FROM carestair.compare_legevakt_scenarios(40) AS r JOIN _fallback_scenarios AS f USING (scenario, region)
 ORDER BY r.scenario, r.region;

\echo
\echo '== Legevakt 5. Målselv in each scenario'
SELECT scenario, round(100 * share_within_norm::numeric, 1) AS "% within 40", round(mean_minutes::numeric, 1) AS "mean min",
       operating_share AS "Målselv's operating share", travel_cost AS "patients' travel", callout_cost AS "call-outs",
       total_cost AS total,
       cost_per_inhabitant AS "per inhabitant"
  FROM carestair.compare_legevakt_scenarios(40) WHERE region = '5524' ORDER BY scenario;

\echo
\echo '(Cells no road connects to any of the sites are left out of the models in 6 and 7; the shares and means below still divide by all inhabitants: they count as not covered, and the means are a little low.)'
\echo '== Legevakt 6. Best sites for the Bardu and Finnsnes areas together (8 kommuner), among Bardu, Finnsnes, Andslimoen and Forsvaret (road times)'
SELECT p AS "sites", array_agg(s.name ORDER BY s.site_id) AS "p-median: least person-minutes",
       round((max(m.objective) / (SELECT sum(persons) FROM carestair.demand_point WHERE region IN ('5514', '5518', '5520', '5522', '5524', '5526', '5528', '5530')))::numeric, 1) AS "mean min",
       min(m.method) AS method
  FROM generate_series(1, 3) AS p,
       carestair.p_median('SELECT t.point_id, t.site_id, t.minutes FROM carestair.travel_time AS t JOIN carestair.demand_point AS d USING (point_id) WHERE t.minutes IS NOT NULL AND t.site_id IN (1, 2, 11, 12) AND d.region IN (''5514'', ''5518'', ''5520'', ''5522'', ''5524'', ''5526'', ''5528'', ''5530'')',
                          'SELECT point_id, persons FROM carestair.demand_point AS d WHERE region IN (''5514'', ''5518'', ''5520'', ''5522'', ''5524'', ''5526'', ''5528'', ''5530'') AND EXISTS (SELECT FROM carestair.travel_time AS t WHERE t.point_id = d.point_id AND t.minutes IS NOT NULL AND t.site_id IN (1, 2, 11, 12))', p) AS m
  JOIN carestair.site AS s USING (site_id)
 GROUP BY p ORDER BY p;

\echo
\echo '== Legevakt 7. NOU 2015:17 proposed 90 % within 40 minutes. For the eight kommuner, with all five sites open (road times):'
\set m8 '''SELECT t.point_id, t.site_id, t.minutes FROM carestair.travel_time AS t JOIN carestair.demand_point AS d USING (point_id) WHERE t.minutes IS NOT NULL AND d.region IN (''''5514'''', ''''5518'''', ''''5520'''', ''''5522'''', ''''5524'''', ''''5526'''', ''''5528'''', ''''5530'''')'''
\set d8 '''SELECT point_id, persons FROM carestair.demand_point AS d WHERE region IN (''''5514'''', ''''5518'''', ''''5520'''', ''''5522'''', ''''5524'''', ''''5526'''', ''''5528'''', ''''5530'''') AND EXISTS (SELECT FROM carestair.travel_time AS t WHERE t.point_id = d.point_id AND t.minutes IS NOT NULL)'''
SELECT round(100 * (max(c.objective) / (SELECT sum(persons) FROM carestair.demand_point WHERE region IN ('5514', '5518', '5520', '5522', '5524', '5526', '5528', '5530')))::numeric, 1) AS "% within 40 min, all five sites"
  FROM carestair.max_coverage(:m8, :d8, 5, 40) AS c;
\echo 'so 90 % is out of reach with these sites (carestair.min_sites_for_coverage says so as an error). The fewest sites for 80 %:'
SELECT s.name, round(100 * m.covered_share::numeric, 1) AS "% within 40 min", m.method
  FROM carestair.min_sites_for_coverage(:m8, :d8, 40, 0.8) AS m
  JOIN carestair.site AS s USING (site_id)
 ORDER BY s.site_id;

\echo
\echo '== Legevakt 8. NOU 2015:17 norm check for Midt-Troms: every 250 m cell to the nearest existing legevakt over the roads (Kartverket N1000; carestair.legevakt_norm_check)'
SELECT region, name, persons, round(100 * share_20::numeric, 1) AS "% within 20", round(100 * share_40::numeric, 1) AS "% within 40",
       round(100 * share_60::numeric, 1) AS "% within 60", round(mean_minutes::numeric, 1) AS "mean min", persons_unreachable AS unreachable, meets_norm
  FROM carestair.legevakt_norm_check ORDER BY region;
\echo 'Unreachable = cells whose nearest road is not connected to any legevakt in N1000 (an island without a car ferry in the data): counted as not within.'
\echo 'The national check (all 55,213 inhabited 1 km cells, 167 legevakter): bench/legevakt_national.sh, numbers in doc/legevakt.md.'
