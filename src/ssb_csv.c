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
#include "ssb_csv.h"

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

/*
 * Open a reader on content: decide and check the encoding, convert to the
 * database encoding into a private NUL-terminated buffer, and choose the
 * separator.  Errors name the argument.
 */
void
carestair_csv_open(CsvReader *r, bytea *content, const char *encoding, const char *delimiter)
{
	const char *raw = VARDATA_ANY(content);
	int			rawlen = VARSIZE_ANY_EXHDR(content);
	int			enc;
	char	   *text;

	enc = csv_resolve_encoding(encoding, &raw, &rawlen);
	csv_verify_encoding(raw, rawlen, enc);

	/* pg_any_to_server returns its input unchanged when nothing converts: copy first. */
	text = palloc_extended(add_size(rawlen, 1), MCXT_ALLOC_HUGE);
	memcpy(text, raw, rawlen);
	text[rawlen] = '\0';
	text = pg_any_to_server(text, rawlen, enc);

	r->p = text;
	r->delim = csv_parse_delimiter(delimiter, text);
	r->line = 1;
	r->record_line = 1;
	r->nfields = 0;
	r->maxfields = 16;
	r->any_quoted = false;
	r->field = palloc(r->maxfields * sizeof(char *));
	r->len = palloc(r->maxfields * sizeof(int));
}

/*
 * Read the next non-blank record into r->field/r->len, splitting RFC 4180
 * style in place: the unquoted text of a field is written back over the
 * buffer at or before where it was read, so no field is copied.  Quoted
 * fields may hold separators, doubled quotes and line breaks; a CR before a
 * line break (outside quotes) is dropped; characters after a closing quote
 * are kept (lenient, like Excel).  Returns false at the end of the buffer.
 */
bool
carestair_csv_next(CsvReader *r)
{
	for (;;)
	{
		char	   *p = r->p;
		char	   *w;				/* where the current field's text is written */
		char	   *start;
		bool		in_quotes = false,
					field_quoted = false;

		if (*p == '\0')
			return false;
		r->nfields = 0;
		r->any_quoted = false;
		r->record_line = r->line;
		start = w = p;

		for (;; p++)
		{
			char		c = *p;

			if (in_quotes)
			{
				if (c == '\0')
					ereport(ERROR,
							(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
							 errmsg("unterminated quoted field in the record starting at line %d", r->record_line),
							 errdetail("A field opened with a double quote is never closed."),
							 errhint("Check that the file was not cut off, and that quotes inside fields are doubled.")));
				if (c == '"' && p[1] == '"')
				{
					*w++ = '"';
					p++;
				}
				else if (c == '"')
					in_quotes = false;
				else
				{
					if (c == '\n')
						r->line++;
					*w++ = c;
				}
				continue;
			}

			if (c == '"' && w == start && !field_quoted)
			{
				in_quotes = field_quoted = r->any_quoted = true;
				continue;
			}

			if (c == r->delim || c == '\n' || c == '\0')
			{
				/* Drop the CR of a CRLF line end (outside quotes only). */
				if (c != r->delim && !field_quoted && w > start && w[-1] == '\r')
					w--;
				if (r->nfields == r->maxfields)
				{
					if ((Size) r->maxfields > MaxAllocSize / sizeof(char *) / 2)
						ereport(ERROR,
								(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
								 errmsg("too many fields in the record at line %d", r->record_line)));
					r->maxfields *= 2;
					r->field = repalloc(r->field, r->maxfields * sizeof(char *));
					r->len = repalloc(r->len, r->maxfields * sizeof(int));
				}
				r->field[r->nfields] = start;
				r->len[r->nfields] = (int) (w - start);
				r->nfields++;
				*w = '\0';		/* w <= p: never past the separator just read */
				field_quoted = false;
				if (c == r->delim)
				{
					start = w = p + 1;
					continue;
				}
				r->p = (c == '\0') ? p : p + 1;
				if (c == '\n')
					r->line++;
				break;
			}

			/* A CR after a closing quote belongs to the line end: skip it. */
			if (c == '\r' && field_quoted)
				continue;
			*w++ = c;
		}
		CHECK_FOR_INTERRUPTS();

		/* A blank line is one empty, unquoted field: skip it. */
		if (r->nfields == 1 && !r->any_quoted && r->len[0] == 0)
			continue;
		return true;
	}
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
	CsvReader	r;
	Datum	   *fields = NULL;
	int			maxfields = 0;

	CARESTAIR_INIT_SRF(fcinfo);
	carestair_csv_open(&r, content, enc_name, delim_name);

	while (carestair_csv_next(&r))
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};
		int			i;

		if (r.nfields > maxfields)
		{
			maxfields = r.maxfields;
			fields = fields ? repalloc(fields, maxfields * sizeof(Datum)) : palloc(maxfields * sizeof(Datum));
		}
		for (i = 0; i < r.nfields; i++)
			fields[i] = PointerGetDatum(cstring_to_text_with_len(r.field[i], r.len[i]));
		values[0] = Int32GetDatum(r.record_line);
		values[1] = PointerGetDatum(construct_array(fields, r.nfields, TEXTOID, -1, false, TYPALIGN_INT));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		for (i = 0; i < r.nfields; i++)
			pfree(DatumGetPointer(fields[i]));
	}
	PG_RETURN_NULL();
}
