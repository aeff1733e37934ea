/*
 * inner_query.h
 *	  Read a caller's inner query (pgRouting style: the function takes SQL
 *	  text returning fixed columns) into plain column arrays.
 */
#ifndef CARESTAIR_INNER_QUERY_H
#define CARESTAIR_INNER_QUERY_H

#include "postgres.h"

#include "utils/portal.h"

/* Column kinds: an integer id (any integer type) or a number (float8). */
typedef enum
{
	INNER_ID,
	INNER_NUM
} InnerKind;

typedef struct InnerColumn
{
	const char *name;			/* expected column name, for messages */
	InnerKind	kind;
	bool		nullable;		/* NULL allowed (numbers only: read as NaN) */
	bool		optional;		/* may be left out (trailing columns only):
								 * ids read as 0, numbers as NaN */
} InnerColumn;

typedef struct InnerData
{
	Size		nrows;
	int			ncols_given;	/* columns the query returned */
	int64	  **ids;			/* per column, INNER_ID columns only */
	double	  **nums;			/* per column, INNER_NUM columns only */
} InnerData;

/* Sorted int64 id lists, shared by the modules that map ids to indices. */
extern int	carestair_cmp_int64(const void *a, const void *b);
extern Size carestair_sort_unique_int64(int64 *v, Size n);
extern int	carestair_find_int64(const int64 *ids, int n, int64 id);

/* Within SPI_connect: a read-only cursor on a caller's query. */
extern Portal carestair_open_cursor(const char *argname, const char *sql,
									const char *detail, const char *hint);

extern void carestair_read_inner(const char *sql, const char *argname,
								 int ncols, const InnerColumn *cols,
								 InnerData *out);

#endif							/* CARESTAIR_INNER_QUERY_H */
