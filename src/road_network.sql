
-- ---------------------------------------------------------------------------
-- road_network: road links (Kartverket N1000, NVDB ruteplan, osm2pgrouting)
-- into the routable graph carestair.road_edge, with the speed assumptions
-- as parameters; the fastest site for every point over it (multi-source
-- Dijkstra in C); the national legevakt norm check.  See doc/travel_time.md
-- and doc/legevakt.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.road_parameter_default (
    name  text PRIMARY KEY,
    value double precision NOT NULL,
    unit  text NOT NULL,
    note  text NOT NULL
);
COMMENT ON TABLE carestair.road_parameter_default IS 'Built-in assumptions for road travel times (speeds by road category, ferries, off-road legs, fallback); override them in carestair.road_parameter. See doc/travel_time.md.';
COMMENT ON COLUMN carestair.road_parameter_default.name IS 'Parameter name.';
COMMENT ON COLUMN carestair.road_parameter_default.value IS 'Default value.';
COMMENT ON COLUMN carestair.road_parameter_default.unit IS 'Unit.';
COMMENT ON COLUMN carestair.road_parameter_default.note IS 'Source, or "assumption" with the reasoning.';
INSERT INTO carestair.road_parameter_default (name, value, unit, note) VALUES
 ('speed_E_kmh', 75, 'km/h, mean driving speed on europaveg (N1000 vegkategori E)', 'assumption: below the general 80 km/h limit outside built-up areas (trafikkreglene § 13) for bends, towns and lower limits; N1000 has no speeds'),
 ('speed_R_kmh', 70, 'km/h on riksveg (R)', 'assumption, as speed_E_kmh'),
 ('speed_F_kmh', 60, 'km/h on fylkesveg (F)', 'assumption: narrower, slower roads than E and R'),
 ('speed_K_kmh', 50, 'km/h on kommunal veg (K)', 'assumption'),
 ('speed_P_kmh', 40, 'km/h on private roads (P)', 'assumption'),
 ('speed_other_kmh', 50, 'km/h on roads of no given category', 'assumption'),
 ('ferry_kmh', 20, 'km/h crossing speed of car ferries (bilferje)', 'assumption: about 11 knots, a common service speed of Norwegian car ferries'),
 ('ferry_wait_minutes', 15, 'minutes of mean waiting per ferry link', 'assumption: half of a 30-minute headway; N1000 has no timetables'),
 ('offroad_kmh', 20, 'km/h on the straight leg from a point or site to the nearest road', 'assumption: a local road or track not in the network (as carestair.travel_time_matrix)'),
 ('max_snap_m', 10000, 'metres: points farther than this from every road use the straight-line fallback', 'assumption'),
 ('fallback_circuity', 1.3, 'road km per straight km for the fallback', 'Ballou, Rahardja & Sakai (2002); Midt-Troms N1000 routes show 1.2-1.7'),
 ('fallback_kmh', 60, 'km/h for the fallback', 'assumption (as carestair.travel_time_matrix)');

CREATE TABLE carestair.road_parameter (
    name  text PRIMARY KEY REFERENCES carestair.road_parameter_default (name),
    value double precision NOT NULL,
    note  text
);
COMMENT ON TABLE carestair.road_parameter IS 'The user''s values for the road travel-time parameters, overriding carestair.road_parameter_default (kept by pg_dump). See doc/travel_time.md.';
COMMENT ON COLUMN carestair.road_parameter.name IS 'Parameter name (one of carestair.road_parameter_default).';
COMMENT ON COLUMN carestair.road_parameter.value IS 'Value to use instead of the default.';
COMMENT ON COLUMN carestair.road_parameter.note IS 'Where the value comes from.';
SELECT pg_catalog.pg_extension_config_dump('carestair.road_parameter', '');

CREATE VIEW carestair.road_parameter_effective AS
SELECT d.name, coalesce(p.value, d.value) AS value, d.unit,
       coalesce(p.note, d.note) AS note, p.value IS NOT NULL AS overridden
  FROM carestair.road_parameter_default AS d
  LEFT JOIN carestair.road_parameter AS p ON p.name OPERATOR(pg_catalog.=) d.name;
COMMENT ON VIEW carestair.road_parameter_effective IS 'The road travel-time parameters in use: the user''s value where given, the default otherwise. See doc/travel_time.md.';
COMMENT ON COLUMN carestair.road_parameter_effective.name IS 'Parameter name.';
COMMENT ON COLUMN carestair.road_parameter_effective.value IS 'Value in use.';
COMMENT ON COLUMN carestair.road_parameter_effective.unit IS 'Unit.';
COMMENT ON COLUMN carestair.road_parameter_effective.note IS 'Source of the value in use.';
COMMENT ON COLUMN carestair.road_parameter_effective.overridden IS 'True when the user''s value replaces the default.';

/*
 * _road_parameters: the parameters in use as jsonb, after checking that
 * every speed and the circuity are usable.  Internal.
 */
