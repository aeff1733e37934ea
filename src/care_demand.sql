
-- ---------------------------------------------------------------------------
-- care_demand: users per omsorgstrapp step from a base period (coverage
-- rates by age band), applied to a projected population, with "dreining"
-- scenarios that move users to lower steps; places, hours, årsverk, cost.
-- See doc/care_demand.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.care_users (
    region        text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year          integer NOT NULL,
    level         carestair.care_level NOT NULL,
    age_from      integer NOT NULL CONSTRAINT care_users_age_from CHECK (age_from BETWEEN 0 AND 150),
    age_to        integer CONSTRAINT care_users_age_to CHECK (age_to >= age_from),
    users         numeric NOT NULL CONSTRAINT care_users_not_negative CHECK (users >= 0::numeric AND users < 'Infinity'::numeric),
    hours_per_user_week numeric CONSTRAINT care_users_hours_not_negative CHECK (hours_per_user_week >= 0::numeric AND hours_per_user_week < 'Infinity'::numeric),
    source        text NOT NULL,
    PRIMARY KEY (region, year, level, age_from)
);

COMMENT ON TABLE carestair.care_users IS
  'Users of each omsorgstrapp step by region, year and age band (SSB/KOSTRA aggregates or counts from person records), the base for coverage rates. See doc/care_demand.md.';
COMMENT ON COLUMN carestair.care_users.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.care_users.year IS 'Year of the count (SSB counts users on 31 December).';
COMMENT ON COLUMN carestair.care_users.level IS 'The step.';
COMMENT ON COLUMN carestair.care_users.age_from IS 'Youngest age of the band.';
COMMENT ON COLUMN carestair.care_users.age_to IS 'Oldest age of the band; NULL for an open band (80+).';
COMMENT ON COLUMN carestair.care_users.users IS 'Number of users.';
COMMENT ON COLUMN carestair.care_users.hours_per_user_week IS 'Mean hours per user and week for hour-based services, where known.';
COMMENT ON COLUMN carestair.care_users.source IS 'SSB table or other source; ''derived: ...'' where computed from other SSB numbers.';

SELECT pg_catalog.pg_extension_config_dump('carestair.care_users', '');

CREATE TABLE carestair.care_staffing_norm (
    region            text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    level             carestair.care_level NOT NULL,
    arsverk_per_place numeric NOT NULL CONSTRAINT care_staffing_norm_not_negative CHECK (arsverk_per_place >= 0::numeric AND arsverk_per_place < 'Infinity'::numeric),
    source            text NOT NULL,
    PRIMARY KEY (region, level)
);

COMMENT ON TABLE carestair.care_staffing_norm IS
  'Årsverk per place for place-based steps (institution, staffed housing), per kommune (''0000'' = default). Not shipped: set it from your bemanningsplan. See doc/care_demand.md.';
COMMENT ON COLUMN carestair.care_staffing_norm.region IS 'Kommunenummer, or ''0000'' for a default.';
COMMENT ON COLUMN carestair.care_staffing_norm.level IS 'A place-based step.';
COMMENT ON COLUMN carestair.care_staffing_norm.arsverk_per_place IS 'Årsverk (full-time equivalents) per occupied place, absence included.';
COMMENT ON COLUMN carestair.care_staffing_norm.source IS 'Where the norm comes from.';

SELECT pg_catalog.pg_extension_config_dump('carestair.care_staffing_norm', '');

CREATE TABLE carestair.care_shift (
    scenario       text NOT NULL CONSTRAINT care_shift_scenario_not_blank CHECK (btrim(scenario) <> ''),
    from_level     carestair.care_level NOT NULL,
    to_level       carestair.care_level NOT NULL,
    share_per_year numeric NOT NULL CONSTRAINT care_shift_share CHECK (share_per_year > 0::numeric AND share_per_year < 1::numeric),
    start_year     integer NOT NULL,
    description    text,
    PRIMARY KEY (scenario, from_level, to_level),
    CONSTRAINT care_shift_downwards CHECK (to_level < from_level)
);

COMMENT ON TABLE carestair.care_shift IS
  'Dreining scenarios: each year from start_year, share_per_year of the users still on from_level move to the lower to_level. See doc/care_demand.md.';
