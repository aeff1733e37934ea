
-- ---------------------------------------------------------------------------
-- staffing: the bemanningsplan as data, årsverk at the right weekly norm,
-- and the weekend knot (helgefloka).  See doc/staffing.md.
-- Times are minutes (DESIGN.md): a shift starts at start_minute after
-- midnight of its day and ends at end_minute, which exceeds 1440 when the
-- shift runs past midnight (night 22:00-08:00 is 1320-1920).
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.staffing_unit (
    unit        text PRIMARY KEY,
    name        text NOT NULL,
    region      text REFERENCES carestair.region (region),
    is_example  boolean NOT NULL DEFAULT false,
    note        text,
    CONSTRAINT staffing_unit_code_not_blank CHECK (pg_catalog.btrim(unit) OPERATOR(pg_catalog.<>) '')
);
COMMENT ON TABLE carestair.staffing_unit IS
  'Units (avdelinger) with a bemanningsplan: one row per unit. See doc/staffing.md.';
COMMENT ON COLUMN carestair.staffing_unit.unit IS 'Unit code, chosen by the user (e.g. ''malselv_helsetun_a'').';
COMMENT ON COLUMN carestair.staffing_unit.name IS 'Unit name as the kommune writes it.';
COMMENT ON COLUMN carestair.staffing_unit.region IS 'Kommunenummer of the kommune running the unit, or NULL.';
COMMENT ON COLUMN carestair.staffing_unit.is_example IS 'True for the shipped example plans, which are illustrations and not real data.';
COMMENT ON COLUMN carestair.staffing_unit.note IS 'Free text (source of the plan, assumptions).';

CREATE TABLE carestair.staffing_shift (
    unit          text NOT NULL REFERENCES carestair.staffing_unit (unit) ON DELETE CASCADE,
    shift         text NOT NULL,
    kind          text NOT NULL,
    start_minute  integer NOT NULL,
    end_minute    integer NOT NULL,
    PRIMARY KEY (unit, shift),
    CONSTRAINT staffing_shift_kind_known CHECK (kind OPERATOR(pg_catalog.=) ANY (ARRAY['day', 'evening', 'night', 'long_day', 'other'])),
    CONSTRAINT staffing_shift_starts_within_day CHECK (start_minute BETWEEN 0 AND 1439),
    CONSTRAINT staffing_shift_ends_after_start CHECK (end_minute OPERATOR(pg_catalog.>) start_minute),
    CONSTRAINT staffing_shift_at_most_12_5_hours CHECK (end_minute OPERATOR(pg_catalog.-) start_minute OPERATOR(pg_catalog.<=) 750)
);
COMMENT ON TABLE carestair.staffing_shift IS
  'Shifts (vakter) of a unit with start and end in minutes after midnight of the shift''s day. See doc/staffing.md.';
COMMENT ON COLUMN carestair.staffing_shift.unit IS 'Unit code (carestair.staffing_unit).';
COMMENT ON COLUMN carestair.staffing_shift.shift IS 'Shift code, e.g. ''D'' (dag), ''A'' (aften), ''N'' (natt), ''L'' (langvakt).';
COMMENT ON COLUMN carestair.staffing_shift.kind IS 'day, evening, night, long_day or other.';
COMMENT ON COLUMN carestair.staffing_shift.start_minute IS 'Start, minutes after midnight of the shift''s day (0..1439).';
COMMENT ON COLUMN carestair.staffing_shift.end_minute IS 'End, minutes after midnight of the shift''s day; above 1440 when the shift runs past midnight. At most 750 minutes (12.5 h, arbeidsmiljøloven § 10-5) after the start.';

CREATE TABLE carestair.staffing_need (
    unit        text NOT NULL,
    shift       text NOT NULL,
    weekday     integer NOT NULL,
    competence  text NOT NULL,
    persons     integer NOT NULL,
    PRIMARY KEY (unit, shift, weekday, competence),
    FOREIGN KEY (unit, shift) REFERENCES carestair.staffing_shift (unit, shift) ON DELETE CASCADE,
    CONSTRAINT staffing_need_iso_weekday CHECK (weekday BETWEEN 1 AND 7),
    CONSTRAINT staffing_need_competence_known CHECK (competence OPERATOR(pg_catalog.=) ANY (ARRAY['sykepleier', 'helsefagarbeider', 'assistent'])),
    CONSTRAINT staffing_need_persons_not_negative CHECK (persons OPERATOR(pg_catalog.>=) 0)
);
COMMENT ON TABLE carestair.staffing_need IS
  'Bemanningsplan: persons needed per shift, ISO weekday and competence. See doc/staffing.md.';
COMMENT ON COLUMN carestair.staffing_need.unit IS 'Unit code.';
COMMENT ON COLUMN carestair.staffing_need.shift IS 'Shift code (carestair.staffing_shift).';
COMMENT ON COLUMN carestair.staffing_need.weekday IS 'ISO weekday of the shift''s start: 1 Monday .. 7 Sunday.';
COMMENT ON COLUMN carestair.staffing_need.competence IS 'Minimum competence: sykepleier, helsefagarbeider or assistent. A higher competence may fill a lower need (sykepleier > helsefagarbeider > assistent).';
COMMENT ON COLUMN carestair.staffing_need.persons IS 'Persons needed with at least that competence (not negative).';

