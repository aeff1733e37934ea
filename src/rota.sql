
-- ---------------------------------------------------------------------------
-- rota: cyclic rotas (turnus) generated in C from a bemanningsplan and
-- named positions, an independent checker, summaries.  See doc/rota.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.rota (
    rota_id               integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    unit                  text NOT NULL REFERENCES carestair.staffing_unit (unit) ON DELETE CASCADE,
    weeks                 integer NOT NULL,
    weekend_every         integer NOT NULL,
    max_consecutive_days  integer NOT NULL,
    daily_rest_hours      numeric NOT NULL,
    weekly_rest_hours     numeric NOT NULL,
    hours_tolerance       numeric NOT NULL,
    weekly_norm_hours     numeric NOT NULL,
    seed                  bigint NOT NULL,
    iterations            bigint NOT NULL,
    elapsed_ms            double precision NOT NULL,
    status                text NOT NULL CHECK (status OPERATOR(pg_catalog.=) ANY (ARRAY['feasible', 'partial'])),
    violations            integer NOT NULL,
    positions             integer NOT NULL,
    full_time_positions   integer NOT NULL,
    heltidsandel_pct      numeric NOT NULL,
    coverage_pct          numeric NOT NULL,
    created_at            timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE carestair.rota IS 'Generated rotas (turnuser): parameters, search statistics and quality. See doc/rota.md.';
COMMENT ON COLUMN carestair.rota.rota_id IS 'Rota identifier.';
COMMENT ON COLUMN carestair.rota.unit IS 'Unit whose plan and positions the rota covers.';
COMMENT ON COLUMN carestair.rota.weeks IS 'Cycle length in weeks (the rota repeats).';
COMMENT ON COLUMN carestair.rota.weekend_every IS 'Each position works at most one weekend in any this many weekends.';
COMMENT ON COLUMN carestair.rota.max_consecutive_days IS 'Most working days in a row.';
COMMENT ON COLUMN carestair.rota.daily_rest_hours IS 'Minimum rest between shifts, hours (arbeidsmiljøloven § 10-8 (1): 11).';
COMMENT ON COLUMN carestair.rota.weekly_rest_hours IS 'Minimum free period in every week, hours (arbeidsmiljøloven § 10-8 (2): 35).';
COMMENT ON COLUMN carestair.rota.hours_tolerance IS 'Allowed deviation of a position''s hours over the cycle from size x weekly norm x weeks, hours.';
COMMENT ON COLUMN carestair.rota.weekly_norm_hours IS 'Weekly hours of a full-time position (35.5 for turnus).';
COMMENT ON COLUMN carestair.rota.seed IS 'Seed of the pseudo-random generator (pg_prng, xoroshiro128**).';
COMMENT ON COLUMN carestair.rota.iterations IS 'Annealing iterations run.';
COMMENT ON COLUMN carestair.rota.elapsed_ms IS 'Search time in milliseconds (machine-dependent).';
COMMENT ON COLUMN carestair.rota.status IS 'feasible (the checker finds no broken rule) or partial (allow_partial: best attempt, see carestair.check_rota).';
COMMENT ON COLUMN carestair.rota.violations IS 'Rules broken according to the independent checker at generation time (0 when feasible).';
COMMENT ON COLUMN carestair.rota.positions IS 'Number of positions in the rota.';
COMMENT ON COLUMN carestair.rota.full_time_positions IS 'Positions of 100 %.';
COMMENT ON COLUMN carestair.rota.heltidsandel_pct IS 'Heltidsandel: percent of positions that are full time, 1 decimal.';
COMMENT ON COLUMN carestair.rota.coverage_pct IS 'Percent of the persons needed (all shifts and days of the cycle, any competence) that the rota covers, 1 decimal.';
COMMENT ON COLUMN carestair.rota.created_at IS 'When the rota was generated.';

CREATE TABLE carestair.rota_assignment (
    rota_id   integer NOT NULL REFERENCES carestair.rota (rota_id) ON DELETE CASCADE,
    position  text NOT NULL,
    week      integer NOT NULL CHECK (week OPERATOR(pg_catalog.>=) 1),
    weekday   integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    shift     text NOT NULL,
    PRIMARY KEY (rota_id, position, week, weekday)
);
COMMENT ON TABLE carestair.rota_assignment IS
  'Rota rows: which position works which shift on which week and weekday of the cycle (days off have no row). Editable; carestair.check_rota re-checks. See doc/rota.md.';
COMMENT ON COLUMN carestair.rota_assignment.rota_id IS 'Rota (carestair.rota).';
COMMENT ON COLUMN carestair.rota_assignment.position IS 'Position (carestair.staffing_position).';
COMMENT ON COLUMN carestair.rota_assignment.week IS 'Week of the cycle, from 1.';
COMMENT ON COLUMN carestair.rota_assignment.weekday IS 'ISO weekday, 1 Monday .. 7 Sunday.';
COMMENT ON COLUMN carestair.rota_assignment.shift IS 'Shift code (carestair.staffing_shift).';

SELECT pg_catalog.pg_extension_config_dump('carestair.rota', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.rota_assignment', '');

CREATE VIEW carestair.rota_rows AS
SELECT a.rota_id, r.unit, a.position, a.week, a.weekday,
       (a.week OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog.*) 7 OPERATOR(pg_catalog.+) a.weekday AS day_of_cycle,
       a.shift, s.kind,
       pg_catalog.to_char(pg_catalog.make_interval(mins => s.start_minute), 'HH24:MI') AS starts,
       pg_catalog.to_char(pg_catalog.make_interval(mins => s.end_minute OPERATOR(pg_catalog.%) 1440), 'HH24:MI') AS ends,
       pg_catalog.round((s.end_minute OPERATOR(pg_catalog.-) s.start_minute) OPERATOR(pg_catalog./) 60.0, 2) AS hours
  FROM carestair.rota_assignment AS a
  JOIN carestair.rota AS r ON r.rota_id OPERATOR(pg_catalog.=) a.rota_id
  LEFT JOIN carestair.staffing_shift AS s ON s.unit OPERATOR(pg_catalog.=) r.unit AND s.shift OPERATOR(pg_catalog.=) a.shift;
COMMENT ON VIEW carestair.rota_rows IS 'Rota rows with shift times and hours, for pivoting in BI tools. See doc/rota.md.';
COMMENT ON COLUMN carestair.rota_rows.rota_id IS 'Rota.';
COMMENT ON COLUMN carestair.rota_rows.unit IS 'Unit.';
COMMENT ON COLUMN carestair.rota_rows.position IS 'Position.';
COMMENT ON COLUMN carestair.rota_rows.week IS 'Week of the cycle, from 1.';
COMMENT ON COLUMN carestair.rota_rows.weekday IS 'ISO weekday, 1 Monday .. 7 Sunday.';
COMMENT ON COLUMN carestair.rota_rows.day_of_cycle IS 'Day of the cycle, 1 .. 7 x weeks.';
COMMENT ON COLUMN carestair.rota_rows.shift IS 'Shift code.';
COMMENT ON COLUMN carestair.rota_rows.kind IS 'day, evening, night, long_day or other.';
COMMENT ON COLUMN carestair.rota_rows.starts IS 'Start time HH:MM.';
COMMENT ON COLUMN carestair.rota_rows.ends IS 'End time HH:MM (next day when the shift passes midnight).';
COMMENT ON COLUMN carestair.rota_rows.hours IS 'Shift length, hours.';

/*
 * _require_range(name, value, lo, hi, detail, hint): raise
 * 'invalid <name> <value>' (22023) unless lo <= value <= hi.  Internal.
 */
CREATE FUNCTION carestair._require_range(name text, value numeric, lo numeric, hi numeric, detail text, hint text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF value IS NULL OR value < lo OR value > hi THEN
        RAISE EXCEPTION 'invalid % %', name, coalesce(value::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value', DETAIL = detail, HINT = hint;
    END IF;
END
$$;
COMMENT ON FUNCTION carestair._require_range(text, numeric, numeric, numeric, text, text) IS 'Internal: error for a parameter outside its range.';

CREATE FUNCTION carestair._rota_search(shift_start integer[], shift_end integer[], need integer[],
                                       pos_size double precision[], pos_level integer[], weeks integer,
                                       weekly_norm double precision, daily_rest_min integer,
                                       weekly_rest_min integer, max_consecutive integer,
                                       weekend_every integer, hours_tolerance_min integer,
                                       seed bigint, max_iterations bigint, time_budget_ms integer,
                                       OUT assignment integer[], OUT iterations bigint,
                                       OUT elapsed_ms double precision, OUT hard_penalty double precision,
                                       OUT timed_out boolean, OUT precheck_rule text, OUT precheck_detail text)
RETURNS record
AS 'MODULE_PATHNAME', 'carestair__rota_search'
LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION carestair._rota_search(integer[], integer[], integer[], double precision[], integer[], integer, double precision, integer, integer, integer, integer, integer, bigint, bigint, integer) IS
  'Internal: the rota search kernel on flat arrays (use carestair.generate_rota).';

CREATE FUNCTION carestair._rota_check(shift_start integer[], shift_end integer[], need integer[],
                                      pos_size double precision[], pos_level integer[], weeks integer,
                                      weekly_norm double precision, daily_rest_min integer,
                                      weekly_rest_min integer, max_consecutive integer,
                                      weekend_every integer, hours_tolerance_min integer,
                                      assignment integer[])
RETURNS TABLE (rule text, position_no integer, day_no integer, shift_no integer, detail text)
AS 'MODULE_PATHNAME', 'carestair__rota_check'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION carestair._rota_check(integer[], integer[], integer[], double precision[], integer[], integer, double precision, integer, integer, integer, integer, integer, integer[]) IS
  'Internal: the independent rota checker on flat arrays (use carestair.check_rota).';

/*
 * _rota_problem(unit): the plan and positions of a unit as the flat arrays
 * the C functions take.  Shifts are ordered by start and code, positions by
 * name; need is [weekday 1..7][shift][competence level 1..3].  Internal.
 */
CREATE FUNCTION carestair._rota_problem(unit text,
                                        OUT shift_codes text[], OUT shift_start integer[], OUT shift_end integer[],
                                        OUT need integer[], OUT position_names text[],
                                        OUT pos_size double precision[], OUT pos_level integer[],
                                        OUT size_pct numeric[])
RETURNS record
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM carestair._require_staffing_plan(unit);
    SELECT pg_catalog.array_agg(s.shift ORDER BY s.start_minute, s.shift),
           pg_catalog.array_agg(s.start_minute ORDER BY s.start_minute, s.shift),
           pg_catalog.array_agg(s.end_minute ORDER BY s.start_minute, s.shift)
      INTO shift_codes, shift_start, shift_end
      FROM carestair.staffing_shift AS s WHERE s.unit = _rota_problem.unit;
    SELECT pg_catalog.array_agg(coalesce(n.persons, 0) ORDER BY d, si, l)
      INTO need
      FROM pg_catalog.generate_series(1, 7) AS d
     CROSS JOIN pg_catalog.unnest(shift_codes) WITH ORDINALITY AS sc (shift, si)
     CROSS JOIN pg_catalog.generate_series(1, 3) AS l
      LEFT JOIN carestair.staffing_need AS n
             ON n.unit = _rota_problem.unit AND n.shift = sc.shift AND n.weekday = d
            AND carestair._competence_level(n.competence) = l;
    SELECT pg_catalog.array_agg(p.position ORDER BY p.position),
           pg_catalog.array_agg((p.size_pct / 100.0)::double precision ORDER BY p.position),
           pg_catalog.array_agg(carestair._competence_level(p.competence) ORDER BY p.position),
           pg_catalog.array_agg(p.size_pct ORDER BY p.position)
      INTO position_names, pos_size, pos_level, size_pct
      FROM carestair.staffing_position AS p WHERE p.unit = _rota_problem.unit;
    IF position_names IS NULL THEN
        RAISE EXCEPTION 'staffing unit "%" has no positions', unit
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'carestair.staffing_position has no row for this unit.',
                  HINT = 'Insert named positions, or let carestair.propose_positions() size them from the weekend knot.';
    END IF;
END
$$;
COMMENT ON FUNCTION carestair._rota_problem(text) IS 'Internal: a unit''s plan and positions as flat arrays for the rota kernel.';

/*
 * propose_positions(unit, weekend_every, min_size_pct, norm): size the
 * positions of a unit from the weekend knot, per competence, and store them
 * in carestair.staffing_position (replacing the unit's positions).
 * For competence c: årsverk A_c = weekly hours with competence c / norm;
 * persons per weekend W_c; headcount H_c = max(k W_c, ceil(A_c)); the
 * largest number f_c of full-time positions such that the other H_c - f_c
 * positions share A_c - f_c equally at no less than min_size_pct.
 */
CREATE FUNCTION carestair.propose_positions(unit text, weekend_every integer DEFAULT 3,
                                            min_size_pct numeric DEFAULT 50, norm text DEFAULT 'turnus')
RETURNS TABLE (position_name text, competence text, size_pct numeric)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    wn numeric; c record; h integer; f integer; rest numeric; k integer := weekend_every;
BEGIN
    PERFORM carestair._require_range('weekend_every', k, 1, 52,
                                     'The weekend frequency is a whole number of weeks from 1 to 52.', 'Use 3 for every third weekend.');
    PERFORM carestair._require_range('min_size_pct', min_size_pct, 0.1, 100,
                                     'The smallest position size must be from 0.1 to 100 percent.', 'Use 50 for positions of at least 50 %.');
    SELECT a.weekly_norm_hours INTO wn FROM carestair.staffing_arsverk(unit, norm) AS a;
    DELETE FROM carestair.staffing_position AS sp WHERE sp.unit = propose_positions.unit;
    FOR c IN
        SELECT n.competence AS comp, carestair._competence_level(n.competence) AS lev,
               pg_catalog.sum(n.persons * (s.end_minute - s.start_minute) / 60.0) / wn AS a,
               coalesce(pg_catalog.max(w.persons), 0) AS w
          FROM carestair.staffing_need AS n
          JOIN carestair.staffing_shift AS s ON s.unit = n.unit AND s.shift = n.shift
          LEFT JOIN (SELECT n2.competence, n2.weekday, pg_catalog.sum(n2.persons) AS persons
                       FROM carestair.staffing_need AS n2
                      WHERE n2.unit = propose_positions.unit AND n2.weekday IN (6, 7)
                      GROUP BY n2.competence, n2.weekday) AS w
                 ON w.competence = n.competence AND w.weekday = n.weekday
         WHERE n.unit = propose_positions.unit
         GROUP BY n.competence
        HAVING pg_catalog.sum(n.persons) > 0
         ORDER BY 2 DESC
    LOOP
        h := GREATEST(k * c.w, pg_catalog.ceil(c.a - 1e-9)::integer);
        f := 0;
        FOR i IN REVERSE h..0 LOOP
            IF h - i = 0 THEN
                IF i <= c.a + 1e-9 THEN f := i; EXIT; END IF;
            ELSIF (c.a - i) / (h - i) >= min_size_pct / 100.0 AND (c.a - i) / (h - i) <= 1 THEN
                f := i; EXIT;
            END IF;
        END LOOP;
        rest := CASE WHEN h > f THEN pg_catalog.round(100 * (c.a - f) / (h - f), 1) END;
        INSERT INTO carestair.staffing_position (unit, position, size_pct, competence)
        SELECT propose_positions.unit,
               pg_catalog.upper(pg_catalog.left(c.comp, 1)) || pg_catalog.lpad(j::text, 2, '0'),
               CASE WHEN j <= f THEN 100 ELSE LEAST(rest, 100) END, c.comp
          FROM pg_catalog.generate_series(1, h) AS j;
    END LOOP;
    RETURN QUERY
    SELECT sp.position, sp.competence, sp.size_pct FROM carestair.staffing_position AS sp
     WHERE sp.unit = propose_positions.unit
     ORDER BY carestair._competence_level(sp.competence) DESC, sp.position;
END
$$;
COMMENT ON FUNCTION carestair.propose_positions(text, integer, numeric, text) IS
  'Size a unit''s positions from the weekend knot, per competence, with as many full-time positions as the weekend and a minimum position size allow; stores them in carestair.staffing_position. See doc/rota.md.';

/*
 * _require_rota(rota_id): the stored rota, or the documented error.  Internal.
 */
CREATE FUNCTION carestair._require_rota(rota_id integer)
RETURNS carestair.rota
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r carestair.rota;
BEGIN
    SELECT * INTO r FROM carestair.rota AS ro WHERE ro.rota_id = _require_rota.rota_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown rota %', rota_id
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Rotas are rows of carestair.rota.',
                  HINT = 'Generate one with carestair.generate_rota().';
    END IF;
    RETURN r;
END
$$;
COMMENT ON FUNCTION carestair._require_rota(integer) IS 'Internal: a stored rota, or an error for an unknown rota id.';

/*
 * check_rota(rota_id): the checker's findings for a stored rota
 * against the unit's current plan and positions, with names.
 */
CREATE FUNCTION carestair.check_rota(rota_id integer)
RETURNS TABLE (rule text, position_name text, week integer, weekday integer, shift text, detail text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r carestair.rota; pr record; x integer[]; bad text;
BEGIN
    r := carestair._require_rota(rota_id);
    pr := carestair._rota_problem(r.unit);
    SELECT pg_catalog.min(a.position) INTO bad FROM carestair.rota_assignment AS a
     WHERE a.rota_id = r.rota_id AND (a.position <> ALL (pr.position_names) OR a.week > r.weeks);
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'rota % has a row for position "%" that the unit does not have in its cycle', r.rota_id, bad
            USING ERRCODE = 'data_exception',
                  DETAIL = 'Every row of carestair.rota_assignment must name a position of carestair.staffing_position and a week of the cycle.',
                  HINT = 'Add the position, or delete or correct the row.';
    END IF;
    SELECT pg_catalog.array_agg(coalesce(sc.si::integer - 1, CASE WHEN a.shift IS NULL THEN -1 ELSE 1000000 END)
                                ORDER BY pn.pi, d.d)
      INTO x
      FROM pg_catalog.unnest(pr.position_names) WITH ORDINALITY AS pn (name, pi)
     CROSS JOIN pg_catalog.generate_series(0, 7 * r.weeks - 1) AS d (d)
      LEFT JOIN carestair.rota_assignment AS a
             ON a.rota_id = r.rota_id AND a.position = pn.name
            AND a.week = d.d / 7 + 1 AND a.weekday = d.d % 7 + 1
      LEFT JOIN pg_catalog.unnest(pr.shift_codes) WITH ORDINALITY AS sc (code, si) ON sc.code = a.shift;
    RETURN QUERY
    SELECT c.rule, pr.position_names[c.position_no], c.day_no / 7 + 1, c.day_no % 7 + 1,
           pr.shift_codes[c.shift_no], c.detail
      FROM carestair._rota_check(pr.shift_start, pr.shift_end, pr.need, pr.pos_size, pr.pos_level, r.weeks,
                                 r.weekly_norm_hours::double precision,
                                 (r.daily_rest_hours * 60)::integer, (r.weekly_rest_hours * 60)::integer,
                                 r.max_consecutive_days, r.weekend_every, (r.hours_tolerance * 60)::integer, x) AS c
     ORDER BY c.rule, pr.position_names[c.position_no], c.day_no, c.shift_no;
END
$$;
COMMENT ON FUNCTION carestair.check_rota(integer) IS
  'Every rule a stored rota breaks (coverage by competence, daily rest, weekly rest, consecutive days, weekend frequency, hours), by the independent checker. See doc/rota.md.';

/*
 * generate_rota(...): search a cyclic rota for a unit's plan and positions,
 * verify it with the independent checker and store it.
 */
CREATE FUNCTION carestair.generate_rota(unit text, weeks integer DEFAULT 6, weekend_every integer DEFAULT 3,
                                        max_consecutive_days integer DEFAULT 5,
                                        daily_rest_hours numeric DEFAULT 11, weekly_rest_hours numeric DEFAULT 35,
                                        hours_tolerance numeric DEFAULT 4, norm text DEFAULT 'turnus',
                                        seed bigint DEFAULT 1, time_budget_ms integer DEFAULT 30000,
                                        max_iterations bigint DEFAULT 10000000, allow_partial boolean DEFAULT false)
RETURNS SETOF carestair.rota
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    pr record; wn numeric; res record; id integer; nviol integer; worst text; summary text; findings text[];
    max_gap integer;
BEGIN
    PERFORM carestair._require_range('weeks', weeks, 1, 52, 'The cycle is 1 to 52 weeks long.',
                                     'Use 6 or 12 weeks for every third weekend, 4 or 8 for every second.');
    IF weekend_every < 1 OR weekend_every > weeks OR weeks % weekend_every <> 0 THEN
        RAISE EXCEPTION 'invalid weekend_every % for a cycle of % weeks', weekend_every, weeks
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The weekend frequency must divide the cycle length, so that every position works the same weekends each cycle.',
                  HINT = 'Use weeks => 6 with weekend_every => 3, or weeks => 4 with weekend_every => 2.';
    END IF;
    PERFORM carestair._require_range('max_consecutive_days', max_consecutive_days, 1, 14,
                                     'At most 1 to 14 working days in a row.', 'Rotas commonly allow 5 or 6.');
    PERFORM carestair._require_range('daily_rest_hours', daily_rest_hours, 8, 24,
                                     'Arbeidsmiljøloven § 10-8 requires 11 hours; a tariff agreement may lower it to 8.', 'Use 11.');
    PERFORM carestair._require_range('weekly_rest_hours', weekly_rest_hours, 28, 120,
                                     'Arbeidsmiljøloven § 10-8 requires 35 hours in every seven days; an agreement may lower it to 28.', 'Use 35.');
    PERFORM carestair._require_range('hours_tolerance', hours_tolerance, 0, 40,
                                     'The tolerance on a position''s hours over the cycle is 0 to 40 hours.',
                                     'Use about half the shortest shift, e.g. 4.');
    IF time_budget_ms < 1 OR time_budget_ms > 600000 OR max_iterations < 1 THEN
        RAISE EXCEPTION 'invalid search budget (time_budget_ms %, max_iterations %)', time_budget_ms, max_iterations
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The time budget is 1 ms to 10 minutes and max_iterations at least 1.',
                  HINT = 'Use the defaults (30000 ms, 10000000 iterations).';
    END IF;
    pr := carestair._rota_problem(unit);
    SELECT pg_catalog.max(1440 - (e - s)) INTO max_gap
      FROM ROWS FROM (pg_catalog.unnest(pr.shift_start), pg_catalog.unnest(pr.shift_end)) AS t (s, e);
    IF daily_rest_hours * 60 > max_gap THEN
        RAISE EXCEPTION 'daily_rest_hours % is longer than the gap between a shift and the same shift the next day', daily_rest_hours
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = pg_catalog.format('The longest such gap in unit "%s" is %s h, so no position could work two days running.', unit, pg_catalog.round(max_gap / 60.0, 1)),
                  HINT = 'Use 11 hours (arbeidsmiljøloven § 10-8).';
    END IF;
    SELECT a.weekly_norm_hours INTO wn FROM carestair.staffing_arsverk(unit, norm) AS a;

    res := carestair._rota_search(pr.shift_start, pr.shift_end, pr.need, pr.pos_size, pr.pos_level, weeks,
                                  wn::double precision, (daily_rest_hours * 60)::integer,
                                  (weekly_rest_hours * 60)::integer, max_consecutive_days, weekend_every,
                                  (hours_tolerance * 60)::integer, seed, max_iterations, time_budget_ms);
    IF res.precheck_rule IS NOT NULL THEN
        RAISE EXCEPTION 'no rota for unit "%" can satisfy the % rule', unit, res.precheck_rule
            USING ERRCODE = 'data_exception',
                  DETAIL = res.precheck_detail,
                  HINT = 'Add or enlarge positions, or change the plan; carestair.weekend_knot() shows the headcount each weekend frequency needs.';
    END IF;

    SELECT pg_catalog.array_agg(k.rule) INTO findings
      FROM carestair._rota_check(pr.shift_start, pr.shift_end, pr.need, pr.pos_size, pr.pos_level, weeks,
                                 wn::double precision, (daily_rest_hours * 60)::integer,
                                 (weekly_rest_hours * 60)::integer, max_consecutive_days, weekend_every,
                                 (hours_tolerance * 60)::integer, res.assignment) AS k;
    nviol := coalesce(pg_catalog.cardinality(findings), 0);
    IF nviol > 0 AND NOT allow_partial THEN
        SELECT pg_catalog.string_agg(c.rule || ' ' || c.n, ', ' ORDER BY c.n DESC, c.rule),
               (pg_catalog.array_agg(c.rule || ' (' || c.n || ')' ORDER BY c.n DESC, c.rule))[1]
          INTO summary, worst
          FROM (SELECT f AS rule, pg_catalog.count(*) AS n FROM pg_catalog.unnest(findings) AS f GROUP BY f) AS c;
        RAISE EXCEPTION 'no rota found for unit "%" within the search budget', unit
            USING ERRCODE = 'program_limit_exceeded',
                  DETAIL = pg_catalog.format('After %s iterations%s the best rota still breaks %s; the binding rule is %s.',
                                             res.iterations,
                                             CASE WHEN res.timed_out THEN ' (the time budget of ' || time_budget_ms || ' ms ran out)' ELSE '' END,
                                             summary, worst),
                  HINT = 'Add positions or relax that rule, raise max_iterations or time_budget_ms, or pass allow_partial => true to keep the best attempt.';
    END IF;

    INSERT INTO carestair.rota (unit, weeks, weekend_every, max_consecutive_days, daily_rest_hours,
                                weekly_rest_hours, hours_tolerance, weekly_norm_hours, seed, iterations,
                                elapsed_ms, status, violations, positions, full_time_positions,
                                heltidsandel_pct, coverage_pct)
    VALUES (unit, weeks, weekend_every, max_consecutive_days, daily_rest_hours, weekly_rest_hours,
            hours_tolerance, wn, seed, res.iterations, res.elapsed_ms,
            CASE WHEN nviol = 0 THEN 'feasible' ELSE 'partial' END, nviol,
            pg_catalog.cardinality(pr.position_names),
            (SELECT pg_catalog.count(*) FROM pg_catalog.unnest(pr.size_pct) AS z WHERE z = 100),
            pg_catalog.round(100.0 * (SELECT pg_catalog.count(*) FROM pg_catalog.unnest(pr.size_pct) AS z WHERE z = 100)
                             / pg_catalog.cardinality(pr.position_names), 1),
            0)
    RETURNING rota.rota_id INTO id;

    INSERT INTO carestair.rota_assignment (rota_id, position, week, weekday, shift)
    SELECT id, pr.position_names[(i - 1) / (7 * weeks) + 1], ((i - 1) % (7 * weeks)) / 7 + 1,
           (i - 1) % 7 + 1, pr.shift_codes[v + 1]
      FROM pg_catalog.unnest(res.assignment) WITH ORDINALITY AS t (v, i)
     WHERE v >= 0;

    UPDATE carestair.rota AS ro SET coverage_pct = (
        SELECT pg_catalog.round(100.0 * pg_catalog.sum(LEAST(coalesce(h.have, 0), nd.needed)) / pg_catalog.sum(nd.needed), 1)
          FROM (SELECT n.shift, n.weekday, pg_catalog.sum(n.persons) AS needed
                  FROM carestair.staffing_need AS n WHERE n.unit = generate_rota.unit
                 GROUP BY n.shift, n.weekday HAVING pg_catalog.sum(n.persons) > 0) AS nd
          CROSS JOIN pg_catalog.generate_series(1, generate_rota.weeks) AS w
          LEFT JOIN (SELECT a.shift, a.week, a.weekday, pg_catalog.count(*) AS have
                       FROM carestair.rota_assignment AS a WHERE a.rota_id = id
                      GROUP BY a.shift, a.week, a.weekday) AS h
                 ON h.shift = nd.shift AND h.weekday = nd.weekday AND h.week = w)
     WHERE ro.rota_id = id;

    RETURN QUERY SELECT * FROM carestair.rota AS ro WHERE ro.rota_id = id;
END
$$;
COMMENT ON FUNCTION carestair.generate_rota(text, integer, integer, integer, numeric, numeric, numeric, text, bigint, integer, bigint, boolean) IS
  'Generate a cyclic rota (turnus) for a unit''s bemanningsplan and positions by simulated annealing in C, verify it with the independent checker and store it in carestair.rota / carestair.rota_assignment. See doc/rota.md.';

/*
 * rota_summary(rota_id): per position, hours, nights and weekends.
 */
CREATE FUNCTION carestair.rota_summary(rota_id integer)
RETURNS TABLE (position_name text, competence text, size_pct numeric, shifts integer, hours_per_week numeric,
               target_hours_per_week numeric, nights integer, weekends_worked integer,
               works_every_nth_weekend numeric, full_time boolean)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r carestair.rota;
BEGIN
    r := carestair._require_rota(rota_id);
    RETURN QUERY
    SELECT p.position, p.competence, p.size_pct,
           pg_catalog.count(x.shift)::integer,
           pg_catalog.round(coalesce(pg_catalog.sum(x.hours), 0) / r.weeks, 2),
           pg_catalog.round(p.size_pct / 100.0 * r.weekly_norm_hours, 2),
           (pg_catalog.count(*) FILTER (WHERE x.kind = 'night'))::integer,
           (pg_catalog.count(DISTINCT x.week) FILTER (WHERE x.weekday IN (6, 7)))::integer,
           pg_catalog.round(r.weeks::numeric / nullif(pg_catalog.count(DISTINCT x.week) FILTER (WHERE x.weekday IN (6, 7)), 0), 2),
           p.size_pct = 100
      FROM carestair.staffing_position AS p
      LEFT JOIN carestair.rota_rows AS x ON x.rota_id = r.rota_id AND x.position = p.position
     WHERE p.unit = r.unit
     GROUP BY p.position, p.competence, p.size_pct
     ORDER BY p.position;
END
$$;
COMMENT ON FUNCTION carestair.rota_summary(integer) IS
  'Per position of a rota: size, shifts, hours per week against the target, nights, weekends worked and weekend frequency. See doc/rota.md.';

-- ---------------------------------------------------------------------------
-- Turnus alternatives for a unit in one call (doc/rota.md).
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.rota_alternative (
    unit                 text NOT NULL REFERENCES carestair.staffing_unit (unit) ON DELETE CASCADE,
    alternative          text NOT NULL,
    description          text NOT NULL,
    alt_unit             text REFERENCES carestair.staffing_unit (unit) ON DELETE CASCADE,
    weekend_every        integer NOT NULL,
    weeks                integer NOT NULL,
    long_weekend_shifts  boolean NOT NULL,
    min_size_pct         numeric NOT NULL,
    rota_id              integer REFERENCES carestair.rota (rota_id) ON DELETE SET NULL,
    outcome              text NOT NULL
                         CONSTRAINT rota_alternative_outcome CHECK (outcome OPERATOR(pg_catalog.=) ANY (ARRAY['feasible', 'partial', 'infeasible', 'not_applicable'])),
    detail               text,
    PRIMARY KEY (unit, alternative)
);
COMMENT ON TABLE carestair.rota_alternative IS 'Turnus alternatives generated for a unit by carestair.generate_rota_alternatives. See doc/rota.md.';
COMMENT ON COLUMN carestair.rota_alternative.unit IS 'The unit whose plan the alternatives vary.';
COMMENT ON COLUMN carestair.rota_alternative.alternative IS 'every_2nd, every_3rd, long_weekend_every_3rd or every_3rd_heltid.';
COMMENT ON COLUMN carestair.rota_alternative.description IS 'What the alternative changes.';
COMMENT ON COLUMN carestair.rota_alternative.alt_unit IS 'The staffing unit holding the alternative''s plan and positions (<unit>~<alternative>); NULL when not applicable.';
COMMENT ON COLUMN carestair.rota_alternative.weekend_every IS 'Every k-th weekend.';
COMMENT ON COLUMN carestair.rota_alternative.weeks IS 'Cycle length in weeks.';
COMMENT ON COLUMN carestair.rota_alternative.long_weekend_shifts IS 'True when weekend day and evening shifts are merged into long days (08:00-20:30).';
COMMENT ON COLUMN carestair.rota_alternative.min_size_pct IS 'Smallest position size propose_positions may use (the heltid target).';
COMMENT ON COLUMN carestair.rota_alternative.rota_id IS 'The generated rota (carestair.rota), NULL when none.';
COMMENT ON COLUMN carestair.rota_alternative.outcome IS 'feasible, partial (best attempt breaks rules), infeasible (a proof names the rule) or not_applicable.';
COMMENT ON COLUMN carestair.rota_alternative.detail IS 'Why not feasible: the error and its detail.';
SELECT pg_catalog.pg_extension_config_dump('carestair.rota_alternative', '');

CREATE VIEW carestair.rota_alternatives AS
SELECT a.unit, a.alternative, a.description, a.weekend_every, a.weeks, a.long_weekend_shifts, a.min_size_pct,
       a.outcome, p.positions, p.full_time_positions,
       pg_catalog.round(100.0 OPERATOR(pg_catalog.*) p.full_time_positions OPERATOR(pg_catalog./) NULLIF(p.positions, 0), 1) AS heltidsandel_pct,
       pg_catalog.round(p.mean_size, 1) AS mean_position_pct,
       pg_catalog.round(n.nights OPERATOR(pg_catalog./) NULLIF(p.positions, 0)::numeric OPERATOR(pg_catalog./) a.weeks, 2) AS nights_per_position_week,
       r.violations, r.coverage_pct, a.rota_id, a.detail
  FROM carestair.rota_alternative AS a
  LEFT JOIN carestair.rota AS r ON r.rota_id OPERATOR(pg_catalog.=) a.rota_id
  CROSS JOIN LATERAL (
      SELECT pg_catalog.count(*)::integer AS positions,
             (pg_catalog.count(*) FILTER (WHERE sp.size_pct OPERATOR(pg_catalog.=) 100))::integer AS full_time_positions,
             pg_catalog.avg(sp.size_pct) AS mean_size
        FROM carestair.staffing_position AS sp WHERE sp.unit OPERATOR(pg_catalog.=) a.alt_unit) AS p
  CROSS JOIN LATERAL (
      SELECT pg_catalog.count(*)::numeric AS nights FROM carestair.rota_rows AS x
       WHERE x.rota_id OPERATOR(pg_catalog.=) a.rota_id AND x.kind OPERATOR(pg_catalog.=) 'night') AS n;
COMMENT ON VIEW carestair.rota_alternatives IS 'Turnus alternatives of a unit side by side: positions, heltidsandel, mean position size, nights per position and the rota''s outcome. See doc/rota.md.';
COMMENT ON COLUMN carestair.rota_alternatives.unit IS 'Unit.';
COMMENT ON COLUMN carestair.rota_alternatives.alternative IS 'Alternative.';
COMMENT ON COLUMN carestair.rota_alternatives.description IS 'What the alternative changes.';
COMMENT ON COLUMN carestair.rota_alternatives.weekend_every IS 'Every k-th weekend.';
COMMENT ON COLUMN carestair.rota_alternatives.weeks IS 'Cycle length in weeks.';
COMMENT ON COLUMN carestair.rota_alternatives.long_weekend_shifts IS 'Long weekend days instead of day and evening shifts.';
COMMENT ON COLUMN carestair.rota_alternatives.min_size_pct IS 'Smallest position size allowed.';
COMMENT ON COLUMN carestair.rota_alternatives.outcome IS 'feasible, partial, infeasible or not_applicable.';
COMMENT ON COLUMN carestair.rota_alternatives.positions IS 'Positions (headcount).';
COMMENT ON COLUMN carestair.rota_alternatives.full_time_positions IS 'Positions of 100 %.';
COMMENT ON COLUMN carestair.rota_alternatives.heltidsandel_pct IS 'Percent of positions that are full time.';
COMMENT ON COLUMN carestair.rota_alternatives.mean_position_pct IS 'Mean position size, percent.';
COMMENT ON COLUMN carestair.rota_alternatives.nights_per_position_week IS 'Night shifts per position and week in the rota (NULL without a rota).';
COMMENT ON COLUMN carestair.rota_alternatives.violations IS 'Rules the rota breaks (0 when feasible).';
COMMENT ON COLUMN carestair.rota_alternatives.coverage_pct IS 'Percent of persons needed that the rota covers.';
COMMENT ON COLUMN carestair.rota_alternatives.rota_id IS 'The rota (carestair.rota).';
COMMENT ON COLUMN carestair.rota_alternatives.detail IS 'Why not feasible.';

/*
 * generate_rota_alternatives(unit, seed, min_size_pct, heltid_min_size_pct):
 * for a unit's plan, four alternatives, each with its own copy of the plan
 * (<unit>~<alternative>), positions from propose_positions and a rota from
 * generate_rota (allow_partial), stored in carestair.rota_alternative and
 * returned side by side from carestair.rota_alternatives.  A previous run's
 * alternatives (and their units and rotas) are replaced.
 */
CREATE FUNCTION carestair.generate_rota_alternatives(unit text, seed bigint DEFAULT 1, min_size_pct numeric DEFAULT 50,
                                                     heltid_min_size_pct numeric DEFAULT 80)
RETURNS SETOF carestair.rota_alternatives
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    alt record; au text; rid integer; outc text; det text; msg text; dtl text;
BEGIN
    PERFORM carestair._require_staffing_plan(unit);
    PERFORM carestair._require_range('min_size_pct', min_size_pct, 0.1, 100,
                                     'The smallest position size must be from 0.1 to 100 percent.', 'Use 50.');
    PERFORM carestair._require_range('heltid_min_size_pct', heltid_min_size_pct, 0.1, 100,
                                     'The heltid alternative''s smallest position size must be from 0.1 to 100 percent.', 'Use 80.');
    IF pg_catalog.strpos(unit, '~') > 0 THEN
        RAISE EXCEPTION 'unit "%" is itself an alternative', unit
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass the unit the alternatives were made from (the part before ~).';
    END IF;
    DELETE FROM carestair.staffing_unit AS su
     WHERE su.unit IN (SELECT a.alt_unit FROM carestair.rota_alternative AS a WHERE a.unit = generate_rota_alternatives.unit);
    DELETE FROM carestair.rota_alternative AS a WHERE a.unit = generate_rota_alternatives.unit;
    FOR alt IN
        SELECT * FROM (VALUES
            ('every_2nd', 'every 2nd weekend, 4-week cycle', 2, 4, false, min_size_pct),
            ('every_3rd', 'every 3rd weekend, 6-week cycle', 3, 6, false, min_size_pct),
            ('long_weekend_every_3rd', 'long weekend days (08:00-20:30) instead of day and evening shifts, every 3rd weekend', 3, 6, true, min_size_pct),
            ('every_3rd_heltid', pg_catalog.format('every 3rd weekend, no position below %s %%', heltid_min_size_pct), 3, 6, false, heltid_min_size_pct)
        ) AS v (alternative, description, k, weeks, long_days, min_pct)
    LOOP
        au := generate_rota_alternatives.unit || '~' || alt.alternative;
        rid := NULL; det := NULL;
        DELETE FROM carestair.staffing_unit AS su WHERE su.unit = au;
        BEGIN
            IF alt.long_days THEN
                PERFORM carestair.staffing_plan_long_weekend(generate_rota_alternatives.unit, au);
            ELSE
                INSERT INTO carestair.staffing_unit (unit, name, region, is_example, note)
                SELECT au, u.name || ', ' || alt.description, u.region, u.is_example,
                       pg_catalog.format('Alternative %s of %s.', alt.alternative, generate_rota_alternatives.unit)
                  FROM carestair.staffing_unit AS u WHERE u.unit = generate_rota_alternatives.unit;
                INSERT INTO carestair.staffing_shift (unit, shift, kind, start_minute, end_minute)
                SELECT au, s.shift, s.kind, s.start_minute, s.end_minute
                  FROM carestair.staffing_shift AS s WHERE s.unit = generate_rota_alternatives.unit;
                INSERT INTO carestair.staffing_need (unit, shift, weekday, competence, persons)
                SELECT au, n.shift, n.weekday, n.competence, n.persons
                  FROM carestair.staffing_need AS n WHERE n.unit = generate_rota_alternatives.unit;
            END IF;
        EXCEPTION WHEN invalid_parameter_value THEN
            GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT;
            INSERT INTO carestair.rota_alternative VALUES
                (generate_rota_alternatives.unit, alt.alternative, alt.description, NULL, alt.k, alt.weeks, alt.long_days, alt.min_pct, NULL, 'not_applicable', msg);
            CONTINUE;
        END;
        PERFORM carestair.propose_positions(au, alt.k, alt.min_pct);
        BEGIN
            SELECT r.rota_id, r.status INTO rid, outc
              FROM carestair.generate_rota(au, alt.weeks, alt.k, seed => seed, allow_partial => true) AS r;
        EXCEPTION WHEN data_exception THEN
            GET STACKED DIAGNOSTICS msg = MESSAGE_TEXT, dtl = PG_EXCEPTION_DETAIL;
            outc := 'infeasible';
            det := msg || ': ' || dtl;
        END;
        IF outc = 'partial' THEN
            SELECT pg_catalog.string_agg(c.rule || ' ' || c.n, ', ' ORDER BY c.n DESC, c.rule) INTO det
              FROM (SELECT k.rule, pg_catalog.count(*) AS n FROM carestair.check_rota(rid) AS k GROUP BY k.rule) AS c;
        END IF;
        INSERT INTO carestair.rota_alternative VALUES
            (generate_rota_alternatives.unit, alt.alternative, alt.description, au, alt.k, alt.weeks, alt.long_days, alt.min_pct, rid, outc, det);
    END LOOP;
    RETURN QUERY SELECT * FROM carestair.rota_alternatives AS v WHERE v.unit = generate_rota_alternatives.unit
                  ORDER BY pg_catalog.array_position(ARRAY['every_2nd', 'every_3rd', 'long_weekend_every_3rd', 'every_3rd_heltid'], v.alternative);
END
$$;
COMMENT ON FUNCTION carestair.generate_rota_alternatives(text, bigint, numeric, numeric) IS
  'Turnus alternatives for a unit in one call: every 2nd vs every 3rd weekend, long weekend days, a heltid target; each with positions from propose_positions and a rota generated and checked; side by side as in carestair.rota_alternatives. See doc/rota.md.';