COMMENT ON COLUMN carestair.care_shift.scenario IS 'Scenario name.';
COMMENT ON COLUMN carestair.care_shift.from_level IS 'Step users move from.';
COMMENT ON COLUMN carestair.care_shift.to_level IS 'Lower step they move to.';
COMMENT ON COLUMN carestair.care_shift.share_per_year IS 'Share moved each year, e.g. 0.02 for 2 %.';
COMMENT ON COLUMN carestair.care_shift.start_year IS 'First year of the shift.';
COMMENT ON COLUMN carestair.care_shift.description IS 'What the shift stands for.';

SELECT pg_catalog.pg_extension_config_dump('carestair.care_shift', '');

/*
 * care_coverage(region, base_from, base_to): users per inhabitant by step and
 * age band over the base period (sum of users / sum of population 1 January
 * of the same years), from carestair.care_users and the population tables.
 */
CREATE FUNCTION carestair.care_coverage(region text, base_from integer, base_to integer)
RETURNS TABLE (level carestair.care_level, age_from integer, age_to integer, years integer,
               users numeric, population bigint, rate float8, hours_per_user_week float8)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF base_to < base_from THEN
        RAISE EXCEPTION 'invalid base period % to %', base_from, base_to
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'base_from must not be after base_to.';
    END IF;
    IF NOT EXISTS (SELECT FROM carestair.care_users AS u
                    WHERE u.region = care_coverage.region AND u.year BETWEEN base_from AND base_to) THEN
        RAISE EXCEPTION 'no care users for region % in % to %', region, base_from, base_to
            USING ERRCODE = 'no_data_found',
                  HINT = 'Load users per step into carestair.care_users (see doc/care_demand.md).';
    END IF;
    RETURN QUERY
    SELECT u.level, u.age_from, u.age_to, count(*)::integer, sum(u.users),
           sum(p.persons)::bigint,
           (sum(u.users) / nullif(sum(p.persons), 0))::float8,
           (sum(u.users * u.hours_per_user_week) FILTER (WHERE u.hours_per_user_week IS NOT NULL)
             / nullif(sum(u.users) FILTER (WHERE u.hours_per_user_week IS NOT NULL), 0))::float8
      FROM carestair.care_users AS u
      JOIN LATERAL (SELECT sum(b.persons) AS persons FROM carestair.population_both_sexes AS b
                     WHERE b.region = u.region AND b.year = u.year
                       AND b.age >= u.age_from AND (u.age_to IS NULL OR b.age <= u.age_to)) AS p ON true
     WHERE u.region = care_coverage.region AND u.year BETWEEN base_from AND base_to
       AND p.persons IS NOT NULL
     GROUP BY u.level, u.age_from, u.age_to
     ORDER BY u.level, u.age_from;
END
$$;

COMMENT ON FUNCTION carestair.care_coverage(text, integer, integer) IS
  'Coverage rates (users per inhabitant) by omsorgstrapp step and age band over a base period, with mean hours per user and week. See doc/care_demand.md.';

/*
 * care_demand(region, base_from, base_to, population_sql, scenario, ...):
 * coverage rates applied to a projected population (the caller's query
 * returning region, year, age, persons, any number of rows per age, e.g. by
 * sex), with a dreining scenario, giving users, places, hours, årsverk and
 * cost per year and step.
 */
CREATE FUNCTION carestair.care_demand(
    region            text,
    base_from         integer,
    base_to           integer,
    population_sql    text,
    scenario          text DEFAULT NULL,
    hours_per_arsverk float8 DEFAULT 1762.5,
    absence_factor    float8 DEFAULT 0,
    price_year        integer DEFAULT NULL)
