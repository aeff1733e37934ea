/*
 * rota.c
 *	  SQL entry points of the rota module: carestair._rota_search() and
 *	  carestair._rota_check().  Both take the problem as flat arrays that
 *	  the PL/pgSQL functions in src/rota.sql build from the staffing tables;
 *	  the search is in rota_kernel.c, the independent checker in
 *	  rota_check.c.
 */
#include "carestair.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include "rota_check.h"
#include "rota_search.h"

PG_FUNCTION_INFO_V1(carestair__rota_search);
PG_FUNCTION_INFO_V1(carestair__rota_check);

/* Report a malformed problem argument. */
static void
bad_problem(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid rota problem: %s", what),
			 errhint("Call carestair.generate_rota() or carestair.check_rota(), which build the arrays from the staffing tables.")));
}

/* Copy an int4[] without NULLs into a palloc'd array; returns its length. */
static int
int_array(ArrayType *a, int **out)
{
	Datum	   *d;
	bool	   *n;
	int			cnt,
				i;

	if (ARR_NDIM(a) > 1)
		bad_problem("arrays must be one-dimensional");
	deconstruct_array(a, INT4OID, 4, true, TYPALIGN_INT, &d, &n, &cnt);
	*out = palloc(mul_size(Max(cnt, 1), sizeof(int)));
	for (i = 0; i < cnt; i++)
	{
		if (n[i])
			bad_problem("arrays must not contain NULL");
		(*out)[i] = DatumGetInt32(d[i]);
	}
	return cnt;
}

/* Copy a float8[] without NULLs into a palloc'd array; returns its length. */
static int
float_array(ArrayType *a, double **out)
{
	Datum	   *d;
	bool	   *n;
	int			cnt,
				i;

	if (ARR_NDIM(a) > 1)
		bad_problem("arrays must be one-dimensional");
	deconstruct_array(a, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &d, &n, &cnt);
	*out = palloc(mul_size(Max(cnt, 1), sizeof(double)));
	for (i = 0; i < cnt; i++)
	{
		if (n[i])
			bad_problem("arrays must not contain NULL");
		(*out)[i] = DatumGetFloat8(d[i]);
	}
	return cnt;
}

/*
 * Read arguments 0..11 into a RotaProblem and check their shapes and
 * ranges.  The SQL wrappers check user parameters with friendlier messages;
 * this guards the internal functions against direct calls.
 */
static void
read_problem(FunctionCallInfo fcinfo, RotaProblem *p)
{
	int			n_end,
				n_need,
				n_level,
				i;

	p->nshift = int_array(PG_GETARG_ARRAYTYPE_P(0), &p->start);
	n_end = int_array(PG_GETARG_ARRAYTYPE_P(1), &p->end);
	n_need = int_array(PG_GETARG_ARRAYTYPE_P(2), &p->need);
	p->npos = float_array(PG_GETARG_ARRAYTYPE_P(3), &p->size);
	n_level = int_array(PG_GETARG_ARRAYTYPE_P(4), &p->level);
	p->weeks = PG_GETARG_INT32(5);
	p->weekly_norm = PG_GETARG_FLOAT8(6);
	p->daily_rest = PG_GETARG_INT32(7);
	p->weekly_rest = PG_GETARG_INT32(8);
	p->max_consecutive = PG_GETARG_INT32(9);
	p->weekend_every = PG_GETARG_INT32(10);
	p->hours_tolerance = PG_GETARG_INT32(11);

	if (p->nshift < 1 || n_end != p->nshift)
		bad_problem("shift start and end arrays must have the same, positive length");
	if (p->nshift > 1000 || n_need != 7 * p->nshift * ROTA_LEVELS)
		bad_problem("need must hold 7 * shifts * 3 counts");
	if (p->npos < 1 || p->npos > 100000 || n_level != p->npos)
		bad_problem("position size and level arrays must have the same, positive length");
	if (p->weeks < 1 || p->weeks > 52 || p->weekend_every < 1 ||
		p->max_consecutive < 1 || p->daily_rest < 0 || p->weekly_rest < 0 ||
		p->hours_tolerance < 0 || !(p->weekly_norm > 0 && p->weekly_norm <= 60))
		bad_problem("a rule parameter is out of range");
	for (i = 0; i < p->nshift; i++)
		if (p->start[i] < 0 || p->start[i] >= 1440 || p->end[i] <= p->start[i] ||
			p->end[i] - p->start[i] > 1440)
			bad_problem("a shift ends before it starts or lasts more than a day");
	for (i = 0; i < n_need; i++)
		if (p->need[i] < 0 || p->need[i] > 100000)
			bad_problem("need counts must be from 0 to 100000");
	for (i = 0; i < p->npos; i++)
		if (!(p->size[i] > 0 && p->size[i] <= 1) || p->level[i] < 1 || p->level[i] > ROTA_LEVELS)
			bad_problem("position sizes must be in (0, 1] and levels in 1..3");
	p->ndays = 7 * p->weeks;
}

