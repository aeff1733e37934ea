
-- ---------------------------------------------------------------------------
-- ssb_jsonstat: SSB statbank API responses (PxWebApi, JSON-stat 2.0) as
-- typed rows, and routed into carestair's tables where the table is known.
-- See doc/ssb_jsonstat.md.
-- ---------------------------------------------------------------------------

/*
 * _jsonstat_check_keys(obj, place): raise when a JSON object repeats a key
 * (jsonb would keep the last one silently).  Internal.
 */
CREATE FUNCTION carestair._jsonstat_check_keys(obj json, place text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    k text;
BEGIN
    IF obj IS NULL OR json_typeof(obj) <> 'object' THEN
        RETURN;
    END IF;
    SELECT x.k INTO k FROM json_object_keys(obj) AS x(k) GROUP BY x.k HAVING count(*) > 1 ORDER BY x.k LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'JSON-stat response repeats key "%" in %', k, place
            USING ERRCODE = 'data_exception',
                  DETAIL = 'A repeated category or cell would be read twice, or one of them lost.',
                  HINT = 'Pass the response as SSB returned it.';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._jsonstat_check_keys(json, text) IS 'Internal: refuses a JSON object with a repeated key (a duplicate category or cell).';

/*
 * _jsonstat_bad_value(cell, value): the error for a value that is neither a
 * number nor null.  Internal.
 */
CREATE FUNCTION carestair._jsonstat_bad_value(cell bigint, value text)
RETURNS float8
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'JSON-stat value % of cell % is not a number', value, cell
        USING ERRCODE = 'invalid_text_representation',
              DETAIL = 'Values are numbers or null; SSB gives the reason for a missing value in "status".',
              HINT = 'Pass the response as SSB returned it.';
END
$$;

COMMENT ON FUNCTION carestair._jsonstat_bad_value(bigint, text) IS 'Internal: raises the JSON-stat reader''s error for a value that is not a number.';

/*
 * jsonstat_cells(response): every cell of a JSON-stat 2.0 dataset (what SSB's
 * PxWebApi returns) as a typed row: the dimension ids, the category codes and
 * labels of the cell (in the dataset's dimension order), the value (NULL when
 * missing), the status marker kept as it is (SSB: ':' confidential or not
 * available, '.' not applicable, '..' not yet available), and the unit and
 * decimals of the cell's metric category.  Cells are numbered in row-major
 * order, as in the response's value array (the last dimension runs fastest).
 */
CREATE FUNCTION carestair.jsonstat_cells(response json)
RETURNS TABLE (table_id text, cell integer, dimension_ids text[], codes text[], labels text[],
               value double precision, status text, unit text, decimals integer)
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    j       jsonb;
    ids     text[];
    sizes   integer[];
    nd      integer;
    n       bigint := 1;
    cats    jsonb := '[]';      -- per dimension: codes in category order
    strides bigint[];
    metric  text;
    d       integer;
    dim     jsonb;
    idx     jsonb;
    codes_d jsonb;
    bad     record;
    tid     text;
    positions_ok boolean;
BEGIN
    IF json_typeof(response) <> 'object' THEN
        RAISE EXCEPTION 'response is not a JSON object'
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass the body of the statbank API''s answer in JSON-stat 2.0 (format json-stat2).';
    END IF;
    PERFORM carestair._jsonstat_check_keys(response, 'the dataset');
    j := response::jsonb;
    IF j ? 'dataset' OR coalesce(j ->> 'class', 'dataset') <> 'dataset' THEN
        RAISE EXCEPTION 'response is not a JSON-stat 2.0 dataset (class "%")', coalesce(j ->> 'class', 'none, with a "dataset" member')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'carestair reads one dataset per call, in JSON-stat 2.0 ("version": "2.0", "class": "dataset").',
                  HINT = 'Ask the statbank API for format json-stat2, one table per request.';
    END IF;
    IF jsonb_typeof(j -> 'id') IS DISTINCT FROM 'array' OR jsonb_typeof(j -> 'size') IS DISTINCT FROM 'array'
       OR jsonb_typeof(j -> 'dimension') IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'JSON-stat response lacks "id", "size" or "dimension"'
            USING ERRCODE = 'data_exception',
                  HINT = 'A JSON-stat 2.0 dataset has the arrays "id" and "size" and the object "dimension".';
    END IF;
    ids := ARRAY(SELECT jsonb_array_elements_text(j -> 'id'));
    sizes := ARRAY(SELECT (x #>> '{}')::integer FROM jsonb_array_elements(j -> 'size') AS x);
    nd := cardinality(ids);
    IF nd <> cardinality(sizes) OR nd = 0 THEN
        RAISE EXCEPTION 'JSON-stat response has % dimension ids but % sizes', nd, cardinality(sizes)
            USING ERRCODE = 'data_exception',
                  HINT = 'Each id in "id" needs its number of categories in "size", in the same order.';
    END IF;
    SELECT i.id INTO bad FROM unnest(ids) AS i(id) GROUP BY i.id HAVING count(*) > 1 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'JSON-stat response lists dimension "%" twice in "id"', bad.id
            USING ERRCODE = 'data_exception', HINT = 'Pass the response as SSB returned it.';
    END IF;
    PERFORM carestair._jsonstat_check_keys(response -> 'dimension', 'dimension');
    metric := coalesce(j -> 'role' -> 'metric' ->> 0, CASE WHEN 'ContentsCode' = ANY (ids) THEN 'ContentsCode' END);

    FOR d IN 1 .. nd LOOP
        dim := j -> 'dimension' -> ids[d];
        IF dim IS NULL THEN
            RAISE EXCEPTION 'JSON-stat dimension "%" is in "id" but not in "dimension"', ids[d]
                USING ERRCODE = 'data_exception', HINT = 'Pass the response as SSB returned it.';
        END IF;
        PERFORM carestair._jsonstat_check_keys(response -> 'dimension' -> ids[d] -> 'category' -> 'index', format('the categories of dimension "%s"', ids[d]));
        PERFORM carestair._jsonstat_check_keys(response -> 'dimension' -> ids[d] -> 'category' -> 'label', format('the labels of dimension "%s"', ids[d]));
        idx := dim -> 'category' -> 'index';
        IF jsonb_typeof(idx) = 'array' THEN
            codes_d := idx;
        ELSIF jsonb_typeof(idx) = 'object' THEN
            SELECT jsonb_agg(e.key ORDER BY (e.value #>> '{}')::integer),
                   count(DISTINCT (e.value #>> '{}')::integer) = count(*)
                   AND min((e.value #>> '{}')::integer) = 0 AND max((e.value #>> '{}')::integer) = count(*) - 1
              INTO codes_d, positions_ok
              FROM jsonb_each(idx) AS e
             WHERE jsonb_typeof(e.value) = 'number';
            IF NOT coalesce(positions_ok, false) OR jsonb_array_length(codes_d) <> (SELECT count(*) FROM jsonb_object_keys(idx)) THEN
                RAISE EXCEPTION 'JSON-stat dimension "%" has category positions that are not 0 to % once each', ids[d], sizes[d] - 1
                    USING ERRCODE = 'data_exception', HINT = 'Pass the response as SSB returned it.';
            END IF;
        ELSIF idx IS NULL AND jsonb_typeof(dim -> 'category' -> 'label') = 'object' THEN
            codes_d := (SELECT jsonb_agg(k) FROM jsonb_object_keys(dim -> 'category' -> 'label') AS k);
        ELSE
            RAISE EXCEPTION 'JSON-stat dimension "%" has no category index', ids[d]
                USING ERRCODE = 'data_exception', HINT = 'Each dimension needs "category": {"index": ...}.';
        END IF;
        IF jsonb_array_length(codes_d) <> sizes[d] THEN
            RAISE EXCEPTION 'JSON-stat dimension "%" has % categories, but "size" says %', ids[d], jsonb_array_length(codes_d), sizes[d]
                USING ERRCODE = 'data_exception', HINT = 'Pass the response as SSB returned it.';
        END IF;
        SELECT c.code INTO bad FROM jsonb_array_elements_text(codes_d) AS c(code) GROUP BY c.code HAVING count(*) > 1 LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'JSON-stat dimension "%" lists category "%" twice', ids[d], bad.code
                USING ERRCODE = 'data_exception', HINT = 'Pass the response as SSB returned it.';
        END IF;
        cats := cats || jsonb_build_array(codes_d);
        IF n * sizes[d] > 100000000 THEN
            RAISE EXCEPTION 'JSON-stat response has more than 100,000,000 cells'
                USING ERRCODE = 'program_limit_exceeded', HINT = 'Ask the API for fewer categories per request.';
        END IF;
        n := n * sizes[d];
    END LOOP;
    /* Row-major strides: the last dimension runs fastest. */
    strides := array_fill(1::bigint, ARRAY[nd]);
    FOR d IN REVERSE nd - 1 .. 1 LOOP
        strides[d] := strides[d + 1] * sizes[d + 1];
    END LOOP;

    /* Values: an array of n numbers/nulls, or an object of cell index -> number. */
    IF jsonb_typeof(j -> 'value') = 'array' THEN
        IF jsonb_array_length(j -> 'value') <> n THEN
            RAISE EXCEPTION 'JSON-stat response has % values, but its sizes give % cells', jsonb_array_length(j -> 'value'), n
                USING ERRCODE = 'data_exception',
                      DETAIL = format('size is [%s].', array_to_string(sizes, ', ')),
                      HINT = 'Pass the whole response; a cut-off answer cannot be read.';
        END IF;
    ELSIF jsonb_typeof(j -> 'value') = 'object' THEN
        PERFORM carestair._jsonstat_check_keys(response -> 'value', 'value');
        SELECT k INTO bad FROM jsonb_object_keys(j -> 'value') AS k
         WHERE k !~ '^[0-9]{1,12}$' OR k::bigint >= n LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'JSON-stat value key "%" is not a cell index from 0 to %', bad.k, n - 1
                USING ERRCODE = 'data_exception', HINT = 'Pass the response as SSB returned it.';
        END IF;
    ELSE
        RAISE EXCEPTION 'JSON-stat response has no "value" array or object'
            USING ERRCODE = 'data_exception', HINT = 'Pass the response as SSB returned it.';
    END IF;
    IF jsonb_typeof(j -> 'status') = 'object' THEN
        PERFORM carestair._jsonstat_check_keys(response -> 'status', 'status');
    ELSIF jsonb_typeof(j -> 'status') = 'array' AND jsonb_array_length(j -> 'status') <> n THEN
        RAISE EXCEPTION 'JSON-stat response has % status entries, but its sizes give % cells', jsonb_array_length(j -> 'status'), n
            USING ERRCODE = 'data_exception', HINT = 'Pass the response as SSB returned it.';
    END IF;

    tid := coalesce(j -> 'extension' -> 'px' ->> 'tableid', substring(j ->> 'label' FROM '^([0-9]{5}):'));

    RETURN QUERY
    WITH c AS (
        SELECT g.i,
               CASE jsonb_typeof(j -> 'value') WHEN 'array' THEN j -> 'value' -> g.i::integer
                                                ELSE j -> 'value' -> g.i::text END AS v,
               CASE jsonb_typeof(j -> 'status') WHEN 'array' THEN j -> 'status' ->> g.i::integer
                                                 WHEN 'object' THEN j -> 'status' ->> g.i::text
                                                 WHEN 'string' THEN j ->> 'status' END AS s,
               ARRAY(SELECT cats -> (d0 - 1) ->> ((g.i / strides[d0]) % sizes[d0])::integer
                       FROM generate_series(1, nd) AS d0 ORDER BY d0) AS cc
          FROM generate_series(0::bigint, n - 1) AS g(i)
    )
    SELECT tid, c.i::integer, ids, c.cc,
           ARRAY(SELECT coalesce(j -> 'dimension' -> ids[d0] -> 'category' -> 'label' ->> c.cc[d0], c.cc[d0])
                   FROM generate_series(1, nd) AS d0 ORDER BY d0),
           CASE WHEN jsonb_typeof(c.v) = 'number' THEN (c.v #>> '{}')::float8
                WHEN c.v IS NULL OR jsonb_typeof(c.v) = 'null' THEN NULL
                ELSE carestair._jsonstat_bad_value(c.i, c.v::text) END,
           c.s,
           j -> 'dimension' -> metric -> 'category' -> 'unit' -> c.cc[array_position(ids, metric)] ->> 'base',
           (j -> 'dimension' -> metric -> 'category' -> 'unit' -> c.cc[array_position(ids, metric)] ->> 'decimals')::integer
      FROM c
     ORDER BY c.i;
END
$$;

COMMENT ON FUNCTION carestair.jsonstat_cells(json) IS
  'Every cell of a JSON-stat 2.0 dataset (SSB statbank API) as a typed row: dimension ids, category codes and labels, value (NULL when missing), status marker, unit and decimals. See doc/ssb_jsonstat.md.';


/*
 * import_ssb_jsonstat(response, source, dry_run): route a JSON-stat 2.0
 * answer into carestair's tables where carestair knows the table:
 *   - population (07459: dimensions Region, Kjonn, Alder, Tid) through the
 *     same checks as import_ssb_population (each cell becomes a line of a
 *     long-layout file: line numbers in its errors count cells from 2);
 *   - KOSTRA accounts (dimensions KOKkommuneregion..., KOKfunksjon..., with
 *     KOKart... and KOKregnskapsomfa...) into carestair.kostra_figure:
 *     regnskapsomfang A (konsern) only, functions of carestair.kostra_function,
 *     arts that name a carestair.kostra_measure, units '1000 kr' or kr per
 *     innbygger; Landet (EAK) is stored as region '0000'.
 * Anything else is reported as not routed (read it with jsonstat_cells).
 * Cells that are skipped are counted with the reason; nothing is written
 * when anything fails.
 */
CREATE FUNCTION carestair.import_ssb_jsonstat(
    response json,
    source   text DEFAULT NULL,
    dry_run  boolean DEFAULT false)
RETURNS TABLE (outcome text, target_table text, row_count bigint, detail text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ids   text[];
    tid   text;
    csv   text;
    d_reg integer; d_sex integer; d_age integer; d_year integer; d_cont integer; d_fun integer; d_art integer; d_scope integer;
    bad   record;
    src   text;
    n_new bigint; n_chg bigint;
BEGIN
    IF response IS NULL THEN
        RAISE EXCEPTION 'response must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Pass the API''s answer, e.g. pg_read_file(''/path/answer.json'')::json.';
    END IF;
    IF to_regclass('pg_temp._cs_js') IS NOT NULL THEN
        DROP TABLE pg_temp._cs_js;
    END IF;
    CREATE TEMP TABLE _cs_js ON COMMIT DROP AS SELECT * FROM carestair.jsonstat_cells(response);
    SELECT c.table_id, c.dimension_ids INTO tid, ids FROM _cs_js AS c LIMIT 1;
    d_reg := (SELECT i FROM generate_subscripts(ids, 1) AS i WHERE ids[i] ~* '^(region|kokkommuneregion)' LIMIT 1);
    d_sex := array_position(ids, 'Kjonn');
    d_age := array_position(ids, 'Alder');
    d_year := array_position(ids, 'Tid');
    d_cont := array_position(ids, 'ContentsCode');
    d_fun := (SELECT i FROM generate_subscripts(ids, 1) AS i WHERE ids[i] ~* '^kokfunksjon' LIMIT 1);
    d_art := (SELECT i FROM generate_subscripts(ids, 1) AS i WHERE ids[i] ~* '^kokart' LIMIT 1);
    d_scope := (SELECT i FROM generate_subscripts(ids, 1) AS i WHERE ids[i] ~* '^kokregnskapsomfa' LIMIT 1);

    IF d_reg IS NOT NULL AND d_age IS NOT NULL AND d_year IS NOT NULL AND d_fun IS NULL THEN
        /* Population (07459): a long-layout file for import_ssb_population. */
        csv := '"region";' || CASE WHEN d_sex IS NOT NULL THEN '"sex";' ELSE '' END || '"age";"year";"Persons"' || E'\n'
               || coalesce(string_agg(
                    format('"%s %s";', replace(c.codes[d_reg], '"', '""'), replace(c.labels[d_reg], '"', '""'))
                    || CASE WHEN d_sex IS NOT NULL THEN format('"%s";', replace(c.codes[d_sex], '"', '""')) ELSE '' END
                    || format('"%s";"%s";', replace(c.labels[d_age], '"', '""'), replace(c.codes[d_year], '"', '""'))
                    || coalesce(c.value::bigint::text, c.status, '..'), E'\n' ORDER BY c.cell), '')
          FROM _cs_js AS c
         WHERE d_cont IS NULL OR c.codes[d_cont] ~* '^personer';
        DROP TABLE pg_temp._cs_js;
        RETURN QUERY SELECT * FROM carestair.import_ssb_population(convert_to(csv, 'UTF8'), 'UTF8',
                                                                   coalesce(import_ssb_jsonstat.source, 'SSB ' || coalesce(tid, '07459') || ' (API, JSON-stat)'),
                                                                   dry_run);
        RETURN;
    END IF;

    IF d_reg IS NULL OR d_fun IS NULL OR d_art IS NULL OR d_year IS NULL THEN
        RETURN QUERY SELECT 'not routed'::text, NULL::text, count(*),
                            format('table %s: carestair has no table for dimensions %s; read the cells with carestair.jsonstat_cells',
                                   coalesce(tid, '(no id)'), array_to_string(ids, ', '))
                       FROM _cs_js;
        DROP TABLE pg_temp._cs_js;
        RETURN;
    END IF;

    /* KOSTRA accounts: one figure per kommune, year, function, measure and unit. */
    src := coalesce(import_ssb_jsonstat.source, 'SSB ' || coalesce(tid, 'KOSTRA') || ' (API, JSON-stat)');
    ALTER TABLE _cs_js ADD COLUMN region text, ADD COLUMN year integer, ADD COLUMN measure text, ADD COLUMN kunit text, ADD COLUMN reason text;
    UPDATE _cs_js AS c
       SET year = CASE WHEN c.codes[d_year] ~ '^[0-9]{4}$' THEN c.codes[d_year]::integer END,
           measure = carestair._kostra_measure_for(regexp_replace(c.labels[d_art], '\s+på funksjon.*$', '')),
           kunit = CASE WHEN lower(c.unit) ~ '^1 ?000 ?(kr|nok)$' THEN 'NOK 1000'
                        WHEN lower(c.unit) IN ('kr', 'nok') AND lower(c.labels[coalesce(d_cont, 0)]) ~ '(per innbygger|per inhabitant)' THEN 'NOK per inhabitant' END;
    UPDATE _cs_js AS c
       SET region = CASE WHEN c.codes[d_reg] = 'EAK' THEN '0000' ELSE (carestair._region_one_to_one(c.codes[d_reg], c.year)).region END,
           reason = CASE
             WHEN d_scope IS NOT NULL AND c.codes[d_scope] <> 'A'
               THEN format('regnskapsomfang %s (carestair stores konsern, A)', c.codes[d_scope])
             WHEN NOT EXISTS (SELECT FROM carestair.kostra_function AS f WHERE f.code = c.codes[d_fun]
                                AND (f.first_year IS NULL OR f.first_year <= c.year) AND (f.last_year IS NULL OR f.last_year >= c.year))
               THEN 'function not in carestair.kostra_function (pleie og omsorg, kommunehelse) that year'
             WHEN c.measure IS NULL THEN format('art %s is not a carestair.kostra_measure', c.codes[d_art])
             WHEN c.codes[d_reg] <> 'EAK' AND c.codes[d_reg] !~ '^[0-9]{4}$' THEN 'region is not a kommune or Landet (EAK)'
             WHEN c.value IS NULL THEN format('missing value, status "%s"', coalesce(c.status, 'none'))
           END;
    UPDATE _cs_js AS c
       SET reason = coalesce((carestair._region_one_to_one(c.codes[d_reg], c.year)).reason,
                             format('unknown kommunenummer %s', c.codes[d_reg]))
     WHERE c.reason IS NULL AND c.region IS NULL;

    SELECT c.cell, c.unit, c.labels[coalesce(d_cont, 0)] AS what INTO bad FROM _cs_js AS c
     WHERE c.reason IS NULL AND (c.kunit IS NULL OR c.year IS NULL) ORDER BY c.cell LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unknown unit "%" of cell % (%)', coalesce(bad.unit, 'none'), bad.cell, coalesce(bad.what, 'no contents label')
            USING ERRCODE = 'data_exception',
                  DETAIL = 'KOSTRA figures are stored in NOK 1000 ("1000 kr") or NOK per inhabitant ("kr", contents "per innbygger"), with a four-digit year.',
                  HINT = 'Ask the API for the contents in 1000 kr or kr per innbygger.';
    END IF;
    SELECT c.region, c.year, c.codes[d_fun] AS fun, c.measure, c.kunit, min(c.cell) AS c1, max(c.cell) AS c2 INTO bad
      FROM _cs_js AS c WHERE c.reason IS NULL
     GROUP BY c.region, c.year, c.codes[d_fun], c.measure, c.kunit HAVING count(*) > 1 ORDER BY 6 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'duplicate figure for region %, year %, function %, measure % (cells % and %)', bad.region, bad.year, bad.fun, bad.measure, bad.c1, bad.c2
            USING ERRCODE = 'unique_violation',
                  HINT = 'Ask for each region, function, art and year once (one contents code per unit).';
    END IF;

    SELECT count(*) FILTER (WHERE f.value IS NULL), count(*) FILTER (WHERE f.value IS NOT NULL AND f.value <> c.value::numeric)
      INTO n_new, n_chg
      FROM _cs_js AS c
      LEFT JOIN carestair.kostra_figure AS f
        ON f.region = c.region AND f.year = c.year AND f.function_code = c.codes[d_fun] AND f.measure = c.measure AND f.unit = c.kunit
     WHERE c.reason IS NULL;
    IF NOT dry_run THEN
        INSERT INTO carestair.kostra_figure AS f (region, year, function_code, measure, value, unit, source_table)
        SELECT c.region, c.year, c.codes[d_fun], c.measure, c.value::numeric, c.kunit, src
          FROM _cs_js AS c WHERE c.reason IS NULL
        ON CONFLICT (region, year, function_code, measure, unit) DO UPDATE
           SET value = excluded.value, source_table = excluded.source_table
         WHERE f.value IS DISTINCT FROM excluded.value;
    END IF;

    RETURN QUERY
    SELECT x.outcome, x.target_table, x.row_count, x.detail || CASE WHEN dry_run THEN ' (dry run: nothing written)' ELSE '' END
      FROM (VALUES (1, 'loaded', 'carestair.kostra_figure', n_new, 'new figures'),
                   (2, 'updated', 'carestair.kostra_figure', n_chg, 'figures whose value changed'),
                   (3, 'unchanged', 'carestair.kostra_figure',
                    (SELECT count(*) FROM _cs_js AS c WHERE c.reason IS NULL) - n_new - n_chg, 'figures already stored with the same value')
            UNION ALL
            SELECT 4, 'rejected', NULL, count(*), c.reason FROM _cs_js AS c WHERE c.reason IS NOT NULL GROUP BY c.reason
           ) AS x(ord, outcome, target_table, row_count, detail)
     ORDER BY x.ord, x.detail;
    DROP TABLE pg_temp._cs_js;
END
$$;

COMMENT ON FUNCTION carestair.import_ssb_jsonstat(json, text, boolean) IS
  'Route a JSON-stat 2.0 answer of SSB''s statbank API into carestair: population (07459) through import_ssb_population''s checks, KOSTRA accounts into kostra_figure; reports rows loaded, updated, unchanged, rejected. See doc/ssb_jsonstat.md.';
