
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
