
-- ---------------------------------------------------------------------------
-- ssb_projection: SSB's official population projections (regional tables
-- 14746, 12882, ...) as a reference table, their loader (statbank CSV and
-- JSON-stat 2.0), a view that sets any run scenario beside them, and the
-- decomposition of the gap between two scenarios into fertility, mortality
-- and migration parts (Shapley).  See doc/ssb_projection.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.ssb_projection (
    table_id    text NOT NULL
                CONSTRAINT ssb_projection_table_id_form CHECK (table_id OPERATOR(pg_catalog.~) '^[0-9]{5}$'),
    vintage     integer NOT NULL
                CONSTRAINT ssb_projection_vintage_range CHECK (vintage BETWEEN 1900 AND 2200),
    alternative text NOT NULL
                CONSTRAINT ssb_projection_alternative_form CHECK (alternative OPERATOR(pg_catalog.~) '^[LMHK0]{4}$'),
    region      text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year        integer NOT NULL
                CONSTRAINT ssb_projection_year_after_vintage CHECK (year BETWEEN vintage AND vintage + 200),
    sex         integer
                CONSTRAINT ssb_projection_sex_is_1_or_2 CHECK (sex IN (1, 2)),
    age_from    integer NOT NULL
                CONSTRAINT ssb_projection_age_from_range CHECK (age_from BETWEEN 0 AND 150),
    age_to      integer
                CONSTRAINT ssb_projection_age_to_range CHECK (age_to BETWEEN age_from AND 150),
    persons     double precision NOT NULL
                CONSTRAINT ssb_projection_persons_range CHECK (persons >= 0 AND persons < 'Infinity'),
    source      text,
    CONSTRAINT ssb_projection_cell UNIQUE NULLS NOT DISTINCT (table_id, vintage, alternative, region, year, sex, age_from, age_to)
);

COMMENT ON TABLE carestair.ssb_projection IS
  'SSB''s official population projections (e.g. table 14746, 2026-based; 12882, 2020-based) by table, vintage, alternative, kommune, year, sex and age group, as loaded by carestair.import_ssb_projection: the reference carestair''s scenarios are set beside. See doc/ssb_projection.md.';
COMMENT ON COLUMN carestair.ssb_projection.table_id IS 'SSB statbank table number, e.g. ''14746''.';
COMMENT ON COLUMN carestair.ssb_projection.vintage IS 'Base year of the projection round (1 January population it starts from), e.g. 2026 for table 14746.';
COMMENT ON COLUMN carestair.ssb_projection.alternative IS 'SSB alternative code: fertility, life expectancy, internal migration, immigration; L low, M medium, H high, K constant, 0 none (e.g. ''MMMM'' main, ''LLML'', ''HHMH'').';
COMMENT ON COLUMN carestair.ssb_projection.region IS 'Kommunenummer (carestair.region).';
COMMENT ON COLUMN carestair.ssb_projection.year IS 'The 1 January the persons refer to.';
COMMENT ON COLUMN carestair.ssb_projection.sex IS 'SSB sex code 1 male, 2 female; NULL for both sexes.';
COMMENT ON COLUMN carestair.ssb_projection.age_from IS 'First age of the group (0 for all ages).';
COMMENT ON COLUMN carestair.ssb_projection.age_to IS 'Last age of the group; NULL for an open group (all ages: age_from 0, age_to NULL).';
COMMENT ON COLUMN carestair.ssb_projection.persons IS 'Projected persons on 1 January, as SSB published them.';
COMMENT ON COLUMN carestair.ssb_projection.source IS 'Where the numbers came from (file, API response).';

SELECT pg_catalog.pg_extension_config_dump('carestair.ssb_projection', '');

/*
 * _ssb_parse_sex(label): 1, 2, 0 (both sexes) from an SSB sex label in
 * English, Norwegian or code form; NULL when not a sex.  Internal.
 */
CREATE FUNCTION carestair._ssb_parse_sex(label text)
RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT CASE
           WHEN pg_catalog.lower(pg_catalog.btrim(label)) IN ('1', 'males', 'male', 'menn', 'mann', 'm') THEN 1
           WHEN pg_catalog.lower(pg_catalog.btrim(label)) IN ('2', 'females', 'female', 'kvinner', 'kvinne', 'k', 'f') THEN 2
           WHEN pg_catalog.lower(pg_catalog.btrim(label)) IN ('0', 'both sexes', 'begge kjønn', 'total', 'i alt') THEN 0
         END;
END;

COMMENT ON FUNCTION carestair._ssb_parse_sex(text) IS 'Internal: SSB sex code from a label (''Males''/''Menn''/''1'' -> 1, ''Females''/''Kvinner''/''2'' -> 2, both sexes -> 0).';

/*
 * _ssb_age_band(label): (age_from, age_to) from an SSB age label: all ages
 * ('I alt', 'Alle aldre', 'total') -> (0, NULL); a single year ('67 år',
 * '067', '67 years') -> (67, 67); an open group ('105 år eller eldre',
 * '105+', '80 år og over') -> (105, NULL); a band ('0-19 år', '20-64')
 * -> (0, 19).  NULLs when the label is none of these.  Internal.
 */
CREATE FUNCTION carestair._ssb_age_band(label text, OUT age_from integer, OUT age_to integer)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT CASE WHEN l.l OPERATOR(pg_catalog.~) '^(i alt|alle aldre|all ages|total|totalt|sum)$' THEN 0
              ELSE coalesce(b.m[1], o.m[1], s.m[1])::integer END,
         CASE WHEN b.m IS NOT NULL THEN b.m[2]::integer
              WHEN o.m IS NULL AND s.m IS NOT NULL THEN s.m[1]::integer END
    FROM (SELECT pg_catalog.lower(pg_catalog.btrim(label)) AS l) AS l,
         LATERAL (SELECT pg_catalog.regexp_match(l.l, '^([0-9]{1,3}) ?[-–] ?([0-9]{1,3})(?: ?(?:år|aar|years))?$') AS m) AS b,
         LATERAL (SELECT pg_catalog.regexp_match(l.l, '^([0-9]{1,3})(?: ?(?:år|aar|years?))? ?(?:\+|og over|og eldre|eller eldre|eller mer|or older|or over|and over)$') AS m) AS o,
         LATERAL (SELECT pg_catalog.regexp_match(l.l, '^([0-9]{1,3})(?: ?(?:år|aar|years?))?$') AS m) AS s
   WHERE l.l OPERATOR(pg_catalog.~) '^(i alt|alle aldre|all ages|total|totalt|sum)$'
      OR ((b.m IS NOT NULL AND b.m[1]::integer OPERATOR(pg_catalog.<=) b.m[2]::integer) OR (b.m IS NULL AND (o.m IS NOT NULL OR s.m IS NOT NULL)));
END;

COMMENT ON FUNCTION carestair._ssb_age_band(text) IS 'Internal: age group bounds from an SSB age label (''0-19 år'' -> 0, 19; ''80+'' -> 80, NULL; ''I alt'' -> 0, NULL).';

/*
 * _ssb_alternative(label): the SSB alternative code a label names, e.g.
 * 'Hovedalternativet (MMMM)' -> 'MMMM', 'projected_persons_mmmm' -> 'MMMM',
 * 'LLML total' -> 'LLML'; NULL when it names none.  Internal.
 */
