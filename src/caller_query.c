/*
 * caller_query.c
 *	  One rule for the queries callers pass in (issue #17): they run with the
 *	  caller's search_path, as pgRouting's inner queries do, wherever the
 *	  function that runs them is written in.
 *
 * The PL/pgSQL functions of carestair run with SET search_path = pg_catalog,
 * pg_temp, so that nothing a user plants in public changes what their own
 * statements mean.  A caller's query (care_demand's population_sql, say)
 * must instead see the caller's tables: carestair._caller_query(sql) runs
 * sql under the search_path that was in force when the outermost carestair
 * function was called, and returns its rows to the secure statement around
 * it.  That path is found on the GUC stack: each SET clause of a function
 * call saves the value it replaces (state GUC_SAVE); walking down from the
 * top past the entries whose saved value is carestair's own secure path
 * gives the caller's.
 */
#include "carestair.h"

#include "catalog/namespace.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/guc_tables.h"
#include "utils/tuplestore.h"

#include "inner_query.h"

PG_FUNCTION_INFO_V1(carestair_caller_search_path);
PG_FUNCTION_INFO_V1(carestair_caller_query);

/* The search_path of carestair's own SQL functions (their SET clause). */
#define CARESTAIR_SECURE_PATH "pg_catalog, pg_temp"

/* Rows fetched from the caller's query at a time. */
#define CALLER_BATCH 1000

/*
 * The caller's search_path: the value saved by the outermost run of
 * carestair SET clauses on the GUC stack, or the current value when no
 * function call has saved one.
 */
static char *
caller_search_path(void)
{
	struct config_generic **vars = get_guc_variables();
	int			n = GetNumConfigOptions();
	struct config_generic *sp = NULL;
	GucStack   *st;
	const char *path = namespace_search_path;
	int			i;

	for (i = 0; i < n; i++)
		if (strcmp(vars[i]->name, "search_path") == 0)
		{
			sp = vars[i];
			break;
		}
	if (sp == NULL)
		elog(ERROR, "search_path is not a configuration parameter");
	for (st = sp->stack; st != NULL && st->state == GUC_SAVE; st = st->prev)
	{
		path = st->prior.val.stringval ? st->prior.val.stringval : "";
		if (strcmp(path, CARESTAIR_SECURE_PATH) != 0)
			break;
	}
	return pstrdup(path);
}

/* carestair._caller_search_path() RETURNS text. */
Datum
carestair_caller_search_path(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(caller_search_path()));
}

/*
 * carestair._caller_query(sql text) RETURNS SETOF record: the rows of sql,
 * run read-only under the caller's search_path (see the head of the file).
 * The column definition list at the call site must match sql's columns in
 * number and type; a caller writes sql as a wrapper that casts.
 */
Datum
carestair_caller_query(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *sql;
	char	   *path;
	int			nestlevel;
	Portal		portal;
	TupleDesc	want;
	bool		checked = false;

	/* A set of records needs FROM and a column definition list. */
	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) || rsinfo->expectedDesc == NULL ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("carestair._caller_query must be called in FROM with a column definition list"),
				 errhint("Write SELECT ... FROM carestair._caller_query(sql) AS q(column type, ...).")));
	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the caller's query must not be NULL"),
				 errhint("Pass a SELECT statement.")));
	sql = text_to_cstring(PG_GETARG_TEXT_PP(0));
	path = caller_search_path();

	CARESTAIR_INIT_SRF(fcinfo);
	want = rsinfo->setDesc;

	/* As a function's SET clause does: a new GUC level, undone on exit or error. */
	nestlevel = NewGUCNestLevel();
	(void) set_config_option("search_path", path, PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	portal = carestair_open_cursor("the caller's query", sql, NULL, "Pass a SELECT statement.");
	for (;;)
	{
		uint64		r;
		TupleDesc	got;

		CHECK_FOR_INTERRUPTS();
		SPI_cursor_fetch(portal, true, CALLER_BATCH);
		got = SPI_tuptable->tupdesc;
		if (!checked)
		{
			int			c;

			if (got->natts != want->natts)
				elog(ERROR, "caller query wrapper returns %d columns, expected %d",
					 got->natts, want->natts);
			for (c = 0; c < got->natts; c++)
				if (TupleDescAttr(got, c)->atttypid != TupleDescAttr(want, c)->atttypid)
					elog(ERROR, "caller query wrapper column %d has type %u, expected %u",
						 c + 1, TupleDescAttr(got, c)->atttypid,
						 TupleDescAttr(want, c)->atttypid);
			checked = true;
		}
		if (SPI_processed == 0)
			break;
		for (r = 0; r < SPI_processed; r++)
			tuplestore_puttuple(rsinfo->setResult, SPI_tuptable->vals[r]);
		SPI_freetuptable(SPI_tuptable);
	}
	SPI_cursor_close(portal);
	SPI_finish();
	AtEOXact_GUC(true, nestlevel);
	PG_RETURN_NULL();
}
