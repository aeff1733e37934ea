/*
 * decompose.c
 *	  The exact decomposition aggregates carestair.lmdi_additive,
 *	  carestair.lmdi_multiplicative and carestair.shapley_decompose.
 *
 * Each aggregates one row per cell: x0 float8[] holds the cell's factors in
 * the reference (period, kommune), x1 the same factors in the compared one,
 * and the cell's value is the product of its factors.  The aggregate
 * returns one effect per factor:
 *	  lmdi_additive       sum of effects = sum(prod x1) - sum(prod x0);
 *	  lmdi_multiplicative product of ratios = sum(prod x1) / sum(prod x0);
 *	  shapley_decompose   sum of effects = sum(prod x1) - sum(prod x0),
 *						  for factors of any sign.
 *
 * The state is the same for all three: the running, compensated sums of
 * the per-cell effects and of the two totals.  Combine, serialize and
 * deserialize work on it, so the aggregates run in parallel.  The
 * arithmetic is in decompose_kernel.c.
 */
#include "carestair.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"

#include "decompose.h"

/* Which decomposition a transition function feeds. */
typedef enum DecompKind
{
	DECOMP_LMDI = 1,
	DECOMP_SHAPLEY = 2
} DecompKind;

/*
 * Aggregate state.  eff[k] is the running sum of the effects of factor k;
 * v0, v1 the running totals of the cell values.  w and work are scratch
 * space for Shapley (not serialized; rebuilt from nfactors).
 */
typedef struct DecompState
{
	int32		kind;			/* DecompKind */
	int32		nfactors;
	int64		ncells;
	DecompSum	v0;
	DecompSum	v1;
	DecompSum  *eff;			/* nfactors */
	double	   *cell_eff;		/* nfactors: one cell's effects */
	double	   *w;				/* Shapley weights, nfactors */
	double	   *work;			/* Shapley scratch, nfactors */
	double	   *x0;				/* the current cell's factors */
	double	   *x1;
} DecompState;

/* Serialized layout: kind, nfactors, ncells, then 2 * (2 + nfactors) doubles. */
#define DECOMP_SERIAL_VERSION 1

PG_FUNCTION_INFO_V1(carestair_lmdi_trans);
PG_FUNCTION_INFO_V1(carestair_shapley_trans);
PG_FUNCTION_INFO_V1(carestair_decomp_combine);
PG_FUNCTION_INFO_V1(carestair_decomp_serial);
PG_FUNCTION_INFO_V1(carestair_decomp_deserial);
PG_FUNCTION_INFO_V1(carestair_lmdi_additive_final);
PG_FUNCTION_INFO_V1(carestair_lmdi_multiplicative_final);
PG_FUNCTION_INFO_V1(carestair_shapley_final);

/* The SQL name of the aggregate a state belongs to, for messages. */
static const char *
decomp_agg_name(int kind)
{
	return kind == DECOMP_SHAPLEY ? "shapley_decompose" : "lmdi";
}

/*
 * Allocate a state for n factors in the aggregate's memory context.
 * n is at most MaxAllocSize / sizeof(double) / 8 because it comes from an
 * array that fit in memory; mul_size checks it all the same.
 */
static DecompState *
decomp_state_new(MemoryContext ctx, int kind, int n)
{
	DecompState *st;
	Size		dsz = mul_size((Size) n, sizeof(double));

	st = MemoryContextAllocZero(ctx, sizeof(DecompState));
	st->kind = kind;
	st->nfactors = n;
	st->eff = MemoryContextAllocZero(ctx, mul_size((Size) n, sizeof(DecompSum)));
	st->cell_eff = MemoryContextAllocZero(ctx, dsz);
	st->x0 = MemoryContextAllocZero(ctx, dsz);
	st->x1 = MemoryContextAllocZero(ctx, dsz);
	if (kind == DECOMP_SHAPLEY)
	{
		st->w = MemoryContextAllocZero(ctx, dsz);
		st->work = MemoryContextAllocZero(ctx, add_size(dsz, sizeof(double)));
		carestair_decomp_shapley_weights(n, st->w);
	}
	return st;
}

/* How many factors an error detail prints before eliding the rest. */
#define DECOMP_DETAIL_FACTORS 16

/* Text of a float8[] for error details, e.g. {1,-2,3}; long arrays elided. */
static char *
decomp_array_text(int n, const double *x)
{
	StringInfoData buf;
	int			k;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (k = 0; k < n && k < DECOMP_DETAIL_FACTORS; k++)
	{
		if (k > 0)
			appendStringInfoChar(&buf, ',');
		appendStringInfoString(&buf, float8out_internal(x[k]));
	}
	if (n > DECOMP_DETAIL_FACTORS)
		appendStringInfo(&buf, ",... (%d factors)", n);
	appendStringInfoChar(&buf, '}');
	return buf.data;
}

