
-- ---------------------------------------------------------------------------
-- ssb_import: load an SSB statbank export of table 07459 (population by
-- region, sex, age and year) as SSB writes it.  See doc/ssb_import.md.
-- ---------------------------------------------------------------------------

/*
 * _ssb_parse_age(label): (age, is_open) from an SSB age label such as
 * '0 years', '1 year', '105 years or older', '67 år', '105 år eller eldre',
 * '105+' or a bare code '042'.  NULL when the label is not an age.  Internal.
 */
CREATE FUNCTION carestair._ssb_parse_age(label text, OUT age integer, OUT is_open boolean)
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
  SELECT (m.m[1])::integer, m.m[2] IS NOT NULL
    FROM (SELECT pg_catalog.regexp_match(pg_catalog.btrim(label),
            '^([0-9]{1,3})(?:\s*(?:years?|år|aar))?(\s*(?:or older|or over|eller eldre|eller mer|\+))?$', 'i') AS m) AS m;
END;

COMMENT ON FUNCTION carestair._ssb_parse_age(text) IS 'Internal: age and open-group flag from an SSB age label (''105 years or older'' -> 105, true).';

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
 * import_ssb_population(content, encoding, source, dry_run)
 *
 * Reads an SSB 07459 export (any of the statbank's CSV layouts: wide with
 * years and sexes in the column headers, or long with sex and year columns;
 * semicolon, tab or comma; ISO-8859-1 or UTF-8; CRLF or LF; region labels
 * 'K-5524 Målselv' or '1924 Målselv'), maps old kommunenummer to current
 * regions (summing merged kommuner, checking that every part is present),
 * validates every cell, and upserts into carestair.population (files with a
 * sex split) or carestair.population_total (files without).
 *
 * Any bad cell stops the import with an error that names the line and
 * column; nothing is written then.  Cells SSB marks as missing ('..', ':',
 * '.', '-') and rows for counties or the whole country are skipped and
 * counted as rejected, with the reason.
 */
CREATE FUNCTION carestair.import_ssb_population(
    content  bytea,
    encoding text DEFAULT 'auto',
    source   text DEFAULT 'SSB 07459',
    dry_run  boolean DEFAULT false)
