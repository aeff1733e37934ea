
-- ---------------------------------------------------------------------------
-- kostra_import: load an SSB statbank export of KOSTRA accounts (e.g. table
-- 12362, driftsutgifter by region, function and art) as SSB writes it.
-- See doc/kostra.md.
-- ---------------------------------------------------------------------------

/*
 * _kostra_parse_contents(label): from a statbank contents header such as
 * 'Brutto driftsutgifter (1 000 kr) 2024', '12362: Expenditure (NOK 1000)'
 * or 'Netto driftsutgifter per innbygger (kr) 2023': the measure label
 * (lower case, without unit or year), the unit ('NOK 1000', 'NOK per
 * inhabitant', NULL if not recognised) and the year (NULL if none).
 * Internal.
 */
CREATE FUNCTION carestair._kostra_parse_contents(label text, OUT measure_label text, OUT unit text, OUT year integer)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.regexp_replace(pg_catalog.regexp_replace(
           pg_catalog.lower(pg_catalog.btrim(label)), '\s*[0-9]{4}$', ''), '^[0-9]{5}:\s*', ''),
           '\s*(\([^)]*\)|per innbygger|per inhabitant|,)\s*', ' ', 'g')),
         CASE
           WHEN pg_catalog.lower(label) ~ '(per innbygger|per inhabitant)' THEN 'NOK per inhabitant'
           WHEN pg_catalog.lower(label) ~ '(1 ?000 ?(kr|nok)|(nok|kr) ?1 ?000)' THEN 'NOK 1000'
         END,
         (pg_catalog.substring(pg_catalog.btrim(label), '\m([0-9]{4})$'))::integer;
END;

COMMENT ON FUNCTION carestair._kostra_parse_contents(text) IS 'Internal: measure label, unit and year from an SSB statbank contents header (''Brutto driftsutgifter (1 000 kr) 2024'').';

/*
 * _kostra_measure_for(label): the carestair.kostra_measure whose labels
 * include the label, after dropping a leading art code such as 'AGD2'.
 * Internal.
 */
CREATE FUNCTION carestair._kostra_measure_for(label text)
RETURNS text
LANGUAGE sql STABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT m.measure FROM carestair.kostra_measure AS m
   WHERE pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.lower(label), '^[a-z]{2,5}[0-9]+\s+', ''))
         OPERATOR(pg_catalog.=) ANY (m.labels)
   LIMIT 1;
END;

COMMENT ON FUNCTION carestair._kostra_measure_for(text) IS 'Internal: the kostra_measure an SSB label (''AGD2 Brutto driftsutgifter'') stands for, or NULL.';

/*
 * _region_one_to_one(code, year): the current region a kommunenummer
 * stands for in a year when that is one kommune to one kommune: the code
 * itself (a current code, also for earlier years, as on current borders),
 * or an old code that was its region's only code that year (1924 -> 5524).
 * Otherwise region is NULL and reason says why (part of a merger, split);
 * both NULL for a code carestair does not know.  Used by the importers of
 * figures that cannot be summed over merged kommuner.  Internal.
 */
