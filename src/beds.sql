
-- ---------------------------------------------------------------------------
-- beds: bed dimensioning with Erlang's loss (B) and delay (C) formulas.
-- See doc/beds.md.
-- ---------------------------------------------------------------------------

CREATE FUNCTION carestair.erlang_b(offered_load float8, servers integer)
RETURNS float8
AS 'MODULE_PATHNAME', 'carestair_erlang_b_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION carestair.erlang_b(float8, integer) IS
  'Erlang B: probability that an arrival finds all servers (beds) busy and is refused, for an offered load in erlang. See doc/beds.md.';

CREATE FUNCTION carestair.erlang_c(offered_load float8, servers integer)
RETURNS float8
AS 'MODULE_PATHNAME', 'carestair_erlang_c_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION carestair.erlang_c(float8, integer) IS
  'Erlang C: probability that an arrival has to wait (M/M/c queue); 1 when the load reaches the number of servers. See doc/beds.md.';

CREATE FUNCTION carestair.erlang_b_servers(offered_load float8, max_refusal float8)
RETURNS integer
AS 'MODULE_PATHNAME', 'carestair_erlang_b_servers_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION carestair.erlang_b_servers(float8, float8) IS
  'Smallest number of beds whose Erlang B refusal probability is at most max_refusal. See doc/beds.md.';

CREATE FUNCTION carestair.erlang_c_servers(offered_load float8, max_wait float8)
RETURNS integer
AS 'MODULE_PATHNAME', 'carestair_erlang_c_servers_sql'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION carestair.erlang_c_servers(float8, float8) IS
  'Smallest number of servers whose Erlang C waiting probability is at most max_wait (planned admissions). See doc/beds.md.';

/*
 * beds_needed(arrivals_per_day, mean_stay_days, max_refusal): beds for a
 * short-stay unit (korttidsopphold, KAD, sykestue) that refuses at most the
 * given share of arrivals, with the refusal risk and occupancy it gives.
 */
CREATE FUNCTION carestair.beds_needed(
    arrivals_per_day float8,
    mean_stay_days   float8,
    max_refusal      float8 DEFAULT 0.05)
RETURNS TABLE (offered_load float8, beds integer, refusal_probability float8,
               occupancy float8, beds_at_mean_load integer)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    a float8;
    n integer;
    b float8;
BEGIN
    IF arrivals_per_day < 0 OR arrivals_per_day = 'NaN' OR arrivals_per_day = 'Infinity' THEN
        RAISE EXCEPTION 'invalid arrivals_per_day %', arrivals_per_day
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Arrivals per day must be a finite number >= 0.',
                  HINT = 'Divide yearly admissions by 365.';
    END IF;
    IF mean_stay_days < 0 OR mean_stay_days = 'NaN' OR mean_stay_days = 'Infinity' THEN
        RAISE EXCEPTION 'invalid mean_stay_days %', mean_stay_days
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The mean length of stay must be a finite number of days >= 0.',
                  HINT = 'Divide the year''s bed-days by its admissions.';
    END IF;
    a := arrivals_per_day * mean_stay_days;
    n := carestair.erlang_b_servers(a, max_refusal);
    b := carestair.erlang_b(a, n);
    RETURN QUERY SELECT a, n, b,
                        CASE WHEN n = 0 THEN 0::float8 ELSE a * (1 - b) / n END,
                        ceil(a)::integer;
END
$$;

COMMENT ON FUNCTION carestair.beds_needed(float8, float8, float8) IS
  'Beds for a short-stay unit: offered load = arrivals/day x mean stay (days); smallest bed count with Erlang B refusal <= max_refusal, its refusal risk and occupancy. See doc/beds.md.';

/*
 * short_stay_beds(region, base_year, arrivals_per_day, mean_stay_days,
 * population_sql, max_refusal, age_from): beds per projected year for a
 * short-stay unit whose arrivals grow with the population aged age_from and
 * over (the caller's population query: region, year, age, persons).
 */
CREATE FUNCTION carestair.short_stay_beds(
    region           text,
    base_year        integer,
    arrivals_per_day float8,
    mean_stay_days   float8,
    population_sql   text,
    max_refusal      float8 DEFAULT 0.05,
    age_from         integer DEFAULT 67)
RETURNS TABLE (year integer, persons_in_age float8, arrivals float8, offered_load float8,
               beds integer, refusal_probability float8, occupancy float8)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    base_persons float8;
BEGIN
    IF region IS NULL OR base_year IS NULL OR arrivals_per_day IS NULL OR mean_stay_days IS NULL
       OR population_sql IS NULL OR max_refusal IS NULL OR age_from IS NULL THEN
        RAISE EXCEPTION 'no argument of short_stay_beds may be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    PERFORM carestair._require_columns(population_sql, '{region,year,age,persons}', 'population_sql');
    IF age_from < 0 OR age_from > 150 THEN
        RAISE EXCEPTION 'invalid age_from %', age_from
            USING ERRCODE = 'invalid_parameter_value', HINT = 'Ages run from 0 to 150; 67 or 80 are usual.';
    END IF;
    SELECT sum(p.persons) INTO base_persons
      FROM carestair._caller_query(carestair._caller_population(population_sql, region))
           AS p(region text, year integer, age integer, persons float8)
     WHERE p.year = base_year AND p.age >= age_from;
    IF base_persons IS NULL OR base_persons = 0 THEN
        RAISE EXCEPTION 'population_sql has no persons aged % or over in region % for base year %', age_from, region, base_year
            USING ERRCODE = 'no_data_found',
                  HINT = 'Include the base year in the population query (observed or projected).';
    END IF;
    RETURN QUERY EXECUTE format($q$
        WITH pop AS (
            SELECT p.year, sum(p.persons) AS persons
              FROM carestair._caller_query(%L) AS p(region text, year integer, age integer, persons float8)
             WHERE p.age >= %s
             GROUP BY 1
        )
        SELECT pop.year, pop.persons, %s * pop.persons / %s, b.offered_load, b.beds, b.refusal_probability, b.occupancy
          FROM pop CROSS JOIN LATERAL carestair.beds_needed(%s * pop.persons / %s, %s, %s) AS b
         ORDER BY pop.year
    $q$, carestair._caller_population(population_sql, region), age_from, arrivals_per_day, base_persons,
         arrivals_per_day, base_persons, mean_stay_days, max_refusal);
END
$$;

COMMENT ON FUNCTION carestair.short_stay_beds(text, integer, float8, float8, text, float8, integer) IS
  'Beds per projected year for a short-stay unit (KAD, sykestue, korttid) whose arrivals grow with the population aged age_from+; Erlang B sizing. See doc/beds.md.';
