
-- ---------------------------------------------------------------------------
-- followup: following an adopted plan up -- tiltak (measures), styrings-
-- indikatorer with targets per year, indicators computed from carestair's
-- data, target against actual, and a risk register with a 5 x 5 matrix.
-- See doc/followup.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.followup_plan (
    plan        text PRIMARY KEY,
    region      text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    title       text NOT NULL,
    first_year  integer NOT NULL,
    last_year   integer NOT NULL,
    is_example  boolean NOT NULL DEFAULT false,
    source      text,
    CONSTRAINT followup_plan_years CHECK (first_year BETWEEN 1990 AND 2200 AND last_year BETWEEN first_year AND 2200)
);
COMMENT ON TABLE carestair.followup_plan IS 'Adopted plans (e.g. a helse- og omsorgsplan''s handlingsdel) that are followed up. See doc/followup.md.';
COMMENT ON COLUMN carestair.followup_plan.plan IS 'Plan code.';
COMMENT ON COLUMN carestair.followup_plan.region IS 'Kommunenummer of the kommune whose plan it is; computed indicators are read for it.';
COMMENT ON COLUMN carestair.followup_plan.title IS 'Title of the plan.';
COMMENT ON COLUMN carestair.followup_plan.first_year IS 'First year the plan covers.';
COMMENT ON COLUMN carestair.followup_plan.last_year IS 'Last year the plan covers; targets must lie in first_year..last_year.';
COMMENT ON COLUMN carestair.followup_plan.is_example IS 'True for an EXAMPLE plan (illustration, not the kommune''s adopted numbers).';
COMMENT ON COLUMN carestair.followup_plan.source IS 'Where the plan comes from.';

CREATE TABLE carestair.followup_indicator (
    indicator    text PRIMARY KEY,
    name         text NOT NULL,
    definition   text NOT NULL,
    unit         text NOT NULL,
    direction    text NOT NULL
                 CONSTRAINT followup_indicator_direction CHECK (direction OPERATOR(pg_catalog.=) ANY (ARRAY['higher_is_better', 'lower_is_better'])),
    tolerance    numeric NOT NULL DEFAULT 0
                 CONSTRAINT followup_indicator_tolerance CHECK (tolerance OPERATOR(pg_catalog.>=) 0),
    computed_by  text
                 CONSTRAINT followup_indicator_computed CHECK (computed_by OPERATOR(pg_catalog.=) ANY (ARRAY['share_80_plus_at_home', 'institution_places_per_1000_80_plus', 'heldogn_share_in_omsorgsbolig'])),
    source       text
);
COMMENT ON TABLE carestair.followup_indicator IS 'Styringsindikatorer: what is measured, in which unit and which way is better. See doc/followup.md.';
COMMENT ON COLUMN carestair.followup_indicator.indicator IS 'Indicator code.';
COMMENT ON COLUMN carestair.followup_indicator.name IS 'Name as the plan writes it.';
COMMENT ON COLUMN carestair.followup_indicator.definition IS 'How the number is defined (numerator, denominator, date).';
COMMENT ON COLUMN carestair.followup_indicator.unit IS 'Unit, e.g. percent or places per 1,000 aged 80+.';
COMMENT ON COLUMN carestair.followup_indicator.direction IS 'higher_is_better or lower_is_better: decides ahead / behind.';
COMMENT ON COLUMN carestair.followup_indicator.tolerance IS 'Distance from the target, in the indicator''s unit, still counted as on track.';
COMMENT ON COLUMN carestair.followup_indicator.computed_by IS 'Which carestair computation gives the actual value (carestair.indicator_value); NULL when actual values are entered in carestair.followup_actual.';
COMMENT ON COLUMN carestair.followup_indicator.source IS 'Where the definition comes from (e.g. KS, Helsedirektoratet, the plan).';