CREATE FUNCTION carestair._region_one_to_one(code text, year integer, OUT region text, OUT reason text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT CASE WHEN g.region IS NOT NULL AND (h.region IS NULL OR h.region OPERATOR(pg_catalog.=) code) THEN code
              WHEN h.region IS NOT NULL AND h.n_codes OPERATOR(pg_catalog.=) 1 THEN h.region END,
         CASE WHEN g.region IS NULL AND h.region IS NOT NULL AND h.n_codes OPERATOR(pg_catalog.>) 1
              THEN pg_catalog.format('kommune %s was part of %s in %s together with other kommuner; figures of merged kommuner are not summed', code, h.region, year)
              WHEN g.region IS NULL AND h.region IS NULL
                   AND EXISTS (SELECT FROM carestair.region_code_history AS x
                                WHERE x.code OPERATOR(pg_catalog.=) _region_one_to_one.code AND x.weight OPERATOR(pg_catalog.<) 1)
              THEN pg_catalog.format('kommune %s was split; its figures cannot be allocated to current kommuner', code) END
    FROM (SELECT carestair.region_for_code(code, year) AS region) AS r0
    LEFT JOIN carestair.region AS g ON g.region OPERATOR(pg_catalog.=) code AND g.region OPERATOR(pg_catalog.<>) '0000'
    CROSS JOIN LATERAL (
        SELECT r0.region,
               (SELECT pg_catalog.count(*) FROM carestair.region_code_history AS x
                 WHERE x.region OPERATOR(pg_catalog.=) r0.region AND x.weight OPERATOR(pg_catalog.=) 1
                   AND year OPERATOR(pg_catalog.>=) x.first_year
                   AND (x.last_year IS NULL OR year OPERATOR(pg_catalog.<=) x.last_year)) AS n_codes) AS h;
END;

COMMENT ON FUNCTION carestair._region_one_to_one(text, integer) IS 'Internal: current region of a kommunenummer in a year when the mapping is one to one, else NULL and the reason.';

/*
 * _statbank_cell(region_raw, year_raw, value_raw): the parts of one cell of
 * a statbank export that every KOSTRA-module importer reads the same way:
 * the kommunenummer (after an optional "K-", before a name), the year, the
 * number (decimal point or comma; negative allowed), and why the cell is
 * skipped, if it is: a row for the country, a county or a KOSTRA group, or
 * one of SSB's missing-value markers.  NULL parts did not parse.  Internal.
 */
CREATE FUNCTION carestair._statbank_cell(region_raw text, year_raw text, value_raw text,
                                         OUT code text, OUT year integer, OUT value numeric, OUT skip text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT c.code,
         CASE WHEN year_raw ~ '^[0-9]{4}$' THEN year_raw::integer END,
         CASE WHEN value_raw ~ '^-?[0-9]+([.,][0-9]+)?$' THEN pg_catalog.replace(value_raw, ',', '.')::numeric END,
         CASE
           WHEN c.code IS NULL AND (region_raw ~ '^(E[A-Z]{2,}[0-9]*|F-?[0-9]{2}|0)(\s|$)'
                                    OR region_raw ~* '^(the whole country|hele landet|landet|norge|norway)')
             THEN 'region is the country, a county or a KOSTRA group, not a kommune (references are computed from kommuner)'
           WHEN value_raw IN ('..', '...', ':', '.', '-', '…') THEN pg_catalog.format('missing value marker "%s"', value_raw)
         END
    FROM (SELECT pg_catalog.substring(region_raw, '^(?:K-)?([0-9]{4})(?:\s|$)') AS code) AS c;
END;

COMMENT ON FUNCTION carestair._statbank_cell(text, text, text) IS 'Internal: kommunenummer, year, number and skip reason of one statbank cell.';

/*
 * import_ssb_kostra(content, encoding, source, dry_run)
 *
 * Reads a statbank export of KOSTRA accounts: a header row whose first
 * column is "region", then a function column (funksjon/function), optionally
 * an art column (art/arter/type of expenditure) and a year column, and value
 * columns named by their contents ('Brutto driftsutgifter (1 000 kr) 2024';
 * without an art column the contents name the measure).  Semicolon, tab or
 * comma; LATIN1 or UTF-8 (carestair.read_csv).
 *
 * Rules (every skipped cell is counted, with its reason, in the result):
 *   - rows for the country, counties or KOSTRA groups (EAK, EAKUO, EKA11 ..)
 *     are skipped: references are computed from the kommuner;
 *   - functions outside carestair.kostra_function and function groups are
 *     skipped; a function outside its years (254 after 2023, 257/258 before
 *     2024) is skipped;
 *   - missing-value markers ('..', ':', '.', '-') are skipped;
 *   - an old kommunenummer is stored under its current region only when it
 *     was that region's only code that year (1924 Målselv -> 5524); parts of
 *     merged or split kommuner are skipped (per-inhabitant figures cannot be
 *     summed);
 *   - anything else that does not parse is an error naming line and column,
 *     and nothing is written.
 */
CREATE FUNCTION carestair.import_ssb_kostra(
    content  bytea,
    encoding text DEFAULT 'auto',
    source   text DEFAULT NULL,
    dry_run  boolean DEFAULT false)
RETURNS TABLE (outcome text, row_count bigint, detail text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    hdr      record;
    ncol     integer;
    c_func   integer;
    c_art    integer;
    c_year   integer;
    c_cont   integer;
    v_col    integer[] := '{}';
    h        text;
    i        integer;
    bad      record;
    src      text;
    n_new    bigint;
    n_chg    bigint;
    n_same   bigint;
BEGIN
    SELECT h.line_no, h.fields, h.title INTO hdr
      FROM carestair._csv_records(content, encoding, '_cs_kostra_rec', 'Export a KOSTRA table (e.g. 12362) from the statbank as CSV with region, function (and art) as dimensions.', '_cs_kostra_cell') AS h;
    ncol := cardinality(hdr.fields);

    /* The statbank title line ("12362: ...") names the table. */
    src := coalesce(import_ssb_kostra.source, 'SSB ' || hdr.title, 'SSB statbank export');

    FOR i IN 2 .. ncol LOOP
        h := lower(btrim(hdr.fields[i]));
        IF h IN ('funksjon', 'function', 'kostra-funksjon', 'funksjoner', 'functions') THEN
            c_func := i;
        ELSIF h IN ('art', 'arter', 'type of expenditure', 'expenditure type', 'kostra-art', 'art (kostra)') THEN
            c_art := i;
        ELSIF h IN ('år', 'year', 'tid', 'aar') THEN
            c_year := i;
        ELSIF h IN ('statistikkvariabel', 'contents', 'statistical variable') THEN
            c_cont := i;
        ELSE
            v_col := v_col || i;
        END IF;
    END LOOP;
    IF c_func IS NULL THEN
        RAISE EXCEPTION 'the header at line % has no function column', hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = format('The columns are %s.', array_to_string(hdr.fields, ', ')),
                  HINT = 'Export the KOSTRA table with the dimension "funksjon" (function).';
    END IF;
    IF cardinality(v_col) = 0 THEN
        RAISE EXCEPTION 'the header at line % has no value column', hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Value columns are named by their contents, e.g. "Brutto driftsutgifter (1 000 kr) 2024".';
    END IF;

    /* Every value column must name a unit, and a year unless there is a year column. */
    SELECT v.col, hdr.fields[v.col] AS name, p.* INTO bad
      FROM unnest(v_col) AS v(col), carestair._kostra_parse_contents(hdr.fields[v.col]) AS p
     WHERE (p.unit IS NULL AND c_cont IS NULL) OR (p.year IS NULL AND c_year IS NULL)
        OR (c_art IS NULL AND c_cont IS NULL AND carestair._kostra_measure_for(p.measure_label) IS NULL)
     ORDER BY v.col LIMIT 1;
    IF FOUND AND bad.unit IS NULL THEN
        RAISE EXCEPTION 'column "%" at line % names no unit carestair knows', bad.name, hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = 'Known units: "(1 000 kr)" / "(NOK 1000)" and "per innbygger" / "per inhabitant".',
                  HINT = 'Export the contents in 1 000 kr or per innbygger.';
    ELSIF FOUND AND bad.year IS NULL AND c_year IS NULL THEN
        RAISE EXCEPTION 'column "%" at line % has no year, and there is no year column', bad.name, hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Keep the year in the column header ("... 2024") or as a column "år".';
    ELSIF FOUND THEN
        RAISE EXCEPTION 'column "%" at line % names no measure carestair knows, and there is no art column', bad.name, hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = (SELECT format('Known measures: %s.', string_agg(m.name, ', ' ORDER BY m.measure)) FROM carestair.kostra_measure AS m),
                  HINT = 'Export with the dimension "art", or add the label to carestair.kostra_measure.labels.';
    END IF;

    CREATE TEMP TABLE _cs_kostra_cell ON COMMIT DROP AS
    WITH cells AS (
        SELECT r.line_no, v.col, hdr.fields[v.col] AS col_name,
               btrim(r.fields[1]) AS region_raw,
               btrim(r.fields[c_func]) AS function_raw,
               btrim(coalesce(r.fields[c_art], r.fields[c_cont], p.measure_label)) AS measure_raw,
               coalesce(btrim(r.fields[c_year]), p.year::text) AS year_raw,
               coalesce((carestair._kostra_parse_contents(r.fields[c_cont])).unit, p.unit) AS unit,
               btrim(r.fields[v.col]) AS value_raw
          FROM _cs_kostra_rec AS r,
               unnest(v_col) AS v(col),
               carestair._kostra_parse_contents(hdr.fields[v.col]) AS p
         WHERE r.line_no > hdr.line_no AND cardinality(r.fields) = ncol
    ), parsed AS (
        SELECT c.*, sc.*,
               substring(c.function_raw FROM '^(?:FG)?([0-9]{3})(?:\s|$)') AS fcode,
               carestair._kostra_measure_for(
                   CASE WHEN c_art IS NULL THEN (carestair._kostra_parse_contents(c.measure_raw)).measure_label
                        ELSE c.measure_raw END) AS measure
          FROM cells AS c, carestair._statbank_cell(c.region_raw, c.year_raw, c.value_raw) AS sc
    )
    SELECT p.*,
           CASE
             WHEN p.skip LIKE 'region%' THEN p.skip
             WHEN p.fcode IS NULL AND p.function_raw ~ '^[A-Z]{1,4}[0-9A-Z]*(\s|$)'
               THEN 'function group, not a single function'
             WHEN p.fcode IS NOT NULL AND NOT EXISTS (SELECT FROM carestair.kostra_function AS f WHERE f.code = p.fcode)
               THEN format('function %s is outside carestair.kostra_function', p.fcode)
             WHEN p.skip IS NOT NULL THEN p.skip
             WHEN p.year IS NOT NULL AND EXISTS (SELECT FROM carestair.kostra_function AS f WHERE f.code = p.fcode
                                                   AND (p.year < f.first_year OR p.year > f.last_year))
               THEN format('function %s does not exist in %s', p.fcode, p.year)
           END AS reject_reason,
           CASE
             WHEN p.code IS NULL THEN 'region'
             WHEN p.fcode IS NULL THEN 'function'
             WHEN p.measure IS NULL THEN 'measure'
             WHEN p.unit IS NULL THEN 'unit'
             WHEN p.year IS NULL THEN 'year'
             WHEN p.value IS NULL THEN 'value'
           END AS bad_column
      FROM parsed AS p;

    SELECT c.* INTO bad FROM _cs_kostra_cell AS c
     WHERE c.reject_reason IS NULL AND c.bad_column IS NOT NULL
     ORDER BY c.line_no, c.col LIMIT 1;
    IF FOUND THEN
        CASE bad.bad_column
          WHEN 'region' THEN
            RAISE EXCEPTION 'invalid region "%" at line %, column "%"', bad.region_raw, bad.line_no, hdr.fields[1]
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'A kommune is a four-digit kommunenummer, optionally after "K-", before its name.',
                      HINT = 'Export the region dimension with codes, e.g. "5524 Målselv".';
          WHEN 'function' THEN
            RAISE EXCEPTION 'invalid function "%" at line %, column "%"', bad.function_raw, bad.line_no, hdr.fields[c_func]
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'A KOSTRA function is a three-digit code before its name, e.g. "253 Helse- og omsorgstjenester i institusjon".',
                      HINT = 'Export the function dimension with codes.';
          WHEN 'measure' THEN
            RAISE EXCEPTION 'unknown measure "%" at line %, column "%"', bad.measure_raw, bad.line_no,
                            coalesce(hdr.fields[c_art], hdr.fields[c_cont], bad.col_name)
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = (SELECT format('Known measures: %s.', string_agg(m.name, ', ' ORDER BY m.measure)) FROM carestair.kostra_measure AS m),
                      HINT = 'Export one of the known arts, or add the label to carestair.kostra_measure.labels.';
          WHEN 'unit' THEN
            RAISE EXCEPTION 'contents "%" at line %, column "%" names no unit carestair knows', bad.measure_raw, bad.line_no, hdr.fields[c_cont]
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'Known units: "(1 000 kr)" / "(NOK 1000)" and "per innbygger" / "per inhabitant".',
                      HINT = 'Export the contents in 1 000 kr or per innbygger.';
          WHEN 'year' THEN
            RAISE EXCEPTION 'invalid year "%" at line %, column "%"', bad.year_raw, bad.line_no, coalesce(hdr.fields[c_year], bad.col_name)
                USING ERRCODE = 'invalid_text_representation',
                      HINT = 'Years are four digits.';
          ELSE
            RAISE EXCEPTION 'invalid value "%" at line %, column "%"', bad.value_raw, bad.line_no, bad.col_name
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'Values are numbers such as 12345, -17 or 3.5; SSB marks missing values with "..", ":" or ".".',
                      HINT = 'Check the separator, and that no cell holds text.';
        END CASE;
    END IF;

    /* Current region: the code itself, or an old code that was its region's only code that year. */
    ALTER TABLE _cs_kostra_cell ADD COLUMN region text;
    UPDATE _cs_kostra_cell AS c
       SET region = m.region,
           reject_reason = m.reason
      FROM (SELECT k.code, k.year, (carestair._region_one_to_one(k.code, k.year)).*
              FROM (SELECT DISTINCT c.code, c.year FROM _cs_kostra_cell AS c WHERE c.reject_reason IS NULL) AS k) AS m
     WHERE c.reject_reason IS NULL AND m.code = c.code AND m.year = c.year;

    SELECT c.* INTO bad FROM _cs_kostra_cell AS c
     WHERE c.reject_reason IS NULL AND c.region IS NULL ORDER BY c.line_no LIMIT 1;
    IF FOUND THEN
        PERFORM carestair._raise_unknown_region(bad.region_raw, bad.code, bad.year, bad.line_no, hdr.fields[1]);
    END IF;

    SELECT c.region, c.year, c.fcode, c.measure, c.unit, min(c.line_no) AS l1, max(c.line_no) AS l2 INTO bad
      FROM _cs_kostra_cell AS c WHERE c.reject_reason IS NULL
     GROUP BY c.region, c.year, c.fcode, c.measure, c.unit HAVING count(*) > 1
     ORDER BY 6 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'duplicate value for region %, year %, function %, measure % (%) at lines % and %',
                        bad.region, bad.year, bad.fcode, bad.measure, bad.unit, bad.l1, bad.l2
            USING ERRCODE = 'unique_violation',
                  HINT = 'Export each region, function, art and year once.';
    END IF;

    SELECT count(*) FILTER (WHERE f.value IS NULL),
           count(*) FILTER (WHERE f.value IS NOT NULL AND f.value <> c.value),
           count(*) FILTER (WHERE f.value = c.value)
      INTO n_new, n_chg, n_same
      FROM _cs_kostra_cell AS c
      LEFT JOIN carestair.kostra_figure AS f
        ON (f.region, f.year, f.function_code, f.measure, f.unit) = (c.region, c.year, c.fcode, c.measure, c.unit)
     WHERE c.reject_reason IS NULL;

    IF NOT dry_run THEN
        INSERT INTO carestair.kostra_figure AS f (region, year, function_code, measure, value, unit, source_table)
        SELECT c.region, c.year, c.fcode, c.measure, c.value, c.unit, src
          FROM _cs_kostra_cell AS c WHERE c.reject_reason IS NULL
        ON CONFLICT (region, year, function_code, measure, unit) DO UPDATE
           SET value = excluded.value, source_table = excluded.source_table
         WHERE f.value IS DISTINCT FROM excluded.value OR f.source_table IS DISTINCT FROM excluded.source_table;
    END IF;

    RETURN QUERY
    SELECT x.outcome, x.row_count, x.detail || CASE WHEN dry_run THEN ' (dry run: nothing written)' ELSE '' END
      FROM (VALUES (1, 'loaded', n_new, format('new values (source %s)', src)),
                   (2, 'updated', n_chg, 'values that changed'),
                   (3, 'unchanged', n_same, 'values already stored')
            UNION ALL
            SELECT 4, 'rejected', count(*), c.reject_reason
              FROM _cs_kostra_cell AS c WHERE c.reject_reason IS NOT NULL
             GROUP BY c.reject_reason
            UNION ALL
            SELECT 5, 'rejected', count(*), 'text line without data (title or footnote)'
              FROM _cs_kostra_rec AS r
             WHERE r.line_no > hdr.line_no AND cardinality(r.fields) = 1 AND ncol > 1
            HAVING count(*) > 0) AS x(ord, outcome, row_count, detail)
     ORDER BY x.ord, x.detail;

    DROP TABLE pg_temp._cs_kostra_rec, pg_temp._cs_kostra_cell;
END
$$;

COMMENT ON FUNCTION carestair.import_ssb_kostra(bytea, text, text, boolean) IS
  'Load an SSB statbank export of KOSTRA accounts (e.g. 12362; any CSV layout, LATIN1 or UTF-8) into carestair.kostra_figure; reports values loaded, updated, unchanged and rejected with reasons. See doc/kostra.md.';

/*
 * import_kostra_groups(content, valid_from_year, valid_to_year,
 * classification, encoding, dry_run)
 *
 * Loads SSB's KOSTRA grouping of kommuner (kommunegruppering) from a CSV
 * file such as a KLASS correspondence export: a header row naming a kommune
 * column (sourceCode, kommunenummer, kommune, region) and a group column
 * (targetCode, kostragruppe, gruppe, group), optionally a group name column
 * (targetName, gruppenavn, group name).  Every kommune gets one membership
 * from valid_from_year (to valid_to_year); groups are created or renamed.
 * Re-importing the same period replaces the memberships of that period.
 * Any bad row is an error naming the line; nothing is written then.
 */
CREATE FUNCTION carestair.import_kostra_groups(
    content         bytea,
    valid_from_year integer,
    valid_to_year   integer DEFAULT NULL,
    classification  text DEFAULT 'SSB KOSTRA-gruppering',
    encoding        text DEFAULT 'auto',
    dry_run         boolean DEFAULT false)
RETURNS TABLE (outcome text, row_count bigint, detail text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    hdr     record;
    c_kom   integer;
    c_grp   integer;
    c_name  integer;
    bad     record;
    n_new   bigint;
    n_chg   bigint;
    n_same  bigint;
    n_grp   bigint;
BEGIN
    IF valid_from_year IS NULL OR classification IS NULL OR content IS NULL THEN
        RAISE EXCEPTION 'content, valid_from_year and classification must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Pass the first accounting year the grouping applies to, e.g. valid_from_year => 2024.';
    END IF;
    IF valid_to_year < valid_from_year THEN
        RAISE EXCEPTION 'valid_to_year % is before valid_from_year %', valid_to_year, valid_from_year
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    SELECT r.line_no, r.fields,
           array_position(array_agg_lower.f, x.k) AS kk
      INTO hdr
      FROM carestair.read_csv(content, encoding) AS r,
           LATERAL (SELECT array_agg(lower(btrim(f)) ORDER BY o) AS f FROM unnest(r.fields) WITH ORDINALITY AS u(f, o)) AS array_agg_lower,
           LATERAL (SELECT k FROM unnest(array_agg_lower.f) AS k
                     WHERE k IN ('sourcecode', 'kommunenummer', 'kommunenr', 'kommune', 'region', 'code') LIMIT 1) AS x
     WHERE EXISTS (SELECT FROM unnest(array_agg_lower.f) AS g
                    WHERE g IN ('targetcode', 'kostragruppe', 'kostra-gruppe', 'kostra_group', 'gruppe', 'group'))
     ORDER BY r.line_no LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'content has no header row with a kommune and a group column'
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = 'Kommune columns: sourceCode, kommunenummer, kommune, region; group columns: targetCode, kostragruppe, gruppe, group.',
                  HINT = 'Export SSB''s KOSTRA grouping (KLASS correspondence kommune -> KOSTRA group) as CSV.';
    END IF;
    c_kom := hdr.kk;
    SELECT min(o) FILTER (WHERE lower(btrim(f)) IN ('targetcode', 'kostragruppe', 'kostra-gruppe', 'kostra_group', 'gruppe', 'group')),
           min(o) FILTER (WHERE lower(btrim(f)) IN ('targetname', 'gruppenavn', 'group name', 'kostragruppenavn', 'navn på gruppe'))
      INTO c_grp, c_name
      FROM unnest(hdr.fields) WITH ORDINALITY AS u(f, o);

    CREATE TEMP TABLE _cs_group_rows ON COMMIT DROP AS
    SELECT r.line_no, btrim(r.fields[c_kom]) AS kom_raw, btrim(r.fields[c_grp]) AS grp,
           nullif(btrim(r.fields[c_name]), '') AS grp_name,
           substring(btrim(r.fields[c_kom]) FROM '^(?:K-)?([0-9]{4})(?:\s|$)') AS code,
           cardinality(r.fields) AS n
      FROM carestair.read_csv(content, encoding) AS r
     WHERE r.line_no > hdr.line_no AND NOT (cardinality(r.fields) = 1 AND btrim(r.fields[1]) = '');

    SELECT g.* INTO bad FROM _cs_group_rows AS g
     WHERE g.n < greatest(c_kom, c_grp) OR g.code IS NULL OR coalesce(g.grp, '') = ''
     ORDER BY g.line_no LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'invalid row at line %: kommune "%", group "%"', bad.line_no, coalesce(bad.kom_raw, ''), coalesce(bad.grp, '')
            USING ERRCODE = 'invalid_text_representation',
                  DETAIL = 'Each row needs a four-digit kommunenummer (optionally after "K-", before a name) and a group code.',
                  HINT = 'Check the separator and that the file is the kommune -> KOSTRA group correspondence.';
    END IF;

    ALTER TABLE _cs_group_rows ADD COLUMN region text;
    UPDATE _cs_group_rows AS g
       SET region = coalesce((SELECT r.region FROM carestair.region AS r WHERE r.region = g.code AND r.region <> '0000'),
                             carestair.region_for_code(g.code, valid_from_year));
    SELECT g.* INTO bad FROM _cs_group_rows AS g WHERE g.region IS NULL ORDER BY g.line_no LIMIT 1;
    IF FOUND THEN
        PERFORM carestair._raise_unknown_region(bad.kom_raw, bad.code, valid_from_year, bad.line_no, hdr.fields[c_kom]);
    END IF;
    SELECT g.region, min(g.line_no) AS l1, max(g.line_no) AS l2 INTO bad
      FROM _cs_group_rows AS g GROUP BY g.region HAVING count(*) > 1 ORDER BY 2 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'kommune % appears twice, at lines % and %', bad.region, bad.l1, bad.l2
            USING ERRCODE = 'unique_violation',
                  HINT = 'A kommune belongs to one KOSTRA group at a time.';
    END IF;

    SELECT count(DISTINCT g.grp) INTO n_grp FROM _cs_group_rows AS g;
    SELECT count(*) FILTER (WHERE m.region IS NULL),
           count(*) FILTER (WHERE m.region IS NOT NULL AND (m.kostra_group, m.valid_to_year) IS DISTINCT FROM (g.grp, import_kostra_groups.valid_to_year)),
           count(*) FILTER (WHERE m.region IS NOT NULL AND (m.kostra_group, m.valid_to_year) IS NOT DISTINCT FROM (g.grp, import_kostra_groups.valid_to_year))
      INTO n_new, n_chg, n_same
      FROM _cs_group_rows AS g
      LEFT JOIN carestair.kostra_group_member AS m ON m.region = g.region AND m.valid_from_year = import_kostra_groups.valid_from_year;

    IF NOT dry_run THEN
        INSERT INTO carestair.kostra_group AS k (code, name, classification)
        SELECT g.grp, coalesce(max(g.grp_name), g.grp), import_kostra_groups.classification
          FROM _cs_group_rows AS g GROUP BY g.grp
        ON CONFLICT ON CONSTRAINT kostra_group_pkey DO UPDATE SET name = excluded.name, classification = excluded.classification;
        INSERT INTO carestair.kostra_group_member AS m (region, kostra_group, valid_from_year, valid_to_year, source)
        SELECT g.region, g.grp, import_kostra_groups.valid_from_year, import_kostra_groups.valid_to_year, import_kostra_groups.classification
          FROM _cs_group_rows AS g
        ON CONFLICT ON CONSTRAINT kostra_group_member_pkey DO UPDATE
           SET kostra_group = excluded.kostra_group, valid_to_year = excluded.valid_to_year, source = excluded.source;
    END IF;

    RETURN QUERY
    SELECT x.o, x.n, x.d || CASE WHEN dry_run THEN ' (dry run: nothing written)' ELSE '' END
      FROM (VALUES (1, 'loaded', n_new, 'new memberships'),
                   (2, 'updated', n_chg, 'memberships whose group or end year changed'),
                   (3, 'unchanged', n_same, 'memberships already stored'),
                   (4, 'groups', n_grp, format('KOSTRA groups in the file (%s)', classification))) AS x(ord, o, n, d)
     ORDER BY x.ord;
    DROP TABLE pg_temp._cs_group_rows;
END
$$;

COMMENT ON FUNCTION carestair.import_kostra_groups(bytea, integer, integer, text, text, boolean) IS
  'Load SSB''s KOSTRA grouping (kommune -> KOSTRA group, e.g. a KLASS correspondence CSV) into carestair.kostra_group and kostra_group_member for a validity period. See doc/kostra.md.';

/*
 * _care_age_group(label): carestair's age group for an SSB age label of the
 * care-service tables ('0-66 år', '67-79 år', '80 år og over', 'I alt',
 * '80+', 'Total'); NULL when not recognised.  Internal.
 */
CREATE FUNCTION carestair._care_age_group(label text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT CASE
           WHEN l.l ~ '^(i alt|alle aldre|all ages|total|totalt)$' THEN 'all'
           WHEN l.l ~ '^0 ?[-–] ?66( ?(år|years))?$' THEN '0-66'
           WHEN l.l ~ '^67 ?[-–] ?79( ?(år|years))?$' THEN '67-79'
           WHEN l.l ~ '^0 ?[-–] ?79( ?(år|years))?$' THEN '0-79'
           WHEN l.l ~ '^80( ?(år|years))? ?(\+|og over|eller eldre|or older|and over)$' THEN '80+'
         END
    FROM (SELECT pg_catalog.lower(pg_catalog.btrim(label)) AS l) AS l;
END;

COMMENT ON FUNCTION carestair._care_age_group(text) IS 'Internal: carestair age group (all, 0-66, 67-79, 0-79, 80+) from an SSB age label.';

/*
 * import_ssb_care_services(content, service, measure, encoding, source,
 * dry_run)
 *
 * Loads one statistic of SSB's care-service tables (e.g. 12292 recipients
 * of home services, 11645 long-term institution residents, 14534 årsverk)
 * from a statbank export into carestair.care_service_stat: a header whose
 * first column is "region", optionally an age column (alder/age, with
 * SSB's bands 0-66, 67-79, 80+ and I alt) and a year column, and value
 * columns named by contents and year ("Mottakere 2024").  The caller says
 * which service and measure the numbers are.  Where a region-year has both
 * all ages and 80+, the 0-79 band is added as their difference, flagged
 * derived.  Missing-value markers, country/county rows and parts of merged
 * kommuner are skipped and counted; anything else that does not parse is an
 * error naming line and column, and nothing is written.
 */
CREATE FUNCTION carestair.import_ssb_care_services(
    content  bytea,
    service  text,
    measure  text DEFAULT 'recipients',
    encoding text DEFAULT 'auto',
    source   text DEFAULT NULL,
    dry_run  boolean DEFAULT false)
RETURNS TABLE (outcome text, row_count bigint, detail text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    hdr    record;
    ncol   integer;
    c_age  integer;
    c_year integer;
    v_col  integer[] := '{}';
    v_year integer[] := '{}';
    h      text;
    i      integer;
    bad    record;
    src    text;
    n_new  bigint;
    n_chg  bigint;
    n_same bigint;
BEGIN
    IF service IS NULL OR service NOT IN ('hjemmetjenester', 'helsetjenester_i_hjemmet', 'bolig_heldogns', 'institusjon_langtid', 'sykepleiere') THEN
        RAISE EXCEPTION 'invalid service "%"', service
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use hjemmetjenester, helsetjenester_i_hjemmet, bolig_heldogns, institusjon_langtid or sykepleiere.';
    END IF;
    IF measure IS NULL OR measure NOT IN ('recipients', 'residents', 'hours_per_week_per_recipient', 'arsverk', 'places', 'days') THEN
        RAISE EXCEPTION 'invalid measure "%"', measure
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use recipients, residents, hours_per_week_per_recipient, arsverk, places or days.';
    END IF;

    SELECT x.line_no, x.fields, x.title INTO hdr
      FROM carestair._csv_records(content, encoding, '_cs_care_rec', 'Export the care-service table from the statbank as CSV with region (and age) as dimensions.', '_cs_care_cell') AS x;
    ncol := cardinality(hdr.fields);
    src := coalesce(import_ssb_care_services.source, 'SSB ' || hdr.title, 'SSB statbank export');

    FOR i IN 2 .. ncol LOOP
        h := lower(btrim(hdr.fields[i]));
        IF h IN ('alder', 'age') THEN
            c_age := i;
        ELSIF h IN ('år', 'year', 'tid', 'aar') THEN
            c_year := i;
        ELSIF h IN ('statistikkvariabel', 'contents', 'statistical variable') THEN
            NULL;
        ELSE
            v_col := v_col || i;
            v_year := v_year || (substring(btrim(hdr.fields[i]), '\m([0-9]{4})$'))::integer;
        END IF;
    END LOOP;
    IF cardinality(v_col) = 0 THEN
        RAISE EXCEPTION 'the header at line % has no value column', hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Value columns are named by their contents and year, e.g. "Mottakere 2024".';
    END IF;
    IF c_year IS NULL AND array_position(v_year, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'column "%" at line % has no year, and there is no year column', hdr.fields[v_col[array_position(v_year, NULL)]], hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Keep the year in the column header ("Mottakere 2024") or as a column "år".';
    END IF;
    IF (c_year IS NOT NULL AND cardinality(v_col) > 1)
       OR (SELECT count(DISTINCT y) < count(y) FROM unnest(v_year) AS y) THEN
        RAISE EXCEPTION 'the header at line % has several value columns for one year', hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = format('The columns are %s.', array_to_string(hdr.fields, ', ')),
                  HINT = 'Export one statistic (contents) at a time, and import it with its service and measure.';
    END IF;

    CREATE TEMP TABLE _cs_care_cell ON COMMIT DROP AS
    WITH cells AS (
        SELECT r.line_no, v.col, hdr.fields[v.col] AS col_name,
               btrim(r.fields[1]) AS region_raw,
               btrim(coalesce(r.fields[c_age], 'I alt')) AS age_raw,
               coalesce(btrim(r.fields[c_year]), v.year::text) AS year_raw,
               btrim(r.fields[v.col]) AS value_raw
          FROM _cs_care_rec AS r, unnest(v_col, v_year) AS v(col, year)
         WHERE r.line_no > hdr.line_no AND cardinality(r.fields) = ncol
    )
    SELECT c.*, p.code, carestair._care_age_group(c.age_raw) AS age_group, p.year, p.value, p.skip AS reject_reason
      FROM cells AS c, carestair._statbank_cell(c.region_raw, c.year_raw, c.value_raw) AS p;

    SELECT c.*, CASE WHEN c.code IS NULL THEN 'region' WHEN c.age_group IS NULL THEN 'age'
                     WHEN c.year IS NULL THEN 'year' ELSE 'value' END AS what
      INTO bad FROM _cs_care_cell AS c
     WHERE c.reject_reason IS NULL AND (c.code IS NULL OR c.age_group IS NULL OR c.year IS NULL OR c.value IS NULL OR c.value < 0)
     ORDER BY c.line_no, c.col LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'invalid % "%" at line %, column "%"', bad.what,
                        CASE bad.what WHEN 'region' THEN bad.region_raw WHEN 'age' THEN bad.age_raw WHEN 'year' THEN bad.year_raw ELSE bad.value_raw END,
                        bad.line_no,
                        CASE bad.what WHEN 'region' THEN hdr.fields[1] WHEN 'age' THEN hdr.fields[c_age] WHEN 'year' THEN coalesce(hdr.fields[c_year], bad.col_name) ELSE bad.col_name END
            USING ERRCODE = 'invalid_text_representation',
                  DETAIL = 'Regions are kommunenummer ("5524 Målselv"); ages are SSB''s bands (0-66, 67-79, 80 år og over, I alt); values are counts or numbers >= 0.',
                  HINT = 'Check that the file is an unedited SSB export of one statistic.';
    END IF;

    ALTER TABLE _cs_care_cell ADD COLUMN region text;
    UPDATE _cs_care_cell AS c SET region = m.region, reject_reason = m.reason
      FROM (SELECT k.code, k.year, (carestair._region_one_to_one(k.code, k.year)).*
              FROM (SELECT DISTINCT c.code, c.year FROM _cs_care_cell AS c WHERE c.reject_reason IS NULL) AS k) AS m
     WHERE c.reject_reason IS NULL AND m.code = c.code AND m.year = c.year;
    SELECT c.* INTO bad FROM _cs_care_cell AS c WHERE c.reject_reason IS NULL AND c.region IS NULL ORDER BY c.line_no LIMIT 1;
    IF FOUND THEN
        PERFORM carestair._raise_unknown_region(bad.region_raw, bad.code, bad.year, bad.line_no, hdr.fields[1]);
    END IF;
    SELECT c.region, c.year, c.age_group, min(c.line_no) AS l1, max(c.line_no) AS l2 INTO bad
      FROM _cs_care_cell AS c WHERE c.reject_reason IS NULL
     GROUP BY c.region, c.year, c.age_group HAVING count(*) > 1 ORDER BY 4 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'duplicate value for region %, year %, age group % at lines % and %', bad.region, bad.year, bad.age_group, bad.l1, bad.l2
            USING ERRCODE = 'unique_violation',
                  HINT = 'Export each region, age and year once.';
    END IF;

    /* The rows to store: as given, plus 0-79 = all - 80+ where not given. */
    CREATE TEMP TABLE _cs_care_new ON COMMIT DROP AS
    SELECT c.region, c.year, c.age_group, c.value, false AS derived, src AS source
      FROM _cs_care_cell AS c WHERE c.reject_reason IS NULL
    UNION ALL
    SELECT a.region, a.year, '0-79', a.value - o.value, true, 'DERIVED: all - 80+ from ' || src
      FROM _cs_care_cell AS a JOIN _cs_care_cell AS o ON (o.region, o.year, o.age_group) = (a.region, a.year, '80+') AND o.reject_reason IS NULL
     WHERE a.reject_reason IS NULL AND a.age_group = 'all' AND a.value >= o.value
       AND NOT EXISTS (SELECT FROM _cs_care_cell AS y WHERE (y.region, y.year, y.age_group) = (a.region, a.year, '0-79') AND y.reject_reason IS NULL);

    SELECT count(*) FILTER (WHERE s.value IS NULL),
           count(*) FILTER (WHERE s.value IS NOT NULL AND (s.value, s.derived) IS DISTINCT FROM (n.value, n.derived)),
           count(*) FILTER (WHERE (s.value, s.derived) IS NOT DISTINCT FROM (n.value, n.derived))
      INTO n_new, n_chg, n_same
      FROM _cs_care_new AS n
      LEFT JOIN carestair.care_service_stat AS s
        ON (s.region, s.year, s.service, s.measure, s.age_group) = (n.region, n.year, import_ssb_care_services.service, import_ssb_care_services.measure, n.age_group);

    IF NOT dry_run THEN
        INSERT INTO carestair.care_service_stat AS s (region, year, service, measure, age_group, value, derived, source)
        SELECT n.region, n.year, import_ssb_care_services.service, import_ssb_care_services.measure, n.age_group, n.value, n.derived, n.source
          FROM _cs_care_new AS n
        ON CONFLICT ON CONSTRAINT care_service_stat_pkey DO UPDATE
           SET value = excluded.value, derived = excluded.derived, source = excluded.source;
    END IF;

    RETURN QUERY
    SELECT x.o, x.n, x.d || CASE WHEN dry_run THEN ' (dry run: nothing written)' ELSE '' END
      FROM (VALUES (1, 'loaded', n_new, format('new values (%s %s, source %s)', service, measure, src)),
                   (2, 'updated', n_chg, 'values that changed'),
                   (3, 'unchanged', n_same, 'values already stored')
            UNION ALL
            SELECT 4, 'rejected', count(*), c.reject_reason FROM _cs_care_cell AS c
             WHERE c.reject_reason IS NOT NULL GROUP BY c.reject_reason) AS x(ord, o, n, d)
     ORDER BY x.ord, x.d;
    DROP TABLE pg_temp._cs_care_rec, pg_temp._cs_care_cell, pg_temp._cs_care_new;
END
$$;

COMMENT ON FUNCTION carestair.import_ssb_care_services(bytea, text, text, text, text, boolean) IS
  'Load one statistic of an SSB care-service table export (e.g. 12292, 11645) into carestair.care_service_stat for the given service and measure; 0-79 derived as all - 80+. See doc/kostra.md.';
