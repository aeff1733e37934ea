-- Rota and staffing invariants: every generated rota passes the independent
-- checker and a third, plain-SQL recount of coverage by competence, hours and
-- weekends; årsverk and knot identities; catalogue labels; NULL battery.
BEGIN;
SELECT plan(54);

SELECT has_table('carestair', 'staffing_unit', 'staffing_unit');
SELECT has_table('carestair', 'staffing_shift', 'staffing_shift');
SELECT has_table('carestair', 'staffing_need', 'staffing_need');
SELECT has_table('carestair', 'staffing_position', 'staffing_position');
SELECT has_table('carestair', 'rota', 'rota');
SELECT has_table('carestair', 'rota_assignment', 'rota_assignment');
SELECT has_view('carestair', 'rota_rows', 'rota_rows');
SELECT has_view('carestair', 'rota_alternatives', 'rota_alternatives');
SELECT has_table('carestair', 'rota_alternative', 'rota_alternative');
SELECT volatility_is('carestair', 'generate_rota_alternatives', ARRAY['text', 'bigint', 'numeric', 'numeric'], 'volatile');
SELECT volatility_is('carestair', 'staffing_arsverk', ARRAY['text', 'text', 'numeric', 'numeric', 'numeric'], 'stable');
SELECT volatility_is('carestair', 'weekend_knot', ARRAY['text', 'integer[]', 'text'], 'stable');
SELECT volatility_is('carestair', 'generate_rota', ARRAY['text', 'integer', 'integer', 'integer', 'numeric', 'numeric', 'numeric', 'text', 'bigint', 'integer', 'bigint', 'boolean'], 'volatile');
SELECT volatility_is('carestair', 'check_rota', ARRAY['integer'], 'stable');
SELECT volatility_is('carestair', 'propose_positions', ARRAY['text', 'integer', 'numeric', 'text'], 'volatile');
SELECT volatility_is('carestair', 'staffing_plan_long_weekend', ARRAY['text', 'text', 'integer', 'integer', 'text'], 'volatile');
SELECT volatility_is('carestair', 'staffing_plan_for_arsverk', ARRAY['text', 'text', 'numeric', 'text', 'text', 'text', 'integer', 'text'], 'volatile');
SELECT volatility_is('carestair', '_rota_check', ARRAY['integer[]', 'integer[]', 'integer[]', 'double precision[]', 'integer[]', 'integer', 'double precision', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer[]'], 'immutable');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'carestair.generate_rota(text,integer,integer,integer,numeric,numeric,numeric,text,bigint,integer,bigint,boolean)'::regprocedure), 'u', 'generate_rota is parallel unsafe');
SELECT is((SELECT proparallel FROM pg_proc WHERE oid = 'carestair.weekend_knot(text,integer[],text)'::regprocedure), 's', 'weekend_knot is parallel safe');

-- The plans.
SELECT carestair.create_example_staffing_plan('t_ex');
SELECT carestair.create_example_staffing_plan('t_ex2');
SELECT carestair.create_example_staffing_plan('t_long', true);
SELECT * FROM carestair.staffing_plan_for_arsverk('t_ex', 't_small', 5.5);

-- Identities of the årsverk and the knot.
SELECT is((SELECT sum(hours) FROM carestair.staffing_plan_hours('t_ex')), (SELECT weekly_hours FROM carestair.staffing_arsverk('t_ex')), 'plan hours add up to the weekly hours');
SELECT is((SELECT weekly_hours FROM carestair.staffing_arsverk('t_ex')), 597.50, 'example: 597.5 hours a week');
SELECT is((SELECT net_arsverk FROM carestair.staffing_arsverk('t_ex')), 16.83, 'example: 16.83 årsverk at 35.5 h');
SELECT is((SELECT weekly_hours FROM carestair.staffing_arsverk('t_long')), 577.50, 'long weekend shifts: 577.5 hours a week');
SELECT results_eq($$SELECT weekend_every, min_headcount, mean_position_pct FROM carestair.weekend_knot('t_ex', ARRAY[2, 3])$$,
                  $$VALUES (2, 20, 84.2), (3, 30, 56.1)$$, 'example knot: 20 persons 84.2 %, 30 persons 56.1 %');
SELECT results_eq($$SELECT min_headcount, mean_position_pct FROM carestair.weekend_knot('t_long', ARRAY[3])$$,
                  $$VALUES (18, 90.4)$$, 'long weekend shifts: 18 persons 90.4 %');
SELECT is_empty($$SELECT 1 FROM carestair.weekend_knot('t_ex', ARRAY[1, 2, 3, 4, 5, 6]) AS k
                  WHERE k.min_headcount <> k.weekend_every * k.persons_per_weekend
                     OR k.full_time_for_all <> (k.min_headcount <= k.net_arsverk)$$, 'headcount = k x persons per weekend; full time iff headcount <= årsverk');
SELECT ok((SELECT gross_arsverk FROM carestair.staffing_arsverk('t_ex', 'turnus', 5, 8, 2)) > (SELECT net_arsverk FROM carestair.staffing_arsverk('t_ex')), 'gross årsverk exceed net');
SELECT is((SELECT round(weekly_hours / net_arsverk, 1) FROM carestair.staffing_arsverk('t_ex', 'helkontinuerlig')), 33.6, 'weekly hours / årsverk = the norm');
SELECT ok((SELECT abs(plan_arsverk - 25) < 0.2 FROM carestair.staffing_plan_for_arsverk('t_ex', 't_scaled', 25)), 'a scaled plan lands within 0.2 årsverk of the target');
SELECT ok((SELECT plan_arsverk > 5.5 FROM carestair.staffing_plan_for_arsverk('t_ex', 't_tiny', 5.5)), 'below one sykepleier per shift the competence floor wins over the target');

-- A battery of rotas.
CREATE TEMP TABLE runs (label text, unit text, k integer, weeks integer, seed bigint, rota_id integer);
SELECT count(*) FROM carestair.propose_positions('t_ex', 3);
SELECT count(*) FROM carestair.propose_positions('t_ex2', 2);
SELECT count(*) FROM carestair.propose_positions('t_long', 3);
SELECT count(*) FROM carestair.propose_positions('t_small', 3);
INSERT INTO runs SELECT 'example every 3rd weekend, seed 1', 't_ex', 3, 6, 1, (SELECT rota_id FROM carestair.generate_rota('t_ex', 6, 3, seed => 1));
INSERT INTO runs SELECT 'example every 3rd weekend, seed 7', 't_ex', 3, 6, 7, (SELECT rota_id FROM carestair.generate_rota('t_ex', 6, 3, seed => 7));
INSERT INTO runs SELECT 'example every 2nd weekend', 't_ex2', 2, 4, 1, (SELECT rota_id FROM carestair.generate_rota('t_ex2', 4, 2));
INSERT INTO runs SELECT 'long weekend shifts', 't_long', 3, 6, 1, (SELECT rota_id FROM carestair.generate_rota('t_long', 6, 3));
INSERT INTO runs SELECT 'small unit (5.5 årsverk)', 't_small', 3, 6, 1, (SELECT rota_id FROM carestair.generate_rota('t_small', 6, 3));

SELECT is((SELECT count(*)::integer FROM runs WHERE rota_id IS NOT NULL), 5, 'five rotas generated');
SELECT is_empty($$SELECT r.label, c.* FROM runs AS r, carestair.check_rota(r.rota_id) AS c$$, 'every generated rota passes the independent checker');
SELECT is_empty($$SELECT 1 FROM runs AS r JOIN carestair.rota AS o USING (rota_id) WHERE o.status <> 'feasible' OR o.violations <> 0 OR o.coverage_pct <> 100$$, 'every rota is feasible with full coverage');
SELECT is((SELECT heltidsandel_pct FROM carestair.rota JOIN runs USING (rota_id) WHERE label = 'long weekend shifts'), 55.0, 'long weekend shifts: 11 of 20 positions full time');

-- Third check in plain SQL: coverage by competence level on every shift and day.
SELECT is_empty($$
    WITH lv AS (SELECT * FROM (VALUES ('assistent', 1), ('helsefagarbeider', 2), ('sykepleier', 3)) AS v (competence, level))
    SELECT r.label, w, n.shift, n.weekday, l.level
      FROM runs AS r
      CROSS JOIN generate_series(1, 6) AS w
      JOIN carestair.staffing_need AS n ON n.unit = r.unit
      CROSS JOIN generate_series(1, 3) AS l (level)
     WHERE w <= r.weeks
     GROUP BY r.label, r.rota_id, r.unit, w, n.shift, n.weekday, l.level
    HAVING sum(n.persons) FILTER (WHERE (SELECT level FROM lv WHERE lv.competence = n.competence) >= l.level)
         > (SELECT count(*) FROM carestair.rota_assignment AS a
              JOIN carestair.staffing_position AS p ON p.unit = r.unit AND p.position = a.position
              JOIN lv ON lv.competence = p.competence
             WHERE a.rota_id = r.rota_id AND a.week = w AND a.weekday = n.weekday AND a.shift = n.shift
               AND lv.level >= l.level)
$$, 'SQL recount: every shift has the persons needed at every competence level');
SELECT is_empty($$
    SELECT r.label, p.position
      FROM runs AS r JOIN carestair.rota AS o USING (rota_id)
      JOIN carestair.staffing_position AS p ON p.unit = r.unit
      LEFT JOIN carestair.rota_rows AS x ON x.rota_id = r.rota_id AND x.position = p.position
     GROUP BY r.label, p.position, p.size_pct, o.weekly_norm_hours, o.weeks, o.hours_tolerance
    HAVING abs(coalesce(sum(x.hours), 0) - p.size_pct / 100 * o.weekly_norm_hours * o.weeks) > o.hours_tolerance
$$, 'SQL recount: every position works its hours within the tolerance');
SELECT is_empty($$
    SELECT r.label, a.position, a.week
      FROM runs AS r JOIN carestair.rota_assignment AS a USING (rota_id)
      JOIN carestair.rota_assignment AS b ON b.rota_id = a.rota_id AND b.position = a.position
     WHERE a.weekday IN (6, 7) AND b.weekday IN (6, 7) AND b.week <> a.week
       AND ((b.week - a.week + r.weeks) % r.weeks) < r.k
$$, 'SQL recount: no position works two weekends within k weekends');
SELECT is_empty($$
    SELECT r.label, a.position, a.week, a.weekday
      FROM runs AS r JOIN carestair.rota_assignment AS a USING (rota_id)
      JOIN carestair.rota AS o USING (rota_id)
      JOIN carestair.staffing_shift AS s ON s.unit = r.unit AND s.shift = a.shift
      JOIN carestair.rota_assignment AS b ON b.rota_id = a.rota_id AND b.position = a.position
       AND (b.week - 1) * 7 + b.weekday = ((a.week - 1) * 7 + a.weekday) % (7 * r.weeks) + 1
      JOIN carestair.staffing_shift AS t ON t.unit = r.unit AND t.shift = b.shift
     WHERE 1440 + t.start_minute - s.end_minute < o.daily_rest_hours * 60
$$, 'SQL recount: 11 hours between shifts on consecutive days');

-- The same seed gives the same rota.
INSERT INTO runs SELECT 'seed 1 again', 't_ex', 3, 6, 1, (SELECT rota_id FROM carestair.generate_rota('t_ex', 6, 3, seed => 1));
SELECT results_eq($$SELECT position, week, weekday, shift FROM carestair.rota_assignment WHERE rota_id = (SELECT rota_id FROM runs WHERE label = 'example every 3rd weekend, seed 1') ORDER BY 1, 2, 3$$,
                  $$SELECT position, week, weekday, shift FROM carestair.rota_assignment WHERE rota_id = (SELECT rota_id FROM runs WHERE label = 'seed 1 again') ORDER BY 1, 2, 3$$,
                  'a seed reproduces its rota');

-- Positions proposed from the knot carry the årsverk of the plan.
SELECT is((SELECT round(sum(size_pct) / 100, 1) FROM carestair.staffing_position WHERE unit = 't_ex'), (SELECT round(net_arsverk, 1) FROM carestair.staffing_arsverk('t_ex')), 'proposed positions add up to the net årsverk');
SELECT is((SELECT count(*)::integer FROM carestair.staffing_position WHERE unit = 't_ex'), 32, 'every third weekend: 32 positions (30 for the weekend + 2 weekday assistants)');

-- The checker against plain SQL on a damaged rota: remove about one assignment in seven.
DELETE FROM carestair.rota_assignment AS a USING runs AS r
 WHERE a.rota_id = r.rota_id AND r.label = 'example every 3rd weekend, seed 7'
   AND abs(hashtext(a.position || a.week || a.weekday)) % 7 = 0;
SELECT cmp_ok((SELECT count(*)::integer FROM carestair.check_rota((SELECT rota_id FROM runs WHERE label = 'example every 3rd weekend, seed 7')) WHERE rule IN ('coverage', 'hours')), '>', 20, 'the damage breaks coverage and hours');
SELECT set_eq($$SELECT week, weekday, shift FROM carestair.check_rota((SELECT rota_id FROM runs WHERE label = 'example every 3rd weekend, seed 7')) WHERE rule = 'coverage'$$,
              $$WITH lv AS (SELECT * FROM (VALUES ('assistent', 1), ('helsefagarbeider', 2), ('sykepleier', 3)) AS v (competence, level)),
                     r AS (SELECT rota_id FROM runs WHERE label = 'example every 3rd weekend, seed 7')
                SELECT DISTINCT w, n.weekday, n.shift
                  FROM generate_series(1, 6) AS w
                  JOIN carestair.staffing_need AS n ON n.unit = 't_ex'
                  CROSS JOIN generate_series(1, 3) AS l (level)
                 GROUP BY w, n.weekday, n.shift, l.level
                HAVING sum(n.persons) FILTER (WHERE (SELECT level FROM lv WHERE lv.competence = n.competence) >= l.level)
                     > (SELECT count(*) FROM carestair.rota_assignment AS a
                          JOIN carestair.staffing_position AS p ON p.unit = 't_ex' AND p.position = a.position
                          JOIN lv ON lv.competence = p.competence
                         WHERE a.rota_id = (SELECT rota_id FROM r) AND a.week = w AND a.weekday = n.weekday
                           AND a.shift = n.shift AND lv.level >= l.level)$$,
              'on a damaged rota the checker''s coverage findings equal a plain-SQL recount');
SELECT set_eq($$SELECT position_name FROM carestair.check_rota((SELECT rota_id FROM runs WHERE label = 'example every 3rd weekend, seed 7')) WHERE rule = 'hours'$$,
              $$SELECT p.position FROM carestair.staffing_position AS p
                  LEFT JOIN carestair.rota_rows AS x ON x.rota_id = (SELECT rota_id FROM runs WHERE label = 'example every 3rd weekend, seed 7') AND x.position = p.position
                 WHERE p.unit = 't_ex'
                 GROUP BY p.position, p.size_pct
                HAVING abs(coalesce(sum(x.hours), 0) - p.size_pct / 100 * 35.5 * 6) > 4$$,
              'on a damaged rota the checker''s hours findings equal a plain-SQL recount');

-- The time budget stops the search (54000), and a huge need is refused.
SELECT throws_ok($$SELECT * FROM carestair.generate_rota('t_ex', time_budget_ms => 1)$$, '54000', NULL, 'a 1 ms budget ends the search with program_limit_exceeded');
SELECT throws_ok($$SELECT * FROM carestair._rota_check('{480}', '{960}', array_fill(200000, ARRAY[21]), '{1}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, '{}')$$, '22023', 'invalid rota problem: need counts must be from 0 to 100000', 'need counts are bounded');

-- NULL battery: strict functions return nothing, never crash.
SELECT is((SELECT count(*)::integer FROM carestair.staffing_arsverk('t_ex', NULL)), 0, 'NULL norm: no row');
SELECT is((SELECT count(*)::integer FROM carestair.weekend_knot(NULL)), 0, 'NULL unit: no knot');
SELECT is((SELECT count(*)::integer FROM carestair.generate_rota(NULL)), 0, 'NULL unit: no rota');
SELECT is((SELECT count(*)::integer FROM carestair.check_rota(NULL)), 0, 'NULL rota: nothing to check');
SELECT is((SELECT count(*)::integer FROM carestair.rota_summary(NULL)), 0, 'NULL rota: no summary');
SELECT is((SELECT count(*)::integer FROM carestair.propose_positions('t_ex', NULL)), 0, 'NULL weekend frequency: no positions');
SELECT is((SELECT count(*)::integer FROM carestair.staffing_position WHERE unit = 't_ex'), 32, 'and the positions are untouched');
SELECT is(carestair._rota_check(NULL, '{960}', '{}', '{1}', '{2}', 1, 37.5, 660, 2100, 5, 1, 0, '{}'), NULL, 'NULL arrays: no check');

SELECT * FROM finish();
ROLLBACK;