CREATE FUNCTION carestair._ssb_alternative(label text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT pg_catalog.upper((pg_catalog.regexp_match(label, '(?:^|[^[:alnum:]])([LMHK0]{4})(?:[^[:alnum:]]|$)', 'i'))[1]);
END;

COMMENT ON FUNCTION carestair._ssb_alternative(text) IS 'Internal: SSB alternative code (''MMMM'') named in a label, or NULL.';

/*
 * _ssb_projection_vintage(table_id): the base year of the SSB projection
 * tables carestair knows (12882: 2020-based, 14288: 2024-based, 14746:
 * 2026-based), else NULL.  Internal.
 */
CREATE FUNCTION carestair._ssb_projection_vintage(table_id text)
RETURNS integer
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT CASE table_id WHEN '12882' THEN 2020 WHEN '14288' THEN 2024 WHEN '14746' THEN 2026 END;
END;

COMMENT ON FUNCTION carestair._ssb_projection_vintage(text) IS 'Internal: base year of a known SSB projection table (12882 -> 2020, 14288 -> 2024, 14746 -> 2026).';

/*
 * _ssb_projection_csv(data): the cells of a statbank CSV export of a
 * projection table (or of the compiled layouts bundled under data/), one
 * row per value, into the temporary table _sp_cell; returns the table
 * number found in a title line ("14746: ..."), if any.
 *
 * Layout: a header row whose first column is the region (region, kommune,
 * kommunenr, kommunenummer, kommunenummer_2024), then optional name columns
 * (kommune, kommunenavn, fylke, serie), optional kjønn/sex, alder/age,
 * statistikkvariabel/contents/serie_tekst (the alternative, e.g.
 * "Hovedalternativet (MMMM)" or "MMMM 0-19" with the age group after the
 * code) and år/year columns, and value columns whose header may carry the
 * alternative, the year and the sex ("Hovedalternativet (MMMM) 2030 Menn",
 * "personer", "projected_persons_mmmm").  Internal.
 */
CREATE FUNCTION carestair._ssb_projection_csv(data text)
RETURNS text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    hdr     record;
    bad     record;
    ncol    integer;
    title   text;
    c_sex   integer;
    c_age   integer;
    c_alt   integer;
    c_year  integer;
    v_col   integer[] := '{}';
    h       text;
    i       integer;
BEGIN
    CREATE TEMP TABLE _sp_rec ON COMMIT DROP AS
    SELECT r.line_no, r.fields FROM carestair.read_csv(convert_to(data, 'UTF8'), 'UTF8') AS r;
    SELECT r.line_no, r.fields INTO hdr FROM _sp_rec AS r
     WHERE lower(btrim(r.fields[1])) IN ('region', 'kommune', 'kommunenr', 'kommunenummer', 'kommunenummer_2024', 'region code', 'regionkode')
     ORDER BY r.line_no LIMIT 1;
    IF hdr.line_no IS NULL THEN
        RAISE EXCEPTION 'data has no header row with a "region" column'
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = 'The importer reads SSB statbank CSV exports (first column "region") and JSON-stat 2.0 responses (a JSON object).',
                  HINT = 'Export the projection table (e.g. 14746) from the statbank as CSV with region as the first column.';
    END IF;
    ncol := cardinality(hdr.fields);
    SELECT substring(btrim(r.fields[1]) FROM '^([0-9]{5}):') INTO title FROM _sp_rec AS r
     WHERE r.line_no < hdr.line_no AND btrim(r.fields[1]) ~ '^[0-9]{5}:' ORDER BY r.line_no LIMIT 1;
    SELECT r.line_no, cardinality(r.fields) AS n INTO bad FROM _sp_rec AS r
     WHERE r.line_no > hdr.line_no AND cardinality(r.fields) NOT IN (1, ncol) ORDER BY r.line_no LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'line % has % fields, the header at line % has %', bad.line_no, bad.n, hdr.line_no, ncol
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Check the separator and quoting of that line.';
    END IF;

    FOR i IN 2 .. ncol LOOP
        h := lower(btrim(hdr.fields[i]));
        IF h IN ('kommune', 'kommunenavn', 'kommunenamn', 'name', 'navn', 'fylke', 'fylkesnavn', 'county', 'serie') THEN
            NULL;
        ELSIF h IN ('kjønn', 'kjonn', 'sex') THEN
            c_sex := i;
        ELSIF h IN ('alder', 'age') THEN
            c_age := i;
        ELSIF h IN ('statistikkvariabel', 'contents', 'statistical variable', 'serie_tekst', 'alternativ', 'alternative') THEN
            c_alt := i;
        ELSIF h IN ('år', 'aar', 'year', 'tid') THEN
            c_year := i;
        ELSE
            v_col := v_col || i;
        END IF;
    END LOOP;
    IF cardinality(v_col) = 0 THEN
        RAISE EXCEPTION 'the header at line % has no value column', hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = format('The columns are %s.', array_to_string(hdr.fields, ', ')),
                  HINT = 'Value columns are named by the alternative and year, e.g. "Hovedalternativet (MMMM) 2030", or "personer" beside year and alternative columns.';
    END IF;

    /*
     * One row per record and value column.  Labels repeat (a few regions,
     * ages and alternatives over thousands of cells): each distinct label is
     * parsed once and joined back.
     */
    CREATE TEMP TABLE _sp_cell ON COMMIT DROP AS
    WITH cols AS (
        SELECT v.col, hdr.fields[v.col] AS col_name,
               substring(hdr.fields[v.col] FROM '(?:^|[^0-9])((?:19|20|21)[0-9]{2})(?:[^0-9]|$)') AS col_year,
               carestair._ssb_alternative(hdr.fields[v.col]) AS col_alt,
               (SELECT carestair._ssb_parse_sex(w) FROM regexp_split_to_table(hdr.fields[v.col], '\s+') AS w
                 WHERE carestair._ssb_parse_sex(w) IS NOT NULL AND w !~ '^[0-9]+$' LIMIT 1) AS col_sex
          FROM unnest(v_col) AS v(col)
    ), cells AS (
        SELECT r.line_no, c.col, c.col_name, c.col_alt, c.col_sex,
               btrim(r.fields[1]) AS region_raw,
               btrim(r.fields[c_sex]) AS sex_field,
               btrim(r.fields[c_alt]) AS alt_field,
               coalesce(btrim(r.fields[c_age]),
                        /* "MMMM 0-19": the age group follows the code */
                        CASE WHEN btrim(r.fields[c_alt]) ~* '^[LMHK0]{4}\s+\S' THEN regexp_replace(btrim(r.fields[c_alt]), '^\S+\s+', '') END,
                        'all ages') AS age_raw,
               coalesce(btrim(r.fields[c_year]), c.col_year) AS year_raw,
               btrim(r.fields[c.col]) AS value_raw
          FROM _sp_rec AS r CROSS JOIN cols AS c
         WHERE r.line_no > hdr.line_no AND cardinality(r.fields) = ncol
    ), regions AS (
        SELECT x.region_raw, s.code, s.skip FROM (SELECT DISTINCT c.region_raw FROM cells AS c) AS x,
               carestair._statbank_cell(x.region_raw, NULL, NULL) AS s
    ), ages AS (
        SELECT x.age_raw, a.age_from, a.age_to FROM (SELECT DISTINCT c.age_raw FROM cells AS c) AS x,
               carestair._ssb_age_band(x.age_raw) AS a
    ), alts AS (
        SELECT x.alt_field, carestair._ssb_alternative(x.alt_field) AS alternative FROM (SELECT DISTINCT c.alt_field FROM cells AS c) AS x
    ), sexes AS (
        SELECT x.sex_field, carestair._ssb_parse_sex(x.sex_field) AS sex FROM (SELECT DISTINCT c.sex_field FROM cells AS c) AS x
    ), vals AS (
        -- plain counts need no parsing; the rest (decimals, markers, errors) go through _statbank_cell
        SELECT x.value_raw, s.value, s.skip FROM (SELECT DISTINCT c.value_raw FROM cells AS c WHERE c.value_raw !~ '^[0-9]{1,15}$') AS x,
               carestair._statbank_cell('0000', NULL, x.value_raw) AS s
    )
    SELECT format('line %s, column "%s"', c.line_no, c.col_name) AS pos, (c.line_no::bigint << 16) + c.col AS ord,
           c.region_raw, g.code, c.year_raw, CASE WHEN c.year_raw ~ '^[0-9]{4}$' THEN c.year_raw::integer END AS year,
           coalesce(c.sex_field, 'both sexes') AS sex_raw,
           CASE WHEN c.sex_field IS NOT NULL THEN x.sex ELSE coalesce(c.col_sex, 0) END AS sex,
           c.age_raw, a.age_from, a.age_to,
           coalesce(c.alt_field, c.col_name) AS alt_raw,
           CASE WHEN c.alt_field IS NOT NULL THEN l.alternative ELSE c.col_alt END AS alternative,
           c.value_raw, CASE WHEN c.value_raw ~ '^[0-9]{1,15}$' THEN c.value_raw::double precision ELSE v.value::double precision END AS persons,
           coalesce(g.skip, v.skip) AS reject_reason
      FROM cells AS c
      JOIN regions AS g ON g.region_raw = c.region_raw
      JOIN ages AS a ON a.age_raw = c.age_raw
      LEFT JOIN vals AS v ON v.value_raw = c.value_raw
      LEFT JOIN alts AS l ON l.alt_field = c.alt_field
      LEFT JOIN sexes AS x ON x.sex_field = c.sex_field;
    RETURN title;
END
$$;

COMMENT ON FUNCTION carestair._ssb_projection_csv(text) IS 'Internal: the cells of a statbank CSV export of an SSB projection table, into the temporary table _sp_cell.';

/*
 * _ssb_projection_jsonstat(j): the cells of a JSON-stat 2.0 dataset (as
 * SSB's statbank API returns it, response format "json-stat2") of a
 * projection table into the temporary table _sp_cell; returns the table
 * number (extension.px.tableid, or the "14746: ..." label).
 *
 * Checks the structure first: class "dataset", id and size of equal
 * length, every dimension present with as many categories as its size,
 * value holding the product of the sizes.  Dimensions: the region
 * (Region, role geo), Kjonn (sex), Alder (age), ContentsCode (role metric:
 * the alternatives, named in their labels, "Hovedalternativet (MMMM)") and
 * Tid (role time); any other dimension must have size 1.  Values are
 * numbers; a null is a missing value when status marks it.  Internal.
 */
CREATE FUNCTION carestair._ssb_projection_jsonstat(j jsonb)
RETURNS text
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ids    text[];
    sizes  integer[];
    n      bigint := 1;
    nval   bigint;
    d      record;
    roles  jsonb := coalesce(j -> 'role', '{}');
    ncat   bigint;
    title  text;
BEGIN
    IF jsonb_typeof(j) <> 'object' OR j ->> 'class' IS DISTINCT FROM 'dataset' THEN
        RAISE EXCEPTION 'JSON-stat data is not a dataset (class "%")', coalesce(j ->> 'class', 'missing')
            USING ERRCODE = 'invalid_text_representation',
                  DETAIL = 'The importer reads JSON-stat 2.0 datasets, as SSB''s API returns them with "response": {"format": "json-stat2"}.',
                  HINT = 'Request the table with response format json-stat2.';
    END IF;
    IF jsonb_typeof(j -> 'id') IS DISTINCT FROM 'array' OR jsonb_typeof(j -> 'size') IS DISTINCT FROM 'array'
       OR jsonb_typeof(j -> 'dimension') IS DISTINCT FROM 'object' THEN
        RAISE EXCEPTION 'JSON-stat dataset lacks "id", "size" or "dimension"'
            USING ERRCODE = 'invalid_text_representation',
                  HINT = 'Pass the whole, unedited API response.';
    END IF;
    IF EXISTS (SELECT FROM jsonb_array_elements(j -> 'size') AS s WHERE jsonb_typeof(s) <> 'number' OR s::text !~ '^[0-9]+$') THEN
        RAISE EXCEPTION 'JSON-stat "size" % is not a list of whole numbers', j -> 'size'
            USING ERRCODE = 'data_exception',
                  HINT = 'Pass the whole, unedited API response.';
    END IF;
    ids := ARRAY(SELECT jsonb_array_elements_text(j -> 'id'));
    sizes := ARRAY(SELECT s::text::integer FROM jsonb_array_elements(j -> 'size') AS s);
    IF cardinality(ids) <> cardinality(sizes) THEN
        RAISE EXCEPTION 'JSON-stat "id" has % dimensions but "size" has %', cardinality(ids), cardinality(sizes)
            USING ERRCODE = 'data_exception',
                  HINT = 'Pass the whole, unedited API response.';
    END IF;

    /* Dimensions: position, size, stride (row-major, the last id runs fastest), role. */
    CREATE TEMP TABLE _sp_dim ON COMMIT DROP AS
    SELECT x.dim, x.id, x.size,
           coalesce((SELECT round(exp(sum(ln(y.size)))) FROM unnest(sizes) WITH ORDINALITY AS y(size, dim) WHERE y.dim > x.dim), 1)::bigint AS stride,
           CASE WHEN x.id ~* '^(region|kommune)' OR roles -> 'geo' ? x.id THEN 'region'
                WHEN x.id ~* '^(kj(o|ø)nn|sex)$' THEN 'sex'
                WHEN x.id ~* '^(alder|age)$' THEN 'age'
                WHEN x.id = 'ContentsCode' OR roles -> 'metric' ? x.id THEN 'contents'
                WHEN x.id = 'Tid' OR roles -> 'time' ? x.id THEN 'year' END AS role,
           j -> 'dimension' -> x.id -> 'category' AS category
      FROM unnest(ids, sizes) WITH ORDINALITY AS x(id, size, dim);
    FOR d IN SELECT * FROM _sp_dim ORDER BY dim LOOP
        IF d.category IS NULL THEN
            RAISE EXCEPTION 'JSON-stat dimension "%" is listed in "id" but has no categories', d.id
                USING ERRCODE = 'data_exception',
                      HINT = 'Pass the whole, unedited API response.';
        END IF;
        ncat := (SELECT CASE jsonb_typeof(c.c) WHEN 'array' THEN jsonb_array_length(c.c)
                                               WHEN 'object' THEN (SELECT count(*) FROM jsonb_object_keys(c.c)) END
                   FROM (SELECT coalesce(d.category -> 'index', d.category -> 'label') AS c) AS c);
        IF ncat IS DISTINCT FROM d.size THEN
            RAISE EXCEPTION 'JSON-stat dimension "%" has size % in "size" but % categories', d.id, d.size, coalesce(ncat::text, 'no')
                USING ERRCODE = 'data_exception',
                      HINT = 'Pass the whole, unedited API response.';
        END IF;
        IF d.role IS NULL AND d.size > 1 THEN
            RAISE EXCEPTION 'JSON-stat dimension "%" (% categories) is not one of region, sex, age, contents and year', d.id, d.size
                USING ERRCODE = 'bad_copy_file_format',
                      HINT = 'Select a single category of that dimension in the API query.';
        END IF;
        n := n * d.size;
    END LOOP;
    IF (SELECT count(*) FILTER (WHERE x.role = 'region') <> 1 OR count(*) FILTER (WHERE x.role = 'year') <> 1
               OR count(*) FILTER (WHERE x.role IS NOT NULL) <> count(DISTINCT x.role) FROM _sp_dim AS x) THEN
        RAISE EXCEPTION 'JSON-stat dataset needs one region and one year dimension, and at most one of sex, age and contents; it has %', array_to_string(ids, ', ')
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Query the projection table with the dimensions Region, Kjonn, Alder, ContentsCode and Tid.';
    END IF;
    nval := CASE jsonb_typeof(j -> 'value') WHEN 'array' THEN jsonb_array_length(j -> 'value') END;
    IF jsonb_typeof(j -> 'value') = 'object' THEN
        IF EXISTS (SELECT FROM jsonb_object_keys(j -> 'value') AS k WHERE k !~ '^[0-9]{1,18}$' OR k::bigint >= n) THEN
            RAISE EXCEPTION 'JSON-stat "value" has an index outside 0..% (the product of "size")', n - 1
                USING ERRCODE = 'data_exception',
                      HINT = 'Pass the whole, unedited API response.';
        END IF;
    ELSIF nval IS DISTINCT FROM n THEN
        RAISE EXCEPTION 'JSON-stat "value" has % values, but "size" % makes %', coalesce(nval::text, 'no'), j -> 'size', n
            USING ERRCODE = 'data_exception',
                  HINT = 'Pass the whole, unedited API response.';
    END IF;

    /* Categories of every dimension, by position. */
    CREATE TEMP TABLE _sp_cat ON COMMIT DROP AS
    SELECT x.dim, x.role, c.code, c.pos::bigint AS pos,
           coalesce(x.category -> 'label' ->> c.code, c.code) AS label
      FROM _sp_dim AS x
     CROSS JOIN LATERAL (
        SELECT k.key AS code, k.value::text::integer AS pos
          FROM jsonb_each(CASE jsonb_typeof(x.category -> 'index') WHEN 'object' THEN x.category -> 'index' END) AS k
        UNION ALL
        SELECT e.code, (e.ord - 1)::integer
          FROM jsonb_array_elements_text(CASE jsonb_typeof(x.category -> 'index') WHEN 'array' THEN x.category -> 'index' END) WITH ORDINALITY AS e(code, ord)
        UNION ALL
        SELECT k.key, (row_number() OVER (ORDER BY k.ord) - 1)::integer
          FROM jsonb_each(CASE WHEN x.category -> 'index' IS NULL THEN x.category -> 'label' END) WITH ORDINALITY AS k(key, value, ord)) AS c;

    /* Each category parsed once: kommunenummer, sex, age group, alternative. */
    ALTER TABLE _sp_cat ADD COLUMN p_code text, ADD COLUMN p_sex integer, ADD COLUMN p_from integer, ADD COLUMN p_to integer, ADD COLUMN p_alt text;
    UPDATE _sp_cat AS c
       SET p_code = CASE c.role WHEN 'region' THEN substring(c.code FROM '^(?:K-)?([0-9]{4})$') END,
           p_sex = CASE c.role WHEN 'sex' THEN carestair._ssb_parse_sex(c.code) END,
           p_from = coalesce(a1.age_from, a2.age_from),
           p_to = CASE WHEN a1.age_from IS NOT NULL THEN a1.age_to ELSE a2.age_to END,
           p_alt = CASE c.role WHEN 'contents' THEN coalesce(carestair._ssb_alternative(c.label), carestair._ssb_alternative(c.code)) END
      FROM _sp_cat AS k
      LEFT JOIN LATERAL carestair._ssb_age_band(CASE k.role WHEN 'age' THEN k.code END) AS a1 ON true
      LEFT JOIN LATERAL carestair._ssb_age_band(CASE k.role WHEN 'age' THEN k.label END) AS a2 ON true
     WHERE (k.dim, k.pos) = (c.dim, c.pos);
    ANALYZE _sp_cat;

    CREATE TEMP TABLE _sp_cell ON COMMIT DROP AS
    WITH vals AS (
        SELECT (e.ord - 1) AS idx, e.val FROM jsonb_array_elements(CASE jsonb_typeof(j -> 'value') WHEN 'array' THEN j -> 'value' END) WITH ORDINALITY AS e(val, ord)
        UNION ALL
        SELECT k.key::bigint, k.value FROM jsonb_each(CASE jsonb_typeof(j -> 'value') WHEN 'object' THEN j -> 'value' END) AS k
    ), coords AS (
        SELECT v.idx, v.val,
               max(c.code) FILTER (WHERE c.role = 'region') AS region_code,
               max(c.label) FILTER (WHERE c.role = 'region') AS region_label,
               max(c.p_code) FILTER (WHERE c.role = 'region') AS code,
               max(c.code) FILTER (WHERE c.role = 'year') AS year_raw,
               max(c.code) FILTER (WHERE c.role = 'sex') AS sex_raw,
               max(c.p_sex) FILTER (WHERE c.role = 'sex') AS sex,
               max(c.code) FILTER (WHERE c.role = 'age') AS age_code,
               max(c.p_from) FILTER (WHERE c.role = 'age') AS age_from,
               max(c.p_to) FILTER (WHERE c.role = 'age') AS age_to,
               max(c.code) FILTER (WHERE c.role = 'contents') AS alt_code,
               max(c.label) FILTER (WHERE c.role = 'contents') AS alt_label,
               max(c.p_alt) FILTER (WHERE c.role = 'contents') AS alternative
          FROM vals AS v
          JOIN _sp_dim AS x ON x.role IS NOT NULL
          JOIN _sp_cat AS c ON c.dim = x.dim AND c.pos = (v.idx / x.stride) % x.size
         GROUP BY v.idx, v.val
    )
    SELECT format('value %s (%s)', c.idx, concat_ws(', ', c.region_code, c.sex_raw, c.age_code, c.alt_code, c.year_raw)) AS pos, c.idx AS ord,
           c.region_code || coalesce(' ' || nullif(c.region_label, c.region_code), '') AS region_raw, c.code,
           c.year_raw, CASE WHEN c.year_raw ~ '^[0-9]{4}$' THEN c.year_raw::integer END AS year,
           coalesce(c.sex_raw, 'both sexes') AS sex_raw, CASE WHEN c.sex_raw IS NULL THEN 0 ELSE c.sex END AS sex,
           coalesce(c.age_code, 'all ages') AS age_raw,
           CASE WHEN c.age_code IS NULL THEN 0 ELSE c.age_from END AS age_from, c.age_to,
           coalesce(c.alt_label, c.alt_code) AS alt_raw, c.alternative,
           CASE jsonb_typeof(c.val) WHEN 'string' THEN c.val #>> '{}' ELSE c.val::text END AS value_raw,
           CASE WHEN jsonb_typeof(c.val) = 'number' THEN c.val::text::double precision END AS persons,
           CASE
             WHEN c.region_code ~ '^(F-?)?[0-9]{2}$' OR c.region_code ~ '^(0|00|0000)$' OR c.region_code ~ '^E[A-Z]{2,}'
               THEN 'region is the country or a county, not a kommune'
             WHEN jsonb_typeof(c.val) = 'null' AND st.status IS NOT NULL
               THEN format('missing value (status "%s")', st.status)
           END AS reject_reason
      FROM coords AS c
      LEFT JOIN LATERAL (SELECT CASE jsonb_typeof(j -> 'status')
                                  WHEN 'object' THEN j -> 'status' ->> c.idx::text
                                  WHEN 'array' THEN j -> 'status' ->> c.idx::integer
                                  WHEN 'string' THEN j ->> 'status' END AS status) AS st ON true;

    title := coalesce(j -> 'extension' -> 'px' ->> 'tableid', substring(j ->> 'label' FROM '^([0-9]{5}):'));
    DROP TABLE pg_temp._sp_dim, pg_temp._sp_cat;
    RETURN title;
END
$$;

COMMENT ON FUNCTION carestair._ssb_projection_jsonstat(jsonb) IS 'Internal: the cells of a JSON-stat 2.0 response of an SSB projection table, into the temporary table _sp_cell.';

/*
 * _ssb_projection_drop_temps(): drop the loader's temporary tables
 * (_sp_rec, _sp_cell, _sp_dim, _sp_cat, _sp_map, _sp_new) that exist.
 * Internal.
 */
CREATE FUNCTION carestair._ssb_projection_drop_temps()
RETURNS void
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['_sp_rec', '_sp_cell', '_sp_dim', '_sp_cat', '_sp_map', '_sp_new'] LOOP
        IF to_regclass(format('pg_temp.%I', t)) IS NOT NULL THEN
            EXECUTE format('DROP TABLE pg_temp.%I', t);
        END IF;
    END LOOP;
END
$$;

COMMENT ON FUNCTION carestair._ssb_projection_drop_temps() IS 'Internal: drops the temporary tables of carestair.import_ssb_projection.';

/*
 * import_ssb_projection(data, table_id, vintage, source, dry_run)
 *
 * Loads SSB's population projection for kommuner into
 * carestair.ssb_projection from a statbank CSV export (any of the
 * statbank's layouts, and the compiled layouts shipped under data/) or a
 * JSON-stat 2.0 API response (data starting with "{").  The table number
 * comes from table_id, else from the content (title line, JSON-stat
 * extension); the vintage (base year) from vintage, else from the tables
 * carestair knows (12882 2020, 14288 2024, 14746 2026).
 *
 * Every cell is checked before anything is written: region (a kommune
 * carestair knows; rows for the country and counties are skipped and
 * counted; old kommunenummer are mapped when one to one in the vintage
 * year), year, sex, age group, alternative (an SSB code such as MMMM,
 * named in the label) and value (a number >= 0; SSB's missing-value markers
 * are skipped and counted); the same cell twice is an error.  On any error
 * nothing is written.  Rows already stored are updated in place.
 */
CREATE FUNCTION carestair.import_ssb_projection(
    data     text,
    table_id text DEFAULT NULL,
    vintage  integer DEFAULT NULL,
    source   text DEFAULT NULL,
    dry_run  boolean DEFAULT false)
RETURNS TABLE (outcome text, row_count bigint, detail text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    j       jsonb;
    found_t text;
    tab     text;
    vin     integer;
    src     text;
    bad     record;
    n_new   bigint;
    n_chg   bigint;
    n_same  bigint;
BEGIN
    IF data IS NULL THEN
        RAISE EXCEPTION 'data must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Pass the text of a statbank CSV export or of a JSON-stat 2.0 response.';
    END IF;
    IF table_id IS NOT NULL AND table_id !~ '^[0-9]{5}$' THEN
        RAISE EXCEPTION 'invalid table_id "%"', table_id
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'SSB statbank tables have five-digit numbers.',
                  HINT = 'Use e.g. ''14746'' (2026-based regional projection) or ''12882'' (2020-based).';
    END IF;
    IF vintage IS NOT NULL AND vintage NOT BETWEEN 1900 AND 2200 THEN
        RAISE EXCEPTION 'invalid vintage %', vintage
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The vintage is the base year of the projection round, e.g. 2026.',
                  HINT = 'Pass a year between 1900 and 2200.';
    END IF;
    /* Temporary tables left by an import that failed earlier in the transaction. */
    PERFORM carestair._ssb_projection_drop_temps();

    IF btrim(data, E' \t\r\n\uFEFF') LIKE '{%' THEN
        BEGIN
            j := data::jsonb;
        EXCEPTION WHEN invalid_text_representation THEN
            RAISE EXCEPTION 'data starts with "{" but is not valid JSON'
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = SQLERRM,
                      HINT = 'Pass the whole, unedited JSON-stat 2.0 response.';
        END;
        found_t := carestair._ssb_projection_jsonstat(j);
    ELSE
        found_t := carestair._ssb_projection_csv(data);
    END IF;
    ANALYZE _sp_cell;

    tab := coalesce(import_ssb_projection.table_id, found_t);
    IF tab IS NULL THEN
        RAISE EXCEPTION 'cannot tell which SSB table the data is'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Neither a title line ("14746: ...") nor a JSON-stat table id is present.',
                  HINT = 'Pass table_id, e.g. table_id => ''14746''.';
    END IF;
    IF import_ssb_projection.table_id IS NOT NULL AND found_t IS NOT NULL AND found_t <> import_ssb_projection.table_id THEN
        RAISE EXCEPTION 'table_id "%" differs from the table % named in the data', import_ssb_projection.table_id, found_t
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Leave table_id out, or check that the right file was passed.';
    END IF;
    vin := coalesce(import_ssb_projection.vintage, carestair._ssb_projection_vintage(tab));
    IF vin IS NULL THEN
        RAISE EXCEPTION 'unknown vintage of SSB table %', tab
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'carestair knows the base years of tables 12882 (2020), 14288 (2024) and 14746 (2026).',
                  HINT = 'Pass vintage, the base year of the projection round, e.g. vintage => 2022.';
    END IF;
    src := coalesce(import_ssb_projection.source, format('SSB %s (%s-based)', tab, vin));

    /* The first cell that is neither valid nor a documented skip is an error. */
    SELECT c.*, CASE WHEN c.code IS NULL THEN 'region' WHEN c.year IS NULL THEN 'year' WHEN c.sex IS NULL THEN 'sex'
                     WHEN c.age_from IS NULL THEN 'age' WHEN c.alternative IS NULL THEN 'alternative' ELSE 'value' END AS what
      INTO bad FROM _sp_cell AS c
     WHERE c.reject_reason IS NULL
       AND (c.code IS NULL OR c.year IS NULL OR c.sex IS NULL OR c.age_from IS NULL OR c.alternative IS NULL
            OR c.persons IS NULL OR NOT c.persons BETWEEN 0 AND 1e12)
     ORDER BY c.ord LIMIT 1;
    IF FOUND THEN
        CASE bad.what
          WHEN 'region' THEN
            RAISE EXCEPTION 'invalid region "%" at %', bad.region_raw, bad.pos
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'A kommune is a four-digit kommunenummer, optionally after "K-", before its name.',
                      HINT = 'Export the region dimension with codes, e.g. "5524 Målselv".';
          WHEN 'year' THEN
            RAISE EXCEPTION 'invalid year "%" at %', coalesce(bad.year_raw, '(none)'), bad.pos
                USING ERRCODE = 'invalid_text_representation',
                      HINT = 'Years are four digits, in a year column or at the end of the value column''s header ("... 2030").';
          WHEN 'sex' THEN
            RAISE EXCEPTION 'invalid sex "%" at %', bad.sex_raw, bad.pos
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'Sex is Menn/Kvinner, Males/Females, SSB''s codes 1/2, or both sexes.',
                      HINT = 'Export the sex dimension with SSB''s labels or codes.';
          WHEN 'age' THEN
            RAISE EXCEPTION 'invalid age "%" at %', bad.age_raw, bad.pos
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'Ages are single years ("67 år", "067"), open groups ("105 år eller eldre", "80+"), bands ("0-19 år") or all ages ("I alt").',
                      HINT = 'Export the age dimension with SSB''s labels or codes.';
          WHEN 'alternative' THEN
            RAISE EXCEPTION 'unknown alternative "%" at %', bad.alt_raw, bad.pos
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'SSB names its alternatives by four letters (fertility, life expectancy, internal migration, immigration; L, M, H, K or 0), e.g. "Hovedalternativet (MMMM)".',
                      HINT = 'Export the contents (statistikkvariabel) with its labels, which carry the code, e.g. MMMM, LLML or HHMH.';
          ELSE
            RAISE EXCEPTION 'invalid number of persons "%" at %', bad.value_raw, bad.pos
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'Projected persons are numbers >= 0; SSB marks missing values with "..", ":" or ".".',
                      HINT = 'Check the separator, and that no cell holds text or a negative number.';
        END CASE;
    END IF;

    /* Current kommune of each code, as of the vintage (5418 in 2020 -> 5524). */
    CREATE TEMP TABLE _sp_map ON COMMIT DROP AS
    SELECT k.code, o.region, o.reason
      FROM (SELECT DISTINCT c.code FROM _sp_cell AS c WHERE c.reject_reason IS NULL) AS k,
           carestair._region_one_to_one(k.code, vin) AS o;
    ANALYZE _sp_map;
    ALTER TABLE _sp_cell ADD COLUMN region text;
    UPDATE _sp_cell AS c SET region = m.region, reject_reason = m.reason
      FROM _sp_map AS m
     WHERE c.reject_reason IS NULL AND m.code = c.code;
    SELECT c.* INTO bad FROM _sp_cell AS c WHERE c.reject_reason IS NULL AND c.region IS NULL ORDER BY c.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unknown region "%" at %', bad.region_raw, bad.pos
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Kommunenummer %s is in neither carestair.region nor carestair.region_code_history for %s.', bad.code, vin),
                  HINT = 'Add the kommune to carestair.region (and its old codes to carestair.region_code_history), then import again.';
    END IF;
    SELECT c.year, c.pos INTO bad FROM _sp_cell AS c WHERE c.reject_reason IS NULL AND c.year NOT BETWEEN vin AND vin + 200 ORDER BY c.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'year % at % lies before the vintage % of table %', bad.year, bad.pos, vin, tab
            USING ERRCODE = 'data_exception',
                  DETAIL = 'A projection starts from the 1 January population of its base year (the vintage).',
                  HINT = 'Pass the right vintage, or check the table number.';
    END IF;
    SELECT c.region, c.year, c.sex, min(c.age_raw) AS age_raw, c.alternative,
           (array_agg(c.pos ORDER BY c.ord))[1] AS p1, (array_agg(c.pos ORDER BY c.ord))[2] AS p2 INTO bad
      FROM _sp_cell AS c WHERE c.reject_reason IS NULL
     GROUP BY c.region, c.year, c.sex, c.age_from, c.age_to, c.alternative HAVING count(*) > 1
     ORDER BY min(c.ord) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'duplicate value for region %, year %, sex %, age %, alternative % at % and %', bad.region, bad.year,
                        CASE bad.sex WHEN 0 THEN 'both' ELSE bad.sex::text END, bad.age_raw, bad.alternative, bad.p1, bad.p2
            USING ERRCODE = 'unique_violation',
                  HINT = 'Export each region, sex, age, alternative and year once.';
    END IF;

    CREATE TEMP TABLE _sp_new ON COMMIT DROP AS
    SELECT c.region, c.year, nullif(c.sex, 0) AS sex, c.age_from, c.age_to, c.alternative, c.persons, s.persons AS stored
      FROM _sp_cell AS c
      LEFT JOIN carestair.ssb_projection AS s
        ON (s.table_id, s.vintage, s.alternative, s.region, s.year, s.age_from) = (tab, vin, c.alternative, c.region, c.year, c.age_from)
       AND s.sex IS NOT DISTINCT FROM nullif(c.sex, 0) AND s.age_to IS NOT DISTINCT FROM c.age_to
     WHERE c.reject_reason IS NULL;
    ANALYZE _sp_new;
    SELECT count(*) FILTER (WHERE n.stored IS NULL), count(*) FILTER (WHERE n.stored <> n.persons), count(*) FILTER (WHERE n.stored = n.persons)
      INTO n_new, n_chg, n_same FROM _sp_new AS n;

    IF NOT dry_run THEN
        INSERT INTO carestair.ssb_projection AS s (table_id, vintage, alternative, region, year, sex, age_from, age_to, persons, source)
        SELECT tab, vin, n.alternative, n.region, n.year, n.sex, n.age_from, n.age_to, n.persons, src
          FROM _sp_new AS n WHERE n.stored IS DISTINCT FROM n.persons
        ON CONFLICT ON CONSTRAINT ssb_projection_cell DO UPDATE SET persons = excluded.persons, source = excluded.source;
    END IF;

    RETURN QUERY
    SELECT x.o, x.n, x.d || CASE WHEN dry_run THEN ' (dry run: nothing written)' ELSE '' END
      FROM (VALUES (1, 'loaded', n_new, format('new values (table %s, %s-based, source %s)', tab, vin, src)),
                   (2, 'updated', n_chg, 'values that changed'),
                   (3, 'unchanged', n_same, 'values already stored')
            UNION ALL
            SELECT 4, 'rejected', count(*), c.reject_reason FROM _sp_cell AS c
             WHERE c.reject_reason IS NOT NULL GROUP BY c.reject_reason) AS x(ord, o, n, d)
     ORDER BY x.ord, x.d;
    PERFORM carestair._ssb_projection_drop_temps();
END
$$;

COMMENT ON FUNCTION carestair.import_ssb_projection(text, text, integer, text, boolean) IS
  'Load SSB''s population projection (e.g. table 14746) from a statbank CSV export or a JSON-stat 2.0 API response into carestair.ssb_projection; reports values loaded, updated, unchanged and rejected. See doc/ssb_projection.md.';

/*
 * _age_group_label(age_from, age_to): 'total' for all ages, '80+' for an
 * open group, '67' for a single year, '0-19' for a band.  Internal.
 */
CREATE FUNCTION carestair._age_group_label(age_from integer, age_to integer)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT CASE WHEN age_from OPERATOR(pg_catalog.=) 0 AND age_to IS NULL THEN 'total'
              WHEN age_to IS NULL THEN age_from::text OPERATOR(pg_catalog.||) '+'
              WHEN age_to OPERATOR(pg_catalog.=) age_from THEN age_from::text
              ELSE age_from::text OPERATOR(pg_catalog.||) '-' OPERATOR(pg_catalog.||) age_to::text END;
END;

COMMENT ON FUNCTION carestair._age_group_label(integer, integer) IS 'Internal: label of an age group (''total'', ''80+'', ''0-19'', ''67'').';

-- ---------------------------------------------------------------------------
-- carestair beside SSB.
-- ---------------------------------------------------------------------------

CREATE VIEW carestair.scenario_vs_ssb AS
SELECT u.scenario, s.region, s.year, s.table_id, s.vintage, s.alternative, s.sex,
       carestair._age_group_label(s.age_from, s.age_to) AS age_group, s.age_from, s.age_to,
       round(c.persons::numeric, 1) AS carestair_persons,
       round(s.persons::numeric, 1) AS ssb_persons,
       round((c.persons - s.persons)::numeric, 1) AS difference,
       round(((c.persons - s.persons) / nullif(s.persons, 0))::numeric, 4) AS relative_difference,
       o.persons AS observed_persons
  FROM carestair.projection_run AS u
  JOIN carestair.ssb_projection AS s
    ON s.region = ANY (u.regions) AND s.year BETWEEN u.base_year AND u.last_year
 CROSS JOIN LATERAL (
        SELECT sum(p.persons) AS persons
          FROM carestair.projection_population AS p
         WHERE p.scenario = u.scenario AND p.region = s.region AND p.year = s.year
           AND p.age >= s.age_from AND (s.age_to IS NULL OR p.age <= s.age_to)
           AND (s.sex IS NULL OR p.sex = s.sex)) AS c
  LEFT JOIN LATERAL (
        SELECT sum(q.persons) AS persons
          FROM carestair.population AS q
         WHERE q.region = s.region AND q.year = s.year
           AND q.age >= s.age_from AND (s.age_to IS NULL OR q.age <= s.age_to)
           AND (s.sex IS NULL OR q.sex = s.sex)) AS o ON true;

COMMENT ON VIEW carestair.scenario_vs_ssb IS
  'Every run scenario beside every SSB projection (carestair.ssb_projection) for its kommuner and years, by SSB''s age groups and sex: carestair''s persons, SSB''s, the difference and the relative difference, and the observed population where there is one. See doc/ssb_projection.md.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.scenario IS 'carestair scenario (carestair.projection_run).';
COMMENT ON COLUMN carestair.scenario_vs_ssb.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.year IS '1 January of the year.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.table_id IS 'SSB table of the reference, e.g. ''14746''.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.vintage IS 'Base year of SSB''s projection round, e.g. 2026.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.alternative IS 'SSB alternative, e.g. ''MMMM'' (main), ''LLML'' (low), ''HHMH'' (high).';
COMMENT ON COLUMN carestair.scenario_vs_ssb.sex IS 'SSB sex code 1 male, 2 female; NULL for both sexes.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.age_group IS 'SSB''s age group: ''total'', ''0-19'', ''80+'', or a single year.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.age_from IS 'First age of the group.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.age_to IS 'Last age of the group; NULL if open.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.carestair_persons IS 'carestair''s persons in the group (the scenario''s single years summed), rounded to 0.1.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.ssb_persons IS 'SSB''s projected persons in the group.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.difference IS 'carestair minus SSB, persons.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.relative_difference IS 'carestair minus SSB, as a fraction of SSB (-0.15 = 15 % below SSB); NULL when SSB has 0.';
COMMENT ON COLUMN carestair.scenario_vs_ssb.observed_persons IS 'Observed persons (carestair.population) in the group that year, where loaded: the outcome both projections can be judged against.';

/*
 * _capped_migration_sql(migration_sql, mortality_sql, age0_exposure): the
 * migration inner query of a mixed run, with each cohort's out-migration
 * rate capped at (1 - q) / (1 - k q), the most that the run's mortality q
 * (k = 1/2, or age0_exposure at age 0) leaves room for: rates estimated
 * together are consistent, but one scenario's out-migration beside
 * another's mortality can remove more than a small old cohort's stock.
 * The cap takes the smallest bound over the mortality rows whose years
 * overlap the years a migration row applies to (a row applies until the
 * next row of its cohort; the first row also to earlier years).  Used only
 * where mortality and migration come from different scenarios.  The text
 * runs under the caller's search_path (pg_catalog).  Internal.
 */
CREATE FUNCTION carestair._capped_migration_sql(migration_sql text, mortality_sql text, age0_exposure double precision)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.format(
        'WITH g AS MATERIALIZED (SELECT g.*, CASE WHEN pg_catalog.row_number() OVER w = 1 THEN -2147483648 ELSE g.year END AS y0, '
        'pg_catalog.lead(g.year, 1, 2147483647) OVER w AS y1 FROM (%s) AS g '
        'WINDOW w AS (PARTITION BY g.region, g.sex, g.age ORDER BY g.year)), '
        'm AS MATERIALIZED (SELECT m.*, CASE WHEN pg_catalog.row_number() OVER w = 1 THEN -2147483648 ELSE m.year END AS y0, '
        'pg_catalog.lead(m.year, 1, 2147483647) OVER w AS y1 FROM (%s) AS m '
        'WINDOW w AS (PARTITION BY m.region, m.sex, m.age ORDER BY m.year)) '
        'SELECT g.region, g.year, g.sex, g.age, g.immigrants, '
        'LEAST(g.emigration_rate, coalesce(min(CASE WHEN m.q >= 1 THEN 0 '
        'ELSE (1 - m.q) / (1 - CASE WHEN m.age = 0 THEN %s ELSE 0.5 END * m.q) END), g.emigration_rate)) AS emigration_rate '
        'FROM g LEFT JOIN m ON m.region = g.region AND m.sex = g.sex AND m.age = g.age AND m.y0 < g.y1 AND m.y1 > g.y0 '
        'GROUP BY g.region, g.year, g.sex, g.age, g.immigrants, g.emigration_rate',
        migration_sql, mortality_sql, age0_exposure::text);
END;

COMMENT ON FUNCTION carestair._capped_migration_sql(text, text, double precision) IS 'Internal: migration inner query of a mixed decomposition run, out-migration capped so that a cohort''s deaths and out-migrants cannot exceed its stock.';

/*
 * _projection_gap(a, b, regions, last_year, groups...): the Shapley
 * decomposition of the difference between scenarios a and b by region,
 * year and age group into fertility, mortality and migration.
 *
 * v(S), for each subset S of {fertility, mortality, migration}, is the
 * projection from a's base population with the components in S taken from
 * b and the others from a (fertility goes with the sex ratio at birth,
 * migration with the age-0 migrant exposure); all 8 are run with
 * carestair.project_population over the same inner queries that
 * carestair.project_population(scenario) builds.  The part of component k
 * is the Shapley value: the mean of v(S + k) - v(S) over the 3! orders,
 * i.e. weights |S|! (2 - |S|)! / 3!.  The parts add up to v(all) - v(none)
 * = b - a exactly (up to floating-point rounding).  Rows: scenario_a,
 * fertility, mortality, migration, scenario_b.  Internal.
 */
CREATE FUNCTION carestair._projection_gap(a text, b text, regions text[], last_year integer,
                                          g_label text[], g_from integer[], g_to integer[], g_sex integer[])
RETURNS TABLE (region text, year integer, group_no integer, age_group text, component text, persons double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    sa carestair.projection_scenario := carestair._scenario(a);
    sb carestair.projection_scenario := carestair._scenario(b);
    r  text[];
    ly integer;
BEGIN
    IF sa.base_year <> sb.base_year THEN
        RAISE EXCEPTION 'scenarios "%" and "%" start from different base years (% and %)', sa.scenario, sb.scenario, sa.base_year, sb.base_year
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The decomposition reruns one base population with the rates of either scenario.',
                  HINT = 'Compare scenarios with the same base_year.';
    END IF;
    r := carestair._scenario_regions(sa, regions);
    ly := coalesce(last_year, least(sa.last_year, sb.last_year));
    IF ly <= sa.base_year THEN
        RAISE EXCEPTION 'last_year % is not after the base year % of scenario "%"', ly, sa.base_year, sa.scenario
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = pg_catalog.format('Use a year from %s on.', sa.base_year + 1);
    END IF;
    RETURN QUERY
    WITH g AS (
        SELECT x.ord::integer AS ord, x.label, x.age_from, x.age_to, x.sex
          FROM unnest(g_label, g_from, g_to, g_sex) WITH ORDINALITY AS x(label, age_from, age_to, sex, ord)
    ), runs AS MATERIALIZED (
        SELECT m.mask, p.region, p.year, p.sex, p.age, p.persons
          FROM generate_series(0, 7) AS m(mask)
         CROSS JOIN LATERAL (SELECT carestair._scenario_rates_sql('mortality', 't.year, t.sex, t.age, t.q',
                                        CASE WHEN m.mask & 2 = 0 THEN sa.scenario ELSE sb.scenario END, r) AS sql) AS q
         CROSS JOIN LATERAL (SELECT carestair._scenario_rates_sql('migration', 't.year, t.sex, t.age, t.immigrants, t.emigration_rate',
                                        CASE WHEN m.mask & 4 = 0 THEN sa.scenario ELSE sb.scenario END, r) AS sql) AS mg
         CROSS JOIN LATERAL carestair.project_population(
                format('SELECT p.region, p.year, p.sex, p.age, p.persons FROM carestair.population AS p '
                       'WHERE p.year OPERATOR(pg_catalog.=) %s AND p.region OPERATOR(pg_catalog.=) ANY (%L::text[])',
                       sa.base_year, r),
                carestair._scenario_rates_sql('fertility', 't.year, t.age, t.rate',
                                              CASE WHEN m.mask & 1 = 0 THEN sa.scenario ELSE sb.scenario END, r),
                q.sql,
                CASE WHEN (m.mask & 2 = 0) = (m.mask & 4 = 0) THEN mg.sql
                     ELSE carestair._capped_migration_sql(mg.sql, q.sql,
                              CASE WHEN m.mask & 4 = 0 THEN sa.age0_migrant_exposure ELSE sb.age0_migrant_exposure END) END,
                ly,
                CASE WHEN m.mask & 1 = 0 THEN sa.sex_ratio ELSE sb.sex_ratio END,
                CASE WHEN m.mask & 4 = 0 THEN sa.age0_migrant_exposure ELSE sb.age0_migrant_exposure END) AS p
    ), v AS MATERIALIZED (
        SELECT x.mask, x.region, x.year, g.ord, g.label, sum(x.persons) AS persons
          FROM runs AS x
          JOIN g ON x.age >= g.age_from AND (g.age_to IS NULL OR x.age <= g.age_to) AND (g.sex IS NULL OR x.sex = g.sex)
         GROUP BY x.mask, x.region, x.year, g.ord, g.label
    ), k AS (
        SELECT * FROM (VALUES (1, 'fertility', 2), (2, 'mortality', 3), (4, 'migration', 4)) AS k(bit, name, ord)
    )
    SELECT y.region, y.year, y.ord, y.label, y.component, y.persons
      FROM (SELECT v.region, v.year, v.ord, v.label, 'scenario_a' AS component, 1 AS c_ord, v.persons FROM v WHERE v.mask = 0
            UNION ALL
            SELECT s.region, s.year, s.ord, s.label, k.name, k.ord,
                   sum(CASE (s.mask & 1) + ((s.mask >> 1) & 1) + ((s.mask >> 2) & 1) WHEN 1 THEN 1.0::double precision / 6
                                                                                        ELSE 2.0::double precision / 6 END
                       * (t.persons - s.persons))
              FROM v AS s
             CROSS JOIN k
              JOIN v AS t ON t.mask = (s.mask | k.bit) AND t.region = s.region AND t.year = s.year AND t.ord = s.ord
             WHERE s.mask & k.bit = 0
             GROUP BY s.region, s.year, s.ord, s.label, k.name, k.ord
            UNION ALL
            SELECT v.region, v.year, v.ord, v.label, 'scenario_b', 5, v.persons FROM v WHERE v.mask = 7) AS y
     ORDER BY y.region, y.year, y.ord, y.c_ord;
END
$$;

COMMENT ON FUNCTION carestair._projection_gap(text, text, text[], integer, text[], integer[], integer[], integer[]) IS 'Internal: Shapley decomposition of the gap between two scenarios over given age groups (see carestair.projection_gap_components).';

/*
 * projection_gap_components(scenario_a, scenario_b, regions, last_year,
 * age_scheme): why two scenarios differ.  See _projection_gap.
 */
CREATE FUNCTION carestair.projection_gap_components(scenario_a text, scenario_b text, regions text[] DEFAULT NULL,
                                                    last_year integer DEFAULT NULL, age_scheme text DEFAULT 'care')
RETURNS TABLE (region text, year integer, age_group text, component text, persons double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
BEGIN
    PERFORM carestair._require_age_scheme(age_scheme);
    RETURN QUERY
    SELECT x.region, x.year, x.age_group, x.component, x.persons
      FROM (SELECT array_agg(z.label ORDER BY z.o) AS l, array_agg(z.f ORDER BY z.o) AS f, array_agg(z.t ORDER BY z.o) AS t
              FROM (SELECT 'total', 0, NULL::integer, -1
                    UNION ALL
                    SELECT g.label, g.age_from::integer, g.age_to::integer, g.age_from::integer
                      FROM carestair.age_grouping AS g WHERE g.scheme = age_scheme) AS z(label, f, t, o)) AS a
     CROSS JOIN LATERAL carestair._projection_gap(scenario_a, scenario_b, regions, last_year, a.l, a.f, a.t, '{}') AS x;
END
$$;

COMMENT ON FUNCTION carestair.projection_gap_components(text, text, text[], integer, text) IS
  'Why two scenarios with the same base year differ: persons of scenario_a, the parts due to fertility, mortality and migration (each rerun with that component''s rates from scenario_b, all orders averaged: Shapley, so the parts add up exactly) and persons of scenario_b, by region, year and age group (total and the groups of age_scheme). See doc/ssb_projection.md.';

/*
 * explain_ssb_gap(scenario, region, year, alternative, ssb_like_scenario,
 * table_id): the difference between a scenario and SSB's projection in one
 * kommune and year, by SSB's age groups, split into the parts that
 * switching fertility, mortality and migration to an SSB-like scenario
 * explains (Shapley, see _projection_gap) and the rest.
 */
CREATE FUNCTION carestair.explain_ssb_gap(scenario text, region text, year integer, alternative text DEFAULT 'MMMM',
                                          ssb_like_scenario text DEFAULT NULL, table_id text DEFAULT NULL)
RETURNS TABLE (age_group text, age_from integer, age_to integer, component text, persons double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
#variable_conflict use_column
DECLARE
    s    carestair.projection_scenario := carestair._scenario(scenario);
    b    text := coalesce(ssb_like_scenario, s.assumptions ->> 'ssb_like_scenario');
    tab  text;
    vin  integer;
BEGIN
    IF b IS NULL THEN
        RAISE EXCEPTION 'no SSB-like scenario to explain the gap of scenario "%" with', s.scenario
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The gap is explained by rerunning the scenario with each component''s rates taken from a scenario built on SSB-like assumptions.',
                  HINT = 'Pass ssb_like_scenario, or set "ssb_like_scenario" in the scenario''s assumptions.';
    END IF;
    IF year IS NULL OR year <= s.base_year THEN
        RAISE EXCEPTION 'year % is not after the base year % of scenario "%"', coalesce(year::text, 'NULL'), s.base_year, s.scenario
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = pg_catalog.format('Use a year from %s on.', s.base_year + 1);
    END IF;
    SELECT p.table_id, p.vintage INTO tab, vin FROM carestair.ssb_projection AS p
     WHERE p.region = explain_ssb_gap.region AND p.year = explain_ssb_gap.year AND p.alternative = explain_ssb_gap.alternative
       AND p.sex IS NULL AND (explain_ssb_gap.table_id IS NULL OR p.table_id = explain_ssb_gap.table_id)
     ORDER BY p.vintage DESC, p.table_id DESC LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'carestair.ssb_projection has no % projection for region % in %', alternative, region,
                        year || coalesce(' in table ' || explain_ssb_gap.table_id, '')
            USING ERRCODE = 'no_data_found',
                  HINT = 'Load SSB''s projection with carestair.import_ssb_projection (data/load.sql loads table 14746 for Nord-Norge).';
    END IF;
    RETURN QUERY
    WITH grp AS (
        SELECT p.age_from, p.age_to, p.persons, carestair._age_group_label(p.age_from, p.age_to) AS label,
               row_number() OVER (ORDER BY p.age_from = 0 AND p.age_to IS NULL DESC, p.age_from, p.age_to NULLS LAST)::integer AS ord
          FROM carestair.ssb_projection AS p
         WHERE (p.table_id, p.vintage, p.region, p.year, p.alternative) = (tab, vin, explain_ssb_gap.region, explain_ssb_gap.year, explain_ssb_gap.alternative)
           AND p.sex IS NULL
    ), gap AS (
        SELECT x.* FROM (SELECT array_agg(g.label ORDER BY g.ord) AS l, array_agg(g.age_from ORDER BY g.ord) AS f,
                                array_agg(g.age_to ORDER BY g.ord) AS t FROM grp AS g) AS a
         CROSS JOIN LATERAL carestair._projection_gap(s.scenario, b, ARRAY[explain_ssb_gap.region], explain_ssb_gap.year,
                                                      a.l, a.f, a.t, '{}') AS x
         WHERE x.year = explain_ssb_gap.year
    )
    SELECT g.label, g.age_from, g.age_to, y.component, y.persons
      FROM grp AS g
      JOIN (SELECT x.group_no, CASE x.component WHEN 'scenario_a' THEN 'scenario' ELSE x.component END AS component,
                   CASE x.component WHEN 'scenario_a' THEN 1 WHEN 'fertility' THEN 2 WHEN 'mortality' THEN 3 ELSE 4 END AS c_ord,
                   x.persons
              FROM gap AS x WHERE x.component <> 'scenario_b'
            UNION ALL
            SELECT g2.ord, 'other', 5, g2.persons - x.persons
              FROM gap AS x JOIN grp AS g2 ON g2.ord = x.group_no WHERE x.component = 'scenario_b'
            UNION ALL
            SELECT g3.ord, 'ssb', 6, g3.persons FROM grp AS g3) AS y ON y.group_no = g.ord
     ORDER BY g.ord, y.c_ord;
END
$$;

COMMENT ON FUNCTION carestair.explain_ssb_gap(text, text, integer, text, text, text) IS
  'The difference between a scenario and SSB''s projection (carestair.ssb_projection, latest vintage unless table_id) for one kommune and year, by SSB''s age groups: the scenario''s persons, the parts explained by switching fertility, mortality and migration to an SSB-like scenario (Shapley), the part left (other) and SSB''s persons; the rows add up to SSB exactly. See doc/ssb_projection.md.';
