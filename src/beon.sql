
-- ---------------------------------------------------------------------------
-- beon: classify persons to the lowest effective omsorgstrapp step (BEON,
-- beste effektive omsorgsnivå) by a versioned rule table, and measure the
-- gap between the step a person is served on and the assessed one.
-- See doc/beon.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.beon_rule (
    rule_set      text NOT NULL,
    version       integer NOT NULL DEFAULT 1 CONSTRAINT beon_rule_version_positive CHECK (version >= 1),
    rule_id       text NOT NULL,
    mean_adl_from float8 NOT NULL DEFAULT 1,
    mean_adl_to   float8 NOT NULL DEFAULT 5,
    age_from      integer NOT NULL DEFAULT 0,
    age_to        integer NOT NULL DEFAULT 150,
    cognitive     boolean,
    lives_alone   boolean,
    dementia      boolean,
    informal_care boolean,
    level         carestair.care_level NOT NULL,
    note          text,
    builtin       boolean NOT NULL DEFAULT false,
    PRIMARY KEY (rule_set, version, rule_id),
    CONSTRAINT beon_rule_mean_range CHECK (1::double precision <= mean_adl_from AND mean_adl_from < mean_adl_to AND mean_adl_to <= 5::double precision),
    CONSTRAINT beon_rule_age_range CHECK (0 <= age_from AND age_from <= age_to AND age_to <= 150)
);

COMMENT ON TABLE carestair.beon_rule IS
  'BEON classification rules by rule set and version: each maps a band of mean ADL score, ages and person facts to the lowest effective omsorgstrapp step; a version''s rules must cover every person exactly once. See doc/beon.md.';
COMMENT ON COLUMN carestair.beon_rule.rule_set IS 'Name of the rule set, e.g. ''carestair-default'' or ''malselv-2026''.';
COMMENT ON COLUMN carestair.beon_rule.version IS 'Version within the rule set; the classifier uses the highest unless told otherwise.';
COMMENT ON COLUMN carestair.beon_rule.rule_id IS 'Identifier of the rule, reported as the reason for a classification.';
COMMENT ON COLUMN carestair.beon_rule.mean_adl_from IS 'Lower bound (inclusive) of the mean ADL score (carestair.iplos_mean_adl).';
COMMENT ON COLUMN carestair.beon_rule.mean_adl_to IS 'Upper bound (exclusive; 5 is inclusive) of the mean ADL score.';
COMMENT ON COLUMN carestair.beon_rule.age_from IS 'Youngest age (inclusive) the rule applies to.';
COMMENT ON COLUMN carestair.beon_rule.age_to IS 'Oldest age (inclusive) the rule applies to.';
COMMENT ON COLUMN carestair.beon_rule.cognitive IS 'Required cognitive impairment (memory or behaviour scored 3+); NULL = either.';
COMMENT ON COLUMN carestair.beon_rule.lives_alone IS 'Required living alone; NULL = either.';
COMMENT ON COLUMN carestair.beon_rule.dementia IS 'Required dementia diagnosis; NULL = either.';
COMMENT ON COLUMN carestair.beon_rule.informal_care IS 'Required informal care available (family, neighbours); NULL = either.';
COMMENT ON COLUMN carestair.beon_rule.level IS 'The lowest effective step for persons the rule matches.';
COMMENT ON COLUMN carestair.beon_rule.note IS 'Why the rule says what it says.';
COMMENT ON COLUMN carestair.beon_rule.builtin IS 'True for the shipped default rules.';

SELECT pg_catalog.pg_extension_config_dump('carestair.beon_rule', 'WHERE NOT builtin');

/*
 * The shipped default: an illustrative rule set written for carestair, not a
 * national norm.  Each kommune should copy it under its own name and adjust.
 */