CREATE TABLE carestair.followup_target (
    plan        text NOT NULL REFERENCES carestair.followup_plan (plan) ON DELETE CASCADE ON UPDATE CASCADE,
    indicator   text NOT NULL REFERENCES carestair.followup_indicator (indicator) ON UPDATE CASCADE,
    year        integer NOT NULL,
    target      numeric NOT NULL,
    is_example  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (plan, indicator, year)
);
COMMENT ON TABLE carestair.followup_target IS 'Targets of a plan per indicator and year. See doc/followup.md.';
COMMENT ON COLUMN carestair.followup_target.plan IS 'Plan (carestair.followup_plan).';
COMMENT ON COLUMN carestair.followup_target.indicator IS 'Indicator (carestair.followup_indicator).';
COMMENT ON COLUMN carestair.followup_target.year IS 'Year of the target, within the plan''s years.';
COMMENT ON COLUMN carestair.followup_target.target IS 'Target value in the indicator''s unit.';
COMMENT ON COLUMN carestair.followup_target.is_example IS 'True for an EXAMPLE target (the plan gives no number).';

CREATE TABLE carestair.followup_actual (
    plan        text NOT NULL REFERENCES carestair.followup_plan (plan) ON DELETE CASCADE ON UPDATE CASCADE,
    indicator   text NOT NULL REFERENCES carestair.followup_indicator (indicator) ON UPDATE CASCADE,
    year        integer NOT NULL,
    value       numeric NOT NULL,
    source      text NOT NULL,
    is_example  boolean NOT NULL DEFAULT false,
    PRIMARY KEY (plan, indicator, year)
);
COMMENT ON TABLE carestair.followup_actual IS 'Entered actual values of indicators that carestair does not compute. See doc/followup.md.';
COMMENT ON COLUMN carestair.followup_actual.plan IS 'Plan.';
COMMENT ON COLUMN carestair.followup_actual.indicator IS 'Indicator.';
COMMENT ON COLUMN carestair.followup_actual.year IS 'Year the value describes.';
COMMENT ON COLUMN carestair.followup_actual.value IS 'Actual value in the indicator''s unit.';
COMMENT ON COLUMN carestair.followup_actual.source IS 'Where the value comes from.';
COMMENT ON COLUMN carestair.followup_actual.is_example IS 'True for an EXAMPLE value (not measured).';

CREATE TABLE carestair.followup_statistic (
    region      text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year        integer NOT NULL CONSTRAINT followup_statistic_year CHECK (year BETWEEN 1990 AND 2200),
    statistic   text NOT NULL
                CONSTRAINT followup_statistic_known CHECK (statistic OPERATOR(pg_catalog.=) ANY (ARRAY['institution_places', 'sykehjem_places'])),
    value       numeric NOT NULL CONSTRAINT followup_statistic_value CHECK (value OPERATOR(pg_catalog.>=) 0),
    source      text NOT NULL,
    PRIMARY KEY (region, year, statistic)
);
COMMENT ON TABLE carestair.followup_statistic IS 'Capacity statistics the computed indicators read (SSB 11875 places). See doc/followup.md.';
COMMENT ON COLUMN carestair.followup_statistic.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.followup_statistic.year IS 'Statistics year (end of year).';
COMMENT ON COLUMN carestair.followup_statistic.statistic IS 'institution_places (SSB 11875 Institusjon - alle disponible plasser) or sykehjem_places (Sykehjem - disponible plasser).';
COMMENT ON COLUMN carestair.followup_statistic.value IS 'Number of places.';
COMMENT ON COLUMN carestair.followup_statistic.source IS 'SSB table and compiler.';

