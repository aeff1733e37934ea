/*
 * location.c
 *	  SQL-callable location models: carestair.p_median, carestair.max_coverage
 *	  and carestair.p_center.
 *
 * Each takes a cost matrix as an inner query returning (point_id bigint,
 * site_id bigint, cost float8) -- one row per pair that can be served, a
 * missing pair meaning "cannot serve" -- and (except the p-center) demand
 * as an inner query returning (point_id bigint, weight float8).  The
 * inputs are checked here, turned into a dense matrix over the sorted
 * point and site ids, and solved by location_kernel.c.  The result is one
 * row per chosen site (site_id, objective, method), the objective the same
 * on every row.
 */
#include "carestair.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "inner_query.h"
#include "location.h"

/*
 * Enumeration is used while (number of site sets) x (points) stays below
 * this (a few seconds of work at most); the p-center's set-cover searches get the
 * same budget in list scans per radius tried.
 */
#define LOC_EXACT_BUDGET 1e9

PG_FUNCTION_INFO_V1(carestair_p_median);
PG_FUNCTION_INFO_V1(carestair_max_coverage);
PG_FUNCTION_INFO_V1(carestair_p_center);
PG_FUNCTION_INFO_V1(carestair_fixed_charge);

/* A problem read from SQL, with the ids behind the matrix indices. */
typedef struct LocInput
{
	LocProblem	lp;
	int64	   *point_ids;		/* n, ascending */
	int64	   *site_ids;		/* m, ascending */
} LocInput;

/* Sorted distinct copy of v[0..n-1]; returns the count. */
static int
loc_unique_ids(const int64 *v, Size n, int64 **out)
{
	int64	   *u = palloc_extended(mul_size(n > 0 ? n : 1, sizeof(int64)), MCXT_ALLOC_HUGE);
	Size		cnt;

	memcpy(u, v, n * sizeof(int64));
	cnt = carestair_sort_unique_int64(u, n);
	if (cnt > INT_MAX / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many distinct ids in matrix_sql: %zu", cnt)));
	*out = u;
	return (int) cnt;
}

/* Error out when an argument is NULL (the functions are not STRICT). */
static void
loc_require(FunctionCallInfo fcinfo, int argno, const char *name)
{
	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be NULL", name),
				 strcmp(name, "fixed_sites") == 0 ?
				 errhint("Pass '{}' for no fixed sites.") : 0));
}

/*
 * Read the matrix, the demand (when demand_sql is not NULL) and the fixed
 * sites, check them, and fill in->lp for p sites.  has_p false (fixed
 * charge, which chooses how many) skips the checks of p; lp->p is then the
 * number of fixed sites.
 */
