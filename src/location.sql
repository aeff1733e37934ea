
-- ---------------------------------------------------------------------------
-- location: best sites (p-median, maximal coverage, p-center) over a cost
-- matrix given as an inner query.  See doc/location.md.
-- ---------------------------------------------------------------------------

CREATE FUNCTION carestair.p_median(
    matrix_sql  text,
    demand_sql  text,
    p           integer,
    fixed_sites bigint[] DEFAULT '{}')
RETURNS TABLE (site_id bigint, objective double precision, method text)
AS 'MODULE_PATHNAME', 'carestair_p_median'
LANGUAGE C STABLE PARALLEL RESTRICTED ROWS 5;

COMMENT ON FUNCTION carestair.p_median(text, text, integer, bigint[]) IS
  'Choose p sites (including fixed_sites) minimising the demand-weighted cost to the nearest open site; objective = total weighted cost; exact enumeration when small, greedy + fast interchange otherwise (method says which). See doc/location.md.';

CREATE FUNCTION carestair.max_coverage(
    matrix_sql  text,
    demand_sql  text,
    p           integer,
    radius      double precision,
    fixed_sites bigint[] DEFAULT '{}')
RETURNS TABLE (site_id bigint, objective double precision, method text)
AS 'MODULE_PATHNAME', 'carestair_max_coverage'
LANGUAGE C STABLE PARALLEL RESTRICTED ROWS 5;

COMMENT ON FUNCTION carestair.max_coverage(text, text, integer, double precision, bigint[]) IS
  'Choose p sites (including fixed_sites) maximising the demand weight within radius (cost <= radius) of an open site; objective = covered weight. See doc/location.md.';

CREATE FUNCTION carestair.p_center(
    matrix_sql  text,
    p           integer,
    fixed_sites bigint[] DEFAULT '{}')
RETURNS TABLE (site_id bigint, objective double precision, method text)
AS 'MODULE_PATHNAME', 'carestair_p_center'
LANGUAGE C STABLE PARALLEL RESTRICTED ROWS 5;

COMMENT ON FUNCTION carestair.p_center(text, integer, bigint[]) IS
  'Choose p sites (including fixed_sites) minimising the largest cost from any point to its nearest open site; objective = that worst cost; exact by radius search + set cover. See doc/location.md.';

CREATE FUNCTION carestair.fixed_charge(
    matrix_sql  text,
    demand_sql  text,
    sites_sql   text,
    fixed_sites bigint[] DEFAULT '{}')
RETURNS TABLE (site_id bigint, objective double precision, method text)
AS 'MODULE_PATHNAME', 'carestair_fixed_charge'
LANGUAGE C STABLE PARALLEL RESTRICTED ROWS 5;

COMMENT ON FUNCTION carestair.fixed_charge(text, text, text, bigint[]) IS
  'Choose which sites to open, and how many (including fixed_sites), minimising their fixed costs (sites_sql: site_id, fixed_cost) plus the demand-weighted cost to the nearest open site; objective = that total; exact enumeration when small, add/drop/swap otherwise. See doc/location.md.';

/*
 * min_sites_for_coverage: the fewest sites (including fixed_sites) that
 * cover at least target_share of the demand weight within radius, by
 * binary search over p with carestair.max_coverage (exact where it is).
 * No SET search_path: the caller's queries run with the caller's path.
 */
CREATE FUNCTION carestair.min_sites_for_coverage(
    matrix_sql   text,
    demand_sql   text,
    radius       double precision,
    target_share double precision DEFAULT 0.9,
    fixed_sites  bigint[] DEFAULT '{}')
RETURNS TABLE (site_id bigint, covered_share double precision, method text)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
AS $fn$
DECLARE
  total  double precision;
  m      integer;
  lo     integer;
  hi     integer;
  mid    integer;
  cov    double precision;
  best   integer;
BEGIN
  IF matrix_sql IS NULL OR demand_sql IS NULL OR radius IS NULL OR target_share IS NULL OR fixed_sites IS NULL THEN
    RAISE EXCEPTION 'arguments of min_sites_for_coverage must not be NULL' USING ERRCODE = '22004';
  END IF;
  IF NOT (target_share OPERATOR(pg_catalog.>) 0 AND target_share OPERATOR(pg_catalog.<=) 1) THEN
    RAISE EXCEPTION 'invalid target_share %', target_share
      USING ERRCODE = '22023', DETAIL = 'target_share is the share of the demand weight to cover, in (0, 1].',
            HINT = 'E.g. 0.9 (NOU 2015:17 proposed 90 % within 40 minutes).';
  END IF;
  EXECUTE pg_catalog.format('SELECT pg_catalog.sum(d.w)::float8 FROM (%s) AS d(point_id, w)', demand_sql) INTO total;
  EXECUTE pg_catalog.format('SELECT pg_catalog.count(DISTINCT q.s)::int FROM (%s) AS q(p, s, c)', matrix_sql) INTO m;
  IF total IS NULL OR total OPERATOR(pg_catalog.<=) 0 THEN
    RAISE EXCEPTION 'demand_sql has no positive weight' USING ERRCODE = 'P0002';
  END IF;
  -- Everything open first: if that misses the target, no p reaches it.
  SELECT pg_catalog.max(c.objective) INTO cov
    FROM carestair.max_coverage(matrix_sql, demand_sql, m, radius, fixed_sites) AS c;
  IF cov OPERATOR(pg_catalog./) total OPERATOR(pg_catalog.<) target_share THEN
    RAISE EXCEPTION 'coverage target % within % cannot be reached', target_share, radius
      USING ERRCODE = '22000',
            DETAIL = pg_catalog.format('All %s candidate sites together cover %s of the weight.', m,
                                       pg_catalog.round((cov OPERATOR(pg_catalog./) total)::numeric, 4)),
            HINT = 'Add candidate sites nearer the uncovered points, or lower the target or the norm.';
  END IF;
  lo := greatest(1, pg_catalog.cardinality(fixed_sites));
  hi := m;
  best := m;
  WHILE lo OPERATOR(pg_catalog.<=) hi LOOP
    mid := (lo OPERATOR(pg_catalog.+) hi) OPERATOR(pg_catalog./) 2;
    SELECT pg_catalog.max(c.objective) INTO cov
      FROM carestair.max_coverage(matrix_sql, demand_sql, mid, radius, fixed_sites) AS c;
    IF cov OPERATOR(pg_catalog./) total OPERATOR(pg_catalog.>=) target_share THEN
      best := mid;
      hi := mid OPERATOR(pg_catalog.-) 1;
    ELSE
      lo := mid OPERATOR(pg_catalog.+) 1;
    END IF;
  END LOOP;
  RETURN QUERY
  SELECT c.site_id, c.objective OPERATOR(pg_catalog./) total, c.method
    FROM carestair.max_coverage(matrix_sql, demand_sql, best, radius, fixed_sites) AS c;
END
$fn$;

COMMENT ON FUNCTION carestair.min_sites_for_coverage(text, text, double precision, double precision, bigint[]) IS
  'The fewest sites (including fixed_sites) covering at least target_share of the demand weight within radius (e.g. 90 % within 40 minutes), by binary search over p with max_coverage; error when even all sites miss the target. See doc/location.md.';