RETURNS TABLE (region_code text, year integer, level carestair.care_level, scenario_name text,
               users float8, places float8, hours_per_week float8, arsverk float8, cost_nok float8)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF region IS NULL OR base_from IS NULL OR base_to IS NULL OR population_sql IS NULL THEN
        RAISE EXCEPTION 'region, base_from, base_to and population_sql must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF hours_per_arsverk IS NULL OR hours_per_arsverk <= 0 OR hours_per_arsverk > 8784 THEN
        RAISE EXCEPTION 'invalid hours_per_arsverk %', hours_per_arsverk
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Hours worked per årsverk and year must be positive and at most the hours of a year.',
                  HINT = 'The default 1762.5 is 37.5 hours a week for 47 weeks.';
    END IF;
    IF absence_factor IS NULL OR absence_factor < 0 OR absence_factor >= 1 THEN
        RAISE EXCEPTION 'invalid absence_factor %', absence_factor
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The absence factor is the extra share of staff needed to cover sickness and other absence, 0 to below 1.',
                  HINT = 'For 8 % absence pass 0.08.';
    END IF;
    PERFORM carestair._require_columns(population_sql, '{region,year,age,persons}', 'population_sql');
    IF scenario IS NOT NULL AND NOT EXISTS (SELECT FROM carestair.care_shift AS s WHERE s.scenario = care_demand.scenario) THEN
        RAISE EXCEPTION 'unknown scenario "%"', scenario
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Define its shifts in carestair.care_shift, or pass NULL for no dreining.';
    END IF;
    RETURN QUERY EXECUTE format($q$
        WITH pop AS (
            SELECT p.region, p.year, p.age, sum(p.persons) AS persons
              FROM carestair._caller_query(%L) AS p(region text, year integer, age integer, persons float8)
             GROUP BY 1, 2, 3
        ), cov AS (
            SELECT * FROM carestair.care_coverage(%L, %s, %s)
        ), base AS (
            -- users per year and step without dreining
            SELECT pop.year, cov.level, sum(cov.rate * pop.persons) AS users, max(cov.hours_per_user_week) AS hours
              FROM pop JOIN cov ON pop.age >= cov.age_from AND (cov.age_to IS NULL OR pop.age <= cov.age_to)
             GROUP BY pop.year, cov.level
        ), moved AS (
            -- users moved by the scenario: share 1 - (1 - s)^k after k years
            SELECT b.year, s.from_level, s.to_level,
                   b.users * (1 - power(1 - s.share_per_year::float8, b.year - s.start_year + 1)) AS n
              FROM base AS b JOIN carestair.care_shift AS s
                ON s.scenario = %L AND s.from_level = b.level AND b.year >= s.start_year
        ), shifted AS (
            SELECT b.year, b.level, b.hours,
                   b.users - coalesce((SELECT sum(m.n) FROM moved AS m WHERE m.year = b.year AND m.from_level = b.level), 0)
                           + coalesce((SELECT sum(m.n) FROM moved AS m WHERE m.year = b.year AND m.to_level = b.level), 0) AS users
              FROM base AS b
            UNION ALL
            -- a step that only receives users (no base coverage)
            SELECT m.year, m.to_level, NULL, sum(m.n)
              FROM moved AS m
             WHERE NOT EXISTS (SELECT FROM base AS b WHERE b.year = m.year AND b.level = m.to_level)
             GROUP BY m.year, m.to_level
        )
        SELECT %L::text, s.year, s.level, %L::text, s.users,
               CASE WHEN l.is_place THEN s.users END,
               s.users * s.hours,
               CASE WHEN l.is_place THEN s.users * n.arsverk_per_place
                    ELSE s.users * s.hours * 52 / %s * (1 + %s) END,
               s.users * carestair._unit_cost(%L, s.level, %s)
          FROM shifted AS s
          JOIN carestair.care_level_label AS l ON l.level = s.level
          LEFT JOIN LATERAL (SELECT x.arsverk_per_place FROM carestair.care_staffing_norm AS x
                              WHERE x.level = s.level AND x.region IN (%L, '0000')
                              ORDER BY x.region = '0000' LIMIT 1) AS n ON true
         ORDER BY s.year, s.level
    $q$, carestair._caller_population(population_sql, region), region, base_from, base_to, scenario,
         region, scenario, hours_per_arsverk, absence_factor, region, coalesce(price_year::text, 'NULL'), region);
END
$$;

COMMENT ON FUNCTION carestair.care_demand(text, integer, integer, text, text, float8, float8, integer) IS
  'Care demand per year and omsorgstrapp step: base-period coverage rates x projected population (caller''s query), with an optional dreining scenario; users, places, hours per week, årsverk and cost. See doc/care_demand.md.';

