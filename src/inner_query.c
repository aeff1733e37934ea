/*
 * inner_query.c
 *	  Run a caller's inner query read-only and collect its rows into plain
 *	  column arrays in the caller's memory context.
 *
 * The query must return exactly the expected number of columns, in order;
 * id columns accept smallint, integer and bigint, number columns also real,
 * double precision and numeric.  Rows are fetched through a cursor in
 * batches so that SPI never holds more than one batch.
 */
#include "carestair.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"

#include "inner_query.h"

#define INNER_BATCH 10000

/* qsort/bsearch comparator for int64. */
int
carestair_cmp_int64(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/* Sort v[0..n-1] and drop repeats in place; returns the distinct count. */
Size
carestair_sort_unique_int64(int64 *v, Size n)
{
	Size		k,
				u = 0;

	qsort(v, n, sizeof(int64), carestair_cmp_int64);
	for (k = 0; k < n; k++)
		if (u == 0 || v[k] != v[u - 1])
			v[u++] = v[k];
	return u;
}

/* Index of id in the sorted ids[0..n-1], or -1. */
int
carestair_find_int64(const int64 *ids, int n, int64 id)
{
	const int64 *hit = bsearch(&id, ids, n, sizeof(int64), carestair_cmp_int64);

	return hit ? (int) (hit - ids) : -1;
}

/* Is typid one of the integer types? */
static bool
inner_is_int(Oid typid)
{
	return typid == INT2OID || typid == INT4OID || typid == INT8OID;
}

/* Convert one non-null datum of an accepted type to int64 or double. */
static int64
inner_get_id(Datum d, Oid typid)
{
	switch (typid)
	{
		case INT2OID:
			return DatumGetInt16(d);
		case INT4OID:
			return DatumGetInt32(d);
		default:
			return DatumGetInt64(d);
	}
}

static double
inner_get_num(Datum d, Oid typid)
{
	switch (typid)
	{
		case INT2OID:
			return DatumGetInt16(d);
		case INT4OID:
			return DatumGetInt32(d);
		case INT8OID:
			return (double) DatumGetInt64(d);
		case FLOAT4OID:
			return DatumGetFloat4(d);
		case NUMERICOID:
			return DatumGetFloat8(DirectFunctionCall1(numeric_float8, d));
		default:
			return DatumGetFloat8(d);
	}
}

/*
 * Check the inner query's result shape against cols[]; report the first
 * mismatch naming the argument.
 */
static void
inner_check_desc(TupleDesc desc, const char *argname, int ncols,
				 const InnerColumn *cols)
{
	int			c,
				nreq = ncols;

	while (nreq > 0 && cols[nreq - 1].optional)
		nreq--;
	if (desc->natts < nreq || desc->natts > ncols)
	{
		StringInfoData want;

		initStringInfo(&want);
		for (c = 0; c < ncols; c++)
			appendStringInfo(&want, "%s%s%s%s", c ? ", " : "",
							 cols[c].optional ? "[" : "", cols[c].name,
							 cols[c].optional ? "]" : "");
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 nreq == ncols ?
				 errmsg("%s returns %d columns, expected %d", argname,
						desc->natts, ncols) :
				 errmsg("%s returns %d columns, expected %d to %d", argname,
						desc->natts, nreq, ncols),
				 errdetail("The query must return the columns (%s), in this order.",
						   want.data),
				 errhint("Select exactly these columns, e.g. SELECT a AS %s, ...",
						 cols[0].name)));
	}
	for (c = 0; c < desc->natts; c++)
	{
		Oid			t = TupleDescAttr(desc, c)->atttypid;
		bool		ok = cols[c].kind == INNER_ID ? inner_is_int(t) :
		(inner_is_int(t) || t == FLOAT4OID || t == FLOAT8OID || t == NUMERICOID);

		if (!ok)
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("%s column %d (%s) has type %s", argname, c + 1,
							cols[c].name, format_type_be(t)),
					 errdetail("%s must be %s.", cols[c].name,
							   cols[c].kind == INNER_ID ? "an integer (bigint)" :
							   "a number (double precision)"),
					 errhint("Cast the column in the query, e.g. ::%s.",
							 cols[c].kind == INNER_ID ? "bigint" : "float8")));
	}
}

