
-- ---------------------------------------------------------------------------
-- travel_time: shortest paths over a road graph (C) and the travel-time
-- matrix between demand points and sites, with snapping (PostGIS) and the
-- straight-line fallback.  See doc/travel_time.md.
-- ---------------------------------------------------------------------------

CREATE FUNCTION carestair.network_costs(
    edges_sql  text,
    points_sql text,
    sites_sql  text,
    directed   boolean DEFAULT true,
    to_site    boolean DEFAULT true)
RETURNS TABLE (point_id bigint, site_id bigint, cost double precision, length double precision)
AS 'MODULE_PATHNAME', 'carestair_network_costs'
LANGUAGE C STABLE PARALLEL RESTRICTED;

COMMENT ON FUNCTION carestair.network_costs(text, text, text, boolean, boolean) IS
  'Cheapest-path cost and length between every point and every site over a pgRouting-style edge query (one Dijkstra per site); NULL cost = no path. See doc/travel_time.md.';

CREATE FUNCTION carestair.travel_time_matrix(
    points_sql   text,
    sites_sql    text,
    edges_sql    text DEFAULT NULL,
    offroad_kmh  double precision DEFAULT 20,
    circuity     double precision DEFAULT 1.3,
    fallback_kmh double precision DEFAULT 60,
    max_snap_m   double precision DEFAULT 2000)
RETURNS TABLE (point_id bigint, site_id bigint, minutes double precision, km double precision, method text)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
-- No SET search_path: the caller's queries run with the caller's path; every
-- name this body writes is qualified (PostGIS by its schema, looked up).
AS $fn$
DECLARE
  gis      text;
  n_srid   integer;
  srid     integer;
  nulls    boolean;
  geo_p    text;
  geo_s    text;
  geom_e   text;
  verts    text;
  snap_p   text;
  snap_s   text;
  label    text;