CREATE FUNCTION carestair._road_parameters()
RETURNS jsonb
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bad record;
BEGIN
    SELECT p.name, p.value INTO bad FROM carestair.road_parameter_effective AS p
     WHERE (p.name LIKE '%\_kmh' AND NOT p.value > 0)
        OR (p.name = 'fallback_circuity' AND NOT p.value >= 1)
        OR NOT p.value >= 0 OR p.value = 'Infinity'
     ORDER BY p.name LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'invalid road parameter %: %', bad.name, bad.value
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Speeds must be finite and > 0 km/h, the circuity >= 1, other values finite and >= 0.',
                  HINT = format('Fix or delete the row: DELETE FROM carestair.road_parameter WHERE name = %L.', bad.name);
    END IF;
    RETURN (SELECT jsonb_object_agg(p.name, p.value) FROM carestair.road_parameter_effective AS p);
END
$$;
COMMENT ON FUNCTION carestair._road_parameters() IS 'Internal: the road parameters in use, checked. See doc/travel_time.md.';

CREATE FUNCTION carestair._road_components(edges_sql text)
RETURNS TABLE (id bigint, component integer)
AS 'MODULE_PATHNAME', 'carestair__road_components'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;
COMMENT ON FUNCTION carestair._road_components(text) IS 'Internal: connected component of every edge (1 = most vertices), directions ignored. See doc/travel_time.md.';

CREATE FUNCTION carestair._nearest_site_costs(edges_sql text, vertices_sql text, points_sql text, sites_sql text,
                                              offroad_kmh double precision, max_snap_m double precision,
                                              circuity double precision, fallback_kmh double precision,
                                              fallback_label text)
RETURNS TABLE (point_id bigint, site_id bigint, minutes double precision, km double precision, method text)
AS 'MODULE_PATHNAME', 'carestair__nearest_site_costs'
LANGUAGE C STABLE PARALLEL RESTRICTED;
COMMENT ON FUNCTION carestair._nearest_site_costs(text, text, text, text, double precision, double precision, double precision, double precision, text) IS
  'Internal: fastest site for every point (attached to the nearest road segment, multi-source Dijkstra), straight-line fallback for points without a road. See doc/travel_time.md.';

/*
 * import_road_network: read road links (the file's content as text) into
 * carestair.road_edge, replacing what is there.  Formats:
 *   n1000          Kartverket N1000 Veglenke TSV as shipped (coords_utm33):
 *                  car roads and car ferries; links split at every vertex
 *                  they share (junctions); minutes from the category speed,
 *                  ferries from ferry_kmh plus ferry_wait_minutes.
 *   nvdb           Statens vegvesen's NVDB ruteplan CSV: FromNodeID,
 *                  ToNodeID, FT_MINUTES, TF_MINUTES, ONEWAY, geometry WKT.
 *   osm2pgrouting  osm2pgrouting's ways table as CSV: gid, source, target,
 *                  cost_s, reverse_cost_s, length_m, the_geom.
 * Sets every edge's component and returns the number of routable edges.
 */
CREATE FUNCTION carestair.import_road_network(data text, format text DEFAULT 'n1000')
RETURNS bigint
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path FROM CURRENT
AS $fn$
DECLARE
    fmt      text := lower(btrim(format));
    par      jsonb;
    hdr      text[];
    hdr_line integer;
    hdr_line_t text;
    origin   text;
    bad      record;
    n_links  bigint;
    n_skip   bigint;
    n_zero   bigint;
    n_closed bigint;
    n_edges  bigint;
    info     record;
    srids    integer[];
    col      jsonb;         -- header name -> column position
