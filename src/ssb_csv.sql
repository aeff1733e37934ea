
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