CREATE TABLE carestair.followup_measure (
    plan              text NOT NULL REFERENCES carestair.followup_plan (plan) ON DELETE CASCADE ON UPDATE CASCADE,
    measure           text NOT NULL,
    title             text NOT NULL,
    responsible_unit  text NOT NULL,
    start_date        date NOT NULL,
    end_date          date NOT NULL,
    status            text NOT NULL DEFAULT 'planned'
                      CONSTRAINT followup_measure_status CHECK (status OPERATOR(pg_catalog.=) ANY (ARRAY['planned', 'in_progress', 'done', 'stopped'])),
    cost_nok          numeric,
    price_year        integer,
    indicator         text REFERENCES carestair.followup_indicator (indicator) ON UPDATE CASCADE,
    is_example        boolean NOT NULL DEFAULT false,
    note              text,
    PRIMARY KEY (plan, measure),
    CONSTRAINT followup_measure_dates CHECK (end_date OPERATOR(pg_catalog.>=) start_date),
    CONSTRAINT followup_measure_price_year CHECK ((cost_nok IS NULL) OPERATOR(pg_catalog.=) (price_year IS NULL))
);
COMMENT ON TABLE carestair.followup_measure IS 'Tiltak of a plan: who, when, status, cost or saving and the indicator it should move. See doc/followup.md.';
COMMENT ON COLUMN carestair.followup_measure.plan IS 'Plan.';
COMMENT ON COLUMN carestair.followup_measure.measure IS 'Tiltak code, e.g. T1.';
COMMENT ON COLUMN carestair.followup_measure.title IS 'What is to be done.';
COMMENT ON COLUMN carestair.followup_measure.responsible_unit IS 'Responsible unit (ansvarlig enhet).';
COMMENT ON COLUMN carestair.followup_measure.start_date IS 'Start.';
COMMENT ON COLUMN carestair.followup_measure.end_date IS 'Deadline (frist).';
COMMENT ON COLUMN carestair.followup_measure.status IS 'planned, in_progress, done or stopped.';
COMMENT ON COLUMN carestair.followup_measure.cost_nok IS 'Yearly cost in NOK at price_year; negative for a saving; NULL when not estimated.';
COMMENT ON COLUMN carestair.followup_measure.price_year IS 'Price year of cost_nok.';
COMMENT ON COLUMN carestair.followup_measure.indicator IS 'Indicator the tiltak should move.';
COMMENT ON COLUMN carestair.followup_measure.is_example IS 'True for an EXAMPLE tiltak or an example cost (the plan gives no number).';
COMMENT ON COLUMN carestair.followup_measure.note IS 'Free text.';

CREATE TABLE carestair.followup_risk (
    plan         text NOT NULL REFERENCES carestair.followup_plan (plan) ON DELETE CASCADE ON UPDATE CASCADE,
    risk         text NOT NULL,
    title        text NOT NULL,
    category     text NOT NULL,
    likelihood   integer NOT NULL CONSTRAINT followup_risk_likelihood CHECK (likelihood BETWEEN 1 AND 5),
    consequence  integer NOT NULL CONSTRAINT followup_risk_consequence CHECK (consequence BETWEEN 1 AND 5),
    score        integer GENERATED ALWAYS AS (likelihood OPERATOR(pg_catalog.*) consequence) STORED,
    mitigation   text,
    measure      text,
    owner        text,
    is_example   boolean NOT NULL DEFAULT false,
    PRIMARY KEY (plan, risk),
    FOREIGN KEY (plan, measure) REFERENCES carestair.followup_measure (plan, measure) ON UPDATE CASCADE
);
COMMENT ON TABLE carestair.followup_risk IS 'Risk register of a plan: sannsynlighet and konsekvens 1-5, score, category, tiltak. See doc/followup.md.';
COMMENT ON COLUMN carestair.followup_risk.plan IS 'Plan.';
COMMENT ON COLUMN carestair.followup_risk.risk IS 'Risk code, e.g. R1.';
COMMENT ON COLUMN carestair.followup_risk.title IS 'What may happen.';
COMMENT ON COLUMN carestair.followup_risk.category IS 'Category, e.g. bemanning, økonomi, kvalitet.';
COMMENT ON COLUMN carestair.followup_risk.likelihood IS 'Sannsynlighet, 1 (very unlikely) to 5 (very likely).';
COMMENT ON COLUMN carestair.followup_risk.consequence IS 'Konsekvens, 1 (insignificant) to 5 (very serious).';
COMMENT ON COLUMN carestair.followup_risk.score IS 'likelihood x consequence, 1-25.';
COMMENT ON COLUMN carestair.followup_risk.mitigation IS 'Tiltak against the risk, as text.';
COMMENT ON COLUMN carestair.followup_risk.measure IS 'The plan''s tiltak (carestair.followup_measure) against the risk, if it is one.';
COMMENT ON COLUMN carestair.followup_risk.owner IS 'Who owns the risk.';
COMMENT ON COLUMN carestair.followup_risk.is_example IS 'True for an EXAMPLE score (the plan gives no number).';