RETURNS TABLE (outcome text, target_table text, row_count bigint, detail text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    hdr          record;
    ncol         integer;
    c_region     integer;
    c_sex        integer;
    c_age        integer;
    c_year       integer;
    v_col        integer[] := '{}';
    v_year       integer[] := '{}';
    v_sex        text[] := '{}';
    v_name       text[] := '{}';
    h            text;
    m            text[];
    i            integer;
    bad          record;
    has_sex      boolean;
    target       text;
    n_new        bigint;
    n_changed    bigint;
    n_same       bigint;
    ignored_cols text[] := '{}';
BEGIN
    /* Left over from an import that failed earlier in this transaction? */
    IF to_regclass('pg_temp._cs_import_rec') IS NOT NULL THEN
        DROP TABLE pg_temp._cs_import_rec;
    END IF;
    IF to_regclass('pg_temp._cs_import_cell') IS NOT NULL THEN
        DROP TABLE pg_temp._cs_import_cell;
    END IF;
    IF to_regclass('pg_temp._cs_import_new') IS NOT NULL THEN
        DROP TABLE pg_temp._cs_import_new;
    END IF;
    IF to_regclass('pg_temp._cs_import_map') IS NOT NULL THEN
        DROP TABLE pg_temp._cs_import_map;
    END IF;

    CREATE TEMP TABLE _cs_import_rec ON COMMIT DROP AS
        SELECT r.line_no, r.fields FROM carestair.read_csv(content, encoding) AS r;

    /* The header: the first record whose first field is "region". */
    SELECT r.line_no, r.fields INTO hdr
      FROM _cs_import_rec AS r
     WHERE lower(btrim(r.fields[1])) IN ('region', 'kommune', 'region code', 'regionkode')
     ORDER BY r.line_no LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'content has no header row with a "region" column'
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = 'The importer looks for the statbank''s column header, whose first column is "region".',
                  HINT = 'Export table 07459 from the statbank as CSV with region, (sex,) age and the persons columns.';
    END IF;
    ncol := cardinality(hdr.fields);

    /* Classify the header's columns. */
    FOR i IN 1 .. ncol LOOP
        h := lower(btrim(hdr.fields[i]));
        IF i = 1 THEN
            c_region := 1;
        ELSIF h IN ('sex', 'kjønn', 'kjonn') THEN
            c_sex := i;
        ELSIF h IN ('age', 'alder') THEN
            c_age := i;
        ELSIF h IN ('year', 'år', 'tid', 'aar') THEN
            c_year := i;
        ELSIF h IN ('contents', 'statistikkvariabel', 'statistical variable') THEN
            ignored_cols := ignored_cols || hdr.fields[i];
        ELSE
            m := regexp_match(h, '^(?:[0-9]{5}: ?)?(?:persons|personer|population|befolkning|value|verdi)(?:,? ([0-9]{4}))?(?:,? (.+))?$');
            IF m IS NULL OR (m[2] IS NOT NULL AND carestair._ssb_parse_sex(m[2]) IS NULL) THEN
                RAISE EXCEPTION 'unrecognised column "%" in the header at line %', hdr.fields[i], hdr.line_no
                    USING ERRCODE = 'bad_copy_file_format',
                          DETAIL = 'Known columns: region, sex/kjønn, age/alder, year/år, contents, and persons columns such as "Persons 2024" or "Persons 2024 Males".',
                          HINT = 'Export table 07459 with only region, sex, age and year as dimensions.';
            END IF;
            v_col := v_col || i;
            v_year := v_year || m[1]::integer;
            v_sex := v_sex || m[2];
            v_name := v_name || hdr.fields[i];
        END IF;
    END LOOP;

    IF c_age IS NULL THEN
        RAISE EXCEPTION 'the header at line % has no "age" column', hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = 'carestair stores population by single-year age.',
                  HINT = 'Export table 07459 with the age dimension by single years.';
    END IF;
    IF cardinality(v_col) = 0 THEN
        RAISE EXCEPTION 'the header at line % has no persons column', hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Columns such as "Persons 2024", "Personer 2024 Menn" or, with a year column, "Persons".';
    END IF;
    IF c_year IS NULL AND array_position(v_year, NULL) IS NOT NULL THEN
        RAISE EXCEPTION 'column "%" at line % has no year, and there is no year column',
                        hdr.fields[v_col[array_position(v_year, NULL)]], hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Keep the year in the column header ("Persons 2024") or as a column "year".';
    END IF;
    IF c_sex IS NOT NULL AND array_remove(v_sex, NULL) <> '{}' THEN
        RAISE EXCEPTION 'the header at line % gives sex both as a column and in the persons columns', hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Export with sex in one place only.';
    END IF;
    IF array_position(v_sex, NULL) IS NOT NULL AND array_remove(v_sex, NULL) <> '{}' THEN
        RAISE EXCEPTION 'the header at line % mixes persons columns with and without sex', hdr.line_no
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Export either by sex or for both sexes together.';
    END IF;
    has_sex := c_sex IS NOT NULL OR array_remove(v_sex, NULL) <> '{}';

    /* Records whose width differs from the header's. */
    SELECT r.line_no, cardinality(r.fields) AS n INTO bad
      FROM _cs_import_rec AS r
     WHERE r.line_no > hdr.line_no AND cardinality(r.fields) NOT IN (1, ncol)
     ORDER BY r.line_no LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'line % has % fields, the header at line % has %', bad.line_no, bad.n, hdr.line_no, ncol
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Check the separator and quoting of that line.';
    END IF;

    /* One cell per record and persons column, parsed and checked. */
    CREATE TEMP TABLE _cs_import_cell ON COMMIT DROP AS
    WITH recs AS (
        -- per record: the dimension fields, read and parsed once
        SELECT r.line_no, r.fields, r.region_raw, r.sex_field, r.age_raw, r.year_field,
               substring(r.region_raw FROM '^(?:K-)?([0-9]{4})(?:\s|$)') AS code,
               a.age, a.is_open
          FROM (SELECT x.line_no, x.fields,
                       btrim(x.fields[c_region]) AS region_raw,
                       btrim(x.fields[c_sex]) AS sex_field,
                       btrim(x.fields[c_age]) AS age_raw,
                       btrim(x.fields[c_year]) AS year_field
                  FROM _cs_import_rec AS x
                 WHERE x.line_no > hdr.line_no AND cardinality(x.fields) = ncol) AS r
          LEFT JOIN LATERAL carestair._ssb_parse_age(r.age_raw) AS a ON true
    ), parsed AS (
        -- per record and persons column (the array is unnested once per record)
        SELECT r.line_no, v.col, v.col_name, r.region_raw, r.age_raw, r.code, r.age, r.is_open,
               coalesce(r.sex_field, btrim(v.sex_label)) AS sex_raw,
               carestair._ssb_parse_sex(coalesce(r.sex_field, v.sex_label)) AS sex,
               coalesce(r.year_field, v.year::text) AS year_raw,
               CASE WHEN coalesce(r.year_field, v.year::text) ~ '^[0-9]{4}$'
                    THEN coalesce(r.year_field, v.year::text)::integer END AS year,
               btrim(f.value) AS value_raw,
               CASE WHEN btrim(f.value) ~ '^[0-9]{1,9}$' THEN btrim(f.value)::integer END AS persons
          FROM recs AS r
         CROSS JOIN LATERAL unnest(r.fields) WITH ORDINALITY AS f(value, col)
          JOIN unnest(v_col, v_year, v_sex, v_name) AS v(col, year, sex_label, col_name) ON v.col = f.col
    )
    SELECT p.*,
           CASE
             WHEN p.code IS NULL AND (p.region_raw ~ '^(?:F-)?[0-9]{2}(?:\s|$)' OR p.region_raw ~ '^0(?:\s|$)'
                                      OR p.region_raw ~* '^(the whole country|hele landet|norge|norway)')
               THEN 'region is a county or the whole country, not a kommune'
             WHEN p.age IS NULL AND p.age_raw ~* '^(total|i alt|alle aldre|all ages)$'
               THEN 'age total row (totals are computed, not stored)'
             WHEN p.sex = 0 THEN 'both-sexes row in a file split by sex (totals are computed, not stored)'
             WHEN p.value_raw IN ('..', '...', ':', '.', '-', '…')
               THEN format('missing value marker "%s"', p.value_raw)
           END AS reject_reason,
           CASE
             WHEN p.code IS NULL THEN 'region'
             WHEN p.age IS NULL THEN 'age'
             WHEN has_sex AND p.sex IS NULL THEN 'sex'
             WHEN p.year IS NULL THEN 'year'
             WHEN p.persons IS NULL THEN 'persons'
           END AS bad_column
      FROM parsed AS p;

    /* The first cell that is neither valid nor a documented skip is an error. */
    SELECT c.* INTO bad FROM _cs_import_cell AS c
     WHERE c.reject_reason IS NULL AND c.bad_column IS NOT NULL
     ORDER BY c.line_no, c.col LIMIT 1;
    IF FOUND THEN
        CASE bad.bad_column
          WHEN 'region' THEN
            RAISE EXCEPTION 'invalid region "%" at line %, column "%"', bad.region_raw, bad.line_no, hdr.fields[c_region]
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'A kommune is a four-digit kommunenummer, optionally after "K-", before its name.',
                      HINT = 'Export the region dimension with codes, e.g. "K-5524 Målselv".';
          WHEN 'age' THEN
            RAISE EXCEPTION 'invalid age "%" at line %, column "%"', bad.age_raw, bad.line_no, hdr.fields[c_age]
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'Ages are single years such as "67 years", "67 år" or "105 years or older".',
                      HINT = 'Export table 07459 by single-year age.';
          WHEN 'sex' THEN
            RAISE EXCEPTION 'invalid sex "%" at line %, column "%"', bad.sex_raw, bad.line_no, coalesce(hdr.fields[c_sex], bad.col_name)
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'Sex is Males/Females, Menn/Kvinner or SSB''s codes 1/2.',
                      HINT = 'Export the sex dimension with SSB''s labels or codes.';
          WHEN 'year' THEN
            RAISE EXCEPTION 'invalid year "%" at line %, column "%"', bad.year_raw, bad.line_no, coalesce(hdr.fields[c_year], bad.col_name)
                USING ERRCODE = 'invalid_text_representation',
                      HINT = 'Years are four digits.';
          ELSE
            IF bad.value_raw ~ '^-[0-9]+$' THEN
                RAISE EXCEPTION 'negative count % at line %, column "%"', bad.value_raw, bad.line_no, bad.col_name
                    USING ERRCODE = 'data_exception',
                          DETAIL = 'Population counts cannot be negative.',
                          HINT = 'Check that the file is an unedited SSB export.';
            END IF;
            RAISE EXCEPTION 'invalid count "%" at line %, column "%"', bad.value_raw, bad.line_no, bad.col_name
                USING ERRCODE = 'invalid_text_representation',
                      DETAIL = 'Counts are whole numbers of persons; SSB marks missing values with "..", ":" or ".".',
                      HINT = 'Check the separator, and that no cell holds text or a decimal number.';
        END CASE;
    END IF;

    /*
     * Map each code to its current region for the cell's year, once per
     * distinct code and year: through the code history first (1924 in 2015
     * -> 5524); a current code outside its history years (1579 for 2015, as
     * in SSB series on current borders) stands for the whole current region.
     */
    CREATE TEMP TABLE _cs_import_map ON COMMIT DROP AS
    SELECT k.code, k.year, carestair.region_for_code(k.code, k.year) AS hist_region,
           (SELECT g.region FROM carestair.region AS g WHERE g.region = k.code) AS current_region,
           EXISTS (SELECT FROM carestair.region_code_history AS x
                    WHERE x.code = k.code AND k.year >= x.first_year
                      AND (x.last_year IS NULL OR k.year <= x.last_year) AND x.weight < 1) AS split
      FROM (SELECT DISTINCT c.code, c.year FROM _cs_import_cell AS c WHERE c.reject_reason IS NULL) AS k;

    ALTER TABLE _cs_import_cell ADD COLUMN region text, ADD COLUMN whole boolean;
    UPDATE _cs_import_cell AS c
       SET region = coalesce(m.hist_region, CASE WHEN NOT m.split THEN m.current_region END),
           whole = m.hist_region IS NULL AND NOT m.split AND m.current_region IS NOT NULL,
           reject_reason = CASE WHEN m.hist_region IS NULL AND m.split
                                THEN format('kommune %s was split; its counts cannot be allocated to current kommuner', c.code) END
      FROM _cs_import_map AS m
     WHERE c.reject_reason IS NULL AND m.code = c.code AND m.year = c.year;

    SELECT c.* INTO bad FROM _cs_import_cell AS c
     WHERE c.reject_reason IS NULL AND c.region IS NULL ORDER BY c.line_no LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'unknown region "%" for year % at line %, column "%"', bad.region_raw, bad.year, bad.line_no, hdr.fields[c_region]
            USING ERRCODE = 'foreign_key_violation',
                  DETAIL = format('Kommunenummer %s is in neither carestair.region nor carestair.region_code_history for %s.', bad.code, bad.year),
                  HINT = 'Add the kommune to carestair.region (and its old codes to carestair.region_code_history), then import again.';
    END IF;

    /* The same source cell twice. */
    SELECT c.code, c.year, c.sex, c.age, min(c.line_no) AS l1, max(c.line_no) AS l2 INTO bad
      FROM _cs_import_cell AS c WHERE c.reject_reason IS NULL
     GROUP BY c.code, c.year, c.sex, c.age HAVING count(*) > 1
     ORDER BY 5 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'duplicate row for region %, year %, sex %, age % at lines % and %', bad.code, bad.year,
                        coalesce(bad.sex::text, 'both'), bad.age, bad.l1, bad.l2
            USING ERRCODE = 'unique_violation',
                  HINT = 'Export each region, sex, age and year once.';
    END IF;

    /* Open age groups: one per code and year (both sexes), nothing above it. */
    SELECT c.code, c.year, c.age, c.line_no, o.age AS open_age, o.line_no AS open_line INTO bad
      FROM _cs_import_cell AS c
      JOIN _cs_import_cell AS o
        ON o.code = c.code AND o.year = c.year AND o.is_open AND o.reject_reason IS NULL
     WHERE c.reject_reason IS NULL
       AND (c.line_no, c.col) <> (o.line_no, o.col)
       AND (c.age > o.age OR (c.is_open AND c.age <> o.age))
     ORDER BY c.line_no, c.col LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'age % at line % lies above or beside the open age group %+ at line % (region %, year %)',
                        bad.age, bad.line_no, bad.open_age, bad.open_line, bad.code, bad.year
            USING ERRCODE = 'data_exception',
                  DETAIL = 'A region-year has one open age group, and no age above it.',
                  HINT = 'Check that the file is an unedited SSB export by single-year age.';
    END IF;

    /*
     * Merged kommuner: a region-year comes either whole (its current code) or
     * from all the codes it was made of that year; anything else would sum
     * to a silently wrong number.
     */
    WITH got AS (
        SELECT c.region, c.year, c.sex, c.age, count(DISTINCT c.code) AS n, bool_or(c.whole) AS any_whole,
               string_agg(DISTINCT c.code, ', ') AS present
          FROM _cs_import_cell AS c WHERE c.reject_reason IS NULL
         GROUP BY c.region, c.year, c.sex, c.age
    ), expected AS (
        SELECT ry.region, ry.year, count(*) AS n, string_agg(x.code, ', ' ORDER BY x.code) AS codes
          FROM (SELECT DISTINCT c.region, c.year FROM _cs_import_cell AS c WHERE c.reject_reason IS NULL) AS ry
          JOIN carestair.region_code_history AS x
            ON x.region = ry.region AND x.weight = 1 AND ry.year >= x.first_year
           AND (x.last_year IS NULL OR ry.year <= x.last_year)
         GROUP BY ry.region, ry.year
    )
    SELECT got.*, expected.codes AS expected INTO bad
      FROM got LEFT JOIN expected ON expected.region = got.region AND expected.year = got.year
     WHERE (got.any_whole AND got.n > 1) OR (NOT got.any_whole AND got.n < coalesce(expected.n, 1))
     ORDER BY got.region, got.year, got.sex, got.age LIMIT 1;
    IF FOUND AND bad.any_whole THEN
        RAISE EXCEPTION 'region % year % age % appears both whole and as its former kommuner (%)',
                        bad.region, bad.year, bad.age, bad.present
            USING ERRCODE = 'data_exception',
                  DETAIL = 'Summing them would count the same persons twice.',
                  HINT = 'Export either on current borders or with the codes valid each year, not both.';
    ELSIF FOUND THEN
        RAISE EXCEPTION 'region % year % age % is incomplete: the file has kommune % but the region was made of %',
                        bad.region, bad.year, bad.age, bad.present, bad.expected
            USING ERRCODE = 'data_exception',
                  DETAIL = 'Counts of merged kommuner are summed onto current borders; a missing part would give a silently low number.',
                  HINT = 'Export all the old kommuner of that region for that year.';
    END IF;

    target := CASE WHEN has_sex THEN 'carestair.population' ELSE 'carestair.population_total' END;

    /* Sum onto current regions and compare with what is stored. */
    CREATE TEMP TABLE _cs_import_new ON COMMIT DROP AS
    SELECT n.*, s.persons AS stored_persons, s.is_open_age AS stored_open
      FROM (SELECT c.region, c.year, coalesce(c.sex, 0) AS sex, c.age,
                   sum(c.persons)::integer AS persons, bool_or(c.is_open) AS is_open_age
              FROM _cs_import_cell AS c WHERE c.reject_reason IS NULL
             GROUP BY c.region, c.year, coalesce(c.sex, 0), c.age) AS n
      LEFT JOIN (SELECT p.region, p.year, p.sex::integer AS sex, p.age::integer AS age, p.persons, p.is_open_age
                   FROM carestair.population AS p WHERE has_sex
                 UNION ALL
                 SELECT t.region, t.year, 0, t.age::integer, t.persons, t.is_open_age
                   FROM carestair.population_total AS t WHERE NOT has_sex) AS s
        ON s.region = n.region AND s.year = n.year AND s.sex = n.sex AND s.age = n.age;

    /* A different open age group than the stored one would leave a broken region-year. */
    SELECT n.region, n.year, n.age AS new_open, s.age AS stored_open INTO bad
      FROM _cs_import_new AS n
      JOIN (SELECT p.region, p.year, p.age FROM carestair.population AS p WHERE has_sex AND p.is_open_age
            UNION ALL
            SELECT t.region, t.year, t.age FROM carestair.population_total AS t WHERE NOT has_sex AND t.is_open_age) AS s
        ON s.region = n.region AND s.year = n.year AND s.age <> n.age
     WHERE n.is_open_age
     ORDER BY n.region, n.year LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the file''s open age group %+ for region % year % differs from the stored one, %+', bad.new_open, bad.region, bad.year, bad.stored_open
            USING ERRCODE = 'data_exception',
                  DETAIL = 'Importing it would leave stored ages above the new open group.',
                  HINT = format('Delete the stored rows first (DELETE FROM %s WHERE region = %L AND year = %s), then import again.', target, bad.region, bad.year);
    END IF;

    SELECT count(*) FILTER (WHERE n.stored_persons IS NULL),
           count(*) FILTER (WHERE n.stored_persons IS NOT NULL
                              AND (n.stored_persons, n.stored_open) <> (n.persons, n.is_open_age)),
           count(*) FILTER (WHERE (n.stored_persons, n.stored_open) = (n.persons, n.is_open_age))
      INTO n_new, n_changed, n_same
      FROM _cs_import_new AS n;

    IF NOT dry_run THEN
        IF has_sex THEN
            INSERT INTO carestair.population AS p (region, year, sex, age, persons, is_open_age, source)
            SELECT n.region, n.year, n.sex, n.age, n.persons, n.is_open_age, import_ssb_population.source
              FROM _cs_import_new AS n
             WHERE (n.stored_persons, n.stored_open) IS DISTINCT FROM (n.persons, n.is_open_age)
            ON CONFLICT (region, year, sex, age) DO UPDATE
               SET persons = excluded.persons, is_open_age = excluded.is_open_age, source = excluded.source;
        ELSE
            INSERT INTO carestair.population_total AS t (region, year, age, persons, is_open_age, source)
            SELECT n.region, n.year, n.age, n.persons, n.is_open_age, import_ssb_population.source
              FROM _cs_import_new AS n
             WHERE (n.stored_persons, n.stored_open) IS DISTINCT FROM (n.persons, n.is_open_age)
            ON CONFLICT (region, year, age) DO UPDATE
               SET persons = excluded.persons, is_open_age = excluded.is_open_age, source = excluded.source;
        END IF;
    END IF;

    RETURN QUERY
    SELECT x.outcome, x.target_table, x.row_count,
           x.detail || CASE WHEN dry_run THEN ' (dry run: nothing written)' ELSE '' END
      FROM (VALUES (1, 'loaded', target, n_new, 'new rows'),
                   (2, 'updated', target, n_changed, 'rows whose persons or open-age flag changed'),
                   (3, 'unchanged', target, n_same, 'rows already stored with the same values')
            UNION ALL
            SELECT 4, 'rejected', NULL, count(*), c.reject_reason
              FROM _cs_import_cell AS c WHERE c.reject_reason IS NOT NULL
             GROUP BY c.reject_reason
            UNION ALL
            SELECT 5, 'rejected', NULL, count(*), 'text line without data (title or footnote)'
              FROM _cs_import_rec AS r
             WHERE r.line_no > hdr.line_no AND cardinality(r.fields) = 1 AND ncol > 1
            HAVING count(*) > 0) AS x(ord, outcome, target_table, row_count, detail)
     ORDER BY x.ord, x.detail;

    DROP TABLE pg_temp._cs_import_rec, pg_temp._cs_import_cell, pg_temp._cs_import_map, pg_temp._cs_import_new;
END
$$;

COMMENT ON FUNCTION carestair.import_ssb_population(bytea, text, text, boolean) IS
  'Load an SSB statbank export of table 07459 (any CSV layout, LATIN1 or UTF-8) into carestair.population or population_total; reports rows loaded, updated, unchanged and rejected. See doc/ssb_import.md.';