CREATE TABLE carestair.staffing_position (
    unit        text NOT NULL REFERENCES carestair.staffing_unit (unit) ON DELETE CASCADE,
    position    text NOT NULL,
    size_pct    numeric NOT NULL,
    competence  text NOT NULL,
    PRIMARY KEY (unit, position),
    CONSTRAINT staffing_position_size_range CHECK (size_pct OPERATOR(pg_catalog.>) 0 AND size_pct OPERATOR(pg_catalog.<=) 100),
    CONSTRAINT staffing_position_competence_known CHECK (competence OPERATOR(pg_catalog.=) ANY (ARRAY['sykepleier', 'helsefagarbeider', 'assistent']))
);
COMMENT ON TABLE carestair.staffing_position IS
  'Named positions (stillinger) of a unit with size and competence, the input of carestair.generate_rota. See doc/rota.md.';
COMMENT ON COLUMN carestair.staffing_position.unit IS 'Unit code.';
COMMENT ON COLUMN carestair.staffing_position.position IS 'Position name, e.g. ''P01''.';
COMMENT ON COLUMN carestair.staffing_position.size_pct IS 'Position size (stillingsprosent), above 0 and at most 100.';
COMMENT ON COLUMN carestair.staffing_position.competence IS 'sykepleier, helsefagarbeider or assistent.';