static void
loc_read_input(const char *matrix_sql, const char *demand_sql, int p,
			   bool has_p, ArrayType *fixed_arr, LocInput *in)
{
	static const InnerColumn mcols[] = {
		{"point_id", INNER_ID, false, false},
		{"site_id", INNER_ID, false, false},
		{"cost", INNER_NUM, false, false}
	};
	static const InnerColumn dcols[] = {
		{"point_id", INNER_ID, false, false},
		{"weight", INNER_NUM, false, false}
	};
	InnerData	md;
	LocProblem *lp = &in->lp;
	double	   *cost;
	double	   *weight;
	bool	   *fixed;
	Size		r,
				nm;
	int			n,
				m,
				i;

	if (has_p && p <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid p %d", p),
				 errdetail("p is the number of sites to open."),
				 errhint("Pass p >= 1.")));

	carestair_read_inner(matrix_sql, "matrix_sql", 3, mcols, &md);
	if (md.nrows == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("matrix_sql returned no rows"),
				 errhint("The matrix needs a (point_id, site_id, cost) row for every pair a site can serve.")));

	for (r = 0; r < md.nrows; r++)
	{
		double		c = md.nums[2][r];

		CHECK_FOR_INTERRUPTS();
		if (isnan(c) || isinf(c) || c < 0.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid cost %g for point %lld and site %lld in matrix_sql",
							c, (long long) md.ids[0][r], (long long) md.ids[1][r]),
					 errdetail("Costs must be finite and non-negative."),
					 errhint("Leave out the pairs a site cannot serve instead of giving them an infinite cost.")));
	}

	n = loc_unique_ids(md.ids[0], md.nrows, &in->point_ids);
	m = loc_unique_ids(md.ids[1], md.nrows, &in->site_ids);
	if ((double) n * m > (double) INT_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("matrix_sql has too many point-site pairs: %d points x %d sites", n, m),
				 errhint("Split the problem, e.g. by region, or aggregate points.")));
	nm = mul_size(n, m);
	cost = palloc_extended(mul_size(nm, sizeof(double)), MCXT_ALLOC_HUGE);
	for (r = 0; r < nm; r++)
		cost[r] = INFINITY;
	for (r = 0; r < md.nrows; r++)
	{
		int			pi = carestair_find_int64(in->point_ids, n, md.ids[0][r]);
		int			sj = carestair_find_int64(in->site_ids, m, md.ids[1][r]);
		Size		cell = (Size) pi * m + sj;

		CHECK_FOR_INTERRUPTS();
		if (!isinf(cost[cell]))
			ereport(ERROR,
					(errcode(ERRCODE_UNIQUE_VIOLATION),
					 errmsg("duplicate pair point %lld, site %lld in matrix_sql",
							(long long) md.ids[0][r], (long long) md.ids[1][r]),
					 errdetail("Each (point_id, site_id) pair may appear once."),
					 errhint("Aggregate the query, e.g. min(cost) GROUP BY point_id, site_id.")));
		cost[cell] = md.nums[2][r];
	}

	/* Demand: one non-negative weight per matrix point, nothing else. */
	weight = palloc_extended(mul_size(n, sizeof(double)), MCXT_ALLOC_HUGE);
	if (demand_sql == NULL)
	{
		for (i = 0; i < n; i++)
			weight[i] = 1.0;
	}
	else
	{
		InnerData	dd;
		bool	   *seen = palloc0(n * sizeof(bool));

		carestair_read_inner(demand_sql, "demand_sql", 2, dcols, &dd);
		for (r = 0; r < dd.nrows; r++)
		{
			int64		pid = dd.ids[0][r];
			double		w = dd.nums[1][r];
			int			pi = carestair_find_int64(in->point_ids, n, pid);

			CHECK_FOR_INTERRUPTS();
			if (isnan(w) || isinf(w) || w < 0.0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("invalid weight %g for point %lld in demand_sql",
								w, (long long) pid),
						 errdetail("Weights must be finite and non-negative.")));
			if (pi < 0)
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("demand point %lld is not in matrix_sql", (long long) pid),
						 errdetail("Every demand point needs at least one row in the cost matrix."),
						 errhint("Add its travel costs to the matrix, or leave the point out of the demand.")));
			if (seen[pi])
				ereport(ERROR,
						(errcode(ERRCODE_UNIQUE_VIOLATION),
						 errmsg("duplicate point %lld in demand_sql", (long long) pid),
						 errhint("Aggregate the query, e.g. sum(weight) GROUP BY point_id.")));
			seen[pi] = true;
			weight[pi] = w;
		}
		for (i = 0; i < n; i++)
			if (!seen[i])
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("matrix point %lld has no row in demand_sql",
								(long long) in->point_ids[i]),
						 errdetail("Every point of the matrix needs a weight (0 is allowed)."),
						 errhint("Add the point to the demand, or leave it out of the matrix.")));
	}

	/* Fixed sites: distinct candidate ids, at most p of them. */
	fixed = palloc0(m * sizeof(bool));
	lp->nfixed = 0;
	{
		Datum	   *elems;
		bool	   *nulls;
		int			nel,
					e;

		if (ARR_NDIM(fixed_arr) > 1)
			ereport(ERROR,
					(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
					 errmsg("fixed_sites must be a one-dimensional array")));
		deconstruct_array(fixed_arr, INT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
						  &elems, &nulls, &nel);
		for (e = 0; e < nel; e++)
		{
			int64		sid;
			int			sj;

			if (nulls[e])
				ereport(ERROR,
						(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
						 errmsg("fixed_sites contains NULL")));
			sid = DatumGetInt64(elems[e]);
			sj = carestair_find_int64(in->site_ids, m, sid);
			if (sj < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("fixed site %lld is not a site in matrix_sql", (long long) sid),
						 errhint("Fixed sites must be candidate sites with costs in the matrix.")));
			if (fixed[sj])
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("duplicate fixed site %lld", (long long) sid)));
			fixed[sj] = true;
			lp->nfixed++;
		}
	}

	if (has_p && p > m)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("p %d is larger than the number of candidate sites %d", p, m),
				 errdetail("matrix_sql has %d distinct site_id values.", m),
				 errhint("Choose p <= %d or add candidate sites.", m)));
	if (has_p && lp->nfixed > p)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%d fixed sites exceed p %d", lp->nfixed, p),
				 errhint("Raise p to at least the number of fixed sites.")));

	lp->n = n;
	lp->m = m;
	lp->cost = cost;
	lp->weight = weight;
	lp->fixed = fixed;
	lp->p = has_p ? p : lp->nfixed;
	lp->exact_budget = LOC_EXACT_BUDGET;
}