SELECT pg_catalog.pg_extension_config_dump('carestair.followup_plan', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.followup_indicator', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.followup_target', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.followup_actual', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.followup_statistic', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.followup_measure', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.followup_risk', '');

/*
 * _followup_check(): BEFORE INSERT OR UPDATE trigger of the follow-up
 * tables, so that bad rows fail with a message naming the column, the value
 * and a hint (the constraints above stay as the last line).  Internal.
 */
CREATE FUNCTION carestair._followup_check()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    pl carestair.followup_plan;
BEGIN
    IF TG_TABLE_NAME = 'followup_indicator' THEN
        IF NEW.unit IS NULL OR btrim(NEW.unit) = '' THEN
            RAISE EXCEPTION 'indicator "%" has no unit', NEW.indicator
                USING ERRCODE = 'not_null_violation', COLUMN = 'unit',
                      HINT = 'Give the unit the number is in, e.g. ''percent'' or ''places per 1,000 aged 80+''.';
        END IF;
        IF NEW.direction IS NULL OR NEW.direction NOT IN ('higher_is_better', 'lower_is_better') THEN
            RAISE EXCEPTION 'invalid direction % for indicator "%"', coalesce(NEW.direction, 'NULL'), NEW.indicator
                USING ERRCODE = CASE WHEN NEW.direction IS NULL THEN 'not_null_violation' ELSE 'check_violation' END,
                      COLUMN = 'direction',
                      HINT = 'Use ''higher_is_better'' or ''lower_is_better''.';
        END IF;
    ELSIF TG_TABLE_NAME IN ('followup_target', 'followup_actual') THEN
        SELECT * INTO pl FROM carestair.followup_plan AS p WHERE p.plan = NEW.plan;
        IF FOUND AND NEW.year IS NOT NULL AND (NEW.year < pl.first_year OR NEW.year > pl.last_year)
           AND TG_TABLE_NAME = 'followup_target' THEN
            RAISE EXCEPTION 'target year % is outside plan "%" (% to %)', NEW.year, NEW.plan, pl.first_year, pl.last_year
                USING ERRCODE = 'check_violation', COLUMN = 'year',
                      HINT = 'Set targets for the plan''s years, or extend the plan''s first_year / last_year.';
        END IF;
    ELSIF TG_TABLE_NAME = 'followup_measure' THEN
        IF NEW.responsible_unit IS NULL OR btrim(NEW.responsible_unit) = '' THEN
            RAISE EXCEPTION 'tiltak "%" of plan "%" has no responsible unit', NEW.measure, NEW.plan
                USING ERRCODE = 'not_null_violation', COLUMN = 'responsible_unit',
                      HINT = 'Name the unit responsible for the tiltak (ansvarlig enhet), e.g. ''Hjemmetjenesten''.';
        END IF;
        IF NEW.end_date < NEW.start_date THEN
            RAISE EXCEPTION 'tiltak "%" of plan "%" ends (%) before it starts (%)', NEW.measure, NEW.plan, NEW.end_date, NEW.start_date
                USING ERRCODE = 'check_violation', COLUMN = 'end_date',
                      HINT = 'end_date is the deadline (frist): on or after start_date.';
        END IF;
        IF NEW.cost_nok IS NOT NULL AND NEW.price_year IS NULL THEN
            RAISE EXCEPTION 'tiltak "%" of plan "%" has a cost without a price year', NEW.measure, NEW.plan
                USING ERRCODE = 'not_null_violation', COLUMN = 'price_year',
                      HINT = 'Money is in NOK at a stated price year: set price_year, e.g. 2025.';
        END IF;
    ELSIF TG_TABLE_NAME = 'followup_risk' THEN
        IF NEW.likelihood IS NULL OR NEW.likelihood NOT BETWEEN 1 AND 5 THEN
            RAISE EXCEPTION 'invalid likelihood % for risk "%"', coalesce(NEW.likelihood::text, 'NULL'), NEW.risk
                USING ERRCODE = 'check_violation', COLUMN = 'likelihood',
                      HINT = 'Sannsynlighet is scored 1 (very unlikely) to 5 (very likely).';
        END IF;
        IF NEW.consequence IS NULL OR NEW.consequence NOT BETWEEN 1 AND 5 THEN
            RAISE EXCEPTION 'invalid consequence % for risk "%"', coalesce(NEW.consequence::text, 'NULL'), NEW.risk
                USING ERRCODE = 'check_violation', COLUMN = 'consequence',
                      HINT = 'Konsekvens is scored 1 (insignificant) to 5 (very serious).';
        END IF;
    ELSIF TG_TABLE_NAME = 'followup_plan' THEN
        IF NEW.first_year NOT BETWEEN 1990 AND 2200 OR NEW.last_year NOT BETWEEN NEW.first_year AND 2200 THEN
            RAISE EXCEPTION 'invalid years % to % for plan "%"', NEW.first_year, NEW.last_year, NEW.plan
                USING ERRCODE = 'check_violation', COLUMN = 'last_year',
                      HINT = 'first_year and last_year are years from 1990 to 2200, first_year <= last_year.';
        END IF;
        IF EXISTS (SELECT FROM carestair.followup_target AS t
                    WHERE t.plan = NEW.plan AND (t.year < NEW.first_year OR t.year > NEW.last_year)) THEN
            RAISE EXCEPTION 'plan "%" has targets outside % to %', NEW.plan, NEW.first_year, NEW.last_year
                USING ERRCODE = 'check_violation', COLUMN = 'last_year',
                      HINT = 'Delete or move those targets first.';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION carestair._followup_check() IS 'Internal: trigger that rejects bad follow-up rows with a message and a hint.';