BEGIN
    IF data IS NULL OR format IS NULL THEN
        RAISE EXCEPTION 'data and format of import_road_network must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF fmt NOT IN ('n1000', 'nvdb', 'osm2pgrouting') THEN
        RAISE EXCEPTION 'unknown road network format "%"', format
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use ''n1000'' (Kartverket N1000 Veglenke TSV), ''nvdb'' (NVDB ruteplan CSV) or ''osm2pgrouting'' (its ways table as CSV).';
    END IF;
    par := carestair._road_parameters();
    origin := CASE fmt WHEN 'n1000' THEN 'Kartverket N1000 (CC BY 4.0)'
                       WHEN 'nvdb' THEN 'Statens vegvesen NVDB ruteplan (NLOD)'
                       ELSE 'OpenStreetMap via osm2pgrouting (ODbL)' END;

    -- Temporary tables left by an import that failed earlier in the transaction.
    FOREACH hdr_line_t IN ARRAY ARRAY['_road_rec', '_road_link', '_road_vtx', '_road_piece'] LOOP
        IF to_regclass('pg_temp.' || hdr_line_t) IS NOT NULL THEN
            EXECUTE format('DROP TABLE pg_temp.%I', hdr_line_t);
        END IF;
    END LOOP;
    CREATE TEMP TABLE _road_rec ON COMMIT DROP AS
    SELECT r.line_no, r.fields
      FROM carestair.read_csv(pg_catalog.convert_to(data, pg_catalog.getdatabaseencoding()), pg_catalog.getdatabaseencoding(),
                              CASE fmt WHEN 'n1000' THEN 'tab' ELSE 'auto' END) AS r;
    SELECT r.line_no, r.fields INTO hdr_line, hdr FROM pg_temp._road_rec AS r ORDER BY r.line_no LIMIT 1;
    IF hdr IS NULL THEN
        RAISE EXCEPTION 'data has no rows' USING ERRCODE = 'no_data_found';
    END IF;
    SELECT jsonb_object_agg(lower(btrim(h.name)), h.i) INTO col FROM unnest(hdr) WITH ORDINALITY AS h(name, i);
    SELECT w.c INTO bad FROM unnest(CASE fmt
             WHEN 'n1000' THEN ARRAY['id', 'typeveg', 'vegkategori', 'medium', 'vegfase', 'coords_utm33']
             WHEN 'nvdb' THEN ARRAY['fromnodeid', 'tonodeid', 'ft_minutes', 'tf_minutes', 'oneway', 'vegtype']
             ELSE ARRAY['source', 'target', 'cost_s', 'reverse_cost_s', 'length_m'] END) AS w(c)
     WHERE NOT col ? w.c LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'column "%" missing from the header of the % data', bad.c, fmt
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = format('The header has: %s.', array_to_string(hdr, ', ')),
                  HINT = 'See doc/travel_time.md for the columns each format needs.';
    END IF;
    -- The geometry column of nvdb and osm2pgrouting, under the names they use.
    IF fmt <> 'n1000' THEN
        SELECT g.c INTO bad FROM unnest(ARRAY['geom_wkt_25833', 'wkt', 'the_geom', 'geom', 'shape']) AS g(c) WHERE col ? g.c LIMIT 1;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'no geometry column in the % data', fmt
                USING ERRCODE = 'bad_copy_file_format',
                      HINT = 'Name it geom_wkt_25833, wkt, the_geom, geom or shape (WKT, EWKT or hex EWKB).';
        END IF;
        col := col || jsonb_build_object('geometry', col->bad.c);
    END IF;
    SELECT r.line_no, cardinality(r.fields) AS n INTO bad FROM pg_temp._road_rec AS r
     WHERE r.line_no > hdr_line AND cardinality(r.fields) <> cardinality(hdr) ORDER BY r.line_no LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'line % has % fields, the header %', bad.line_no, bad.n, cardinality(hdr)
            USING ERRCODE = 'bad_copy_file_format';
    END IF;

    -- Links: (link_id, kind, category, source, target, minutes, reverse_minutes, km, geom).
    CREATE TEMP TABLE _road_link (line_no integer, link_id text, kind text, category text, source bigint, target bigint,
                                  minutes double precision, reverse_minutes double precision, km double precision,
                                  coords text, geom geometry) ON COMMIT DROP;
    IF fmt = 'n1000' THEN
        INSERT INTO pg_temp._road_link (line_no, link_id, kind, category, coords)
        SELECT r.line_no, r.fields[(col->>'id')::int],
               CASE WHEN r.fields[(col->>'typeveg')::int] = 'bilferje' THEN 'ferry'
                    WHEN r.fields[(col->>'medium')::int] = 'U' THEN 'tunnel'
                    WHEN r.fields[(col->>'medium')::int] = 'L' THEN 'bridge' ELSE 'road' END,
               nullif(r.fields[(col->>'vegkategori')::int], ''), btrim(r.fields[(col->>'coords_utm33')::int])
          FROM pg_temp._road_rec AS r
         WHERE r.line_no > hdr_line
           AND r.fields[(col->>'typeveg')::int] IN ('enkelBilveg', 'bilferje')
           AND coalesce(r.fields[(col->>'vegfase')::int], '') IN ('V', '');
        n_skip := (SELECT count(*) FROM pg_temp._road_rec AS r WHERE r.line_no > hdr_line)
                  - (SELECT count(*) FROM pg_temp._road_link);
        SELECT l.line_no, l.link_id INTO bad FROM pg_temp._road_link AS l WHERE coalesce(l.coords, '') = '' ORDER BY l.line_no LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'link % (line %) has no geometry', bad.link_id, bad.line_no
                USING ERRCODE = 'null_value_not_allowed',
                      DETAIL = 'coords_utm33 is empty.', HINT = 'Drop the link or give its centre line as "x y,x y,..." in EPSG:25833.';
        END IF;
        SELECT l.line_no, l.link_id, left(l.coords, 60) AS c INTO bad FROM pg_temp._road_link AS l
         WHERE l.coords !~ '^-?[0-9]+(\.[0-9]+)? -?[0-9]+(\.[0-9]+)?( *, *-?[0-9]+(\.[0-9]+)? -?[0-9]+(\.[0-9]+)?)*$'
         ORDER BY l.line_no LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'invalid coordinates "%" of link % (line %)', bad.c, bad.link_id, bad.line_no
                USING ERRCODE = 'invalid_text_representation',
                      HINT = 'coords_utm33 is "x y,x y,..." in EPSG:25833 (at least two vertices).';
        END IF;

        -- Vertices; a vertex shared by two links (or met twice) is a junction.
        CREATE TEMP TABLE _road_vtx ON COMMIT DROP AS
        SELECT l.link_id, v.i::integer AS i,
               split_part(btrim(v.xy), ' ', 1)::double precision AS x, split_part(btrim(v.xy), ' ', 2)::double precision AS y
          FROM pg_temp._road_link AS l, unnest(string_to_array(l.coords, ',')) WITH ORDINALITY AS v(xy, i);
        CREATE TEMP TABLE _road_piece ON COMMIT DROP AS
        WITH v AS (
            SELECT t.*, count(*) OVER (PARTITION BY t.x, t.y) AS uses, max(t.i) OVER (PARTITION BY t.link_id) AS last,
                   dense_rank() OVER (ORDER BY t.x, t.y) AS node
              FROM pg_temp._road_vtx AS t
        ), c AS (
            SELECT v.*, sum((v.i = 1 OR v.i = v.last OR v.uses > 1)::int) OVER (PARTITION BY v.link_id ORDER BY v.i) AS cum
              FROM v
        ), p AS (
            SELECT c.link_id, c.cum AS piece, c.i, c.x, c.y, c.node FROM c WHERE c.i < c.last
            UNION ALL
            SELECT c.link_id, c.cum - 1, c.i, c.x, c.y, c.node FROM c WHERE c.i > 1 AND (c.i = c.last OR c.uses > 1)
        )
        SELECT p.link_id, p.piece, (array_agg(p.node ORDER BY p.i))[1] AS source,
               (array_agg(p.node ORDER BY p.i DESC))[1] AS target,
               ST_SetSRID(ST_MakeLine(array_agg(ST_MakePoint(p.x, p.y) ORDER BY p.i)), 25833) AS geom
          FROM p GROUP BY p.link_id, p.piece;
        n_links := (SELECT count(*) FROM pg_temp._road_link);
        -- Length of each link, to share a ferry's waiting time between its pieces.
        DELETE FROM pg_temp._road_link AS l WHERE true;
        INSERT INTO pg_temp._road_link (link_id, kind, category, source, target, km, geom)
        SELECT p.link_id, k.kind, k.category, p.source, p.target, ST_Length(p.geom) / 1000::double precision, p.geom
          FROM pg_temp._road_piece AS p
          JOIN (SELECT DISTINCT ON (r.fields[(col->>'id')::int]) r.fields[(col->>'id')::int] AS link_id,
                       CASE WHEN r.fields[(col->>'typeveg')::int] = 'bilferje' THEN 'ferry'
                            WHEN r.fields[(col->>'medium')::int] = 'U' THEN 'tunnel'
                            WHEN r.fields[(col->>'medium')::int] = 'L' THEN 'bridge' ELSE 'road' END AS kind,
                       nullif(r.fields[(col->>'vegkategori')::int], '') AS category
                  FROM pg_temp._road_rec AS r WHERE r.line_no > hdr_line) AS k ON k.link_id = p.link_id;
        UPDATE pg_temp._road_link AS l
           SET minutes = CASE WHEN l.kind = 'ferry'
                              THEN l.km / (par->>'ferry_kmh')::double precision * 60::double precision
                                   + (par->>'ferry_wait_minutes')::double precision * l.km / nullif(t.km, 0)
                              ELSE l.km / coalesce((par->>('speed_' || l.category || '_kmh'))::double precision,
                                                   (par->>'speed_other_kmh')::double precision) * 60::double precision END
          FROM (SELECT l2.link_id, sum(l2.km) AS km FROM pg_temp._road_link AS l2 GROUP BY l2.link_id) AS t
         WHERE t.link_id = l.link_id;
        UPDATE pg_temp._road_link AS l SET reverse_minutes = l.minutes;
    ELSE
        INSERT INTO pg_temp._road_link (line_no, link_id, kind, category, source, target, minutes, reverse_minutes, km, coords)
        SELECT r.line_no,
               CASE WHEN fmt = 'nvdb' THEN coalesce(nullif(concat_ws('/', r.fields[(col->>'routeid')::int], r.fields[(col->>'from_m')::int]), ''),
                                                   r.fields[(col->>'fromnodeid')::int] || '-' || r.fields[(col->>'tonodeid')::int])
                    ELSE coalesce(r.fields[(col->>'gid')::int], r.fields[(col->>'id')::int], r.line_no::text) END,
               CASE WHEN fmt = 'nvdb' THEN 'road' END,
               CASE WHEN fmt = 'nvdb' THEN nullif(r.fields[(col->>'vegtype')::int], '') ELSE nullif(r.fields[(col->>'tag_id')::int], '') END,
               nullif(btrim(CASE WHEN fmt = 'nvdb' THEN r.fields[(col->>'fromnodeid')::int] ELSE r.fields[(col->>'source')::int] END), '')::bigint,
               nullif(btrim(CASE WHEN fmt = 'nvdb' THEN r.fields[(col->>'tonodeid')::int] ELSE r.fields[(col->>'target')::int] END), '')::bigint,
               CASE WHEN fmt = 'nvdb'
                    THEN CASE WHEN r.fields[(col->>'oneway')::int] IN ('TF', 'N') THEN -1 ELSE nullif(r.fields[(col->>'ft_minutes')::int], '')::double precision END
                    ELSE nullif(r.fields[(col->>'cost_s')::int], '')::double precision / 60::double precision END,
               CASE WHEN fmt = 'nvdb'
                    THEN CASE WHEN r.fields[(col->>'oneway')::int] IN ('FT', 'N') THEN -1 ELSE nullif(r.fields[(col->>'tf_minutes')::int], '')::double precision END
                    ELSE nullif(r.fields[(col->>'reverse_cost_s')::int], '')::double precision / 60::double precision END,
               CASE WHEN fmt = 'nvdb' THEN nullif(r.fields[(col->>'meter_org')::int], '')::double precision
                    ELSE nullif(r.fields[(col->>'length_m')::int], '')::double precision END / 1000::double precision,
               nullif(btrim(r.fields[(col->>'geometry')::int]), '')
          FROM pg_temp._road_rec AS r
         WHERE r.line_no > hdr_line;
        n_links := (SELECT count(*) FROM pg_temp._road_link);
        n_skip := 0;
        SELECT l.line_no, l.link_id INTO bad FROM pg_temp._road_link AS l WHERE l.coords IS NULL ORDER BY l.line_no LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'link % (line %) has no geometry', bad.link_id, bad.line_no
                USING ERRCODE = 'null_value_not_allowed', HINT = 'Drop the link or give its line as WKT, EWKT or hex EWKB.';
        END IF;
        UPDATE pg_temp._road_link AS l SET geom = ST_LineMerge(ST_Force2D(l.coords::geometry));
        SELECT array_agg(DISTINCT ST_SRID(l.geom) ORDER BY ST_SRID(l.geom)) INTO srids FROM pg_temp._road_link AS l;
        IF cardinality(srids) > 1 THEN
            RAISE EXCEPTION 'mixed SRIDs % in the % data', srids, fmt
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = 'All links must share one coordinate system.', HINT = 'Export them in one SRID, e.g. ST_Transform(geom, 25833).';
        END IF;
        SELECT l.line_no, l.link_id, ST_GeometryType(l.geom) AS t INTO bad FROM pg_temp._road_link AS l
         WHERE ST_GeometryType(l.geom) <> 'ST_LineString' ORDER BY l.line_no LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'link % (line %) is a % , not one line', bad.link_id, bad.line_no, bad.t
                USING ERRCODE = 'invalid_parameter_value', HINT = 'Each link must be one connected line from source to target.';
        END IF;
        -- No SRID: N1000 and NVDB write EPSG:25833, osm2pgrouting EPSG:4326.
        UPDATE pg_temp._road_link AS l
           SET geom = CASE WHEN ST_SRID(l.geom) = 0 THEN ST_Transform(ST_SetSRID(l.geom, CASE fmt WHEN 'nvdb' THEN 25833 ELSE 4326 END), 25833)
                           ELSE ST_Transform(l.geom, 25833) END;
        UPDATE pg_temp._road_link AS l SET km = ST_Length(l.geom) / 1000::double precision WHERE l.km IS NULL;
        -- A missing node id (NVDB has links without FromNodeID/ToNodeID): the id of
        -- another link's end at the same place (to the millimetre), else a new
        -- negative id per place.
        CREATE TEMP TABLE _road_vtx ON COMMIT DROP AS
        SELECT e.line_no, e.at_start, round(ST_X(e.p)::numeric, 3) AS x, round(ST_Y(e.p)::numeric, 3) AS y, e.v
          FROM (SELECT l.line_no, true AS at_start, ST_StartPoint(l.geom) AS p, l.source AS v FROM pg_temp._road_link AS l
                UNION ALL SELECT l.line_no, false, ST_EndPoint(l.geom), l.target FROM pg_temp._road_link AS l) AS e;
        UPDATE pg_temp._road_vtx AS t SET v = k.v
          FROM (SELECT DISTINCT ON (u.x, u.y) u.x, u.y, coalesce(min(u.v) OVER (PARTITION BY u.x, u.y), -dense_rank() OVER (ORDER BY u.x, u.y)) AS v
                  FROM pg_temp._road_vtx AS u ORDER BY u.x, u.y) AS k
         WHERE t.v IS NULL AND k.x = t.x AND k.y = t.y;
        UPDATE pg_temp._road_link AS l SET source = t.v FROM pg_temp._road_vtx AS t
         WHERE l.source IS NULL AND t.line_no = l.line_no AND t.at_start;
        UPDATE pg_temp._road_link AS l SET target = t.v FROM pg_temp._road_vtx AS t
         WHERE l.target IS NULL AND t.line_no = l.line_no AND NOT t.at_start;
        SELECT l.line_no, l.link_id, l.minutes, l.reverse_minutes INTO bad FROM pg_temp._road_link AS l
         WHERE l.minutes IS NULL OR l.reverse_minutes IS NULL OR l.minutes = 'NaN' OR l.reverse_minutes = 'NaN'
            OR l.minutes = 'Infinity' OR l.reverse_minutes = 'Infinity' ORDER BY l.line_no LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'link % (line %) has no travel time: % / %', bad.link_id, bad.line_no, bad.minutes, bad.reverse_minutes
                USING ERRCODE = 'null_value_not_allowed',
                      DETAIL = 'Every open direction (ferries too) needs a finite time; a negative time closes a direction.',
                      HINT = 'Fill FT_MINUTES/TF_MINUTES (nvdb) or cost_s/reverse_cost_s (osm2pgrouting), e.g. crossing plus waiting time for a ferry.';
        END IF;
        SELECT l.line_no, l.link_id, l.km INTO bad FROM pg_temp._road_link AS l
         WHERE NOT l.km >= 0::double precision OR l.km = 'Infinity'::double precision ORDER BY l.line_no LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'invalid length % km of link % (line %)', bad.km, bad.link_id, bad.line_no
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
    END IF;

    -- Zero-length links carry no travel: dropped.  Links closed both ways: dropped.
    DELETE FROM pg_temp._road_link AS l WHERE ST_Length(l.geom) = 0::double precision OR l.km = 0::double precision;
    GET DIAGNOSTICS n_zero = ROW_COUNT;
    DELETE FROM pg_temp._road_link AS l WHERE l.minutes < 0::double precision AND l.reverse_minutes < 0::double precision;
    GET DIAGNOSTICS n_closed = ROW_COUNT;

    DELETE FROM carestair.road_edge AS e WHERE true;
    INSERT INTO carestair.road_edge (id, source, target, minutes, reverse_minutes, km, geom, link_id, kind, category, origin)
    SELECT row_number() OVER (ORDER BY l.link_id, l.source, l.target), l.source, l.target,
           CASE WHEN l.minutes < 0::double precision THEN -1 ELSE l.minutes END, CASE WHEN l.reverse_minutes < 0::double precision THEN -1 ELSE l.reverse_minutes END,
           l.km, l.geom, CASE WHEN l.link_id ~ '^[0-9]{1,18}$' THEN l.link_id::bigint END, l.kind, l.category, origin
      FROM pg_temp._road_link AS l;
    GET DIAGNOSTICS n_edges = ROW_COUNT;
    IF n_edges = 0 THEN
        RAISE EXCEPTION 'no routable road links in the % data', fmt
            USING ERRCODE = 'no_data_found', DETAIL = format('%s links read, %s skipped, %s of zero length, %s closed both ways.', n_links, n_skip, n_zero, n_closed);
    END IF;
    UPDATE carestair.road_edge AS e SET component = c.component
      FROM carestair._road_components('SELECT id, source, target, minutes, reverse_minutes FROM carestair.road_edge') AS c
     WHERE c.id = e.id;
    SELECT count(DISTINCT e.component) AS comps,
           round((100::double precision * sum(e.km) FILTER (WHERE e.component = 1) / sum(e.km))::numeric, 1) AS share,
           round(sum(e.km)::numeric) AS km
      INTO info FROM carestair.road_edge AS e;
    RAISE NOTICE '% routable edges (% km) from % % links; % connected components, the largest with % %% of the km',
        n_edges, info.km, n_links, fmt, info.comps, info.share
        USING DETAIL = format('Skipped: %s links that do not carry cars or are not built, %s of zero length, %s closed both ways.', n_skip, n_zero, n_closed),
              HINT = format('Source: %s; credit it wherever travel times are shown. Components: carestair.road_component.', origin);
    RETURN n_edges;
