/*
 * ssb_csv.h
 *	  The delimited-text reader shared by carestair.read_csv() and the C
 *	  importers (ssb_population.c): decode an SSB statbank export and walk it
 *	  record by record, fields split in place without a copy per field.
 */
#ifndef CARESTAIR_SSB_CSV_H
#define CARESTAIR_SSB_CSV_H

#include "postgres.h"

/*
 * A reader over one file, converted to the database encoding.  After each
 * successful carestair_csv_next(), field[0..nfields-1] point at the
 * NUL-terminated fields of the record (quotes removed, doubled quotes
 * undone, CR of CRLF dropped) and len[] holds their lengths; the strings
 * live in the reader's buffer and stay valid until the buffer is freed.
 * record_line is the physical line the record starts on.
 */
typedef struct CsvReader
{
	char	   *p;				/* next unread character */
	char		delim;			/* field separator */
	int			line;			/* physical line of *p */
	int			record_line;	/* line the current record starts on */
	int			nfields;
	int			maxfields;
	bool		any_quoted;		/* the record had a quoted field */
	char	  **field;
	int		   *len;
} CsvReader;

extern void carestair_csv_open(CsvReader *r, bytea *content, const char *encoding, const char *delimiter);
extern bool carestair_csv_next(CsvReader *r);

#endif							/* CARESTAIR_SSB_CSV_H */