/*
 * Check one argument array (argname 'x0' or 'x1') and copy its elements to
 * out[0..n-1].  Returns the number of factors.  Errors: NULL array, not one
 * dimension, empty, NULL element, NaN or infinite element.
 */
static int
decomp_read_array(ArrayType *arr, const char *argname, int64 cellno,
				  double *out, int expect_n)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n,
				k;

	if (ARR_NDIM(arr) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s is an empty array in cell %lld", argname, (long long) cellno),
				 errdetail("Each cell needs at least one factor."),
				 errhint("Pass the factors of each cell as a float8[] such as ARRAY[population, coverage, unit_cost].")));
	if (ARR_NDIM(arr) != 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s has %d dimensions in cell %lld", argname, ARR_NDIM(arr), (long long) cellno),
				 errdetail("The factors of a cell are a one-dimensional float8[]."),
				 errhint("Pass one row per cell with one array per period.")));

	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL,
					  TYPALIGN_DOUBLE, &elems, &nulls, &n);
	if (expect_n >= 0 && n != expect_n)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s has %d factors in cell %lld, expected %d as in x0 of the first cell",
						argname, n, (long long) cellno, expect_n),
				 errdetail("Every cell of one decomposition has the same factors, in the same order, in x0 and x1."),
				 errhint("Check that all rows of the group build their arrays the same way.")));
	for (k = 0; k < n; k++)
	{
		double		v;

		if ((k & 1023) == 1023)
			CHECK_FOR_INTERRUPTS();
		if (nulls[k])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("%s[%d] is NULL in cell %lld", argname, k + 1, (long long) cellno),
					 errdetail("A decomposition needs every factor of every cell."),
					 errhint("Fill in the missing factor, or leave the cell out of the aggregate with a WHERE clause.")));
		v = DatumGetFloat8(elems[k]);
		if (isnan(v) || isinf(v))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s[%d] is %s in cell %lld", argname, k + 1,
							float8out_internal(v), (long long) cellno),
					 errdetail("Factors must be finite numbers."),
					 errhint("A ratio with a zero denominator gives NaN or Infinity: fix the denominator, or leave the cell out.")));
		out[k] = v;
	}
	pfree(elems);
	pfree(nulls);
	return n;
}

/*
 * The transition step shared by LMDI and Shapley: validate the cell, add
 * its effects and values to the state.
 */
static Datum
decomp_trans(FunctionCallInfo fcinfo, int kind)
{
	MemoryContext aggctx;
	DecompState *st;
	ArrayType  *a0,
			   *a1;
	int64		cellno;
	int			n,
				n1,
				k;
	double		v0,
				v1;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "carestair decomposition transition called in non-aggregate context");

	st = PG_ARGISNULL(0) ? NULL : (DecompState *) PG_GETARG_POINTER(0);
	cellno = (st ? st->ncells : 0) + 1;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s is NULL in cell %lld", PG_ARGISNULL(1) ? "x0" : "x1", (long long) cellno),
				 errdetail("A cell without factors in one period cannot be decomposed, and skipping it would change the answer."),
				 errhint("For a cell that exists in only one period, pass zeros for the other (LMDI treats zeros by the limits of Ang, Zhang & Choi 1998).")));

	a0 = PG_GETARG_ARRAYTYPE_P(1);
	a1 = PG_GETARG_ARRAYTYPE_P(2);

	if (st == NULL)
	{
		/* Size the state from the first cell. */
		int			n0 = ARR_NDIM(a0) == 1 ? ARR_DIMS(a0)[0] : 0;

		if (n0 < 1)
			(void) decomp_read_array(a0, "x0", cellno, NULL, -1);	/* errors */
		if (kind == DECOMP_SHAPLEY && n0 > DECOMP_SHAPLEY_MAX_FACTORS)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("shapley_decompose got %d factors, more than the maximum of %d", n0,
							DECOMP_SHAPLEY_MAX_FACTORS),
					 errdetail("The exact Shapley decomposition costs O(n^3) per cell."),
					 errhint("Group factors into fewer composite factors, or use carestair.lmdi_additive.")));
		st = decomp_state_new(aggctx, kind, n0);
	}

	n = decomp_read_array(a0, "x0", cellno, st->x0, st->nfactors);
	n1 = decomp_read_array(a1, "x1", cellno, st->x1, st->nfactors);
	Assert(n == n1 && n == st->nfactors);
	(void) n1;

	if (kind == DECOMP_LMDI)
	{
		for (k = 0; k < n; k++)
		{
			const char *arg = st->x0[k] < 0 ? "x0" : (st->x1[k] < 0 ? "x1" : NULL);

			if (arg)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("negative factor %s[%d] = %s in cell %lld",
								arg, k + 1,
								float8out_internal(arg[1] == '0' ? st->x0[k] : st->x1[k]),
								(long long) cellno),
						 errdetail("The cell is x0 = %s, x1 = %s; LMDI takes logarithms and needs factors >= 0.",
								   decomp_array_text(n, st->x0), decomp_array_text(n, st->x1)),
						 errhint("Use carestair.shapley_decompose for factors of any sign.")));
		}
	}

	v0 = carestair_decomp_product(n, st->x0);
	v1 = carestair_decomp_product(n, st->x1);
	if (isinf(v0) || isinf(v1))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("the product of the factors of cell %lld is out of range", (long long) cellno),
				 errdetail("The cell is x0 = %s, x1 = %s.",
						   decomp_array_text(n, st->x0), decomp_array_text(n, st->x1)),
				 errhint("Express the factors in larger units (e.g. thousand NOK).")));

	if (kind == DECOMP_LMDI)
		carestair_decomp_lmdi_cell(n, st->x0, st->x1, st->cell_eff);
	else
		carestair_decomp_shapley_cell(n, st->x0, st->x1, st->w, st->work, st->cell_eff);

	for (k = 0; k < n; k++)
	{
		if (!isfinite(st->cell_eff[k]))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("the effect of factor %d in cell %lld is out of range", k + 1, (long long) cellno),
					 errdetail("The cell is x0 = %s, x1 = %s.",
							   decomp_array_text(n, st->x0), decomp_array_text(n, st->x1)),
					 errhint("Express the factors in larger units (e.g. thousand NOK).")));
		carestair_decomp_sum_add(&st->eff[k], st->cell_eff[k]);
	}
	carestair_decomp_sum_add(&st->v0, v0);
	carestair_decomp_sum_add(&st->v1, v1);
	st->ncells++;

	PG_RETURN_POINTER(st);
}