END
$fn$;
COMMENT ON FUNCTION carestair.import_road_network(text, text) IS
  'Load road links (file content as text; format n1000 = Kartverket N1000 Veglenke TSV, nvdb = NVDB ruteplan CSV, osm2pgrouting = its ways table as CSV) into carestair.road_edge: split at junctions, speeds and ferry times from carestair.road_parameter_effective, components; returns the routable edges. See doc/travel_time.md.';

CREATE VIEW carestair.road_component AS
SELECT e.component, pg_catalog.count(*) AS edges,
       pg_catalog.count(*) FILTER (WHERE e.kind OPERATOR(pg_catalog.=) 'ferry') AS ferry_edges,
       pg_catalog.sum(e.km) AS km, ST_Extent(e.geom)::geometry AS extent
  FROM carestair.road_edge AS e
 GROUP BY e.component;
COMMENT ON VIEW carestair.road_component IS 'Connected components of the road graph (1 = the largest): islands without a ferry link show up here. See doc/travel_time.md.';
COMMENT ON COLUMN carestair.road_component.component IS 'Component number (1 = most vertices).';
COMMENT ON COLUMN carestair.road_component.edges IS 'Edges in it.';
COMMENT ON COLUMN carestair.road_component.ferry_edges IS 'Ferry edges in it.';
COMMENT ON COLUMN carestair.road_component.km IS 'Road km in it.';
COMMENT ON COLUMN carestair.road_component.extent IS 'Bounding box, EPSG:25833.';