CREATE TRIGGER followup_indicator_check BEFORE INSERT OR UPDATE ON carestair.followup_indicator
    FOR EACH ROW EXECUTE FUNCTION carestair._followup_check();
CREATE TRIGGER followup_target_check BEFORE INSERT OR UPDATE ON carestair.followup_target
    FOR EACH ROW EXECUTE FUNCTION carestair._followup_check();
CREATE TRIGGER followup_measure_check BEFORE INSERT OR UPDATE ON carestair.followup_measure
    FOR EACH ROW EXECUTE FUNCTION carestair._followup_check();
CREATE TRIGGER followup_risk_check BEFORE INSERT OR UPDATE ON carestair.followup_risk
    FOR EACH ROW EXECUTE FUNCTION carestair._followup_check();
CREATE TRIGGER followup_plan_check BEFORE INSERT OR UPDATE ON carestair.followup_plan
    FOR EACH ROW EXECUTE FUNCTION carestair._followup_check();

/*
 * _persons_80_plus(region, year): persons aged 80 and over on 1 January of
 * year, from carestair.population; NULL when the year is not loaded.
 * Internal.
 */
CREATE FUNCTION carestair._persons_80_plus(region text, year integer)
RETURNS numeric
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.sum(p.persons)::numeric
      FROM carestair.population AS p
     WHERE p.region OPERATOR(pg_catalog.=) _persons_80_plus.region
       AND p.year OPERATOR(pg_catalog.=) _persons_80_plus.year
       AND p.age OPERATOR(pg_catalog.>=) 80;