/*
 * care_users_from_records(records_sql, bands, source): count person-level
 * service records (the caller's query: region, year, level, age) into
 * carestair.care_users by age band, upserting; returns what it wrote.
 */
CREATE FUNCTION carestair.care_users_from_records(records_sql text, bands integer[] DEFAULT '{0,67,80}',
                                                  source text DEFAULT 'person-level records')
RETURNS TABLE (region text, year integer, level carestair.care_level, age_from integer, age_to integer, users numeric)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM carestair._serialise('care_users');   -- concurrent calls wait, not collide
    PERFORM carestair._require_columns(records_sql, '{region,year,level,age}', 'records_sql');
    IF bands IS NULL OR cardinality(bands) = 0 OR bands[1] <> 0
       OR EXISTS (SELECT FROM unnest(bands) WITH ORDINALITY AS b(a, i)
                   WHERE a IS NULL OR a < 0 OR a > 150 OR (i > 1 AND a <= bands[i - 1])) THEN
        RAISE EXCEPTION 'invalid bands %', bands
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Bands are the lower ages of consecutive age bands: increasing, from 0, at most 150.',
                  HINT = 'SSB''s bands are ''{0,67,80}'' (0-66, 67-79, 80+).';
    END IF;
    RETURN QUERY EXECUTE format($q$
        WITH r AS (
            SELECT q.region, q.year, q.level, q.age
              FROM carestair._caller_query(%L) AS q(region text, year integer, level carestair.care_level, age integer)
        ), b AS (
            SELECT x.a AS age_from, lead(x.a) OVER (ORDER BY x.a) - 1 AS age_to FROM unnest(%L::integer[]) AS x(a)
        ), counted AS (
            SELECT r.region, r.year, r.level, b.age_from, b.age_to, count(*)::numeric AS users
              FROM r JOIN b ON r.age >= b.age_from AND (b.age_to IS NULL OR r.age <= b.age_to)
             GROUP BY 1, 2, 3, 4, 5
        )
        INSERT INTO carestair.care_users AS u (region, year, level, age_from, age_to, users, source)
        SELECT c.region, c.year, c.level, c.age_from, c.age_to, c.users, %L FROM counted AS c
        ON CONFLICT (region, year, level, age_from) DO UPDATE
           SET age_to = excluded.age_to, users = excluded.users, source = excluded.source
        RETURNING u.region, u.year, u.level, u.age_from, u.age_to, u.users
    $q$, pg_catalog.format('SELECT q.region::pg_catalog.text, q.year::pg_catalog.int4, q.level::carestair.care_level, q.age::pg_catalog.int4 FROM (%s) AS q',
                           records_sql), bands, source);
END
$$;

COMMENT ON FUNCTION carestair.care_users_from_records(text, integer[], text) IS
  'Count person-level service records (region, year, level, age) into carestair.care_users by age band (default 0-66, 67-79, 80+). See doc/care_demand.md.';

/*
 * care_demand_intervals(region, base_from, base_to, projection_scenario,
 * last_year, draws, seed, quantiles, shift_scenario, rate_uncertainty):
 * prediction intervals of users per step and year.  Each stochastic draw of
 * the projected population (carestair.project_population_draws) is combined
 * with one draw of the coverage rates (the base-period users of each step
 * and age band drawn as Binomial(population, rate), divided by the
 * population) and the dreining scenario applied as care_demand does; the
 * quantiles are taken over the draws.
 */
CREATE FUNCTION carestair.care_demand_intervals(
    region              text,
    base_from           integer,
    base_to             integer,
    projection_scenario text,
    last_year           integer DEFAULT NULL,
    draws               integer DEFAULT 500,
    seed                bigint DEFAULT 1,
    quantiles           float8[] DEFAULT '{0.05,0.5,0.95}',
    shift_scenario      text DEFAULT NULL,
    rate_uncertainty    boolean DEFAULT true)