/* Stream the chosen sites into the materialized result. */
static void
loc_emit(FunctionCallInfo fcinfo, const LocInput *in, const LocSolution *sol)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			q;

	for (q = 0; q < sol->nopen; q++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = Int64GetDatum(in->site_ids[sol->open[q]]);
		values[1] = Float8GetDatum(sol->objective);
		values[2] = CStringGetTextDatum(sol->method);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
}

/* Raise the "no p sites serve everyone" error; hint names the remedies. */
static void
loc_infeasible(const LocInput *in, const LocSolution *sol, const char *what,
			   const char *hint)
{
	bool		exact = strcmp(sol->method, LOC_METHOD_HEUR) != 0;

	ereport(ERROR,
			(errcode(ERRCODE_DATA_EXCEPTION),
			 errmsg("no set of %d sites can serve every %s", in->lp.p, what),
			 exact ? errdetail("The search (%s) proved that every such set leaves some point without a row in the matrix.", sol->method)
			 : errdetail("The heuristic search found no such set; one may still exist."),
			 errhint("%s", hint)));
}

/*
 * Common start of the three functions: every argument named in argnames
 * (in order) must not be NULL; then the SRF is set up and the inputs read.
 * The matrix is argument 0, demand (when has_demand) argument 1, then p;
 * fixed_sites is the last argument.
 */
static void
loc_start(FunctionCallInfo fcinfo, const char *const *argnames, int nargs,
		  bool has_demand, LocInput *in)
{
	int			a;

	for (a = 0; a < nargs; a++)
		loc_require(fcinfo, a, argnames[a]);
	CARESTAIR_INIT_SRF(fcinfo);
	loc_read_input(text_to_cstring(PG_GETARG_TEXT_PP(0)),
				   has_demand ? text_to_cstring(PG_GETARG_TEXT_PP(1)) : NULL,
				   PG_GETARG_INT32(has_demand ? 2 : 1), true,
				   PG_GETARG_ARRAYTYPE_P(nargs - 1), in);
}

/*
 * carestair.p_median(matrix_sql text, demand_sql text, p int,
 *					  fixed_sites bigint[] DEFAULT '{}')
 */
Datum
carestair_p_median(PG_FUNCTION_ARGS)
{
	static const char *const args[] = {"matrix_sql", "demand_sql", "p", "fixed_sites"};
	LocInput	in;
	LocSolution sol;

	loc_start(fcinfo, args, 4, true, &in);
	carestair_loc_p_median(&in.lp, &sol);
	if (isinf(sol.objective))
		loc_infeasible(&in, &sol, "demand point with positive weight",
					   "Raise p, add the missing pairs to matrix_sql, or give the points that cannot be served a weight of 0.");
	loc_emit(fcinfo, &in, &sol);
	return (Datum) 0;
}

/*
 * carestair.max_coverage(matrix_sql text, demand_sql text, p int,
 *						  radius float8, fixed_sites bigint[] DEFAULT '{}')
 */