END;
COMMENT ON FUNCTION carestair._persons_80_plus(text, integer) IS 'Internal: persons 80+ on 1 January from carestair.population.';

/*
 * _care_stat(region, year, service, measure, age_group): one value of
 * carestair.care_service_stat or NULL.  Internal.
 */
CREATE FUNCTION carestair._care_stat(region text, year integer, service text, measure text, age_group text)
RETURNS numeric
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT c.value FROM carestair.care_service_stat AS c
     WHERE c.region OPERATOR(pg_catalog.=) _care_stat.region AND c.year OPERATOR(pg_catalog.=) _care_stat.year
       AND c.service OPERATOR(pg_catalog.=) _care_stat.service AND c.measure OPERATOR(pg_catalog.=) _care_stat.measure
       AND c.age_group OPERATOR(pg_catalog.=) _care_stat.age_group;
END;
COMMENT ON FUNCTION carestair._care_stat(text, integer, text, text, text) IS 'Internal: one value of carestair.care_service_stat.';

/*
 * share_80_plus_at_home(region, year): percent of persons aged 80+ who do
 * not live in an institution on a long-term stay, at the end of year:
 * 100 x (1 - residents 80+ on langtidsopphold (SSB 11645, 31 December) /
 * persons 80+ on 1 January of year + 1 (SSB 07459)).  NULL without data.
 */
CREATE FUNCTION carestair.share_80_plus_at_home(region text, year integer)
RETURNS numeric
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.round(100 OPERATOR(pg_catalog.*) (1 OPERATOR(pg_catalog.-)
             (carestair._care_stat(region, year, 'institusjon_langtid', 'residents', '80+')
              OPERATOR(pg_catalog./) NULLIF(carestair._persons_80_plus(region, year OPERATOR(pg_catalog.+) 1), 0::numeric))), 1);
END;
COMMENT ON FUNCTION carestair.share_80_plus_at_home(text, integer) IS
  'Percent of persons 80+ not on a long-term institution stay at the end of year (SSB 11645 residents 80+ / SSB 07459 persons 80+ on 1 January of year + 1). See doc/followup.md.';

/*
 * institution_places_per_1000_80_plus(region, year): institution places
 * (SSB 11875, all available places, end of year) per 1,000 persons aged 80+
 * on 1 January of year + 1.  NULL without data.
 */
CREATE FUNCTION carestair.institution_places_per_1000_80_plus(region text, year integer)
RETURNS numeric
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.round(1000 OPERATOR(pg_catalog.*) s.value
             OPERATOR(pg_catalog./) NULLIF(carestair._persons_80_plus(region, year OPERATOR(pg_catalog.+) 1), 0::numeric), 1)
      FROM carestair.followup_statistic AS s
     WHERE s.region OPERATOR(pg_catalog.=) institution_places_per_1000_80_plus.region
       AND s.year OPERATOR(pg_catalog.=) institution_places_per_1000_80_plus.year
       AND s.statistic OPERATOR(pg_catalog.=) 'institution_places';
END;
COMMENT ON FUNCTION carestair.institution_places_per_1000_80_plus(text, integer) IS
  'Institution places (SSB 11875) per 1,000 persons 80+ (SSB 07459, 1 January of year + 1). See doc/followup.md.';

/*
 * heldogn_share_in_omsorgsbolig(region, year): percent of the residents of
 * round-the-clock care (housing with 24-hour staff + long-term institution
 * stays, SSB 12292/11645, 31 December) who live in housing, a resident-based
 * measure of the share of heldøgn places in omsorgsbolig.  NULL without data.
 */
