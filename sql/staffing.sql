-- Staffing plan, årsverk and the weekend knot on the EXAMPLE plan of issue 8
-- (an illustration, not real data).
\set SHOW_CONTEXT never
SELECT carestair.create_example_staffing_plan();
SELECT carestair.create_example_staffing_plan('example_long_weekend', true);
SELECT unit, name, is_example, note FROM carestair.staffing_unit ORDER BY unit;
SELECT * FROM carestair.staffing_plan_hours('example_24_7') WHERE weekday IN (1, 6, 7);
-- The worked numbers of the issue: 597.5 h/week = 16.83 årsverk at 35.5 h.
SELECT * FROM carestair.staffing_arsverk('example_24_7');
SELECT weekly_hours, weekly_norm_hours, hours_per_arsverk_year, net_arsverk FROM carestair.staffing_arsverk('example_24_7', 'day');
SELECT weekly_hours, weekly_norm_hours, hours_per_arsverk_year, net_arsverk FROM carestair.staffing_arsverk('example_24_7', 'helkontinuerlig');
SELECT weekly_hours, night_hours_ks, sunday_hours, weekly_norm_hours, net_arsverk FROM carestair.staffing_arsverk('example_24_7', 'ks_weighted');
SELECT night_hours_per_arsverk_year, sunday_hours_per_arsverk_year, comparable_to_helkontinuerlig, weekly_norm_hours FROM carestair.staffing_arsverk('example_24_7', 'aml');
SELECT net_arsverk, cover_factor, gross_arsverk FROM carestair.staffing_arsverk('example_24_7', 'turnus', holiday_weeks => 5, sickness_pct => 10, training_pct => 2);
SELECT net_arsverk, cover_factor, gross_arsverk FROM carestair.staffing_arsverk('example_24_7', 'turnus', holiday_weeks => 0);
-- The weekend knot: every third weekend 30 persons and 56.1 %, every second 84.2 %;
-- 12.5-hour weekend shifts: 577.5 h/week, every third weekend 18 persons and 90.4 %.
SELECT * FROM carestair.weekend_knot('example_24_7');
SELECT * FROM carestair.weekend_knot_alternatives(ARRAY['example_24_7', 'example_long_weekend'], ARRAY[2, 3]);
SELECT weekend_every, min_headcount, mean_position_pct, full_time_for_all FROM carestair.weekend_knot('example_long_weekend', ARRAY[4, 1, 4]);
-- Long weekend days derived from any plan: the example becomes exactly its long-weekend variant.
SELECT * FROM carestair.staffing_plan_long_weekend('example_24_7', 'example_24_7_lw');
SELECT shift, kind, start_minute, end_minute FROM carestair.staffing_shift WHERE unit = 'example_24_7_lw' ORDER BY start_minute;
SELECT weekend_every, persons_per_weekend, min_headcount, mean_position_pct FROM carestair.weekend_knot('example_24_7_lw', ARRAY[3]);
SELECT count(*) AS differing_need_rows FROM ((SELECT shift, weekday, competence, persons FROM carestair.staffing_need WHERE unit = 'example_24_7_lw' AND persons > 0 EXCEPT SELECT shift, weekday, competence, persons FROM carestair.staffing_need WHERE unit = 'example_long_weekend') UNION ALL (SELECT shift, weekday, competence, persons FROM carestair.staffing_need WHERE unit = 'example_long_weekend' EXCEPT SELECT shift, weekday, competence, persons FROM carestair.staffing_need WHERE unit = 'example_24_7_lw' AND persons > 0)) AS d;
-- The knot from plain figures, without a stored plan.
SELECT * FROM carestair.weekend_knot_of(597.5, 10, ARRAY[2, 3]);
SELECT weekend_every, min_headcount, mean_position_pct FROM carestair.weekend_knot_of(577.5, 6, ARRAY[3]);
-- A weekday-only plan has no weekend knot.
INSERT INTO carestair.staffing_unit (unit, name) VALUES ('dagsenter', 'Day centre (test)');
INSERT INTO carestair.staffing_shift VALUES ('dagsenter', 'D', 'day', 480, 930);
INSERT INTO carestair.staffing_need SELECT 'dagsenter', 'D', d, 'helsefagarbeider', 2 FROM generate_series(1, 5) AS d;
SELECT weekly_hours, weekly_norm_hours, net_arsverk FROM carestair.staffing_arsverk('dagsenter', 'day');
SELECT * FROM carestair.weekend_knot('dagsenter', ARRAY[3]);
-- From demand to plan: the example scaled to 25 net årsverk (e.g. a care-demand result for 2035).
SELECT * FROM carestair.staffing_plan_for_arsverk('example_24_7', 'example_2035', 25, step => 'sykehjem', year => 2035);
SELECT name, note FROM carestair.staffing_unit WHERE unit = 'example_2035';
SELECT shift, competence, persons FROM carestair.staffing_need WHERE unit = 'example_2035' AND weekday = 1 ORDER BY shift, competence;
SELECT weekend_every, min_headcount, mean_position_pct FROM carestair.weekend_knot('example_2035', ARRAY[3]);
-- Scaling down keeps one sykepleier on every shift.
SELECT * FROM carestair.staffing_plan_for_arsverk('example_24_7', 'example_small', 4);
SELECT shift, competence, persons FROM carestair.staffing_need WHERE unit = 'example_small' AND weekday = 7 ORDER BY shift, competence;
-- Bad input.
INSERT INTO carestair.staffing_shift VALUES ('dagsenter', 'X', 'day', 900, 600);
INSERT INTO carestair.staffing_shift VALUES ('dagsenter', 'X', 'day', 1320, 2100);
INSERT INTO carestair.staffing_shift VALUES ('dagsenter', 'X', 'day', 1500, 1600);
INSERT INTO carestair.staffing_shift VALUES ('dagsenter', 'X', 'morning', 400, 600);
INSERT INTO carestair.staffing_need VALUES ('dagsenter', 'D', 1, 'assistent', -1);
INSERT INTO carestair.staffing_need VALUES ('dagsenter', 'D', 8, 'assistent', 1);
INSERT INTO carestair.staffing_need VALUES ('dagsenter', 'D', 1, 'lege', 1);
INSERT INTO carestair.staffing_need VALUES ('dagsenter', 'Z', 1, 'assistent', 1);
INSERT INTO carestair.staffing_position VALUES ('dagsenter', 'P1', 120, 'assistent');
INSERT INTO carestair.staffing_position VALUES ('dagsenter', 'P1', 0, 'assistent');
SELECT * FROM carestair.staffing_arsverk('nowhere');
INSERT INTO carestair.staffing_unit (unit, name) VALUES ('empty', 'No needs');
SELECT * FROM carestair.staffing_arsverk('empty');
SELECT * FROM carestair.staffing_arsverk('example_24_7', 'weekly');
SELECT * FROM carestair.staffing_arsverk('example_24_7', 'turnus', holiday_weeks => 52);
SELECT * FROM carestair.staffing_arsverk('example_24_7', 'turnus', sickness_pct => -1);
SELECT * FROM carestair.weekend_knot('example_24_7', ARRAY[0]);
SELECT * FROM carestair.weekend_knot('example_24_7', '{}');
SELECT * FROM carestair.weekend_knot_of(-1, 10);
SELECT * FROM carestair.weekend_knot_of(597.5, 10, ARRAY[3], 0);
SELECT * FROM carestair.staffing_plan_for_arsverk('example_24_7', 'x', 0);
SELECT * FROM carestair.staffing_plan_for_arsverk('example_24_7', 'example_2035', 20);
SELECT * FROM carestair.staffing_plan_for_arsverk('example_24_7', NULL, 20);
SELECT * FROM carestair.staffing_arsverk(NULL);
SELECT * FROM carestair.staffing_plan_long_weekend('example_24_7', 'example_24_7_lw');
SELECT * FROM carestair.staffing_plan_long_weekend('dagsenter', 'dagsenter_lw');
SELECT * FROM carestair.staffing_plan_long_weekend('example_24_7', 'lw2', shift => 'N');
SELECT * FROM carestair.staffing_plan_long_weekend('example_24_7', 'lw3', 480, 1300);
SELECT count(*) FROM carestair.staffing_unit WHERE unit = 'lw3';
