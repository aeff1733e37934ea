
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
 * _csv_header_row(recs, hint): the statbank header of records already read
 * by carestair.read_csv into the table recs (line_no, fields): the first
 * record whose first field is "region".  Errors with hint when there is
 * none.  Shared by the SSB importers.  Internal.
 */
CREATE FUNCTION carestair._csv_header_row(recs regclass, hint text, OUT line_no integer, OUT fields text[])
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    EXECUTE format('SELECT r.line_no, r.fields FROM %s AS r
                     WHERE lower(btrim(r.fields[1])) IN (''region'', ''kommune'', ''region code'', ''regionkode'')
                     ORDER BY r.line_no LIMIT 1', recs)
       INTO line_no, fields;
    IF line_no IS NULL THEN
        RAISE EXCEPTION 'content has no header row with a "region" column'
            USING ERRCODE = 'bad_copy_file_format',
                  DETAIL = 'The importer looks for the statbank''s column header, whose first column is "region".',
                  HINT = hint;
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._csv_header_row(regclass, text) IS 'Internal: the header record ("region", ...) of an SSB statbank export read by carestair.read_csv; error with the given hint if none.';