INSERT INTO carestair.beon_rule (rule_set, version, rule_id, mean_adl_from, mean_adl_to, cognitive, lives_alone, dementia, informal_care, level, note, builtin) VALUES
  ('carestair-default', 1, 'R1', 1.0, 1.5, NULL, NULL, NULL, NULL, 'forebygging', 'No or little need: prevention and activity offers', true),
  ('carestair-default', 1, 'R2a', 1.5, 2.0, NULL, true, NULL, NULL, 'velferdsteknologi', 'Some need, living alone: safety alarm and digital supervision first', true),
  ('carestair-default', 1, 'R2b', 1.5, 2.0, NULL, false, NULL, NULL, 'forebygging', 'Some need, not alone: prevention', true),
  ('carestair-default', 1, 'R3', 2.0, 2.5, NULL, NULL, NULL, NULL, 'praktisk_bistand', 'Needs help with daily tasks', true),
  ('carestair-default', 1, 'R4', 2.5, 3.0, NULL, NULL, NULL, NULL, 'hjemmesykepleie', 'Needs personal assistance for part of the activities', true),
  ('carestair-default', 1, 'R5a', 3.0, 3.5, false, NULL, NULL, NULL, 'hjemmesykepleie', 'Medium to large need without cognitive impairment: home nursing', true),
  ('carestair-default', 1, 'R5b', 3.0, 3.5, true, NULL, NULL, true, 'omsorgsbolig', 'Cognitive impairment with informal care: adapted housing', true),
  ('carestair-default', 1, 'R5c', 3.0, 3.5, true, NULL, NULL, false, 'omsorgsbolig_heldogn', 'Cognitive impairment without informal care: staffed housing', true),
  ('carestair-default', 1, 'R6a', 3.5, 4.0, NULL, NULL, false, NULL, 'omsorgsbolig_heldogn', 'Extensive need without dementia: staffed housing', true),
  ('carestair-default', 1, 'R6b', 3.5, 4.0, NULL, NULL, true, NULL, 'langtidsopphold', 'Extensive need with dementia: long-term place', true),
  ('carestair-default', 1, 'R7', 4.0, 5.0, NULL, NULL, NULL, NULL, 'langtidsopphold', 'Full need: long-term place', true);

CREATE TYPE carestair.beon_assessment AS (level carestair.care_level, rule_id text);
COMMENT ON TYPE carestair.beon_assessment IS 'Result of carestair.beon_classify: the assessed step and the rule that gave it. See doc/beon.md.';

CREATE FUNCTION carestair.beon_classify(
    profile       carestair.iplos_profile,
    age           integer,
    lives_alone   boolean,
    dementia      boolean,
    informal_care boolean,
    rule_set      text DEFAULT 'carestair-default',
    version       integer DEFAULT NULL)
RETURNS carestair.beon_assessment
AS 'MODULE_PATHNAME', 'carestair_beon_classify'
LANGUAGE C STABLE PARALLEL SAFE;

COMMENT ON FUNCTION carestair.beon_classify(carestair.iplos_profile, integer, boolean, boolean, boolean, text, integer) IS
  'Lowest effective omsorgstrapp step (BEON) for a person from an IPLOS profile and person facts, by rule set and version (latest by default), with the rule that fired. See doc/beon.md.';

/*
 * beon_rule_check(rule_set, version): every gap (a kind of person no rule
 * matches) and overlap (two rules that match the same person) in a rule set,
 * found on the grid of all rule boundaries.  No rows: the rules partition.
 */