BEGIN
  IF points_sql IS NULL OR sites_sql IS NULL THEN
    RAISE EXCEPTION 'points_sql and sites_sql must not be NULL' USING ERRCODE = '22004';
  END IF;
  -- NaN sorts above every number: 'NaN' > 0 holds, 'NaN' < 'Infinity' does not.
  IF offroad_kmh IS NULL OR NOT offroad_kmh OPERATOR(pg_catalog.>) 0 OR NOT offroad_kmh OPERATOR(pg_catalog.<) 'Infinity'
     OR fallback_kmh IS NULL OR NOT fallback_kmh OPERATOR(pg_catalog.>) 0 OR NOT fallback_kmh OPERATOR(pg_catalog.<) 'Infinity'
     OR circuity IS NULL OR NOT circuity OPERATOR(pg_catalog.>=) 1 OR NOT circuity OPERATOR(pg_catalog.<) 'Infinity'
     OR max_snap_m IS NULL OR NOT max_snap_m OPERATOR(pg_catalog.>=) 0 OR max_snap_m OPERATOR(pg_catalog.=) 'NaN' THEN
    RAISE EXCEPTION 'invalid speed, circuity or snapping distance: offroad_kmh %, circuity %, fallback_kmh %, max_snap_m %',
      offroad_kmh, circuity, fallback_kmh, max_snap_m
      USING ERRCODE = '22023',
            DETAIL = 'Speeds must be finite and > 0 km/h, circuity finite and >= 1, max_snap_m >= 0.',
            HINT = 'The defaults are 20 km/h off road, circuity 1.3 at 60 km/h for the fallback, 2000 m.';
  END IF;
  SELECT pg_catalog.quote_ident(n.nspname) INTO gis
    FROM pg_catalog.pg_extension x JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) x.extnamespace
   WHERE x.extname OPERATOR(pg_catalog.=) 'postgis';

  geo_p := pg_catalog.format('SELECT q.point_id::bigint AS id, q.geom FROM (%s) AS q(point_id, geom)', points_sql);
  geo_s := pg_catalog.format('SELECT q.site_id::bigint AS id, q.geom FROM (%s) AS q(site_id, geom)', sites_sql);

  -- One SRID across points, sites and edges; no NULL geometries.
  EXECUTE pg_catalog.format(
    'SELECT pg_catalog.count(DISTINCT %1$s.st_srid(g)), pg_catalog.min(%1$s.st_srid(g)), pg_catalog.bool_or(g IS NULL)
       FROM (SELECT geom AS g FROM (%2$s) a UNION ALL SELECT geom FROM (%3$s) b %4$s) u',
    gis, geo_p, geo_s,
    CASE WHEN edges_sql IS NULL THEN ''
         ELSE pg_catalog.format('UNION ALL SELECT e.geom FROM (%s) AS e(id, source, target, cost, reverse_cost, length, geom)', edges_sql) END)
    INTO n_srid, srid, nulls;
  IF nulls THEN
    RAISE EXCEPTION 'NULL geometry in points_sql, sites_sql or edges_sql' USING ERRCODE = '22004';
  END IF;
  IF n_srid OPERATOR(pg_catalog.>) 1 THEN
    RAISE EXCEPTION 'mixed SRIDs in points_sql, sites_sql and edges_sql'
      USING ERRCODE = '22023',
            DETAIL = 'All geometries must share one coordinate system to measure distances.',
            HINT = 'Transform them, e.g. ST_Transform(geom, 25833).';
  END IF;
  geom_e := 'e.geom';
  IF srid NOT IN (0, 25833) THEN
    -- Measure in metres: EPSG:25833 (SRID 0 is read as metres already).
    geo_p := pg_catalog.format('SELECT id, %s.st_transform(geom, 25833) AS geom FROM (%s) t', gis, geo_p);
    geo_s := pg_catalog.format('SELECT id, %s.st_transform(geom, 25833) AS geom FROM (%s) t', gis, geo_s);
    geom_e := pg_catalog.format('%s.st_transform(e.geom, 25833)', gis);
  END IF;

  IF edges_sql IS NULL THEN
    label := pg_catalog.format('straight line x %s at %s km/h (fallback, not road travel)', circuity, fallback_kmh);
    RETURN QUERY EXECUTE pg_catalog.format(
      'SELECT p.id, s.id, %1$s.st_distance(p.geom, s.geom) OPERATOR(pg_catalog./) 1000.0::float8 OPERATOR(pg_catalog.*) $1 OPERATOR(pg_catalog./) $2 OPERATOR(pg_catalog.*) 60.0::float8,
              %1$s.st_distance(p.geom, s.geom) OPERATOR(pg_catalog./) 1000.0::float8 OPERATOR(pg_catalog.*) $1, $3
         FROM (%2$s) p CROSS JOIN (%3$s) s', gis, geo_p, geo_s)
      USING circuity, fallback_kmh, label;
    RETURN;
  END IF;

  -- Road graph: its vertices are the edges' end points; every point and
  -- site is attached to its nearest vertex (id, node, d = metres).
  verts := pg_catalog.format(
    'SELECT DISTINCT ON (node) node, geom FROM (
       SELECT e.source::bigint AS node, %1$s.st_startpoint(%3$s) AS geom FROM (%2$s) AS e(id, source, target, cost, reverse_cost, length, geom)
       UNION ALL
       SELECT e.target::bigint, %1$s.st_endpoint(%3$s) FROM (%2$s) AS e(id, source, target, cost, reverse_cost, length, geom)) v
     ORDER BY node', gis, edges_sql, geom_e);
  snap_p := pg_catalog.format(
    'WITH v AS MATERIALIZED (%2$s)
     SELECT p.id, n.node, n.d FROM (%3$s) p CROSS JOIN LATERAL
            (SELECT v.node, %1$s.st_distance(v.geom, p.geom) AS d FROM v
              ORDER BY v.geom OPERATOR(%1$s.<->) p.geom, v.node LIMIT 1) n', gis, verts, geo_p);
  snap_s := pg_catalog.format(
    'WITH v AS MATERIALIZED (%2$s)
     SELECT p.id, n.node, n.d FROM (%3$s) p CROSS JOIN LATERAL
            (SELECT v.node, %1$s.st_distance(v.geom, p.geom) AS d FROM v
              ORDER BY v.geom OPERATOR(%1$s.<->) p.geom, v.node LIMIT 1) n', gis, verts, geo_s);
  RETURN QUERY EXECUTE pg_catalog.format(
    'WITH sp AS MATERIALIZED (%1$s), ss AS MATERIALIZED (%2$s)
     SELECT c.point_id, c.site_id, c.cost, c.length,
            CASE WHEN c.cost IS NULL THEN ''network: unreachable''
                 WHEN sp.d OPERATOR(pg_catalog.>) $4 OR ss.d OPERATOR(pg_catalog.>) $4 THEN ''network: far from road''
                 ELSE ''network'' END
       FROM carestair.network_costs($1, $2, $3, true, true) c
       JOIN sp ON sp.id OPERATOR(pg_catalog.=) c.point_id JOIN ss ON ss.id OPERATOR(pg_catalog.=) c.site_id', snap_p, snap_s)
    USING pg_catalog.format('SELECT e.id, e.source, e.target, e.cost, e.reverse_cost, e.length FROM (%s) AS e(id, source, target, cost, reverse_cost, length, geom)', edges_sql),
          pg_catalog.format('SELECT id, node, d OPERATOR(pg_catalog./) 1000.0::float8 OPERATOR(pg_catalog./) %s::float8 OPERATOR(pg_catalog.*) 60.0::float8, d OPERATOR(pg_catalog./) 1000.0::float8 FROM (%s) s', offroad_kmh, snap_p),
          pg_catalog.format('SELECT id, node, d OPERATOR(pg_catalog./) 1000.0::float8 OPERATOR(pg_catalog./) %s::float8 OPERATOR(pg_catalog.*) 60.0::float8, d OPERATOR(pg_catalog./) 1000.0::float8 FROM (%s) s', offroad_kmh, snap_s),
          max_snap_m;
END
$fn$;

COMMENT ON FUNCTION carestair.travel_time_matrix(text, text, text, double precision, double precision, double precision, double precision) IS
  'Travel minutes and km from every demand point to every site: over a road graph (points and sites snapped to the nearest vertex, off-road leg at offroad_kmh) or, without edges_sql, the labelled straight-line fallback (distance x circuity at fallback_kmh). See doc/travel_time.md.';