/*
 * Prepare a caller's query sql (the argument argname) and open a read-only
 * cursor on it, within SPI_connect.  A statement that returns no rows is an
 * error; detail (may be NULL) and hint say what the argument must return.
 */
Portal
carestair_open_cursor(const char *argname, const char *sql, const char *detail,
					  const char *hint)
{
	SPIPlanPtr	plan = SPI_prepare(sql, 0, NULL);

	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for %s: %s", argname,
			 SPI_result_code_string(SPI_result));
	if (!SPI_is_cursor_plan(plan))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is not a query that returns rows", argname),
				 detail ? errdetail("%s", detail) : 0,
				 errhint("%s", hint)));
	return SPI_cursor_open(NULL, plan, NULL, NULL, true);
}

/*
 * Run sql (read-only) and append its rows to out's column arrays, which are
 * allocated in the memory context current at the call.
 */
void
carestair_read_inner(const char *sql, const char *argname, int ncols,
					 const InnerColumn *cols, InnerData *out)
{
	MemoryContext callercxt = CurrentMemoryContext;
	Size		cap = 1024;
	Portal		portal;
	Oid		   *types = palloc(ncols * sizeof(Oid));
	bool		checked = false;
	int			c;

	out->nrows = 0;
	out->ncols_given = 0;
	out->ids = palloc0(ncols * sizeof(int64 *));
	out->nums = palloc0(ncols * sizeof(double *));
	for (c = 0; c < ncols; c++)
	{
		if (cols[c].kind == INNER_ID)
			out->ids[c] = palloc(cap * sizeof(int64));
		else
			out->nums[c] = palloc(cap * sizeof(double));
	}

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	portal = carestair_open_cursor(argname, sql, NULL, "Pass a SELECT statement.");

	for (;;)
	{
		Size		r;

		CHECK_FOR_INTERRUPTS();
		SPI_cursor_fetch(portal, true, INNER_BATCH);
		if (!checked)
		{
			inner_check_desc(SPI_tuptable->tupdesc, argname, ncols, cols);
			out->ncols_given = SPI_tuptable->tupdesc->natts;
			for (c = 0; c < out->ncols_given; c++)
				types[c] = TupleDescAttr(SPI_tuptable->tupdesc, c)->atttypid;
			checked = true;
		}
		if (SPI_processed == 0)
			break;

		/* Grow the arrays in the caller's context. */
		if (out->nrows + SPI_processed > cap)
		{
			MemoryContext old = MemoryContextSwitchTo(callercxt);

			while (out->nrows + SPI_processed > cap)
				cap = mul_size(cap, 2);
			for (c = 0; c < ncols; c++)
			{
				if (cols[c].kind == INNER_ID)
					out->ids[c] = repalloc_huge(out->ids[c], mul_size(cap, sizeof(int64)));
				else
					out->nums[c] = repalloc_huge(out->nums[c], mul_size(cap, sizeof(double)));
			}
			MemoryContextSwitchTo(old);
		}

		for (r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];

			for (c = 0; c < ncols; c++)
			{
				bool		isnull;
				Datum		d;

				if (c >= out->ncols_given)
				{
					/* a left-out optional column */
					if (cols[c].kind == INNER_ID)
						out->ids[c][out->nrows + r] = 0;
					else
						out->nums[c][out->nrows + r] = NAN;
					continue;
				}
				d = SPI_getbinval(tup, SPI_tuptable->tupdesc, c + 1, &isnull);

				if (isnull && !cols[c].nullable)
					ereport(ERROR,
							(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
							 errmsg("%s returned NULL in column %s (row %zu)",
									argname, cols[c].name, out->nrows + r + 1),
							 errhint("Filter out or replace NULL %s values in the query.",
									 cols[c].name)));
				if (cols[c].kind == INNER_ID)
					out->ids[c][out->nrows + r] = inner_get_id(d, types[c]);
				else
					out->nums[c][out->nrows + r] = isnull ? NAN : inner_get_num(d, types[c]);
			}
		}
		out->nrows += SPI_processed;
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	SPI_finish();
}