CREATE FUNCTION carestair.beon_rule_check(rule_set text, version integer DEFAULT NULL)
RETURNS TABLE (problem text, rule_ids text[], mean_adl float8, age integer,
               cognitive boolean, lives_alone boolean, dementia boolean, informal_care boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v integer := coalesce(version, (SELECT max(r.version) FROM carestair.beon_rule AS r WHERE r.rule_set = beon_rule_check.rule_set));
BEGIN
    IF v IS NULL OR NOT EXISTS (SELECT FROM carestair.beon_rule AS r WHERE r.rule_set = beon_rule_check.rule_set AND r.version = v) THEN
        RAISE EXCEPTION 'rule set "%"% has no rules', rule_set, CASE WHEN version IS NULL THEN '' ELSE ' version ' || version END
            USING ERRCODE = 'no_data_found',
                  HINT = 'See SELECT DISTINCT rule_set, version FROM carestair.beon_rule.';
    END IF;
    RETURN QUERY
    WITH rules AS (
        SELECT r.* FROM carestair.beon_rule AS r WHERE r.rule_set = beon_rule_check.rule_set AND r.version = v
    ), mean_points AS (
        -- one point inside every interval between consecutive bounds, and 5 itself
        SELECT (b.x + lead(b.x) OVER (ORDER BY b.x)) / 2 AS m
          FROM (SELECT DISTINCT unnest(ARRAY[1.0::float8, 5.0::float8] || array_agg(r.mean_adl_from) || array_agg(r.mean_adl_to)) AS x FROM rules AS r) AS b
        UNION SELECT 5.0
    ), age_points AS (
        SELECT DISTINCT unnest(ARRAY[0] || array_agg(r.age_from) || array_agg(r.age_to + 1)) AS a FROM rules AS r
    ), facts AS (
        SELECT c.cog, l.alone, d.dem, i.care
          FROM unnest(ARRAY[false, true]) AS c(cog), unnest(ARRAY[false, true]) AS l(alone),
               unnest(ARRAY[false, true]) AS d(dem), unnest(ARRAY[false, true]) AS i(care)
    ), grid AS (
        SELECT mp.m, ap.a, f.* FROM mean_points AS mp, age_points AS ap, facts AS f
         WHERE mp.m IS NOT NULL AND ap.a BETWEEN 0 AND 150
    ), hits AS (
        SELECT g.*, array_agg(r.rule_id ORDER BY r.rule_id) FILTER (WHERE r.rule_id IS NOT NULL) AS ids
          FROM grid AS g
          LEFT JOIN rules AS r
            ON g.m >= r.mean_adl_from AND (g.m < r.mean_adl_to OR (r.mean_adl_to >= 5 AND g.m <= r.mean_adl_to))
           AND g.a BETWEEN r.age_from AND r.age_to
           AND (r.cognitive IS NULL OR r.cognitive = g.cog) AND (r.lives_alone IS NULL OR r.lives_alone = g.alone)
           AND (r.dementia IS NULL OR r.dementia = g.dem) AND (r.informal_care IS NULL OR r.informal_care = g.care)
         GROUP BY g.m, g.a, g.cog, g.alone, g.dem, g.care
    )
    SELECT CASE WHEN h.ids IS NULL THEN 'gap' ELSE 'overlap' END, coalesce(h.ids, '{}'), h.m, h.a, h.cog, h.alone, h.dem, h.care
      FROM hits AS h
     WHERE cardinality(coalesce(h.ids, '{}')) <> 1
     ORDER BY 1, h.m, h.a, h.cog, h.alone, h.dem, h.care;
END
$$;

COMMENT ON FUNCTION carestair.beon_rule_check(text, integer) IS
  'Gaps (persons no rule matches) and overlaps (rules matching the same person) in a BEON rule set version, one example person per grid cell; no rows means the rules partition. See doc/beon.md.';

/*
 * beon_gap(records_sql, rule_set, version): for service records (the user's
 * query returning person_id, region, current_level, profile, age,
 * lives_alone, dementia, informal_care), persons per kommune and current
 * step served on their assessed step, above it (more intensive care than
 * assessed) and below it, with the yearly cost difference at the unit costs
 * in carestair.care_unit_cost when they are there.
 */
CREATE TABLE carestair.care_unit_cost (
    region      text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    level       carestair.care_level NOT NULL,
    price_year  integer NOT NULL,
    nok_per_user_year numeric NOT NULL CONSTRAINT care_unit_cost_not_negative CHECK (nok_per_user_year >= 0::numeric AND nok_per_user_year < 'Infinity'::numeric),
    source      text NOT NULL,
    PRIMARY KEY (region, level, price_year)
);

COMMENT ON TABLE carestair.care_unit_cost IS
  'Yearly cost per user of each omsorgstrapp step, per kommune (''0000'' for a national default) and price year, with its source. Not shipped: no unit costs are available offline. See doc/beon.md.';
COMMENT ON COLUMN carestair.care_unit_cost.region IS 'Kommunenummer, or ''0000'' for a default used where a kommune has none.';
COMMENT ON COLUMN carestair.care_unit_cost.level IS 'The step.';
COMMENT ON COLUMN carestair.care_unit_cost.price_year IS 'Price year of the amount.';
COMMENT ON COLUMN carestair.care_unit_cost.nok_per_user_year IS 'NOK per user and year.';
COMMENT ON COLUMN carestair.care_unit_cost.source IS 'Where the amount comes from (e.g. KOSTRA table and year, or the kommune''s accounts).';

SELECT pg_catalog.pg_extension_config_dump('carestair.care_unit_cost', '');

/* _unit_cost(region, level, price_year): the kommune's own cost, else the '0000' default.  Internal. */
CREATE FUNCTION carestair._unit_cost(region text, level carestair.care_level, price_year integer)
RETURNS numeric
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT c.nok_per_user_year FROM carestair.care_unit_cost AS c
   WHERE c.level OPERATOR(pg_catalog.=) _unit_cost.level
     AND c.region OPERATOR(pg_catalog.=) ANY (ARRAY[_unit_cost.region, '0000'])
     AND c.price_year OPERATOR(pg_catalog.=) _unit_cost.price_year
   ORDER BY c.region OPERATOR(pg_catalog.=) '0000'
   LIMIT 1;
END;

COMMENT ON FUNCTION carestair._unit_cost(text, carestair.care_level, integer) IS 'Internal: cost per user and year of a step for a kommune (own row, else ''0000''), or NULL.';

CREATE FUNCTION carestair.beon_gap(records_sql text, rule_set text DEFAULT 'carestair-default',
                                   version integer DEFAULT NULL, price_year integer DEFAULT NULL)
RETURNS TABLE (region text, current_level carestair.care_level, persons bigint,
               at_assessed bigint, above_assessed bigint, below_assessed bigint,
               steps_above bigint, cost_above_nok numeric, cost_below_nok numeric)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM carestair._require_columns(records_sql,
        '{person_id,region,current_level,profile,age,lives_alone,dementia,informal_care}', 'records_sql');
    RETURN QUERY EXECUTE format($q$
        WITH rec AS (
            SELECT r.person_id, r.region::text AS region, r.current_level::carestair.care_level AS current_level,
                   (carestair.beon_classify(r.profile, r.age, r.lives_alone, r.dementia, r.informal_care, %L, %s)).level AS assessed
              FROM carestair._caller_query(%L) AS r(person_id text, region text, current_level carestair.care_level,
                   profile carestair.iplos_profile, age integer, lives_alone boolean, dementia boolean, informal_care boolean)
        ), costed AS (
            SELECT rec.*,
                   carestair._unit_cost(rec.region, rec.current_level, %s) AS cost_current,
                   carestair._unit_cost(rec.region, rec.assessed, %s) AS cost_assessed
              FROM rec
        )
        SELECT region, current_level, count(*),
               count(*) FILTER (WHERE current_level = assessed),
               count(*) FILTER (WHERE current_level > assessed),
               count(*) FILTER (WHERE current_level < assessed),
               sum(array_position(enum_range(NULL::carestair.care_level), current_level)
                   - array_position(enum_range(NULL::carestair.care_level), assessed))
                   FILTER (WHERE current_level > assessed),
               sum(cost_current - cost_assessed) FILTER (WHERE current_level > assessed),
               sum(cost_assessed - cost_current) FILTER (WHERE current_level < assessed)
          FROM costed
         GROUP BY region, current_level
         ORDER BY region, current_level
    $q$, rule_set, coalesce(version::text, 'NULL'),
         pg_catalog.format('SELECT q.person_id::pg_catalog.text, q.region::pg_catalog.text, q.current_level::carestair.care_level,
                                   q.profile::carestair.iplos_profile, q.age::pg_catalog.int4, q.lives_alone::pg_catalog.bool,
                                   q.dementia::pg_catalog.bool, q.informal_care::pg_catalog.bool FROM (%s) AS q', records_sql),
         coalesce(price_year::text, 'NULL'), coalesce(price_year::text, 'NULL'));
END
$$;

COMMENT ON FUNCTION carestair.beon_gap(text, text, integer, integer) IS
  'BEON gap: per kommune and current step, persons served on, above and below their assessed step, and the yearly cost difference at carestair.care_unit_cost prices. See doc/beon.md.';

/*
 * synthetic_register(n, seed, region): a SYNTHETIC service register for
 * tests and demos (person-level IPLOS data are not public).  Profiles rise
 * with age; the current step is the assessed step moved by a random
 * deviation, so that a BEON gap exists.  Deterministic for a seed.
 */
CREATE FUNCTION carestair.synthetic_register(n integer, seed float8 DEFAULT 0.42, region_code text DEFAULT '5524')
RETURNS TABLE (person_id integer, region text, age integer, lives_alone boolean, dementia boolean,
               informal_care boolean, profile carestair.iplos_profile, current_level carestair.care_level,
               label text)
LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF n < 0 OR n > 10000000 THEN
        RAISE EXCEPTION 'invalid n %', n USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Ask for 0 to 10,000,000 persons.';
    END IF;
    IF seed < -1 OR seed > 1 THEN
        RAISE EXCEPTION 'invalid seed %', seed USING ERRCODE = 'invalid_parameter_value',
            HINT = 'A seed is a number from -1 to 1, as for setseed().';
    END IF;
    PERFORM setseed(seed);
    RETURN QUERY
    WITH p AS (
        SELECT g AS id, 60 + floor(random() * 41)::integer AS age, random() AS u1, random() AS u2, random() AS u3
          FROM generate_series(1, n) AS g
    ), s AS (
        SELECT p.*,
               -- need level 0..1 rising with age, plus noise
               least(1.0, greatest(0.0, (p.age - 60) / 50.0 + (p.u1 - 0.5) * 0.6)) AS need
          FROM p
    ), prof AS (
        SELECT s.*,
               (SELECT string_agg(least(5, greatest(1, round(1 + s.need * 4 + (random() - 0.5) * 1.5)::int))::text, '' ORDER BY k)
                  FROM generate_series(1, 15) AS k WHERE s.id IS NOT NULL) || '99' AS ptext
          FROM s
    ), a AS (
        SELECT prof.*, prof.ptext::carestair.iplos_profile AS pr, prof.u2 < 0.45 AS alone,
               prof.need > 0.6 AND prof.u3 < 0.5 AS dem, prof.u3 > 0.3 AS care
          FROM prof
    )
    SELECT a.id, region_code, a.age, a.alone, a.dem, a.care, a.pr,
           carestair.care_level_step((carestair.beon_classify(a.pr, a.age, a.alone, a.dem, a.care)).level,
                                     CASE WHEN random() < 0.7 THEN 0 WHEN random() < 0.6 THEN 1 ELSE -1 END, clamp => true),
           'SYNTHETIC'::text
      FROM a ORDER BY a.id;
END
$$;

COMMENT ON FUNCTION carestair.synthetic_register(integer, float8, text) IS
  'A SYNTHETIC service register (persons, IPLOS profiles, facts, current step) for tests and demos, deterministic for a seed; not real data. See doc/beon.md.';