/*
 * nearest_site_times: for every point (points_sql: point_id, geom) the
 * fastest site (sites_sql: site_id, geom) over carestair.road_edge: both
 * attached to the nearest edge (off-road leg at offroad_kmh), one
 * multi-source Dijkstra from all sites.  Points farther than max_snap_m from
 * every road, and all points when no road is loaded, get the labelled
 * straight-line fallback; points the roads do not connect to any site get
 * NULL site, minutes and km and method 'road: unreachable'.
 */
CREATE FUNCTION carestair.nearest_site_times(points_sql text, sites_sql text)
RETURNS TABLE (point_id bigint, site_id bigint, minutes double precision, km double precision, method text)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
-- No SET search_path: the caller's queries run with the caller's path; every
-- name this body writes is qualified (PostGIS by its schema, looked up).
AS $fn$
DECLARE
    gis     text;
    par     jsonb;
    n_srid  integer;
    srid    integer;
    nulls   boolean;
    geo_p   text;
    geo_s   text;
    roads   boolean := EXISTS (SELECT FROM carestair.road_edge);
    label   text;
BEGIN
    IF points_sql IS NULL OR sites_sql IS NULL THEN
        RAISE EXCEPTION 'points_sql and sites_sql must not be NULL' USING ERRCODE = '22004';
    END IF;
    par := carestair._road_parameters();
    SELECT pg_catalog.quote_ident(n.nspname) INTO gis
      FROM pg_catalog.pg_extension x JOIN pg_catalog.pg_namespace n ON n.oid OPERATOR(pg_catalog.=) x.extnamespace
     WHERE x.extname OPERATOR(pg_catalog.=) 'postgis';
    geo_p := pg_catalog.format('SELECT q.point_id::bigint AS id, q.geom FROM (%s) AS q(point_id, geom)', points_sql);
    geo_s := pg_catalog.format('SELECT q.site_id::bigint AS id, q.geom FROM (%s) AS q(site_id, geom)', sites_sql);
    EXECUTE pg_catalog.format(
      'SELECT pg_catalog.count(DISTINCT %1$s.st_srid(g)), pg_catalog.min(%1$s.st_srid(g)), pg_catalog.bool_or(g IS NULL)
         FROM (SELECT geom AS g FROM (%2$s) a UNION ALL SELECT geom FROM (%3$s) b) u', gis, geo_p, geo_s)
      INTO n_srid, srid, nulls;
    IF nulls THEN
        RAISE EXCEPTION 'NULL geometry in points_sql or sites_sql' USING ERRCODE = '22004',
            HINT = 'Every point and site needs a location.';
    END IF;
    IF n_srid OPERATOR(pg_catalog.>) 1 THEN
        RAISE EXCEPTION 'mixed SRIDs in points_sql and sites_sql'
          USING ERRCODE = '22023',
                DETAIL = 'All geometries must share one coordinate system to measure distances.',
                HINT = 'Transform them, e.g. ST_Transform(geom, 25833).';
    END IF;
    -- The road graph is in EPSG:25833 (SRID 0 is read as EPSG:25833 already).
    IF srid NOT IN (0, 25833) THEN
        geo_p := pg_catalog.format('SELECT id, %s.st_transform(geom, 25833) AS geom FROM (%s) t', gis, geo_p);
        geo_s := pg_catalog.format('SELECT id, %s.st_transform(geom, 25833) AS geom FROM (%s) t', gis, geo_s);
    ELSIF srid OPERATOR(pg_catalog.=) 0 THEN
        geo_p := pg_catalog.format('SELECT id, %s.st_setsrid(geom, 25833) AS geom FROM (%s) t', gis, geo_p);
        geo_s := pg_catalog.format('SELECT id, %s.st_setsrid(geom, 25833) AS geom FROM (%s) t', gis, geo_s);
    END IF;

    label := pg_catalog.format('fallback: straight line x %s at %s km/h (%s)', par->>'fallback_circuity', par->>'fallback_kmh',
                               CASE WHEN roads THEN pg_catalog.format('no road within %s m', par->>'max_snap_m') ELSE 'no road network loaded' END);
    RETURN QUERY
    SELECT c.point_id, c.site_id, c.minutes, c.km, c.method
      FROM carestair._nearest_site_costs(
             CASE WHEN roads THEN 'SELECT id, source, target, minutes, reverse_minutes, km FROM carestair.road_edge' END,
             pg_catalog.format('SELECT e.id, (v.dp).path[1], %1$s.st_x((v.dp).geom), %1$s.st_y((v.dp).geom)
                                  FROM carestair.road_edge AS e, LATERAL (SELECT %1$s.st_dumppoints(e.geom) AS dp) AS v', gis),
             pg_catalog.format('SELECT id, %1$s.st_x(geom), %1$s.st_y(geom) FROM (%2$s) AS p', gis, geo_p),
             pg_catalog.format('SELECT id, %1$s.st_x(geom), %1$s.st_y(geom) FROM (%2$s) AS s', gis, geo_s),
             (par->>'offroad_kmh')::double precision, (par->>'max_snap_m')::double precision,
             (par->>'fallback_circuity')::double precision, (par->>'fallback_kmh')::double precision, label) AS c;
END
$fn$;
COMMENT ON FUNCTION carestair.nearest_site_times(text, text) IS
  'For every point (point_id, geom) the fastest site (site_id, geom) over carestair.road_edge, with minutes and the km of that route; method road, road: unreachable (NULL site and times), or the labelled straight-line fallback for points with no road. See doc/travel_time.md.';

/*
 * legevakt_norm_check: every kommune's inhabitants (carestair.demand_point)
 * by travel time to the nearest existing legevakt (carestair.site, kind
 * existing) over the road graph, against NOU 2015:17's proposed norm of
 * 90 % within 40 minutes.  Unreachable persons count as not within.
 */
CREATE VIEW carestair.legevakt_norm_check AS
WITH t AS (
    SELECT n.point_id, n.minutes, n.method
      FROM carestair.nearest_site_times(
             'SELECT point_id, geom FROM carestair.demand_point',
             'SELECT site_id, geom FROM carestair.site WHERE kind OPERATOR(pg_catalog.=) ''existing''') AS n
), k AS (
    SELECT d.region, pg_catalog.sum(d.persons) AS persons,
           pg_catalog.sum(d.persons) FILTER (WHERE t.minutes OPERATOR(pg_catalog.<=) 20::double precision) AS p20,
           pg_catalog.sum(d.persons) FILTER (WHERE t.minutes OPERATOR(pg_catalog.<=) 40::double precision) AS p40,
           pg_catalog.sum(d.persons) FILTER (WHERE t.minutes OPERATOR(pg_catalog.<=) 60::double precision) AS p60,
           pg_catalog.sum(d.persons) FILTER (WHERE t.minutes IS NULL) AS unreachable,
           pg_catalog.sum(d.persons) FILTER (WHERE t.method OPERATOR(pg_catalog.~~) 'fallback%') AS fallback,
           pg_catalog.sum(d.persons OPERATOR(pg_catalog.*) t.minutes::numeric) FILTER (WHERE t.minutes IS NOT NULL)
             OPERATOR(pg_catalog./) NULLIF(pg_catalog.sum(d.persons) FILTER (WHERE t.minutes IS NOT NULL), 0::numeric) AS mean
      FROM carestair.demand_point AS d JOIN t ON t.point_id OPERATOR(pg_catalog.=) d.point_id
     GROUP BY d.region
)
SELECT k.region, r.name, k.persons,
       (COALESCE(k.p20, 0::numeric) OPERATOR(pg_catalog./) NULLIF(k.persons, 0::numeric))::double precision AS share_20,
       (COALESCE(k.p40, 0::numeric) OPERATOR(pg_catalog./) NULLIF(k.persons, 0::numeric))::double precision AS share_40,
       (COALESCE(k.p60, 0::numeric) OPERATOR(pg_catalog./) NULLIF(k.persons, 0::numeric))::double precision AS share_60,
       k.mean::double precision AS mean_minutes,
       COALESCE(k.unreachable, 0::numeric) AS persons_unreachable,
       COALESCE(k.fallback, 0::numeric) AS persons_fallback,
       COALESCE(k.p40, 0::numeric) OPERATOR(pg_catalog.>=) (0.9 OPERATOR(pg_catalog.*) k.persons) AS meets_norm
  FROM k LEFT JOIN carestair.region AS r ON r.region OPERATOR(pg_catalog.=) k.region;
COMMENT ON VIEW carestair.legevakt_norm_check IS 'Every kommune''s inhabitants (carestair.demand_point) by road travel time to the nearest existing legevakt (carestair.site), computed when read: shares within 20, 40 and 60 minutes and NOU 2015:17''s proposed norm (90 % within 40 minutes). See doc/legevakt.md.';
COMMENT ON COLUMN carestair.legevakt_norm_check.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.legevakt_norm_check.name IS 'Kommune name.';
COMMENT ON COLUMN carestair.legevakt_norm_check.persons IS 'Inhabitants (sum over its demand points).';
COMMENT ON COLUMN carestair.legevakt_norm_check.share_20 IS 'Share of inhabitants within 20 minutes of a legevakt.';
COMMENT ON COLUMN carestair.legevakt_norm_check.share_40 IS 'Share within 40 minutes (the NOU 2015:17 norm).';
COMMENT ON COLUMN carestair.legevakt_norm_check.share_60 IS 'Share within 60 minutes.';
COMMENT ON COLUMN carestair.legevakt_norm_check.mean_minutes IS 'Population-weighted mean minutes of those with a time.';
COMMENT ON COLUMN carestair.legevakt_norm_check.persons_unreachable IS 'Inhabitants the roads do not connect to any legevakt (counted as not within).';
COMMENT ON COLUMN carestair.legevakt_norm_check.persons_fallback IS 'Inhabitants far from every road, timed by the straight-line fallback.';
COMMENT ON COLUMN carestair.legevakt_norm_check.meets_norm IS 'True when at least 90 % are within 40 minutes.';