/*
 * carestair._rota_search(12 problem arguments, seed bigint,
 *	   max_iterations bigint, time_budget_ms integer)
 *	 RETURNS record (assignment int[], iterations bigint, elapsed_ms float8,
 *	   hard_penalty float8, timed_out boolean, precheck_rule text,
 *	   precheck_detail text)
 * assignment is [position][day] flattened, 0-based shift index or -1 off.
 */
Datum
carestair__rota_search(PG_FUNCTION_ARGS)
{
	RotaProblem p;
	RotaResult	res;
	TupleDesc	tupdesc;
	Datum		values[7];
	bool		nulls[7] = {false, false, false, false, false, false, false};
	int64		seed = PG_GETARG_INT64(12);
	int64		max_iter = PG_GETARG_INT64(13);
	int32		budget = PG_GETARG_INT32(14);
	const char *rule;
	char	   *detail;

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	read_problem(fcinfo, &p);
	if (max_iter < 1 || budget < 1)
		bad_problem("max_iterations and time_budget_ms must be positive");

	rule = carestair_rota_bound(&p, &detail);
	if (rule != NULL)
	{
		nulls[0] = nulls[1] = nulls[2] = nulls[3] = nulls[4] = true;
		values[5] = CStringGetTextDatum(rule);
		values[6] = CStringGetTextDatum(detail);
	}
	else
	{
		size_t		ncell = mul_size(p.npos, p.ndays);
		Datum	   *cells = palloc(mul_size(ncell, sizeof(Datum)));
		size_t		i;

		carestair_rota_search(&p, (uint64) seed, max_iter, (double) budget, &res);
		for (i = 0; i < ncell; i++)
			cells[i] = Int32GetDatum(res.x[i]);
		values[0] = PointerGetDatum(construct_array(cells, (int) ncell, INT4OID, 4, true, TYPALIGN_INT));
		values[1] = Int64GetDatum(res.iterations);
		values[2] = Float8GetDatum(res.elapsed_ms);
		values[3] = Float8GetDatum(res.hard);
		values[4] = BoolGetDatum(res.timed_out);
		nulls[5] = nulls[6] = true;
	}
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * carestair._rota_check(12 problem arguments, assignment int[])
 *	 RETURNS TABLE (rule text, position_no int, day_no int, shift_no int,
 *	   detail text)
 * position_no and shift_no are 1-based (NULL when not one position or
 * shift); day_no is the 0-based day of the cycle (NULL when none).
 */
Datum
carestair__rota_check(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	RotaProblem p;
	RotaViolation *v;
	int		   *x;
	int			nx,
				nv,
				i;

	read_problem(fcinfo, &p);
	nx = int_array(PG_GETARG_ARRAYTYPE_P(12), &x);
	if ((size_t) nx != mul_size(p.npos, p.ndays))
		bad_problem("assignment must hold positions * 7 * weeks values");

	CARESTAIR_INIT_SRF(fcinfo);
	nv = carestair_rota_check(&p, x, &v);
	for (i = 0; i < nv; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		values[0] = CStringGetTextDatum(carestair_rota_rule_name(v[i].rule));
		values[1] = Int32GetDatum(v[i].pos + 1);
		nulls[1] = v[i].pos < 0;
		values[2] = Int32GetDatum(v[i].day);
		nulls[2] = v[i].day < 0;
		values[3] = Int32GetDatum(v[i].shift + 1);
		nulls[3] = v[i].shift < 0;
		values[4] = CStringGetTextDatum(v[i].detail);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	PG_RETURN_VOID();
}