RETURNS TABLE (year integer, level carestair.care_level, draws_used integer, mean_users float8, quantile_users float8[])
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    IF region IS NULL OR base_from IS NULL OR base_to IS NULL OR projection_scenario IS NULL
       OR draws IS NULL OR seed IS NULL OR quantiles IS NULL OR rate_uncertainty IS NULL THEN
        RAISE EXCEPTION 'only last_year and shift_scenario of care_demand_intervals may be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF cardinality(quantiles) = 0 OR EXISTS (SELECT FROM unnest(quantiles) WITH ORDINALITY AS q(p, i)
                                              WHERE p IS NULL OR p <= 0 OR p >= 1 OR (i > 1 AND p <= quantiles[i - 1])) THEN
        RAISE EXCEPTION 'invalid quantiles %', quantiles
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Quantiles are increasing probabilities strictly between 0 and 1.',
                  HINT = 'For example ''{0.05,0.5,0.95}''.';
    END IF;
    IF shift_scenario IS NOT NULL AND NOT EXISTS (SELECT FROM carestair.care_shift AS s WHERE s.scenario = shift_scenario) THEN
        RAISE EXCEPTION 'unknown dreining scenario "%"', shift_scenario
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Define its shifts in carestair.care_shift, or pass NULL for no dreining.';
    END IF;
    RETURN QUERY
    WITH d AS (
        SELECT x.draw, x.year, x.age, sum(x.persons) AS persons
          FROM carestair.project_population_draws(projection_scenario, region, last_year, draws, seed) AS x
         GROUP BY x.draw, x.year, x.age
    ), cov AS (
        SELECT * FROM carestair.care_coverage(region, base_from, base_to)
    ), covd AS (
        -- one draw of each rate: Binomial(population, rate) users over the population
        SELECT g.draw, cov.level, cov.age_from, cov.age_to,
               CASE WHEN rate_uncertainty AND cov.population > 0
                    THEN carestair._binomial_draw(cov.population, cov.rate, seed, g.draw,
                                                  format('%s %s %s', region, cov.level, cov.age_from)) / cov.population
                    ELSE cov.rate END AS rate
          FROM cov, generate_series(1, (SELECT max(d.draw) FROM d)) AS g (draw)
    ), u AS (
        SELECT d.draw, d.year, covd.level, sum(covd.rate * d.persons) AS users
          FROM d JOIN covd ON covd.draw = d.draw AND d.age >= covd.age_from AND (covd.age_to IS NULL OR d.age <= covd.age_to)
         GROUP BY d.draw, d.year, covd.level
    ), moved AS (
        -- dreining as in care_demand: share 1 - (1 - s)^k moved after k years
        SELECT u.draw, u.year, s.from_level, s.to_level,
               u.users * (1 - power(1 - s.share_per_year::float8, u.year - s.start_year + 1)) AS n
          FROM u JOIN carestair.care_shift AS s
            ON s.scenario = shift_scenario AND s.from_level = u.level AND u.year >= s.start_year
    ), moved_out AS (
        SELECT m.draw, m.year, m.from_level AS level, sum(m.n) AS n FROM moved AS m GROUP BY 1, 2, 3
    ), moved_in AS (
        SELECT m.draw, m.year, m.to_level AS level, sum(m.n) AS n FROM moved AS m GROUP BY 1, 2, 3
    ), shifted AS (
        SELECT draw, year, level, coalesce(u.users, 0) - coalesce(o.n, 0) + coalesce(i.n, 0) AS users
          FROM u FULL JOIN moved_in AS i USING (draw, year, level)
          LEFT JOIN moved_out AS o USING (draw, year, level)
    )
    SELECT s.year, s.level, count(*)::integer, avg(s.users),
           percentile_cont(quantiles) WITHIN GROUP (ORDER BY s.users)
      FROM shifted AS s
     GROUP BY s.year, s.level
     ORDER BY s.year, s.level;
END
$$;

COMMENT ON FUNCTION carestair.care_demand_intervals(text, integer, integer, text, integer, integer, bigint, float8[], text, boolean) IS
  'Prediction intervals of users per omsorgstrapp step and year: each stochastic draw of the projected population times one draw of the base-period coverage rates (binomial variation of the base counts, unless rate_uncertainty is false), with an optional dreining scenario (carestair.care_shift). See doc/care_demand.md.';
