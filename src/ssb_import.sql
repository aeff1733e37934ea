
-- ---------------------------------------------------------------------------
-- ssb_import: load an SSB statbank export of table 07459 (population by
-- region, sex, age and year) as SSB writes it.  See doc/ssb_import.md.
-- ---------------------------------------------------------------------------

/*
 * _ssb_population_rows(content, encoding): the file parsed, checked, mapped
 * onto current regions and summed (src/ssb_population.c): one 'header' row
 * (sex 1 when the file is split by sex, persons = number of rows), the
 * population rows ('row'), and the counted skips ('rejected', 'textline').
 * Internal.
 */
CREATE FUNCTION carestair._ssb_population_rows(content bytea, encoding text)
RETURNS TABLE (kind text, region text, year integer, sex smallint, age smallint, persons bigint,
               is_open_age boolean, detail text)
AS 'MODULE_PATHNAME', 'carestair__ssb_population_rows'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED;

COMMENT ON FUNCTION carestair._ssb_population_rows(bytea, text) IS 'Internal: parses, checks and maps an SSB 07459 export for import_ssb_population.';

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
 * counted as rejected, with the reason.  A code written "K-nnnn" that is a
 * current kommune means that kommune on today's borders for every year (SSB's
 * series on current borders): no check against its former parts.
 */
CREATE FUNCTION carestair.import_ssb_population(
    content  bytea,
    encoding text DEFAULT 'auto',
    source   text DEFAULT 'SSB 07459',
    dry_run  boolean DEFAULT false)
