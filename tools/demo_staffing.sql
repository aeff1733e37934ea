-- carestair demo, staffing section (issue 8): the weekend knot and a rota for a
-- unit at Målselv.  No real rota data is public: the bemanningsplan below is
-- the EXAMPLE plan of issue 8, labelled as such, placed at Målselv (5524).
\pset footer off
\echo
\echo '== Staffing: an EXAMPLE 24/7 unit at Målselv (illustrative plan, not real data)'
SELECT carestair.create_example_staffing_plan('malselv_example') AS _ \gset
SELECT weekly_hours AS _ FROM carestair.staffing_plan_long_weekend('malselv_example', 'malselv_example_long') \gset
UPDATE carestair.staffing_unit
   SET region = '5524',
       name = CASE unit WHEN 'malselv_example' THEN 'Målselv, EXAMPLE unit (not real data)'
                        ELSE 'Målselv, EXAMPLE unit, 12.5 h weekend long days (not real data)' END
 WHERE unit IN ('malselv_example', 'malselv_example_long');
SELECT weekday, sum(persons) AS persons, sum(hours) AS hours
  FROM carestair.staffing_plan_hours('malselv_example') GROUP BY weekday ORDER BY weekday;

\echo
\echo '== Årsverk at the weekly norms (net = on duty; gross with 5 weeks holiday)'
SELECT n AS norm, a.weekly_hours, a.weekly_norm_hours, a.net_arsverk, a.gross_arsverk,
       a.night_hours_per_arsverk_year AS "night h/årsverk/yr", a.sunday_hours_per_arsverk_year AS "Sunday h/årsverk/yr"
  FROM unnest(ARRAY['day', 'turnus', 'ks_weighted', 'aml', 'helkontinuerlig']) AS n,
       carestair.staffing_arsverk('malselv_example', n) AS a;

\echo
\echo '== The weekend knot: every 2nd / 3rd weekend, ordinary and long weekend shifts'
SELECT unit_name, weekend_every AS "every k-th weekend", weekly_hours, net_arsverk,
       persons_per_weekend, min_headcount, mean_position_pct AS "mean position %", full_time_for_all
  FROM carestair.weekend_knot_alternatives(ARRAY['malselv_example', 'malselv_example_long'], ARRAY[2, 3]);

\echo
\echo '== Positions sized from the knot (long weekend shifts, every third weekend), and a 6-week rota'
SELECT competence, count(*) AS positions, count(*) FILTER (WHERE size_pct = 100) AS full_time,
       min(size_pct) AS smallest_pct
  FROM carestair.propose_positions('malselv_example_long', 3) GROUP BY competence ORDER BY competence;
SELECT rota_id, status, positions, full_time_positions, heltidsandel_pct, coverage_pct, violations
  FROM carestair.generate_rota('malselv_example_long', weeks => 6, weekend_every => 3, seed => 1) \gset
\echo rota :rota_id: :status, :positions positions, heltidsandel :heltidsandel_pct %, coverage :coverage_pct %
SELECT count(*) AS "rules broken (independent checker)" FROM carestair.check_rota(:rota_id);
SELECT * FROM carestair.rota_summary(:rota_id);
\echo 'Week 1 of the rota (rows pivoted by weekday):'
SELECT position,
       max(shift) FILTER (WHERE weekday = 1) AS mon, max(shift) FILTER (WHERE weekday = 2) AS tue,
       max(shift) FILTER (WHERE weekday = 3) AS wed, max(shift) FILTER (WHERE weekday = 4) AS thu,
       max(shift) FILTER (WHERE weekday = 5) AS fri, max(shift) FILTER (WHERE weekday = 6) AS sat,
       max(shift) FILTER (WHERE weekday = 7) AS sun
  FROM carestair.rota_rows WHERE rota_id = :rota_id AND week = 1 GROUP BY position ORDER BY position;

\echo
\echo '== From demand to plan: if the unit must grow to 20 net årsverk (an illustrative figure, not a projection)'
SELECT * FROM carestair.staffing_plan_for_arsverk('malselv_example', 'malselv_example_20', 20, region => '5524');
SELECT weekend_every AS "every k-th weekend", min_headcount, mean_position_pct AS "mean position %"
  FROM carestair.weekend_knot('malselv_example_20', ARRAY[2, 3]);