SELECT pg_catalog.pg_extension_config_dump('carestair.staffing_unit', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.staffing_shift', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.staffing_need', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.staffing_position', '');

/*
 * _competence_level: sykepleier 3, helsefagarbeider 2, assistent 1.  Internal.
 */
CREATE FUNCTION carestair._competence_level(competence text)
RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT CASE competence WHEN 'sykepleier' THEN 3 WHEN 'helsefagarbeider' THEN 2 WHEN 'assistent' THEN 1 END;
END;
COMMENT ON FUNCTION carestair._competence_level(text) IS 'Internal: competence rank, sykepleier 3 > helsefagarbeider 2 > assistent 1.';

/*
 * _minutes_in_window(a, b, window_kind): minutes of the interval [a, b)
 * (minutes from Monday 00:00, b may pass the end of the week) that fall in
 * the repeating window:
 *   'night_ks'  20:00-06:00 every night (KS hovedtariffavtalen, ubekvem tid);
 *   'night_aml' 21:00-06:00 every night (arbeidsmiljøloven § 10-11);
 *   'sunday'    Saturday 18:00 - Sunday 22:00 (arbeidsmiljøloven § 10-10).
 * The windows are disjoint, so the overlaps add up.  Internal.
 */
CREATE FUNCTION carestair._minutes_in_window(a integer, b integer, window_kind text)
RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT coalesce(pg_catalog.sum(GREATEST(0, LEAST(b, w.we) OPERATOR(pg_catalog.-) GREATEST(a, w.ws))), 0)::integer
      FROM (SELECT CASE window_kind
                     WHEN 'night_ks' THEN d OPERATOR(pg_catalog.*) 1440 OPERATOR(pg_catalog.+) 1200
                     WHEN 'night_aml' THEN d OPERATOR(pg_catalog.*) 1440 OPERATOR(pg_catalog.+) 1260
                     ELSE d OPERATOR(pg_catalog.*) 1440 OPERATOR(pg_catalog.+) 8280 END AS ws,
                   CASE window_kind
                     WHEN 'night_ks' THEN d OPERATOR(pg_catalog.*) 1440 OPERATOR(pg_catalog.+) 1800
                     WHEN 'night_aml' THEN d OPERATOR(pg_catalog.*) 1440 OPERATOR(pg_catalog.+) 1800
                     ELSE d OPERATOR(pg_catalog.*) 1440 OPERATOR(pg_catalog.+) 9960 END AS we
              FROM pg_catalog.generate_series(-1, 8) AS d
             WHERE window_kind OPERATOR(pg_catalog.<>) 'sunday' OR d OPERATOR(pg_catalog.%) 7 OPERATOR(pg_catalog.=) 0) AS w;
END;
COMMENT ON FUNCTION carestair._minutes_in_window(integer, integer, text) IS 'Internal: minutes of an interval (minutes from Monday 00:00) in the night (KS 20-06, AML 21-06) or Sunday (Sat 18 - Sun 22) windows.';

/*
 * _require_staffing_plan(unit): errors for an unknown unit or a unit
 * without any persons needed.  Internal.
 */
CREATE FUNCTION carestair._require_staffing_plan(unit text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM carestair.staffing_unit AS u WHERE u.unit = _require_staffing_plan.unit) THEN
        RAISE EXCEPTION 'unknown staffing unit "%"', unit
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Units are rows of carestair.staffing_unit.',
                  HINT = 'Create one, or load the example with carestair.create_example_staffing_plan().';
    END IF;
    IF NOT EXISTS (SELECT FROM carestair.staffing_need AS n
                    WHERE n.unit = _require_staffing_plan.unit AND n.persons > 0) THEN
        RAISE EXCEPTION 'staffing unit "%" has no persons needed', unit
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'carestair.staffing_need has no row with persons > 0 for this unit.',
                  HINT = 'Insert the bemanningsplan into carestair.staffing_shift and carestair.staffing_need.';
    END IF;
END
$$;
COMMENT ON FUNCTION carestair._require_staffing_plan(text) IS 'Internal: errors for an unknown staffing unit or one without needs.';

/*
 * create_example_staffing_plan(unit, long_weekend_shifts): insert the
 * example plan of issue 8 for a 24/7 nursing-home unit.  It is an
 * illustration, not real data (no real rota data is public).
 *   weekdays: day 5 x 7.5 h, evening 4 x 7.5 h, night 2 x 10 h;
 *   weekends: day 4, evening 4, night 2 (or, with long_weekend_shifts,
 *             4 long days of 12.5 h and 2 nights).
 * Competence mix (also illustrative): on every day and evening shift one
 * sykepleier, the rest helsefagarbeider (weekdays: one assistent on days);
 * nights one sykepleier and one helsefagarbeider.
 */
CREATE FUNCTION carestair.create_example_staffing_plan(unit text DEFAULT 'example_24_7', long_weekend_shifts boolean DEFAULT false)
RETURNS text
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    u text := create_example_staffing_plan.unit;
BEGIN
    PERFORM carestair._serialise('staffing');   -- concurrent calls wait, not collide
    IF EXISTS (SELECT FROM carestair.staffing_unit AS x WHERE x.unit = u) THEN
        RAISE EXCEPTION 'staffing unit "%" exists already', u
            USING ERRCODE = 'unique_violation',
                  HINT = 'Pass another unit name, or delete the unit from carestair.staffing_unit first.';
    END IF;
    INSERT INTO carestair.staffing_unit (unit, name, is_example, note)
    VALUES (u, 'EXAMPLE 24/7 nursing-home unit (not real data)', true,
            'Illustrative bemanningsplan from carestair issue 8' ||
            CASE WHEN long_weekend_shifts THEN ', 12.5-hour long days at weekends' ELSE '' END || '.');
    INSERT INTO carestair.staffing_shift (unit, shift, kind, start_minute, end_minute) VALUES
        (u, 'D', 'day', 450, 900),          -- 07:30-15:00, 7.5 h
        (u, 'A', 'evening', 900, 1350),     -- 15:00-22:30, 7.5 h
        (u, 'N', 'night', 1320, 1920);      -- 22:00-08:00, 10 h
    IF long_weekend_shifts THEN
        INSERT INTO carestair.staffing_shift (unit, shift, kind, start_minute, end_minute)
        VALUES (u, 'L', 'long_day', 480, 1230);   -- 08:00-20:30, 12.5 h
    END IF;
    INSERT INTO carestair.staffing_need (unit, shift, weekday, competence, persons)
    SELECT u, x.shift, d, x.competence, x.persons
      FROM pg_catalog.generate_series(1, 5) AS d,
           (VALUES ('D', 'sykepleier', 1), ('D', 'helsefagarbeider', 3), ('D', 'assistent', 1),
                   ('A', 'sykepleier', 1), ('A', 'helsefagarbeider', 3),
                   ('N', 'sykepleier', 1), ('N', 'helsefagarbeider', 1)) AS x (shift, competence, persons);
    INSERT INTO carestair.staffing_need (unit, shift, weekday, competence, persons)
    SELECT u, x.shift, d, x.competence, x.persons
      FROM pg_catalog.generate_series(6, 7) AS d,
           (VALUES ('D', 'sykepleier', 1), ('D', 'helsefagarbeider', 3),
                   ('A', 'sykepleier', 1), ('A', 'helsefagarbeider', 3),
                   ('N', 'sykepleier', 1), ('N', 'helsefagarbeider', 1)) AS x (shift, competence, persons)
     WHERE NOT long_weekend_shifts OR x.shift = 'N'
    UNION ALL
    SELECT u, 'L', d, x.competence, x.persons
      FROM pg_catalog.generate_series(6, 7) AS d,
           (VALUES ('sykepleier', 1), ('helsefagarbeider', 3)) AS x (competence, persons)
     WHERE long_weekend_shifts;
    RETURN u;
END
$$;
COMMENT ON FUNCTION carestair.create_example_staffing_plan(text, boolean) IS
  'Insert the EXAMPLE bemanningsplan of issue 8 (24/7 nursing-home unit, 597.5 h/week; 577.5 h/week with 12.5-hour weekend long days). Illustration, not real data. See doc/staffing.md.';

/*
 * _staffing_plan_minutes(unit): the plan per shift and weekday in exact
 * minutes (persons x minutes), so that sums carry no rounding.  Internal.
 */
CREATE FUNCTION carestair._staffing_plan_minutes(unit text)
RETURNS TABLE (shift text, kind text, weekday integer, start_minute integer, persons integer,
               sykepleiere integer, shift_minutes integer, minutes integer, night_minutes_ks integer,
               night_minutes_aml integer, sunday_minutes integer)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    WITH n AS (
        SELECT s.shift, s.kind, n.weekday, s.start_minute, s.end_minute,
               pg_catalog.sum(n.persons)::integer AS persons,
               coalesce(pg_catalog.sum(n.persons) FILTER (WHERE n.competence OPERATOR(pg_catalog.=) 'sykepleier'), 0)::integer AS syk,
               (n.weekday OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog.*) 1440 OPERATOR(pg_catalog.+) s.start_minute AS a,
               (n.weekday OPERATOR(pg_catalog.-) 1) OPERATOR(pg_catalog.*) 1440 OPERATOR(pg_catalog.+) s.end_minute AS b
          FROM carestair.staffing_need AS n
          JOIN carestair.staffing_shift AS s ON s.unit OPERATOR(pg_catalog.=) n.unit AND s.shift OPERATOR(pg_catalog.=) n.shift
         WHERE n.unit OPERATOR(pg_catalog.=) _staffing_plan_minutes.unit
         GROUP BY s.shift, s.kind, n.weekday, s.start_minute, s.end_minute
    )
    SELECT n.shift, n.kind, n.weekday, n.start_minute, n.persons, n.syk,
           n.end_minute OPERATOR(pg_catalog.-) n.start_minute,
           n.persons OPERATOR(pg_catalog.*) (n.end_minute OPERATOR(pg_catalog.-) n.start_minute),
           n.persons OPERATOR(pg_catalog.*) carestair._minutes_in_window(n.a, n.b, 'night_ks'),
           n.persons OPERATOR(pg_catalog.*) carestair._minutes_in_window(n.a, n.b, 'night_aml'),
           n.persons OPERATOR(pg_catalog.*) carestair._minutes_in_window(n.a, n.b, 'sunday')
      FROM n;
END;
COMMENT ON FUNCTION carestair._staffing_plan_minutes(text) IS 'Internal: the bemanningsplan per shift and weekday in exact minutes.';

/*
 * staffing_plan_hours(unit): the plan expanded per shift and weekday, with
 * hours, persons and the night and Sunday hours that the norms weigh.
 */
CREATE FUNCTION carestair.staffing_plan_hours(unit text)
RETURNS TABLE (shift text, kind text, weekday integer, persons integer, sykepleiere integer,
               shift_hours numeric, hours numeric, night_hours_ks numeric, night_hours_aml numeric,
               sunday_hours numeric)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM carestair._require_staffing_plan(unit);
    RETURN QUERY
    SELECT m.shift, m.kind, m.weekday, m.persons, m.sykepleiere,
           pg_catalog.round(m.shift_minutes / 60.0, 2), pg_catalog.round(m.minutes / 60.0, 2),
           pg_catalog.round(m.night_minutes_ks / 60.0, 2), pg_catalog.round(m.night_minutes_aml / 60.0, 2),
           pg_catalog.round(m.sunday_minutes / 60.0, 2)
      FROM carestair._staffing_plan_minutes(unit) AS m
     ORDER BY m.weekday, m.start_minute, m.shift;
END
$$;
COMMENT ON FUNCTION carestair.staffing_plan_hours(text) IS
  'Bemanningsplan per shift and weekday: persons, hours, night hours (KS 20-06, AML 21-06) and Sunday hours (Sat 18 - Sun 22), 2 decimals. See doc/staffing.md.';

/*
 * staffing_arsverk(unit, norm, holiday_weeks, sickness_pct, training_pct):
 * weekly hours of the plan and the årsverk they need.
 *   norm 'day' 37.5 h, 'turnus' 35.5 h, 'helkontinuerlig' 33.6 h,
 *   'ks_weighted': 35.5 h reduced so that the weighted hours (night hour
 *     20-06 = 1 h 15 min, Sunday hour = 1 h 10 min) equal 35.5, never
 *     below 33.6;
 *   'aml': 33.6 if one årsverk works >= 539 night hours (21-06) and
 *     >= 231 Sunday hours a year (comparable to helkontinuerlig,
 *     arbeidsmiljøloven § 10-4), otherwise 35.5.
 * net årsverk = weekly hours / weekly norm;
 * gross årsverk = net / ((52 - holiday_weeks)/52 * (1 - sickness) * (1 - training)).
 */
CREATE FUNCTION carestair.staffing_arsverk(unit text, norm text DEFAULT 'turnus',
                                           holiday_weeks numeric DEFAULT 5,
                                           sickness_pct numeric DEFAULT 0,
                                           training_pct numeric DEFAULT 0)
RETURNS TABLE (weekly_hours numeric, night_hours_ks numeric, night_hours_aml numeric,
               sunday_hours numeric, weekly_norm_hours numeric,
               hours_per_arsverk_year numeric, night_hours_per_arsverk_year numeric,
               sunday_hours_per_arsverk_year numeric, comparable_to_helkontinuerlig boolean,
               net_arsverk numeric, cover_factor numeric, gross_arsverk numeric)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    h numeric; nks numeric; naml numeric; sun numeric; wn numeric; cover numeric; a355 numeric;
    helk boolean;
BEGIN
    IF staffing_arsverk.norm NOT IN ('day', 'turnus', 'helkontinuerlig', 'ks_weighted', 'aml') THEN
        RAISE EXCEPTION 'invalid norm "%"', staffing_arsverk.norm
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The weekly norm is one of day (37.5 h), turnus (35.5 h), helkontinuerlig (33.6 h), ks_weighted or aml.',
                  HINT = 'Use ''turnus'' for an ordinary rota with every third weekend.';
    END IF;
    IF holiday_weeks < 0 OR holiday_weeks >= 52 THEN
        RAISE EXCEPTION 'invalid holiday_weeks %', holiday_weeks
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Holiday weeks a year must be at least 0 and below 52.',
                  HINT = 'Ferieloven and the KS agreement give 5 weeks (6 from the year one turns 60).';
    END IF;
    IF sickness_pct < 0 OR sickness_pct >= 100 OR training_pct < 0 OR training_pct >= 100 THEN
        RAISE EXCEPTION 'invalid absence percentage (sickness_pct %, training_pct %)', sickness_pct, training_pct
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Absence percentages must be at least 0 and below 100.',
                  HINT = 'Use the unit''s own sickness rate, e.g. 8.5 for 8.5 %.';
    END IF;
    PERFORM carestair._require_staffing_plan(unit);

    SELECT pg_catalog.sum(m.minutes) / 60.0, pg_catalog.sum(m.night_minutes_ks) / 60.0,
           pg_catalog.sum(m.night_minutes_aml) / 60.0, pg_catalog.sum(m.sunday_minutes) / 60.0
      INTO h, nks, naml, sun
      FROM carestair._staffing_plan_minutes(unit) AS m;

    a355 := h / 35.5;
    helk := naml / a355 * 52 >= 539 AND sun / a355 * 52 >= 231;
    wn := CASE staffing_arsverk.norm
            WHEN 'day' THEN 37.5
            WHEN 'turnus' THEN 35.5
            WHEN 'helkontinuerlig' THEN 33.6
            WHEN 'ks_weighted' THEN GREATEST(33.6, 35.5 * h / (h + nks * 0.25 + sun / 6.0))
            WHEN 'aml' THEN CASE WHEN helk THEN 33.6 ELSE 35.5 END
          END;
    cover := 1.0 / ((52 - holiday_weeks) / 52.0 * (1 - sickness_pct / 100.0) * (1 - training_pct / 100.0));
    RETURN QUERY
    SELECT pg_catalog.round(h, 2), pg_catalog.round(nks, 2), pg_catalog.round(naml, 2),
           pg_catalog.round(sun, 2), pg_catalog.round(wn, 2),
           pg_catalog.round(wn * 52, 1),
           pg_catalog.round(naml / (h / wn) * 52, 1), pg_catalog.round(sun / (h / wn) * 52, 1), helk,
           pg_catalog.round(h / wn, 2), pg_catalog.round(cover, 4), pg_catalog.round(h / wn * cover, 2);
END
$$;
COMMENT ON FUNCTION carestair.staffing_arsverk(text, text, numeric, numeric, numeric) IS
  'Weekly hours of a bemanningsplan and the net and gross årsverk at a weekly norm (37.5 day, 35.5 turnus, 33.6 helkontinuerlig, KS-weighted, AML § 10-4 test). See doc/staffing.md.';

/*
 * weekend_knot(unit, weekend_frequencies, norm): the weekend knot for each
 * weekend frequency k.  A person who works a weekend works both days, so
 * persons per weekend W = the larger of Saturday's and Sunday's persons
 * needed; the minimum headcount is k * W; the mean position is
 * net årsverk / (k * W); full time for all is possible when k * W <= årsverk
 * (with everyone at 100 % each person works every årsverk/W-th weekend).
 */
CREATE FUNCTION carestair.weekend_knot_of(hours_per_week numeric, weekend_persons integer,
                                          weekend_frequencies integer[] DEFAULT ARRAY[2, 3, 4],
                                          norm_hours numeric DEFAULT 35.5)
RETURNS TABLE (weekend_every integer, weekly_hours numeric, net_arsverk numeric,
               persons_per_weekend integer, min_headcount integer, mean_position_pct numeric,
               full_time_for_all boolean, weekend_every_if_all_full_time numeric)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    h numeric := hours_per_week; w integer := weekend_persons; wn numeric := norm_hours; k integer;
BEGIN
    IF pg_catalog.cardinality(weekend_frequencies) = 0 OR
       EXISTS (SELECT FROM pg_catalog.unnest(weekend_frequencies) AS x WHERE x IS NULL OR x < 1 OR x > 52) THEN
        RAISE EXCEPTION 'invalid weekend_frequencies %', weekend_frequencies
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Each weekend frequency is a whole number of weeks from 1 to 52 (3 = every third weekend).',
                  HINT = 'Use ARRAY[2, 3, 4].';
    END IF;
    IF h < 0 OR w < 0 OR wn <= 0 OR wn > 60 THEN
        RAISE EXCEPTION 'invalid plan figures (hours_per_week %, weekend_persons %, norm_hours %)', h, w, wn
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Hours and persons must not be negative; the weekly norm is above 0 and at most 60 hours.',
                  HINT = 'E.g. weekend_knot_of(597.5, 10) for the example plan of issue 8.';
    END IF;
    FOREACH k IN ARRAY (SELECT pg_catalog.array_agg(DISTINCT x ORDER BY x) FROM pg_catalog.unnest(weekend_frequencies) AS x)
    LOOP
        RETURN QUERY
        SELECT k, pg_catalog.round(h, 2), pg_catalog.round(h / wn, 2), w, k * w,
               CASE WHEN w > 0 THEN pg_catalog.round(100 * h / wn / (k * w), 1) END,
               k * w <= h / wn,
               CASE WHEN w > 0 THEN pg_catalog.round(h / wn / w, 2) END;
    END LOOP;
END
$$;
COMMENT ON FUNCTION carestair.weekend_knot_of(numeric, integer, integer[], numeric) IS
  'The weekend knot from plain figures (weekly hours, persons per weekend, weekly norm), for what-if questions without a stored plan. See doc/staffing.md.';

CREATE FUNCTION carestair.weekend_knot(unit text, weekend_frequencies integer[] DEFAULT ARRAY[2, 3, 4],
                                       norm text DEFAULT 'turnus')
RETURNS TABLE (weekend_every integer, weekly_hours numeric, net_arsverk numeric,
               persons_per_weekend integer, min_headcount integer, mean_position_pct numeric,
               full_time_for_all boolean, weekend_every_if_all_full_time numeric)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    h numeric; wn numeric; w integer;
BEGIN
    SELECT a.weekly_hours, a.weekly_norm_hours INTO h, wn
      FROM carestair.staffing_arsverk(unit, norm) AS a;
    SELECT pg_catalog.max(d.persons)::integer INTO w
      FROM (SELECT p.weekday, pg_catalog.sum(p.persons) AS persons
              FROM carestair._staffing_plan_minutes(unit) AS p
             WHERE p.weekday IN (6, 7) GROUP BY p.weekday) AS d;
    RETURN QUERY SELECT * FROM carestair.weekend_knot_of(h, coalesce(w, 0), weekend_frequencies, wn);
END
$$;
COMMENT ON FUNCTION carestair.weekend_knot(text, integer[], text) IS
  'The weekend knot (helgefloka): per weekend frequency, persons per weekend, minimum headcount, mean position size and whether full time for all is possible. See doc/staffing.md.';

/*
 * weekend_knot_alternatives(units, weekend_frequencies, norm): the knot of
 * several plans (e.g. ordinary and long weekend shifts) side by side.
 */
CREATE FUNCTION carestair.weekend_knot_alternatives(units text[], weekend_frequencies integer[] DEFAULT ARRAY[2, 3, 4],
                                                    norm text DEFAULT 'turnus')
RETURNS TABLE (unit text, unit_name text, weekend_every integer, weekly_hours numeric, net_arsverk numeric,
               persons_per_weekend integer, min_headcount integer, mean_position_pct numeric,
               full_time_for_all boolean, weekend_every_if_all_full_time numeric)
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT u.unit, su.name, k.weekend_every, k.weekly_hours, k.net_arsverk, k.persons_per_weekend,
           k.min_headcount, k.mean_position_pct, k.full_time_for_all, k.weekend_every_if_all_full_time
      FROM pg_catalog.unnest(units) WITH ORDINALITY AS u (unit, ord)
      CROSS JOIN LATERAL carestair.weekend_knot(u.unit, weekend_frequencies, norm) AS k
      JOIN carestair.staffing_unit AS su ON su.unit OPERATOR(pg_catalog.=) u.unit
     ORDER BY u.ord, k.weekend_every;
END;
COMMENT ON FUNCTION carestair.weekend_knot_alternatives(text[], integer[], text) IS
  'The weekend knot of several plans (every 2nd/3rd/4th weekend, long weekend shifts) side by side. See doc/staffing.md.';

/*
 * staffing_plan_for_arsverk(template_unit, new_unit, arsverk, ...): a plan
 * for a demand of `arsverk` net årsverk, by scaling a template plan.
 * Rule: factor f = arsverk / the template's net årsverk at `norm`; every
 * count (shift, weekday, competence) becomes floor(persons * f); then, in
 * order of the largest fractional part (ties: weekday, start, shift,
 * competence), a count gets one more person while the hours still missing
 * to arsverk * norm are at least half that shift (largest remainder in
 * hours); finally a shift and weekday that had a sykepleier keeps one.  Shift times are copied.  The resulting plan's årsverk differs
 * from the target by the rounding; both are returned.
 */
CREATE FUNCTION carestair.staffing_plan_for_arsverk(template_unit text, new_unit text, arsverk numeric,
                                                    new_name text DEFAULT NULL, region text DEFAULT NULL,
                                                    step text DEFAULT NULL, year integer DEFAULT NULL,
                                                    norm text DEFAULT 'turnus')
RETURNS TABLE (target_arsverk numeric, scale_factor numeric, weekly_hours numeric, plan_arsverk numeric)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    base numeric; f numeric; deficit numeric; c record;
BEGIN
    PERFORM carestair._serialise('staffing');   -- concurrent calls wait, not collide
    IF template_unit IS NULL OR new_unit IS NULL OR arsverk IS NULL OR norm IS NULL THEN
        RAISE EXCEPTION 'template_unit, new_unit, arsverk and norm must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Pass the template plan, a new unit code and the årsverk to staff.';
    END IF;
    IF arsverk <= 0 OR arsverk > 10000 THEN
        RAISE EXCEPTION 'invalid arsverk %', arsverk
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The årsverk to staff must be above 0 and at most 10000.',
                  HINT = 'Pass the net årsverk of the care-demand result for the step and year.';
    END IF;
    IF EXISTS (SELECT FROM carestair.staffing_unit AS u WHERE u.unit = new_unit) THEN
        RAISE EXCEPTION 'staffing unit "%" already exists', new_unit
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Choose a new unit code, or delete the old unit from carestair.staffing_unit first.';
    END IF;
    SELECT a.net_arsverk INTO base FROM carestair.staffing_arsverk(template_unit, norm) AS a;
    f := staffing_plan_for_arsverk.arsverk / base;

    INSERT INTO carestair.staffing_unit (unit, name, region, is_example, note)
    SELECT new_unit,
           coalesce(new_name, u.name || ' scaled to ' || staffing_plan_for_arsverk.arsverk || ' årsverk'),
           coalesce(staffing_plan_for_arsverk.region, u.region), u.is_example,
           pg_catalog.format('Scaled from %s (%s net årsverk) to %s net årsverk%s%s.', template_unit, base,
                             staffing_plan_for_arsverk.arsverk,
                             CASE WHEN step IS NOT NULL THEN ', step ' || step ELSE '' END,
                             CASE WHEN staffing_plan_for_arsverk.year IS NOT NULL THEN ', year ' || staffing_plan_for_arsverk.year ELSE '' END)
      FROM carestair.staffing_unit AS u WHERE u.unit = template_unit;
    INSERT INTO carestair.staffing_shift (unit, shift, kind, start_minute, end_minute)
    SELECT new_unit, s.shift, s.kind, s.start_minute, s.end_minute
      FROM carestair.staffing_shift AS s WHERE s.unit = template_unit;
    -- Largest remainder in hours: floors first, then +1 in order of the
    -- fractional part while that brings the hours closer to the target.
    deficit := staffing_plan_for_arsverk.arsverk * (SELECT a.weekly_norm_hours FROM carestair.staffing_arsverk(template_unit, norm) AS a);
    FOR c IN
        SELECT n.shift, n.weekday, n.competence, n.persons * f AS exact,
               pg_catalog.floor(n.persons * f)::integer AS base_n,
               (s.end_minute - s.start_minute) / 60.0 AS h
          FROM carestair.staffing_need AS n
          JOIN carestair.staffing_shift AS s ON s.unit = n.unit AND s.shift = n.shift
         WHERE n.unit = template_unit
         ORDER BY (n.persons * f - pg_catalog.floor(n.persons * f)) DESC, n.weekday, s.start_minute, n.shift, n.competence
    LOOP
        INSERT INTO carestair.staffing_need (unit, shift, weekday, competence, persons)
        VALUES (new_unit, c.shift, c.weekday, c.competence, c.base_n);
        deficit := deficit - c.base_n * c.h;
    END LOOP;
    FOR c IN
        SELECT n.shift, n.weekday, n.competence, (s.end_minute - s.start_minute) / 60.0 AS h
          FROM carestair.staffing_need AS n
          JOIN carestair.staffing_shift AS s ON s.unit = n.unit AND s.shift = n.shift
         WHERE n.unit = template_unit AND n.persons * f > pg_catalog.floor(n.persons * f)
         ORDER BY (n.persons * f - pg_catalog.floor(n.persons * f)) DESC, n.weekday, s.start_minute, n.shift, n.competence
    LOOP
        IF deficit >= c.h / 2 THEN
            UPDATE carestair.staffing_need AS n SET persons = n.persons + 1
             WHERE n.unit = new_unit AND n.shift = c.shift AND n.weekday = c.weekday AND n.competence = c.competence;
            deficit := deficit - c.h;
        END IF;
    END LOOP;
    -- Competence floor: a shift that had a sykepleier keeps one.
    UPDATE carestair.staffing_need AS n SET persons = 1
      FROM carestair.staffing_need AS t
     WHERE n.unit = new_unit AND t.unit = template_unit AND t.shift = n.shift AND t.weekday = n.weekday
       AND t.competence = n.competence AND n.competence = 'sykepleier' AND t.persons > 0 AND n.persons = 0;

    RETURN QUERY
    SELECT staffing_plan_for_arsverk.arsverk, pg_catalog.round(f, 4), a.weekly_hours, a.net_arsverk
      FROM carestair.staffing_arsverk(new_unit, norm) AS a;
END
$$;
COMMENT ON FUNCTION carestair.staffing_plan_for_arsverk(text, text, numeric, text, text, text, integer, text) IS
  'A bemanningsplan for a demand in årsverk (e.g. a care-demand result for a step and year), by scaling a template plan with a documented rounding rule. See doc/staffing.md.';

/*
 * staffing_plan_long_weekend(template_unit, new_unit, start_minute,
 * end_minute, shift): the template plan with long weekend days.  On
 * Saturday and Sunday the shifts of kind day and evening give way to one
 * long day (default 08:00-20:30, 12.5 h) staffed, per competence, with the
 * larger of the day and the evening persons; weekdays and nights are
 * copied unchanged.  The example plan of issue 8 becomes exactly its
 * long-weekend variant (577.5 h a week).
 */
CREATE FUNCTION carestair.staffing_plan_long_weekend(template_unit text, new_unit text,
                                                     start_minute integer DEFAULT 480, end_minute integer DEFAULT 1230,
                                                     shift text DEFAULT 'L')
RETURNS TABLE (weekly_hours numeric, net_arsverk numeric)
LANGUAGE plpgsql VOLATILE STRICT PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM carestair._serialise('staffing');   -- concurrent calls wait, not collide
    PERFORM carestair._require_staffing_plan(template_unit);
    IF EXISTS (SELECT FROM carestair.staffing_unit AS u WHERE u.unit = new_unit) THEN
        RAISE EXCEPTION 'staffing unit "%" already exists', new_unit
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Choose a new unit code, or delete the old unit from carestair.staffing_unit first.';
    END IF;
    IF NOT EXISTS (SELECT FROM carestair.staffing_need AS n
                     JOIN carestair.staffing_shift AS s ON s.unit = n.unit AND s.shift = n.shift
                    WHERE n.unit = template_unit AND n.weekday IN (6, 7) AND n.persons > 0
                      AND s.kind IN ('day', 'evening')) THEN
        RAISE EXCEPTION 'staffing unit "%" has no weekend day or evening shifts to merge', template_unit
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Long weekend days replace the Saturday and Sunday shifts of kind day and evening.',
                  HINT = 'Give the weekend shifts their kind in carestair.staffing_shift.';
    END IF;
    IF EXISTS (SELECT FROM carestair.staffing_shift AS s
                WHERE s.unit = template_unit AND s.shift = staffing_plan_long_weekend.shift) THEN
        RAISE EXCEPTION 'shift code "%" is already used in staffing unit "%"', staffing_plan_long_weekend.shift, template_unit
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass another code for the long day, e.g. shift => ''LV''.';
    END IF;

    INSERT INTO carestair.staffing_unit (unit, name, region, is_example, note)
    SELECT new_unit, u.name || ', long weekend days', u.region, u.is_example,
           pg_catalog.format('%s with long weekend days (%s minutes from %s).', template_unit,
                             end_minute - start_minute, start_minute)
      FROM carestair.staffing_unit AS u WHERE u.unit = template_unit;
    INSERT INTO carestair.staffing_shift (unit, shift, kind, start_minute, end_minute)
    SELECT new_unit, s.shift, s.kind, s.start_minute, s.end_minute
      FROM carestair.staffing_shift AS s WHERE s.unit = template_unit
    UNION ALL
    SELECT new_unit, staffing_plan_long_weekend.shift, 'long_day', staffing_plan_long_weekend.start_minute,
           staffing_plan_long_weekend.end_minute;
    INSERT INTO carestair.staffing_need (unit, shift, weekday, competence, persons)
    SELECT new_unit, n.shift, n.weekday, n.competence, n.persons
      FROM carestair.staffing_need AS n
      JOIN carestair.staffing_shift AS s ON s.unit = n.unit AND s.shift = n.shift
     WHERE n.unit = template_unit AND (n.weekday <= 5 OR s.kind NOT IN ('day', 'evening'))
    UNION ALL
    SELECT new_unit, staffing_plan_long_weekend.shift, k.weekday, k.competence, pg_catalog.max(k.persons)::integer
      FROM (SELECT n.weekday, n.competence, s.kind, pg_catalog.sum(n.persons) AS persons
              FROM carestair.staffing_need AS n
              JOIN carestair.staffing_shift AS s ON s.unit = n.unit AND s.shift = n.shift
             WHERE n.unit = template_unit AND n.weekday IN (6, 7) AND s.kind IN ('day', 'evening')
             GROUP BY n.weekday, n.competence, s.kind) AS k
     GROUP BY k.weekday, k.competence;

    RETURN QUERY SELECT a.weekly_hours, a.net_arsverk FROM carestair.staffing_arsverk(new_unit) AS a;
END
$$;
COMMENT ON FUNCTION carestair.staffing_plan_long_weekend(text, text, integer, integer, text) IS
  'A copy of a bemanningsplan with long weekend days: Saturday and Sunday day and evening shifts become one long day (default 08:00-20:30) staffed with the larger of the two, per competence. See doc/staffing.md.';
