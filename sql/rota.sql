-- Rota generation and the independent checker, on the EXAMPLE plan of
-- issue 8 (an illustration, not real data).
\set SHOW_CONTEXT never
SELECT carestair.create_example_staffing_plan('rota_example');
-- Positions sized from the weekend knot: every third weekend.
SELECT competence, count(*) AS positions, min(size_pct) AS smallest_pct, max(size_pct) AS largest_pct, sum(size_pct) / 100 AS arsverk FROM carestair.propose_positions('rota_example') GROUP BY competence ORDER BY competence;
SELECT unit, weeks, weekend_every, status, violations, positions, full_time_positions, heltidsandel_pct, coverage_pct FROM carestair.generate_rota('rota_example');
-- The independent checker finds nothing to report.
SELECT * FROM carestair.check_rota(1);
-- Every position works its share: hours within the tolerance, every third weekend.
SELECT count(*) AS positions, bool_and(abs(hours_per_week - target_hours_per_week) * 6 <= 4) AS hours_ok, min(weekends_worked) AS min_weekends, max(weekends_worked) AS max_weekends FROM carestair.rota_summary(1);
-- Coverage recounted from the rota rows: persons per shift and day equal the plan.
SELECT count(*) AS shift_days, bool_and(r.persons >= n.persons) AS covered FROM (SELECT shift, weekday, sum(persons) AS persons FROM carestair.staffing_need WHERE unit = 'rota_example' GROUP BY 1, 2) AS n CROSS JOIN generate_series(1, 6) AS w LEFT JOIN LATERAL (SELECT count(*) AS persons FROM carestair.rota_rows AS x WHERE x.rota_id = 1 AND x.shift = n.shift AND x.weekday = n.weekday AND x.week = w) AS r ON true;
SELECT position, week, weekday, day_of_cycle, shift, kind, starts, ends, hours FROM carestair.rota_rows WHERE rota_id = 1 AND shift = 'N' AND position IS NOT NULL ORDER BY day_of_cycle, position LIMIT 3;
-- Long weekend shifts: more full-time positions.
SELECT carestair.create_example_staffing_plan('rota_example_long', true);
SELECT competence, count(*) AS positions, count(*) FILTER (WHERE size_pct = 100) AS full_time FROM carestair.propose_positions('rota_example_long') GROUP BY competence ORDER BY competence;
SELECT unit, status, violations, positions, full_time_positions, heltidsandel_pct, coverage_pct FROM carestair.generate_rota('rota_example_long');
SELECT count(*) AS broken_rules FROM carestair.check_rota(2);
-- A tiny hand-checkable unit: one day shift Monday to Friday, one position.
INSERT INTO carestair.staffing_unit (unit, name) VALUES ('tiny', 'One day shift (test)');
INSERT INTO carestair.staffing_shift VALUES ('tiny', 'D', 'day', 480, 960), ('tiny', 'N', 'night', 1320, 1860);
INSERT INTO carestair.staffing_need SELECT 'tiny', 'D', d, 'helsefagarbeider', 1 FROM generate_series(1, 5) AS d;
INSERT INTO carestair.staffing_position VALUES ('tiny', 'P1', 100, 'helsefagarbeider');
SELECT status, violations, coverage_pct FROM carestair.generate_rota('tiny', weeks => 2, weekend_every => 2, norm => 'day', hours_tolerance => 5);
SELECT position, week, weekday, shift FROM carestair.rota_assignment WHERE rota_id = 3 ORDER BY week, weekday;
SELECT * FROM carestair.rota_summary(3);
-- The checker reports every broken rule of an edited rota.
DELETE FROM carestair.rota_assignment WHERE rota_id = 3 AND week = 1 AND weekday = 1;
SELECT * FROM carestair.check_rota(3);
INSERT INTO carestair.rota_assignment VALUES (3, 'P1', 1, 1, 'N');
SELECT * FROM carestair.check_rota(3);
UPDATE carestair.rota_assignment SET shift = 'D' WHERE rota_id = 3 AND week = 1 AND weekday = 1;
INSERT INTO carestair.rota_assignment VALUES (3, 'P1', 1, 6, 'D'), (3, 'P1', 1, 7, 'D'), (3, 'P1', 2, 6, 'D');
SELECT * FROM carestair.check_rota(3);
UPDATE carestair.rota_assignment SET shift = 'X' WHERE rota_id = 3 AND week = 2 AND weekday = 6;
SELECT rule, position_name, week, weekday, shift FROM carestair.check_rota(3) WHERE rule = 'unknown_shift';
-- A best attempt is kept only when asked for, and the checker lists what it breaks.
SELECT status, violations > 0 AS broken FROM carestair.generate_rota('rota_example', max_iterations => 1, allow_partial => true);
SELECT count(*) > 0 AS broken FROM carestair.check_rota(4);
-- Bad input and infeasible plans.
SELECT * FROM carestair.generate_rota('rota_example', max_iterations => 1);
SELECT * FROM carestair.generate_rota('rota_example', weeks => 0);
SELECT * FROM carestair.generate_rota('rota_example', weeks => 6, weekend_every => 4);
SELECT * FROM carestair.generate_rota('rota_example', max_consecutive_days => 0);
SELECT * FROM carestair.generate_rota('rota_example', daily_rest_hours => 7);
SELECT * FROM carestair.generate_rota('rota_example', daily_rest_hours => 17);
SELECT * FROM carestair.generate_rota('rota_example', weekly_rest_hours => 20);
SELECT * FROM carestair.generate_rota('rota_example', hours_tolerance => -1);
SELECT * FROM carestair.generate_rota('rota_example', time_budget_ms => 0);
SELECT * FROM carestair.generate_rota('rota_example', norm => 'weekly');
SELECT * FROM carestair.generate_rota('nowhere');
INSERT INTO carestair.staffing_unit (unit, name) VALUES ('no_positions', 'Plan without positions (test)');
INSERT INTO carestair.staffing_shift VALUES ('no_positions', 'D', 'day', 480, 960);
INSERT INTO carestair.staffing_need VALUES ('no_positions', 'D', 1, 'assistent', 1);
SELECT * FROM carestair.generate_rota('no_positions');
-- Every second weekend with positions sized for every third: the weekend binds.
SELECT count(*) FROM carestair.propose_positions('rota_example', weekend_every => 2);
SELECT * FROM carestair.generate_rota('rota_example', weeks => 6, weekend_every => 3);
SELECT count(*) FROM carestair.propose_positions('rota_example');
SELECT * FROM carestair.generate_rota('rota_example', weeks => 4, weekend_every => 4);
-- Too few positions for a weekday, too few hours.
DELETE FROM carestair.staffing_position WHERE unit = 'rota_example' AND competence = 'helsefagarbeider';
SELECT * FROM carestair.generate_rota('rota_example');
UPDATE carestair.staffing_position SET size_pct = 10 WHERE unit = 'tiny';
SELECT * FROM carestair.generate_rota('tiny', weeks => 2, weekend_every => 2, norm => 'day');
SELECT * FROM carestair.propose_positions('rota_example', weekend_every => 0);
SELECT * FROM carestair.propose_positions('rota_example', min_size_pct => 0);
SELECT * FROM carestair.check_rota(999);
SELECT * FROM carestair.rota_summary(999);
INSERT INTO carestair.rota_assignment VALUES (3, 'P9', 1, 1, 'D');
SELECT * FROM carestair.check_rota(3);
-- The internal kernels refuse malformed arrays.
SELECT * FROM carestair._rota_check('{480}', '{960, 1000}', '{}', '{1}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, '{}');
SELECT * FROM carestair._rota_check('{480}', '{960}', '{1}', '{1}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, '{}');
SELECT * FROM carestair._rota_check('{480}', '{960}', array_fill(0, ARRAY[21]), '{1.5}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, '{}');
SELECT * FROM carestair._rota_check('{480}', '{960}', array_fill(0, ARRAY[21]), '{1}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, '{}');
SELECT * FROM carestair._rota_check('{480}', '{400}', array_fill(0, ARRAY[21]), '{1}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, '{}');
SELECT * FROM carestair._rota_check('{480}', '{960}', array_fill(0, ARRAY[21]), '{1}', '{2}', 0, 37.5, 660, 2100, 5, 1, 0, '{}');
SELECT * FROM carestair._rota_check('{480}', '{960}', array_fill(-1, ARRAY[21]), '{1}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, '{}');
SELECT * FROM carestair._rota_check('{480}', '{960}', array_fill(0, ARRAY[21]), '{1}', '{NULL}', 1, 37.5, 660, 2100, 5, 1, 0, '{}');
SELECT * FROM carestair._rota_check('{480}', '{960}', array_fill(0, ARRAY[21]), '{NULL}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, '{}');
SELECT * FROM carestair._rota_check('{{480}}', '{960}', array_fill(0, ARRAY[21]), '{1}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, '{}');
SELECT * FROM carestair._rota_check('{480}', '{960}', array_fill(0, ARRAY[21]), '{{1}}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, '{}');
SELECT * FROM carestair._rota_search('{480}', '{960}', array_fill(0, ARRAY[21]), '{1}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, 1, 0, 1000);
-- The checker: a position that works every day of a 1-week cycle breaks max_consecutive even when
-- max_consecutive_days (7) is not below the cycle's 7 days, because the cycle repeats (the old checker missed it).
SELECT rule, position_no, detail FROM carestair._rota_check('{480}', '{960}', array_fill(0, ARRAY[21]), '{1}', '{2}', 1, 56, 660, 0, 7, 1, 0, array_fill(0, ARRAY[7]));
SELECT rule, position_no, detail FROM carestair._rota_check('{480}', '{960}', array_fill(0, ARRAY[21]), '{1}', '{2}', 2, 56, 660, 0, 14, 1, 0, array_fill(0, ARRAY[14]));
-- With one day off in the cycle the rule holds.
SELECT count(*) AS findings FROM carestair._rota_check('{480}', '{960}', array_fill(0, ARRAY[21]), '{1}', '{2}', 1, 48, 660, 0, 7, 1, 0, '{0,0,0,0,0,0,-1}');
-- Infeasibility proofs from relaxations, each naming the rule and by how much.
-- Weekend: Saturday needs a night, Sunday a day shift; no one can take both (7.5 h between them), so a weekend
-- takes 2 persons and every second weekend 4; the headcount count alone (1 per weekend x 2) would pass.
SELECT precheck_rule, precheck_detail FROM carestair._rota_search('{420, 1320}', '{900, 1890}',
       array_fill(0, ARRAY[30]) || '{0,0,0, 0,1,0, 0,1,0, 0,0,0}'::integer[], '{1, 1}', '{2, 2}', 2, 35.5, 660, 2100, 5, 2, 240, 1, 1000, 1000);
-- Daily rest: Monday night then Tuesday day, one position: each day alone is covered.
SELECT precheck_rule, precheck_detail FROM carestair._rota_search('{420, 1320}', '{900, 1890}',
       '{0,0,0, 0,1,0, 0,1,0, 0,0,0}'::integer[] || array_fill(0, ARRAY[30]), '{0.5}', '{2}', 1, 35.5, 660, 2100, 5, 1, 240, 1, 1000, 1000);
-- Hours: a 20 h position with only 8-hour shifts and 1 h tolerance.
SELECT precheck_rule, precheck_detail FROM carestair._rota_search('{480}', '{960}',
       '{0,1,0}'::integer[] || array_fill(0, ARRAY[18]), '{0.5}', '{2}', 1, 40, 660, 2100, 5, 1, 60, 1, 1000, 1000);
-- Hours by competence: the sykepleier hours exceed the sykepleiere's, although all positions together have enough.
SELECT precheck_rule, precheck_detail FROM carestair._rota_search('{480}', '{720}', '{0,0,2, 0,0,2, 0,0,2, 0,0,2, 0,0,2, 0,0,2, 0,0,0}',
       '{0.5, 0.5, 0.5, 0.5}', '{3, 3, 1, 1}', 1, 40, 660, 2100, 6, 1, 0, 1, 1000, 1000);
-- Turnus alternatives in one call, for a unit of about 7.5 årsverk (the EXAMPLE plan scaled).
SELECT plan_arsverk FROM carestair.staffing_plan_for_arsverk('rota_example', 'alt_small', 7.5);
SELECT alternative, weekend_every, weeks, long_weekend_shifts, min_size_pct, outcome, positions, full_time_positions, heltidsandel_pct, mean_position_pct, nights_per_position_week, violations FROM carestair.generate_rota_alternatives('alt_small');
-- Every alternative's rota passes the independent checker; running again replaces them.
SELECT a.alternative, (SELECT count(*) FROM carestair.check_rota(a.rota_id)) AS broken_rules FROM carestair.rota_alternative AS a WHERE a.unit = 'alt_small' AND a.rota_id IS NOT NULL ORDER BY 1;
SELECT count(*) AS alternatives FROM carestair.generate_rota_alternatives('alt_small', seed => 2);
SELECT count(*) AS alternative_units FROM carestair.staffing_unit WHERE unit LIKE 'alt_small~%';
SELECT * FROM carestair.generate_rota_alternatives('alt_small~every_2nd');
SELECT * FROM carestair.generate_rota_alternatives('alt_small', min_size_pct => 0);
SELECT * FROM carestair.generate_rota_alternatives('nowhere');
