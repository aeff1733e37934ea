/*
 * ssb_csv.c
 *	  carestair.read_csv(): split a delimited text file, as Statistics Norway's
 *	  statbank (and most spreadsheet tools) write it, into records of fields.
 *
 * The file arrives as bytea so that its bytes reach the server unchanged,
 * whatever the client encoding: SSB exports come as ISO-8859-1 or UTF-8,
 * with CRLF or LF line ends, separated by semicolons, tabs or commas, with
 * or without a title line.  This function
 *	  1. decides the encoding ('auto': valid UTF-8 is UTF-8, anything else is
 *		 read as LATIN1) or checks the one the caller names, reporting the
 *		 first line that is not valid in it;
 *	  2. converts the text to the database encoding;
 *	  3. picks the separator ('auto': whichever of tab, semicolon and comma
 *		 occurs most often outside quotes in the first lines);
 *	  4. splits records RFC 4180 style: quoted fields may hold separators,
 *		 doubled quotes and line breaks; CR before LF is dropped.
 * It returns (line_no, fields text[]) per non-blank record, line_no being the
 * physical line the record starts on, so that importers can name it in
 * their error messages.
 */
#include "carestair.h"

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

/* How many leading lines the separator detection looks at. */
#define CSV_SNIFF_LINES 50

PG_FUNCTION_INFO_V1(carestair_read_csv);

/*
 * Return the encoding id for the caller's encoding argument, deciding 'auto'
 * from the bytes.  *data and *len are advanced past a UTF-8 byte order mark.
 */
static int
csv_resolve_encoding(const char *name, const char **data, int *len)
{
	int			enc;

	/* A UTF-8 BOM says UTF-8 whatever the caller guessed; drop it. */
	if (*len >= 3 && (unsigned char) (*data)[0] == 0xEF &&
		(unsigned char) (*data)[1] == 0xBB && (unsigned char) (*data)[2] == 0xBF)
	{
		*data += 3;
		*len -= 3;
		if (pg_strcasecmp(name, "auto") == 0)
			return PG_UTF8;
	}

	if (pg_strcasecmp(name, "auto") == 0)
		return pg_verify_mbstr(PG_UTF8, *data, *len, true) ? PG_UTF8 : PG_LATIN1;

	enc = pg_char_to_encoding(name);
	if (enc < 0 || !PG_VALID_ENCODING(enc))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid encoding \"%s\"", name),
				 errdetail("The encoding argument must be 'auto' or a PostgreSQL encoding name."),
				 errhint("SSB statbank exports are 'UTF8' or 'LATIN1'; 'auto' tells them apart.")));
	return enc;
}

/*
 * Check that the whole buffer is valid in encoding enc; if not, report the
 * first line that is not, counting lines from 1.
 */
static void
csv_verify_encoding(const char *data, int len, int enc)
{
	const char *line = data;
	const char *end = data + len;
	int			line_no = 1;

	if (pg_verify_mbstr(enc, data, len, true))
		return;

	while (line < end)
	{
		const char *nl = memchr(line, '\n', end - line);
		int			n = nl ? (int) (nl - line) : (int) (end - line);

		if (!pg_verify_mbstr(enc, line, n, true))
			ereport(ERROR,
					(errcode(ERRCODE_CHARACTER_NOT_IN_REPERTOIRE),
					 errmsg("content is not valid %s at line %d",
							pg_encoding_to_char(enc), line_no),
					 errdetail("The bytes of that line cannot be read in the named encoding, or contain a NUL byte."),
					 errhint("SSB statbank exports are often ISO-8859-1: pass encoding => 'LATIN1', or 'auto'.")));
		line = nl ? nl + 1 : end;
		line_no++;
	}
	/*
	 * Cannot happen: a line break is never part of a multibyte sequence in
	 * an encoding PostgreSQL accepts, so an invalid buffer has an invalid line.
	 */
	elog(ERROR, "content is not valid %s, but no line of it is invalid", pg_encoding_to_char(enc));
}

/*
 * Choose the separator: the one of tab, semicolon and comma that occurs most
 * often outside double quotes in the first CSV_SNIFF_LINES lines.  Ties go
 * to tab, then semicolon; no candidate at all gives comma.
 */
static char
csv_sniff_delimiter(const char *s)
{
	int			n_tab = 0,
				n_semi = 0,
				n_comma = 0,
				lines = 0;
	bool		quoted = false;

	for (; *s && lines < CSV_SNIFF_LINES; s++)
	{
		if (*s == '"')
			quoted = !quoted;
		else if (quoted)
			continue;
		else if (*s == '\n')
			lines++;
		else if (*s == '\t')
			n_tab++;
		else if (*s == ';')
			n_semi++;
		else if (*s == ',')
			n_comma++;
	}
	if (n_tab > 0 && n_tab >= n_semi && n_tab >= n_comma)
		return '\t';
	if (n_semi > 0 && n_semi >= n_comma)
		return ';';
	return ',';
}

/*
 * Parse the delimiter argument: 'auto', a one-character separator, or the
 * words 'tab' / E'\t'.
 */