Datum
carestair_max_coverage(PG_FUNCTION_ARGS)
{
	static const char *const args[] = {"matrix_sql", "demand_sql", "p", "radius", "fixed_sites"};
	LocInput	in;
	LocSolution sol;
	double		radius;

	loc_require(fcinfo, 3, "radius");
	radius = PG_GETARG_FLOAT8(3);
	if (isnan(radius) || isinf(radius) || radius < 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid radius %g", radius),
				 errdetail("radius is the largest cost that counts as covered, in the matrix's unit."),
				 errhint("Pass a finite radius >= 0.")));
	loc_start(fcinfo, args, 5, true, &in);
	carestair_loc_max_coverage(&in.lp, radius, &sol);
	loc_emit(fcinfo, &in, &sol);
	return (Datum) 0;
}

/*
 * carestair.p_center(matrix_sql text, p int, fixed_sites bigint[] DEFAULT '{}')
 */
Datum
carestair_p_center(PG_FUNCTION_ARGS)
{
	static const char *const args[] = {"matrix_sql", "p", "fixed_sites"};
	LocInput	in;
	LocSolution sol;

	loc_start(fcinfo, args, 3, false, &in);
	carestair_loc_p_center(&in.lp, &sol);
	if (isinf(sol.objective))
		loc_infeasible(&in, &sol, "point",
					   "Raise p, or add the missing pairs to matrix_sql.");
	loc_emit(fcinfo, &in, &sol);
	return (Datum) 0;
}

/*
 * carestair.fixed_charge(matrix_sql text, demand_sql text, sites_sql text,
 *						  fixed_sites bigint[] DEFAULT '{}')
 *
 * sites_sql returns (site_id bigint, fixed_cost float8): every candidate
 * site of the matrix once, in the unit of weight x cost.
 */
Datum
carestair_fixed_charge(PG_FUNCTION_ARGS)
{
	static const char *const args[] = {"matrix_sql", "demand_sql", "sites_sql", "fixed_sites"};
	static const InnerColumn scols[] = {
		{"site_id", INNER_ID, false, false},
		{"fixed_cost", INNER_NUM, false, false}
	};
	LocInput	in;
	LocSolution sol;
	InnerData	sd;
	double	   *fcost;
	bool	   *seen;
	Size		r;
	int			a,
				j;

	for (a = 0; a < 4; a++)
		loc_require(fcinfo, a, args[a]);
	CARESTAIR_INIT_SRF(fcinfo);
	loc_read_input(text_to_cstring(PG_GETARG_TEXT_PP(0)),
				   text_to_cstring(PG_GETARG_TEXT_PP(1)), 0, false,
				   PG_GETARG_ARRAYTYPE_P(3), &in);

	carestair_read_inner(text_to_cstring(PG_GETARG_TEXT_PP(2)), "sites_sql", 2, scols, &sd);
	fcost = palloc(in.lp.m * sizeof(double));
	seen = palloc0(in.lp.m * sizeof(bool));
	for (r = 0; r < sd.nrows; r++)
	{
		int64		sid = sd.ids[0][r];
		double		f = sd.nums[1][r];

		j = carestair_find_int64(in.site_ids, in.lp.m, sid);
		CHECK_FOR_INTERRUPTS();
		if (j < 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("site %lld in sites_sql is not a site of matrix_sql", (long long) sid),
					 errhint("Give fixed costs for the matrix's sites only.")));
		if (seen[j])
			ereport(ERROR,
					(errcode(ERRCODE_UNIQUE_VIOLATION),
					 errmsg("duplicate site %lld in sites_sql", (long long) sid)));
		if (isnan(f) || isinf(f) || f < 0.0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid fixed cost %g for site %lld in sites_sql", f, (long long) sid),
					 errdetail("Fixed costs must be finite and non-negative.")));
		seen[j] = true;
		fcost[j] = f;
	}
	for (j = 0; j < in.lp.m; j++)
		if (!seen[j])
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("site %lld of matrix_sql has no fixed cost in sites_sql",
							(long long) in.site_ids[j]),
					 errhint("Every candidate site needs a fixed cost (0 is allowed).")));

	carestair_loc_fixed_charge(&in.lp, fcost, &sol);
	if (isinf(sol.objective))
		elog(ERROR, "fixed_charge left a demand point unserved");
	loc_emit(fcinfo, &in, &sol);
	return (Datum) 0;
}