CREATE FUNCTION carestair.heldogn_share_in_omsorgsbolig(region text, year integer)
RETURNS numeric
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.round(100 OPERATOR(pg_catalog.*) b.v OPERATOR(pg_catalog./)
             NULLIF(b.v OPERATOR(pg_catalog.+) i.v, 0::numeric), 1)
      FROM (SELECT carestair._care_stat(region, year, 'bolig_heldogns', 'residents', 'all') AS v) AS b,
           (SELECT carestair._care_stat(region, year, 'institusjon_langtid', 'residents', 'all') AS v) AS i;
END;
COMMENT ON FUNCTION carestair.heldogn_share_in_omsorgsbolig(text, integer) IS
  'Percent of residents with round-the-clock care who live in housing with 24-hour staff rather than on a long-term institution stay (SSB 12292 / 11645, 31 December). See doc/followup.md.';

/*
 * indicator_value(computed_by, region, year): the computation a
 * followup_indicator names, for one kommune and year.
 */
CREATE FUNCTION carestair.indicator_value(computed_by text, region text, year integer)
RETURNS numeric
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RETURN CASE computed_by
        WHEN 'share_80_plus_at_home' THEN carestair.share_80_plus_at_home(region, year)
        WHEN 'institution_places_per_1000_80_plus' THEN carestair.institution_places_per_1000_80_plus(region, year)
        WHEN 'heldogn_share_in_omsorgsbolig' THEN carestair.heldogn_share_in_omsorgsbolig(region, year)
    END;
END
$$;
COMMENT ON FUNCTION carestair.indicator_value(text, text, integer) IS
  'The value of a computed indicator (share_80_plus_at_home, institution_places_per_1000_80_plus, heldogn_share_in_omsorgsbolig) for a kommune and year; NULL without data or for an unknown name. See doc/followup.md.';

CREATE VIEW carestair.indicator_status AS
SELECT t.plan, p.region, t.indicator, i.name, i.unit, i.direction, t.year, t.target,
       a.actual, a.actual_source,
       a.actual OPERATOR(pg_catalog.-) t.target AS gap,
       CASE WHEN a.actual IS NULL THEN 'no data'
            WHEN pg_catalog.abs(a.actual OPERATOR(pg_catalog.-) t.target) OPERATOR(pg_catalog.<=) i.tolerance THEN 'on track'
            WHEN (a.actual OPERATOR(pg_catalog.>) t.target) OPERATOR(pg_catalog.=) (i.direction OPERATOR(pg_catalog.=) 'higher_is_better') THEN 'ahead'
            ELSE 'behind' END AS status,
       (p.is_example OR t.is_example OR coalesce(a.actual_is_example, false)) AS is_example
  FROM carestair.followup_target AS t
  JOIN carestair.followup_plan AS p ON p.plan OPERATOR(pg_catalog.=) t.plan
  JOIN carestair.followup_indicator AS i ON i.indicator OPERATOR(pg_catalog.=) t.indicator
  LEFT JOIN carestair.followup_actual AS fa
         ON fa.plan OPERATOR(pg_catalog.=) t.plan AND fa.indicator OPERATOR(pg_catalog.=) t.indicator
        AND fa.year OPERATOR(pg_catalog.=) t.year
  CROSS JOIN LATERAL (
      SELECT CASE WHEN i.computed_by IS NOT NULL THEN carestair.indicator_value(i.computed_by, p.region, t.year) ELSE fa.value END AS actual,
             CASE WHEN i.computed_by IS NOT NULL THEN 'computed: carestair.' OPERATOR(pg_catalog.||) i.computed_by ELSE fa.source END AS actual_source,
             CASE WHEN i.computed_by IS NOT NULL THEN false ELSE fa.is_example END AS actual_is_example
  ) AS a;