RETURNS TABLE (outcome text, target_table text, row_count bigint, detail text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
SET enable_nestloop = off   -- linear joins whatever the statistics say (see _check_open_age)
AS $$
DECLARE
    has_sex   boolean;
    target    text;
    n_rows    bigint;
    n_new     bigint;
    n_changed bigint;
    bad       record;
BEGIN
    IF content IS NULL THEN
        RAISE EXCEPTION 'content must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Pass the export file''s bytes, e.g. pg_read_binary_file(...) or lo_get(:LASTOID) after \lo_import.';
    END IF;
    /* Parse, check, map and sum (C): every error is raised here, before any write. */
    IF to_regclass('pg_temp._cs_pop') IS NOT NULL THEN
        DROP TABLE pg_temp._cs_pop;
    END IF;
    CREATE TEMP TABLE _cs_pop ON COMMIT DROP AS
    SELECT * FROM carestair._ssb_population_rows(content, coalesce(encoding, 'auto'));
    SELECT p.sex = 1, p.persons INTO has_sex, n_rows FROM _cs_pop AS p WHERE p.kind = 'header';
    target := CASE WHEN has_sex THEN 'carestair.population' ELSE 'carestair.population_total' END;

    /* A different open age group than the stored one would leave a broken region-year. */
    SELECT n.region, n.year, n.age AS new_open, s.age AS stored_open INTO bad
      FROM _cs_pop AS n
      JOIN (SELECT p.region, p.year, p.age FROM carestair.population AS p WHERE has_sex AND p.is_open_age
            UNION ALL
            SELECT t.region, t.year, t.age FROM carestair.population_total AS t WHERE NOT has_sex AND t.is_open_age) AS s
        ON s.region = n.region AND s.year = n.year AND s.age <> n.age
     WHERE n.kind = 'row' AND n.is_open_age
     ORDER BY n.region, n.year LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'the file''s open age group %+ for region % year % differs from the stored one, %+', bad.new_open, bad.region, bad.year, bad.stored_open
            USING ERRCODE = 'data_exception',
                  DETAIL = 'Importing it would leave stored ages above the new open group.',
                  HINT = format('Delete the stored rows first (DELETE FROM %s WHERE region = %L AND year = %s), then import again.', target, bad.region, bad.year);
    END IF;

    IF dry_run THEN
        SELECT count(*) FILTER (WHERE s.persons IS NULL),
               count(*) FILTER (WHERE (s.persons, s.is_open_age) <> (n.persons::integer, n.is_open_age))
          INTO n_new, n_changed
          FROM _cs_pop AS n
          LEFT JOIN (SELECT p.region, p.year, p.sex, p.age, p.persons, p.is_open_age
                       FROM carestair.population AS p WHERE has_sex
                     UNION ALL
                     SELECT t.region, t.year, 0::smallint, t.age, t.persons, t.is_open_age
                       FROM carestair.population_total AS t WHERE NOT has_sex) AS s
            ON s.region = n.region AND s.year = n.year AND s.sex = n.sex AND s.age = n.age
         WHERE n.kind = 'row';
    ELSIF NOT EXISTS (SELECT FROM (SELECT DISTINCT n.region, n.year FROM _cs_pop AS n WHERE n.kind = 'row') AS ry
                       WHERE EXISTS (SELECT FROM carestair.population AS p WHERE has_sex AND p.region = ry.region AND p.year = ry.year)
                          OR EXISTS (SELECT FROM carestair.population_total AS t WHERE NOT has_sex AND t.region = ry.region AND t.year = ry.year)) THEN
        /* Nothing stored for the file's region-years (a first load): a plain insert, as fast as the table allows. */
        IF has_sex THEN
            INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age, source)
            SELECT n.region, n.year, n.sex, n.age, n.persons, n.is_open_age, import_ssb_population.source
              FROM _cs_pop AS n WHERE n.kind = 'row';
        ELSE
            INSERT INTO carestair.population_total (region, year, age, persons, is_open_age, source)
            SELECT n.region, n.year, n.age, n.persons, n.is_open_age, import_ssb_population.source
              FROM _cs_pop AS n WHERE n.kind = 'row';
        END IF;
        n_new := n_rows;
        n_changed := 0;
    ELSIF has_sex THEN
        WITH w AS (
            INSERT INTO carestair.population AS p (region, year, sex, age, persons, is_open_age, source)
            SELECT n.region, n.year, n.sex, n.age, n.persons, n.is_open_age, import_ssb_population.source
              FROM _cs_pop AS n WHERE n.kind = 'row'
            ON CONFLICT (region, year, sex, age) DO UPDATE
               SET persons = excluded.persons, is_open_age = excluded.is_open_age, source = excluded.source
             WHERE (p.persons, p.is_open_age) IS DISTINCT FROM (excluded.persons, excluded.is_open_age)
            RETURNING p.xmax::text = '0' AS inserted)
        SELECT count(*) FILTER (WHERE w.inserted), count(*) FILTER (WHERE NOT w.inserted) INTO n_new, n_changed FROM w;
    ELSE
        WITH w AS (
            INSERT INTO carestair.population_total AS t (region, year, age, persons, is_open_age, source)
            SELECT n.region, n.year, n.age, n.persons, n.is_open_age, import_ssb_population.source
              FROM _cs_pop AS n WHERE n.kind = 'row'
            ON CONFLICT (region, year, age) DO UPDATE
               SET persons = excluded.persons, is_open_age = excluded.is_open_age, source = excluded.source
             WHERE (t.persons, t.is_open_age) IS DISTINCT FROM (excluded.persons, excluded.is_open_age)
            RETURNING t.xmax::text = '0' AS inserted)
        SELECT count(*) FILTER (WHERE w.inserted), count(*) FILTER (WHERE NOT w.inserted) INTO n_new, n_changed FROM w;
    END IF;

    RETURN QUERY
    SELECT x.outcome, x.target_table, x.row_count,
           x.detail || CASE WHEN dry_run THEN ' (dry run: nothing written)' ELSE '' END
      FROM (VALUES (1, 'loaded', target, n_new, 'new rows'),
                   (2, 'updated', target, n_changed, 'rows whose persons or open-age flag changed'),
                   (3, 'unchanged', target, n_rows - n_new - n_changed, 'rows already stored with the same values')
            UNION ALL
            SELECT CASE r.kind WHEN 'rejected' THEN 4 ELSE 5 END, 'rejected', NULL, r.persons, r.detail
              FROM _cs_pop AS r WHERE r.kind IN ('rejected', 'textline')) AS x(ord, outcome, target_table, row_count, detail)
     ORDER BY x.ord, x.detail;

    DROP TABLE pg_temp._cs_pop;
END
$$;

COMMENT ON FUNCTION carestair.import_ssb_population(bytea, text, text, boolean) IS
  'Load an SSB statbank export of table 07459 (any CSV layout, LATIN1 or UTF-8) into carestair.population or population_total; reports rows loaded, updated, unchanged and rejected. See doc/ssb_import.md.';
