
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