/* lmdi_additive / lmdi_multiplicative transition. */
Datum
carestair_lmdi_trans(PG_FUNCTION_ARGS)
{
	return decomp_trans(fcinfo, DECOMP_LMDI);
}

/* shapley_decompose transition. */
Datum
carestair_shapley_trans(PG_FUNCTION_ARGS)
{
	return decomp_trans(fcinfo, DECOMP_SHAPLEY);
}

/*
 * Combine two partial states (parallel aggregation).  Either may be NULL
 * (a worker that saw no rows).  The factor counts must agree: two workers
 * may each have seen consistent cells of different widths.
 */
Datum
carestair_decomp_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	DecompState *a,
			   *b;
	int			k;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "carestair decomposition combine called in non-aggregate context");

	a = PG_ARGISNULL(0) ? NULL : (DecompState *) PG_GETARG_POINTER(0);
	b = PG_ARGISNULL(1) ? NULL : (DecompState *) PG_GETARG_POINTER(1);
	if (b == NULL)
	{
		if (a == NULL)
			PG_RETURN_NULL();
		PG_RETURN_POINTER(a);
	}
	if (a == NULL)
	{
		a = decomp_state_new(aggctx, b->kind, b->nfactors);
		a->ncells = b->ncells;
		a->v0 = b->v0;
		a->v1 = b->v1;
		memcpy(a->eff, b->eff, sizeof(DecompSum) * b->nfactors);
		PG_RETURN_POINTER(a);
	}
	if (a->nfactors != b->nfactors)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("cells with %d and with %d factors in one %s decomposition",
						a->nfactors, b->nfactors, decomp_agg_name(a->kind)),
				 errdetail("Every cell of one decomposition has the same factors, in the same order, in x0 and x1."),
				 errhint("Check that all rows of the group build their arrays the same way.")));
	for (k = 0; k < a->nfactors; k++)
		carestair_decomp_sum_merge(&a->eff[k], &b->eff[k]);
	carestair_decomp_sum_merge(&a->v0, &b->v0);
	carestair_decomp_sum_merge(&a->v1, &b->v1);
	a->ncells += b->ncells;
	PG_RETURN_POINTER(a);
}