static char
csv_parse_delimiter(const char *name, const char *text)
{
	if (pg_strcasecmp(name, "auto") == 0)
		return csv_sniff_delimiter(text);
	if (pg_strcasecmp(name, "tab") == 0)
		return '\t';
	if (strlen(name) == 1 && name[0] != '"' && name[0] != '\n' && name[0] != '\r')
		return name[0];
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid delimiter \"%s\"", name),
			 errdetail("The delimiter must be 'auto', 'tab' or one character other than a quote or line break."),
			 errhint("Use ';' for SSB's semicolon exports, 'tab' for tab-separated ones, or 'auto'.")));
	return ',';					/* keep the compiler quiet */
}

/* Emit one record (unless it is blank) into the tuplestore. */
static void
csv_emit_record(ReturnSetInfo *rsinfo, int line_no, Datum *fields,
				int nfields, bool any_quoted)
{
	Datum		values[2];
	bool		nulls[2] = {false, false};
	ArrayType  *arr;

	/* A blank line is one empty, unquoted field: skip it. */
	if (nfields == 1 && !any_quoted &&
		VARSIZE_ANY_EXHDR(DatumGetPointer(fields[0])) == 0)
		return;

	arr = construct_array(fields, nfields, TEXTOID, -1, false, TYPALIGN_INT);
	values[0] = Int32GetDatum(line_no);
	values[1] = PointerGetDatum(arr);
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
}

/*
 * carestair.read_csv(content bytea, encoding text, delimiter text)
 *	  RETURNS TABLE(line_no int, fields text[])
 */
Datum
carestair_read_csv(PG_FUNCTION_ARGS)
{
	bytea	   *content = PG_GETARG_BYTEA_PP(0);
	char	   *enc_name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	char	   *delim_name = text_to_cstring(PG_GETARG_TEXT_PP(2));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	const char *raw = VARDATA_ANY(content);
	int			rawlen = VARSIZE_ANY_EXHDR(content);
	char	   *buf;
	char	   *text;
	int			enc;
	char		delim;
	StringInfoData field;
	Datum	   *fields;
	int			nfields = 0,
				maxfields = 16;
	int			line = 1,
				record_line = 1;
	bool		in_quotes = false,
				field_quoted = false,
				any_quoted = false;
	const char *p;

	CARESTAIR_INIT_SRF(fcinfo);

	enc = csv_resolve_encoding(enc_name, &raw, &rawlen);
	csv_verify_encoding(raw, rawlen, enc);

	/* NUL-terminate, then convert to the database encoding. */
	buf = palloc(rawlen + 1);
	memcpy(buf, raw, rawlen);
	buf[rawlen] = '\0';
	text = pg_any_to_server(buf, rawlen, enc);

	delim = csv_parse_delimiter(delim_name, text);

	initStringInfo(&field);
	fields = palloc(maxfields * sizeof(Datum));

	for (p = text;; p++)
	{
		char		c = *p;

		if (in_quotes && c != '\0')
		{
			if (c == '"' && p[1] == '"')
			{
				appendStringInfoChar(&field, '"');
				p++;
			}
			else if (c == '"')
				in_quotes = false;
			else
			{
				if (c == '\n')
					line++;
				appendStringInfoChar(&field, c);
			}
			continue;
		}

		if (c == '"' && field.len == 0 && !field_quoted)
		{
			in_quotes = field_quoted = any_quoted = true;
			continue;
		}

		if (c == delim || c == '\n' || c == '\0')
		{
			/* Drop the CR of a CRLF line end (outside quotes only). */
			if (c != delim && !field_quoted && field.len > 0 &&
				field.data[field.len - 1] == '\r')
				field.data[--field.len] = '\0';

			if (nfields == maxfields)
			{
				if ((Size) maxfields > MaxAllocSize / sizeof(Datum) / 2)
					ereport(ERROR,
							(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							 errmsg("too many fields in the record at line %d", record_line)));
				maxfields *= 2;
				fields = repalloc(fields, maxfields * sizeof(Datum));
			}
			fields[nfields++] = PointerGetDatum(cstring_to_text_with_len(field.data, field.len));
			resetStringInfo(&field);
			field_quoted = false;

			if (c != delim)
			{
				/* End of record: emit it unless it is the empty tail. */
				if (!(c == '\0' && nfields == 1 && !any_quoted &&
					  VARSIZE_ANY_EXHDR(DatumGetPointer(fields[0])) == 0))
					csv_emit_record(rsinfo, record_line, fields, nfields, any_quoted);
				nfields = 0;
				any_quoted = false;
				if (c == '\0')
					break;
				line++;
				record_line = line;
				CHECK_FOR_INTERRUPTS();
			}
			continue;
		}

		/* Characters after a closing quote: keep them (lenient, like Excel). */
		if (c == '\r' && field_quoted)
			continue;
		appendStringInfoChar(&field, c);
	}

	if (in_quotes)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("unterminated quoted field in the record starting at line %d", record_line),
				 errdetail("A field opened with a double quote is never closed."),
				 errhint("Check that the file was not cut off, and that quotes inside fields are doubled.")));

	PG_RETURN_NULL();
}