COMMENT ON VIEW carestair.indicator_status IS 'Target against actual per plan, indicator and year, with the gap and a status (on track / ahead / behind / no data). See doc/followup.md.';
COMMENT ON COLUMN carestair.indicator_status.plan IS 'Plan.';
COMMENT ON COLUMN carestair.indicator_status.region IS 'Kommunenummer of the plan.';
COMMENT ON COLUMN carestair.indicator_status.indicator IS 'Indicator code.';
COMMENT ON COLUMN carestair.indicator_status.name IS 'Indicator name.';
COMMENT ON COLUMN carestair.indicator_status.unit IS 'Unit of target, actual and gap.';
COMMENT ON COLUMN carestair.indicator_status.direction IS 'higher_is_better or lower_is_better.';
COMMENT ON COLUMN carestair.indicator_status.year IS 'Year.';
COMMENT ON COLUMN carestair.indicator_status.target IS 'Target.';
COMMENT ON COLUMN carestair.indicator_status.actual IS 'Actual value: computed by carestair from loaded data, or entered (carestair.followup_actual); NULL when neither exists.';
COMMENT ON COLUMN carestair.indicator_status.actual_source IS 'computed: carestair.<function>, or the source of the entered value.';
COMMENT ON COLUMN carestair.indicator_status.gap IS 'actual - target, in the unit.';
COMMENT ON COLUMN carestair.indicator_status.status IS 'on track (|gap| <= the indicator''s tolerance), ahead or behind (by the direction), no data.';
COMMENT ON COLUMN carestair.indicator_status.is_example IS 'True when the plan, the target or the entered actual is an EXAMPLE, not a real number.';

CREATE VIEW carestair.risk_matrix AS
SELECT p.plan, l.l AS likelihood, c.c AS consequence, l.l OPERATOR(pg_catalog.*) c.c AS score,
       CASE WHEN l.l OPERATOR(pg_catalog.*) c.c OPERATOR(pg_catalog.>=) 15 THEN 'high'
            WHEN l.l OPERATOR(pg_catalog.*) c.c OPERATOR(pg_catalog.>=) 5 THEN 'medium'
            ELSE 'low' END AS zone,
       (SELECT pg_catalog.count(*) FROM carestair.followup_risk AS r
         WHERE r.plan OPERATOR(pg_catalog.=) p.plan AND r.likelihood OPERATOR(pg_catalog.=) l.l
           AND r.consequence OPERATOR(pg_catalog.=) c.c)::integer AS risks,
       (SELECT pg_catalog.string_agg(r.risk, ', ' ORDER BY r.risk) FROM carestair.followup_risk AS r
         WHERE r.plan OPERATOR(pg_catalog.=) p.plan AND r.likelihood OPERATOR(pg_catalog.=) l.l
           AND r.consequence OPERATOR(pg_catalog.=) c.c) AS risk_list
  FROM carestair.followup_plan AS p
 CROSS JOIN pg_catalog.generate_series(1, 5) AS l (l)
 CROSS JOIN pg_catalog.generate_series(1, 5) AS c (c);
COMMENT ON VIEW carestair.risk_matrix IS 'The 5 x 5 risk matrix of every plan: likelihood x consequence, zone and the risks in each cell. See doc/followup.md.';
COMMENT ON COLUMN carestair.risk_matrix.plan IS 'Plan.';
COMMENT ON COLUMN carestair.risk_matrix.likelihood IS 'Sannsynlighet 1-5.';
COMMENT ON COLUMN carestair.risk_matrix.consequence IS 'Konsekvens 1-5.';
COMMENT ON COLUMN carestair.risk_matrix.score IS 'likelihood x consequence.';
COMMENT ON COLUMN carestair.risk_matrix.zone IS 'low (score 1-4), medium (5-14) or high (15-25).';
COMMENT ON COLUMN carestair.risk_matrix.risks IS 'Number of risks in the cell.';
COMMENT ON COLUMN carestair.risk_matrix.risk_list IS 'Codes of the risks in the cell.';