/* Serialize a state for transfer from a parallel worker. */
Datum
carestair_decomp_serial(PG_FUNCTION_ARGS)
{
	DecompState *st = (DecompState *) PG_GETARG_POINTER(0);
	StringInfoData buf;
	int			k;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, DECOMP_SERIAL_VERSION);
	pq_sendint32(&buf, st->kind);
	pq_sendint32(&buf, st->nfactors);
	pq_sendint64(&buf, st->ncells);
	pq_sendfloat8(&buf, st->v0.sum);
	pq_sendfloat8(&buf, st->v0.comp);
	pq_sendfloat8(&buf, st->v1.sum);
	pq_sendfloat8(&buf, st->v1.comp);
	for (k = 0; k < st->nfactors; k++)
	{
		pq_sendfloat8(&buf, st->eff[k].sum);
		pq_sendfloat8(&buf, st->eff[k].comp);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Rebuild a state from carestair_decomp_serial's bytes. */
Datum
carestair_decomp_deserial(PG_FUNCTION_ARGS)
{
	bytea	   *b = PG_GETARG_BYTEA_PP(0);
	MemoryContext aggctx;
	StringInfoData buf;
	DecompState *st;
	int			version,
				kind,
				n,
				k;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		elog(ERROR, "carestair decomposition deserial called in non-aggregate context");

	buf.data = VARDATA_ANY(b);
	buf.len = VARSIZE_ANY_EXHDR(b);
	buf.maxlen = buf.len;
	buf.cursor = 0;

	version = pq_getmsgint(&buf, 4);
	kind = pq_getmsgint(&buf, 4);
	n = pq_getmsgint(&buf, 4);
	if (version != DECOMP_SERIAL_VERSION || (kind != DECOMP_LMDI && kind != DECOMP_SHAPLEY) ||
		n < 1 || (Size) buf.len != 12 + 8 + 8 * (Size) (4 + 2 * (Size) n))
		elog(ERROR, "invalid carestair decomposition state");

	st = decomp_state_new(aggctx, kind, n);
	st->ncells = pq_getmsgint64(&buf);
	st->v0.sum = pq_getmsgfloat8(&buf);
	st->v0.comp = pq_getmsgfloat8(&buf);
	st->v1.sum = pq_getmsgfloat8(&buf);
	st->v1.comp = pq_getmsgfloat8(&buf);
	for (k = 0; k < n; k++)
	{
		st->eff[k].sum = pq_getmsgfloat8(&buf);
		st->eff[k].comp = pq_getmsgfloat8(&buf);
	}
	pq_getmsgend(&buf);
	PG_RETURN_POINTER(st);
}

/* Build a float8[] from n doubles. */
static ArrayType *
decomp_make_array(int n, const double *v)
{
	Datum	   *d = palloc(mul_size((Size) n, sizeof(Datum)));
	int			k;

	for (k = 0; k < n; k++)
		d[k] = Float8GetDatum(v[k]);
	return construct_array(d, n, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
}

/* The additive effects of a finished state. */
static double *
decomp_effects(DecompState *st)
{
	double	   *e = palloc(mul_size((Size) st->nfactors, sizeof(double)));
	int			k;

	for (k = 0; k < st->nfactors; k++)
		e[k] = carestair_decomp_sum_value(&st->eff[k]);
	return e;
}

/* Final: additive effects (LMDI or Shapley). */
static Datum
decomp_additive_final(FunctionCallInfo fcinfo)
{
	DecompState *st;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (DecompState *) PG_GETARG_POINTER(0);
	PG_RETURN_ARRAYTYPE_P(decomp_make_array(st->nfactors, decomp_effects(st)));
}

Datum
carestair_lmdi_additive_final(PG_FUNCTION_ARGS)
{
	return decomp_additive_final(fcinfo);
}

Datum
carestair_shapley_final(PG_FUNCTION_ARGS)
{
	return decomp_additive_final(fcinfo);
}

/*
 * Final of lmdi_multiplicative: D_k = exp(dV_k / L(V1, V0)), whose product
 * is exp((V1 - V0) / L(V1, V0)) = V1 / V0 (Ang 2005, eq. 6).  Both totals
 * must be positive for the ratio to exist.
 */
Datum
carestair_lmdi_multiplicative_final(PG_FUNCTION_ARGS)
{
	DecompState *st;
	double	   *e;
	double		v0,
				v1,
				lm;
	int			k;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	st = (DecompState *) PG_GETARG_POINTER(0);
	v0 = carestair_decomp_sum_value(&st->v0);
	v1 = carestair_decomp_sum_value(&st->v1);
	if (!(v0 > 0.0) || !(v1 > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("lmdi_multiplicative needs positive totals, got %s in x0 and %s in x1",
						float8out_internal(v0), float8out_internal(v1)),
				 errdetail("The multiplicative decomposition splits the ratio of the totals, which is 0 or undefined here."),
				 errhint("Use carestair.lmdi_additive, which splits the difference.")));
	lm = carestair_decomp_logmean(v1, v0);
	e = decomp_effects(st);
	for (k = 0; k < st->nfactors; k++)
		e[k] = exp(e[k] / lm);
	PG_RETURN_ARRAYTYPE_P(decomp_make_array(st->nfactors, e));
}
