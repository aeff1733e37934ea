
-- ---------------------------------------------------------------------------
-- ssb_csv: read a delimited text file (SSB statbank export) into records.
-- See doc/ssb_import.md.
-- ---------------------------------------------------------------------------

CREATE FUNCTION carestair.read_csv(
    content   bytea,
    encoding  text DEFAULT 'auto',
    delimiter text DEFAULT 'auto')
RETURNS TABLE (line_no integer, fields text[])
AS 'MODULE_PATHNAME', 'carestair_read_csv'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION carestair.read_csv(bytea, text, text) IS
  'Split a delimited text file (e.g. an SSB statbank CSV export, given as bytea) into records: encoding and separator detected when ''auto''. See doc/ssb_import.md.';

/*
 * _csv_records(content, encoding, recs, hint, leftovers...): the common
 * start of the SSB importers.  Drops temporary tables left by an import
 * that failed earlier in the transaction (recs and leftovers), reads the
 * file with carestair.read_csv into the temporary table recs (line_no,
 * fields; dropped at commit), and returns the statbank header: the first
 * record whose first field is "region", and the table number of a title
 * line before it ("12362: ..."), if any.  Errors, with hint, when there is
 * no header, and when a data record's width differs from the header's.
 * Internal.
 */
CREATE FUNCTION carestair._csv_records(content bytea, encoding text, recs text, hint text, VARIADIC leftovers text[],
                                       OUT line_no integer, OUT fields text[], OUT title text)
LANGUAGE plpgsql VOLATILE PARALLEL UNSAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    t   text;
    bad record;
BEGIN
    FOREACH t IN ARRAY array_prepend(recs, leftovers) LOOP
        IF to_regclass(format('pg_temp.%I', t)) IS NOT NULL THEN
            EXECUTE format('DROP TABLE pg_temp.%I', t);
        END IF;
    END LOOP;
    EXECUTE format('CREATE TEMP TABLE %I ON COMMIT DROP AS
                    SELECT r.line_no, r.fields FROM carestair.read_csv($1, $2) AS r', recs)
      USING content, encoding;
    EXECUTE format('SELECT r.line_no, r.fields FROM pg_temp.%I AS r
                     WHERE lower(btrim(r.fields[1])) IN (''region'', ''kommune'', ''region code'', ''regionkode'')
                     ORDER BY r.line_no LIMIT 1', recs)
       INTO line_no, fields;
    IF line_no IS NULL THEN
        RAISE EXCEPTION 'content has no header row with a "region" column'
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = 'The importer looks for the statbank''s column header, whose first column is "region".',
                  HINT = hint;
    END IF;
    /* The statbank's title line ("12362: Driftsutgifter ...") names the table. */
    EXECUTE format('SELECT substring(btrim(r.fields[1]) FROM ''^([0-9]{5}):'') FROM pg_temp.%I AS r
                     WHERE r.line_no < $1 AND btrim(r.fields[1]) ~ ''^[0-9]{5}:''
                     ORDER BY r.line_no LIMIT 1', recs)
       INTO title USING line_no;
    EXECUTE format('SELECT r.line_no, cardinality(r.fields) AS n FROM pg_temp.%I AS r
                     WHERE r.line_no > $1 AND cardinality(r.fields) NOT IN (1, $2)
                     ORDER BY r.line_no LIMIT 1', recs)
       INTO bad USING line_no, cardinality(fields);
    IF bad.line_no IS NOT NULL THEN
        RAISE EXCEPTION 'line % has % fields, the header at line % has %', bad.line_no, bad.n, line_no, cardinality(fields)
            USING ERRCODE = 'bad_copy_file_format',
                  HINT = 'Check the separator and quoting of that line.';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._csv_records(bytea, text, text, text, text[]) IS 'Internal: reads an SSB statbank export into a temporary table and returns its header record; shared by the SSB importers.';

/*
 * _raise_unknown_region(region_raw, code, year, line_no, column): the
 * importers' error for a kommunenummer carestair does not know.  Internal.
 */
CREATE FUNCTION carestair._raise_unknown_region(region_raw text, code text, year integer, line_no integer, col text)
RETURNS void
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'unknown region "%" for year % at line %, column "%"', region_raw, year, line_no, col
        USING ERRCODE = 'foreign_key_violation',
              DETAIL = format('Kommunenummer %s is in neither carestair.region nor carestair.region_code_history for %s.', code, year),
              HINT = 'Add the kommune to carestair.region (and its old codes to carestair.region_code_history), then import again.';
END
$$;

COMMENT ON FUNCTION carestair._raise_unknown_region(text, text, integer, integer, text) IS 'Internal: raises the SSB importers'' "unknown region" error.';
