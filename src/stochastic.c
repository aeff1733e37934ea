/*
 * stochastic.c
 *	  carestair._stochastic_region(...) and carestair._stochastic_region_draws(...):
 *	  Monte Carlo over the cohort-component kernel for one region, from plain
 *	  arrays (doc/stochastic.md).  The table-driven SQL functions in
 *	  src/stochastic.sql build the arrays per region and call these in
 *	  parallel workers; nothing here reads a table, so both are IMMUTABLE and
 *	  PARALLEL SAFE.
 *
 * Each draw d perturbs the region's deterministic rate path with the level
 * multipliers of (seed, d) (src/stochastic_kernel.c), shared by all regions,
 * and, if asked, draws event counts from the region's own stream of
 * (seed, d, region).  The step itself is carestair_projection_step_noisy
 * (src/projection_kernel.c), the same code as the deterministic projection.
 *
 * Memory: the interval form keeps one value per draw for each year, sex
 * (male, female, both) and age group (plus all ages) of the region, which is
 * what its quantiles need and no more; the draws form streams its rows.
 */
#include "carestair.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include "projection_kernel.h"
#include "stochastic_kernel.h"
#include "stochastic_lanes.h"

/* Largest number of draws per call (doc/stochastic.md). */
#define STOCH_MAX_DRAWS 100000
/* Longest horizon, as for a scenario's last_year. */
#define STOCH_MAX_STEPS 200
/* Highest age of any input, as in src/projection.c. */
#define STOCH_MAX_AGE 150

PG_FUNCTION_INFO_V1(carestair_stochastic_region);
PG_FUNCTION_INFO_V1(carestair_stochastic_region_draws);
PG_FUNCTION_INFO_V1(carestair_binomial_draw);

/*
 * carestair._binomial_draw(n, p, seed, draw, key): one Binomial(n, p) count
 * (n rounded at random if not whole) from the stream of (seed, draw, key),
 * for downstream intervals (care_demand_intervals: the binomial variation
 * of coverage counts).  A different key or draw gives an independent count.
 */
Datum
carestair_binomial_draw(PG_FUNCTION_ARGS)
{
	double		n = PG_GETARG_FLOAT8(0);
	double		p = PG_GETARG_FLOAT8(1);
	int64		seed = PG_GETARG_INT64(2);
	int32		draw = PG_GETARG_INT32(3);
	text	   *key = PG_GETARG_TEXT_PP(4);
	StochasticRng rng;

	if (isnan(n) || isinf(n) || n < 0.0 || n > 1e15)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid number of trials n = %g", n),
				 errdetail("n is a count: finite, 0 or more, at most 1e15."),
				 errhint("Pass the base population of the rate.")));
	if (!(p >= 0.0 && p <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid probability p = %g", p),
				 errdetail("p lies between 0 and 1."),
				 errhint("Pass the rate (users per person).")));
	/* the key's stream, kept apart from the regions' noise streams */
	carestair_rng_seed(&rng, (uint64) seed, (uint64) draw,
					   carestair_stream_of(VARDATA_ANY(key), VARSIZE_ANY_EXHDR(key)) ^
					   UINT64CONST(0x5851F42D4C957F2D));
	PG_RETURN_FLOAT8(carestair_rng_binomial(&rng, n, p));
}

/* One rate input: blocks of `width` values, one block per listed year. */
typedef struct RateSeries
{
	const char *name;			/* table name, for messages */
	int			nblocks;
	int			width;
	int		   *years;			/* increasing */
	double	   *v;				/* [nblocks][width] */
	int		   *step_block;		/* [nsteps] block used by each step */
} RateSeries;

/* One region's inputs and the run's settings. */
typedef struct StochasticRun
{
	const char *region;
	int			base_year;
	int			nsteps;
	int			nages;
	double	   *base;			/* [2][nages] */
	RateSeries	fert,
				mort,
				imm,
				emi;
	double		sex_ratio;
	double		age0_exposure;
	StochasticParams par;
	int			draws;
	uint64		seed;
} StochasticRun;

/* A NULL element where none may be: an error naming the array and position. */
static void
null_element(const char *name, int pos)
{
	ereport(ERROR,
			(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
			 errmsg("%s has a NULL at position %d", name, pos),
			 errdetail("Every element of %s must be given.", name),
			 errhint("Remove the NULL, or give the value.")));
}

/*
 * A float8[] argument as a palloc'd C array of n values.  For rate blocks
 * (years not NULL; nyears blocks [nyears][nsex][nages], nages < 0 for one
 * block of the array's length) a NULL element is a missing row, named by
 * year, sex and age; elsewhere, and past the last block, it is an error by
 * position.
 */
static double *
float8_arg(ArrayType *arr, const char *name, const char *region,
		   const int *years, int nyears, int nsex, int nages, int *n)
{
	Datum	   *d;
	bool	   *nulls;
	double	   *v;
	int			i;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s must be a one-dimensional array", name),
				 errdetail("It has %d dimensions.", ARR_NDIM(arr)),
				 errhint("Flatten it in year, sex, age order.")));
	deconstruct_array(arr, FLOAT8OID, 8, FLOAT8PASSBYVAL, TYPALIGN_DOUBLE, &d, &nulls, n);
	if (nages < 0)				/* one block: ages follow from the length */
	{
		nages = Max(*n / nsex, 1);
		nyears = 1;
	}
	v = palloc((*n + 1) * sizeof(double));
	for (i = 0; i < *n; i++)
	{
		/* A NULL is named by row only where the row exists (lengths checked). */
		if (nulls[i] && (years == NULL || i / (nsex * nages) >= nyears))
			null_element(name, i + 1);
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NO_DATA_FOUND),
					 errmsg("%s has no row for region %s year %d sex %d age %d",
							name, region, years[i / (nsex * nages)],
							nsex == 1 ? 2 : (i / nages) % nsex + 1, i % nages),
					 errdetail("A year with rows for a region must give both sexes and every age of the base population."),
					 errhint("Add the missing rows; a year with no rows at all reuses the latest earlier year's.")));
		v[i] = DatumGetFloat8(d[i]);
	}
	return v;
}

/* An int4[] argument as a palloc'd C array; NULL means open_value if allowed. */
static int *
int4_arg(ArrayType *arr, const char *name, bool open_null, int open_value, int *n)
{
	Datum	   *d;
	bool	   *nulls;
	int		   *v;
	int			i;

	deconstruct_array(arr, INT4OID, 4, true, TYPALIGN_INT, &d, &nulls, n);
	v = palloc((*n + 1) * sizeof(int));
	for (i = 0; i < *n; i++)
	{
		if (nulls[i] && !open_null)
			null_element(name, i + 1);
		v[i] = nulls[i] ? open_value : DatumGetInt32(d[i]);
	}
	return v;
}

/*
 * Reject a value outside [lo, hi] (hi < 0: no upper bound) or not finite,
 * naming the input and the cell.
 */
static void
check_value(const char *name, double v, double lo, double hi,
			const char *region, int year, int sex, int age)
{
	if (!isnan(v) && !isinf(v) && v >= lo && (hi < 0 || v <= hi))
		return;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s has value %g for region %s year %d sex %d age %d",
					name, v, region, year, sex, age),
			 hi < 0 ? errdetail("Values of %s are finite and not negative.", name) :
			 errdetail("Values of %s are probabilities between 0 and 1.", name),
			 errhint("Fix that row of the input.")));
}

/*
 * Read one rate input (years, values) with `nsex` sexes per block, check it
 * and find for each step the block of the latest year at or before the step's
 * calendar year.
 */
static void
read_series(StochasticRun *run, RateSeries *rs, const char *name,
			ArrayType *years, ArrayType *values, int nsex, double hi)
{
	int			nv,
				b,
				c,
				t;

	rs->name = name;
	rs->width = nsex * run->nages;
	rs->years = int4_arg(years, psprintf("%s_years", name), false, 0, &rs->nblocks);
	for (b = 1; b < rs->nblocks; b++)
		if (rs->years[b] <= rs->years[b - 1])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s years are not increasing: %d after %d",
							name, rs->years[b], rs->years[b - 1]),
					 errdetail("Blocks of rates are given once per year, in order."),
					 errhint("Sort the years and give each once.")));
	/* The length first: a NULL is named by its row only once the rows fit. */
	nv = ArrayGetNItems(ARR_NDIM(values), ARR_DIMS(values));
	if ((int64) nv == (int64) rs->nblocks * rs->width)
		rs->v = float8_arg(values, name, run->region, rs->years, rs->nblocks,
						   nsex, run->nages, &nv);
	if ((int64) nv != (int64) rs->nblocks * rs->width)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("%s has %d values for %d years, expected " INT64_FORMAT,
						name, nv, rs->nblocks, (int64) rs->nblocks * rs->width),
				 errdetail("Each year gives %d sex%s and %d ages (those of the base population).",
						   nsex, nsex == 1 ? "" : "es", run->nages),
				 errhint("Give one value per year, sex and age, in that order.")));
	for (b = 0; b < rs->nblocks; b++)
		for (c = 0; c < rs->width; c++)
		{
			int			sex = (nsex == 1) ? 2 : c / run->nages + 1;
			int			age = c % run->nages;
			double		v = rs->v[b * rs->width + c];

			check_value(name, v, 0.0, hi, run->region, rs->years[b], sex, age);
			if (nsex == 1 && age == 0 && v != 0.0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("fertility has value %g at age 0 for region %s year %d",
								v, run->region, rs->years[b]),
						 errdetail("Mothers are aged 1 or over at the end of the year."),
						 errhint("Give fertility by the mother's age at the end of the year, e.g. ages 15-49.")));
		}

	rs->step_block = palloc(Max(run->nsteps, 1) * sizeof(int));
	for (t = 0, b = -1; t < run->nsteps; t++)
	{
		while (b + 1 < rs->nblocks && rs->years[b + 1] <= run->base_year + t)
			b++;
		if (b < 0)
			ereport(ERROR,
					(errcode(ERRCODE_NO_DATA_FOUND),
					 errmsg("%s has no rows for region %s in or before year %d",
							name, run->region, run->base_year + t),
					 errdetail("The rates of calendar year t drive the step from 1 January t to 1 January t+1; a year without rows reuses the latest earlier year's."),
					 errhint("Give rates for the base year %d or earlier.", run->base_year)));
		rs->step_block[t] = b;
	}
}

/* One field of the parameters row; NULL is an error naming it. */
static double
param(HeapTupleHeader row, const char *field, double lo, double hi)
{
	bool		isnull;
	Datum		d = GetAttributeByName(row, field, &isnull);
	double		v;

	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("stochastic parameter %s is NULL", field),
				 errdetail("Every parameter of carestair.stochastic_parameters must be given."),
				 errhint("Set it, e.g. to 0 to switch that component off.")));
	if (strcmp(field, "demographic_noise") == 0)
		return DatumGetBool(d) ? 1.0 : 0.0;
	v = DatumGetFloat8(d);
	if (isnan(v) || isinf(v) || v < lo || v > hi)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid stochastic parameter %s = %g", field, v),
				 lo == 0.0 ?
				 errdetail("Standard deviations are finite and not negative.") :
				 errdetail("It must lie between %g and %g.", lo, hi),
				 errhint("Fix the scenario's row of carestair.stochastic_parameters.")));
	return v;
}

/* Read and check everything the two SQL functions share (arguments 0..15). */
static void
read_run(FunctionCallInfo fcinfo, StochasticRun *run)
{
	HeapTupleHeader prow = PG_GETARG_HEAPTUPLEHEADER(13);
	int			last_year = PG_GETARG_INT32(3);
	int			n,
				c;

	memset(run, 0, sizeof(*run));
	run->region = text_to_cstring(PG_GETARG_TEXT_PP(0));
	run->base_year = PG_GETARG_INT32(2);
	run->draws = PG_GETARG_INT32(14);
	run->seed = (uint64) PG_GETARG_INT64(15);
	run->sex_ratio = PG_GETARG_FLOAT8(11);
	run->age0_exposure = PG_GETARG_FLOAT8(12);

	if (run->draws <= 0 || run->draws > STOCH_MAX_DRAWS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid draws %d", run->draws),
				 errdetail("The number of draws is between 1 and %d.", STOCH_MAX_DRAWS),
				 errhint("Use e.g. 1000 draws; the 5%% and 95%% quantiles are stable to about 1%% of the interval width from there.")));
	if (last_year < run->base_year || (int64) last_year - run->base_year > STOCH_MAX_STEPS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid last_year %d for base year %d", last_year, run->base_year),
				 errdetail("last_year lies between the base year and %d years after it.", STOCH_MAX_STEPS),
				 errhint("Pass a last_year from %d to %d.", run->base_year, run->base_year + STOCH_MAX_STEPS)));
	if (!(run->sex_ratio > 0.0) || isinf(run->sex_ratio) ||
		!(run->age0_exposure >= 0.0 && run->age0_exposure <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid sex_ratio %g or age0_migrant_exposure %g",
						run->sex_ratio, run->age0_exposure),
				 errdetail("The sex ratio is positive and finite; the age-0 exposure lies between 0 and 1."),
				 errhint("Use the scenario's values (carestair.projection_scenario).")));
	run->nsteps = last_year - run->base_year;

	run->par.fertility_sd = param(prow, "fertility_sd", 0.0, 10.0);
	run->par.fertility_ar = param(prow, "fertility_ar", -1.0, 1.0);
	run->par.mortality_drift = param(prow, "mortality_drift", -1.0, 1.0);
	run->par.mortality_sd = param(prow, "mortality_sd", 0.0, 10.0);
	run->par.immigration_sd = param(prow, "immigration_sd", 0.0, 10.0);
	run->par.immigration_ar = param(prow, "immigration_ar", -1.0, 1.0);
	run->par.emigration_sd = param(prow, "emigration_sd", 0.0, 10.0);
	run->par.emigration_ar = param(prow, "emigration_ar", -1.0, 1.0);
	run->par.demographic_noise = param(prow, "demographic_noise", 0, 1) != 0.0;

	/* The base population fixes the ages: [2][nages], the last age open. */
	run->base = float8_arg(PG_GETARG_ARRAYTYPE_P(1), "population", run->region,
						   &run->base_year, 1, 2, -1, &n);
	if (n < 4 || n % 2 != 0 || n / 2 > STOCH_MAX_AGE + 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("population has %d values for region %s", n, run->region),
				 errdetail("It gives both sexes and every age from 0 to the open group (at least 1, at most %d), sex by sex.",
						   STOCH_MAX_AGE),
				 errhint("Pass 2 x (open age + 1) persons, males first.")));
	run->nages = n / 2;
	for (c = 0; c < n; c++)
		check_value("population", run->base[c], 0.0, -1.0, run->region,
					run->base_year, c / run->nages + 1, c % run->nages);

	read_series(run, &run->fert, "fertility", PG_GETARG_ARRAYTYPE_P(4),
				PG_GETARG_ARRAYTYPE_P(5), 1, -1.0);
	read_series(run, &run->mort, "mortality", PG_GETARG_ARRAYTYPE_P(6),
				PG_GETARG_ARRAYTYPE_P(7), 2, 1.0);
	read_series(run, &run->imm, "immigrants", PG_GETARG_ARRAYTYPE_P(8),
				PG_GETARG_ARRAYTYPE_P(9), 2, -1.0);
	read_series(run, &run->emi, "emigration_rate", PG_GETARG_ARRAYTYPE_P(8),
				PG_GETARG_ARRAYTYPE_P(10), 2, 1.0);
}

/*
 * What a run does with the draws: `step` receives the population on
 * 1 January of each projected year of the draws d0 .. d0+nl-1, cell c of
 * draw d0+l at p[c * stride + l]; `batch_end`, if not NULL, follows the last
 * year of those draws.
 */
typedef struct DrawSinkOps
{
	void		(*step) (void *arg, int d0, int nl, int stride, int t, const double *p);
	void		(*batch_end) (void *arg, int d0, int nl);
} DrawSinkOps;

/*
 * The level paths of every draw of a run, computed once per query and
 * process for the interval form: they depend only on (parameters, seed,
 * draw), so every region of a query (each a separate call, run in any
 * worker) shares them.  Kept in fn_extra, in the memory context of the
 * function's call site.  The draws form runs one region per query and draws
 * them batch by batch instead, as the interval form does above the cache
 * limit; its draws equal the interval form's (tested), which checks the
 * cache against the paths drawn directly.
 */
typedef struct LevelCache
{
	StochasticParams par;
	uint64		seed;
	int			draws;
	int			nsteps;
	double	   *paths;			/* [draws][STOCH_N_LEVELS * nsteps] */
} LevelCache;

/* Largest level-path cache (bytes); above it paths are drawn per batch. */
#define STOCH_MAX_PATH_CACHE (64 * 1024 * 1024)

static bool
same_params(const StochasticParams *a, const StochasticParams *b)
{
	return a->fertility_sd == b->fertility_sd && a->fertility_ar == b->fertility_ar &&
		a->mortality_drift == b->mortality_drift && a->mortality_sd == b->mortality_sd &&
		a->immigration_sd == b->immigration_sd && a->immigration_ar == b->immigration_ar &&
		a->emigration_sd == b->emigration_sd && a->emigration_ar == b->emigration_ar;
}

/*
 * The cached level paths of every draw of run (computing them if the cache
 * holds another run's), or NULL if they would take more than
 * STOCH_MAX_PATH_CACHE.
 */
static const double *
level_paths(FunctionCallInfo fcinfo, const StochasticRun *run)
{
	int			width = STOCH_N_LEVELS * Max(run->nsteps, 1);
	Size		bytes = mul_size(mul_size((Size) run->draws, width), sizeof(double));
	LevelCache *lc = (LevelCache *) fcinfo->flinfo->fn_extra;
	int			d;

	if (bytes > STOCH_MAX_PATH_CACHE)
		return NULL;
	if (lc != NULL && lc->seed == run->seed && lc->draws == run->draws &&
		lc->nsteps == run->nsteps && same_params(&lc->par, &run->par))
		return lc->paths;
	if (lc == NULL)
		lc = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(LevelCache));
	else
		pfree(lc->paths);
	fcinfo->flinfo->fn_extra = NULL;	/* until filled: an error leaves no half cache */
	lc->paths = MemoryContextAlloc(fcinfo->flinfo->fn_mcxt, bytes);
	for (d = 0; d < run->draws; d++)
	{
		if (d % 256 == 0)
			CHECK_FOR_INTERRUPTS();
		carestair_level_paths(&run->par, run->seed, d, run->nsteps,
							  lc->paths + (Size) d * width);
	}
	lc->par = run->par;
	lc->seed = run->seed;
	lc->draws = run->draws;
	lc->nsteps = run->nsteps;
	fcinfo->flinfo->fn_extra = lc;
	return lc->paths;
}

/*
 * The multipliers of draw d: from the cache, or drawn into buf
 * ([STOCH_N_LEVELS * nsteps]) when there is none.
 */
static const double *
draw_paths(const StochasticRun *run, const double *cache, int d, double *buf)
{
	if (cache != NULL)
		return cache + (Size) d * STOCH_N_LEVELS * Max(run->nsteps, 1);
	carestair_level_paths(&run->par, run->seed, d, run->nsteps, buf);
	return buf;
}

/*
 * Demographic noise: each draw alone through the kernel, its event counts
 * drawn from the region's stream (a base population that is not whole is
 * rounded at random first, keeping its expectation).  A cohort whose
 * perturbed rates would leave it negative is set to 0 (doc/stochastic.md).
 */
static void
run_draws_noisy(const StochasticRun *run, const double *cache,
				const DrawSinkOps *ops, void *arg)
{
	int			cells = 2 * run->nages;
	int			width = STOCH_N_LEVELS * Max(run->nsteps, 1);
	double	   *cur = palloc(cells * sizeof(double));
	double	   *next = palloc(cells * sizeof(double));
	double	   *deaths = palloc(cells * sizeof(double));
	double	   *emig = palloc(cells * sizeof(double));
	double	   *buf = palloc(width * sizeof(double));
	uint64		stream = carestair_stream_of(run->region, strlen(run->region));
	StochasticRng demo;
	ProjectionStepInput in;
	ProjectionStepNoise nz;
	double		births[2];
	int			d,
				t,
				c;

	in.nages = run->nages;
	in.sex_ratio = run->sex_ratio;
	in.age0_exposure = run->age0_exposure;
	nz.binomial = carestair_rng_binomial;
	nz.poisson = carestair_rng_poisson;
	nz.state = &demo;

	for (d = 0; d < run->draws; d++)
	{
		const double *mult = draw_paths(run, cache, d, buf);

		CHECK_FOR_INTERRUPTS();
		carestair_rng_seed(&demo, run->seed, (uint64) d, stream);
		memcpy(cur, run->base, cells * sizeof(double));
		for (c = 0; c < cells; c++)
			if (cur[c] > floor(cur[c]))
				cur[c] = floor(cur[c]) + (carestair_rng_uniform(&demo) < cur[c] - floor(cur[c]) ? 1.0 : 0.0);
		for (t = 0; t < run->nsteps; t++)
		{
			double	   *swap;

			in.fertility = run->fert.v + run->fert.step_block[t] * run->fert.width;
			in.q = run->mort.v + run->mort.step_block[t] * run->mort.width;
			in.immigrants = run->imm.v + run->imm.step_block[t] * run->imm.width;
			in.emigration_rate = run->emi.v + run->emi.step_block[t] * run->emi.width;
			nz.fertility = mult[STOCH_FERTILITY * run->nsteps + t];
			nz.mortality = mult[STOCH_MORTALITY * run->nsteps + t];
			nz.immigration = mult[STOCH_IMMIGRATION * run->nsteps + t];
			nz.emigration = mult[STOCH_EMIGRATION * run->nsteps + t];
			if (carestair_projection_step_noisy(&in, &nz, cur, next, deaths, emig,
												NULL, births) >= 0)
			{
				for (c = 0; c < cells; c++)
					if (next[c] < 0.0)
						next[c] = 0.0;
			}
			ops->step(arg, d, 1, 1, t, next);
			swap = cur;
			cur = next;
			next = swap;
		}
		if (ops->batch_end)
			ops->batch_end(arg, d, 1);
	}
}

/*
 * Expected values: the draws in batches of STOCH_LANES through the lane step
 * (src/stochastic_lanes.c), bit-identical to running each alone.  A last
 * partial batch fills its spare lanes with copies of its last draw, which are
 * computed and not reported.
 */
static void
run_draws_lanes(const StochasticRun *run, const double *cache,
				const DrawSinkOps *ops, void *arg)
{
	int			cells = 2 * run->nages;
	int			width = STOCH_N_LEVELS * Max(run->nsteps, 1);
	double	   *cur = palloc(cells * STOCH_LANES * sizeof(double));
	double	   *next = palloc(cells * STOCH_LANES * sizeof(double));
	double	   *buf = palloc(STOCH_LANES * width * sizeof(double));
	int		   *fert_from = palloc(run->fert.nblocks * sizeof(int));
	int		   *fert_to = palloc(run->fert.nblocks * sizeof(int));
	const double *mult[STOCH_LANES];
	LaneStepInput in;
	int			d0,
				b,
				t,
				c,
				l;

	in.nages = run->nages;
	in.sex_ratio = run->sex_ratio;
	in.age0_exposure = run->age0_exposure;
	for (b = 0; b < run->fert.nblocks; b++)
		carestair_fertility_range(run->fert.v + b * run->fert.width, run->nages,
								  &fert_from[b], &fert_to[b]);

	for (d0 = 0; d0 < run->draws; d0 += STOCH_LANES)
	{
		int			nl = Min(STOCH_LANES, run->draws - d0);

		CHECK_FOR_INTERRUPTS();
		for (l = 0; l < STOCH_LANES; l++)
			mult[l] = (l < nl) ? draw_paths(run, cache, d0 + l, buf + l * width) : mult[nl - 1];
		for (c = 0; c < cells; c++)
			for (l = 0; l < STOCH_LANES; l++)
				cur[c * STOCH_LANES + l] = run->base[c];
		for (t = 0; t < run->nsteps; t++)
		{
			double	   *swap;

			b = run->fert.step_block[t];
			in.fertility = run->fert.v + b * run->fert.width;
			in.fert_from = fert_from[b];
			in.fert_to = fert_to[b];
			in.q = run->mort.v + run->mort.step_block[t] * run->mort.width;
			in.immigrants = run->imm.v + run->imm.step_block[t] * run->imm.width;
			in.emigration_rate = run->emi.v + run->emi.step_block[t] * run->emi.width;
			for (l = 0; l < STOCH_LANES; l++)
			{
				in.fert_mult[l] = mult[l][STOCH_FERTILITY * run->nsteps + t];
				in.mort_mult[l] = mult[l][STOCH_MORTALITY * run->nsteps + t];
				in.imm_mult[l] = mult[l][STOCH_IMMIGRATION * run->nsteps + t];
				in.emi_mult[l] = mult[l][STOCH_EMIGRATION * run->nsteps + t];
			}
			carestair_lanes_step(&in, cur, next);
			ops->step(arg, d0, nl, STOCH_LANES, t, next);
			swap = cur;
			cur = next;
			next = swap;
		}
		if (ops->batch_end)
			ops->batch_end(arg, d0, nl);
	}
}

/*
 * Run all draws of one region through ops (interrupts checked per batch),
 * with the level paths from cache (NULL: drawn batch by batch).
 */
static void
run_draws(const StochasticRun *run, const double *cache,
		  const DrawSinkOps *ops, void *arg)
{
	if (run->par.demographic_noise)
		run_draws_noisy(run, cache, ops, arg);
	else
		run_draws_lanes(run, cache, ops, arg);
}

/* State of the interval form: age groups and the values of every draw. */
typedef struct IntervalSink
{
	int			ngroups;		/* groups of the scheme + 1 (all ages first) */
	int		   *from;			/* [ngroups] first age */
	int		   *to;				/* [ngroups] last age */
	int			draws;
	Size		nseries;		/* steps * 3 sexes * ngroups */
	double	   *store;			/* [(step * 3 + sex) * ngroups + g][draw] */
} IntervalSink;

/*
 * The age groups of both sexes for `lanes` draws (a constant where inlined)
 * whose cells lie `lanes` apart, summed age by age as for one draw.  Each
 * series keeps its draws side by side, so that a batch of eight draws writes
 * one cache line per series and the quantiles read each series in one run.
 */
static pg_attribute_always_inline void
group_sums(IntervalSink *is, int d0, int nl, int lanes, int t, const double *p)
{
	int			nages = is->to[0] + 1;
	int			g,
				a,
				s,
				l;

	for (g = 0; g < is->ngroups; g++)
	{
		double		sum[2][STOCH_LANES];
		double	   *out[3];

		/* Both sexes in one pass: two independent chains of additions. */
		for (s = 0; s < 2; s++)
			for (l = 0; l < lanes; l++)
				sum[s][l] = 0.0;
		for (a = is->from[g]; a <= is->to[g]; a++)
			for (s = 0; s < 2; s++)
			{
				const double *row = p + ((Size) s * nages + a) * lanes;

				for (l = 0; l < lanes; l++)
					sum[s][l] += row[l];
			}
		for (s = 0; s < 3; s++)
			out[s] = is->store + (((Size) t * 3 + s) * is->ngroups + g) * is->draws + d0;
		for (l = 0; l < nl; l++)
		{
			out[0][l] = sum[0][l];
			out[1][l] = sum[1][l];
			out[2][l] = sum[0][l] + sum[1][l];
		}
	}
}

/* Add up each age group of both sexes for the draws of a step. */
static STOCH_SIMD_CLONES void
interval_sink(void *arg, int d0, int nl, int stride, int t, const double *p)
{
	if (stride == STOCH_LANES)
		group_sums((IntervalSink *) arg, d0, nl, STOCH_LANES, t, p);
	else
	{
		Assert(stride == 1 && nl == 1);
		group_sums((IntervalSink *) arg, d0, 1, 1, t, p);
	}
}

/*
 * carestair._stochastic_region(region, population, base_year, last_year,
 *	  fertility_years, fertility, mortality_years, mortality, migration_years,
 *	  immigrants, emigration_rates, sex_ratio, age0_migrant_exposure,
 *	  parameters, draws, seed, quantiles, group_from, group_to)
 *	  RETURNS TABLE (year, sex, age_group, mean, quantile_values)
 * age_group 0 is all ages, g >= 1 the g-th (group_from, group_to); sex NULL
 * is both sexes.
 */
Datum
carestair_stochastic_region(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	static const DrawSinkOps ops = {interval_sink, NULL};
	StochasticRun run;
	IntervalSink is;
	double	   *probs;
	int			nprobs,
				ng,
				nt,
				g,
				i,
				t,
				s;
	int		   *gfrom,
			   *gto;
	double	   *qv;
	Datum	   *qd;
	Size		series,
				bytes;

	read_run(fcinfo, &run);

	probs = float8_arg(PG_GETARG_ARRAYTYPE_P(16), "quantiles", run.region, NULL, 0, 1, 0, &nprobs);
	if (nprobs == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quantiles is empty"),
				 errdetail("At least one probability is needed."),
				 errhint("Use e.g. '{0.05,0.25,0.5,0.75,0.95}'.")));
	for (i = 0; i < nprobs; i++)
		if (!(probs[i] > 0.0 && probs[i] < 1.0) || (i > 0 && !(probs[i] > probs[i - 1])))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid quantiles: %g at position %d", probs[i], i + 1),
					 errdetail("Quantiles are probabilities strictly between 0 and 1, in increasing order, each once."),
					 errhint("Use e.g. '{0.05,0.25,0.5,0.75,0.95}'.")));

	gfrom = int4_arg(PG_GETARG_ARRAYTYPE_P(17), "group_from", false, 0, &ng);
	gto = int4_arg(PG_GETARG_ARRAYTYPE_P(18), "group_to", true, run.nages - 1, &nt);
	if (nt != ng)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("group_from has %d elements and group_to %d", ng, nt),
				 errdetail("They give the first and last age of each age group."),
				 errhint("Pass arrays of equal length (NULL in group_to for an open group).")));
	is.ngroups = ng + 1;
	is.from = palloc(is.ngroups * sizeof(int));
	is.to = palloc(is.ngroups * sizeof(int));
	is.from[0] = 0;
	is.to[0] = run.nages - 1;
	for (g = 0; g < ng; g++)
	{
		if (gfrom[g] < 0 || gto[g] < gfrom[g])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid age group %d: ages %d to %d", g + 1, gfrom[g], gto[g]),
					 errdetail("An age group runs from a first age >= 0 to a last age >= the first."),
					 errhint("Fix the age grouping (carestair.age_grouping).")));
		is.from[g + 1] = Min(gfrom[g], run.nages - 1);
		is.to[g + 1] = Min(gto[g], run.nages - 1);
	}
	is.draws = run.draws;

	/* Every draw of every series: what the quantiles need. */
	is.nseries = mul_size(mul_size((Size) run.nsteps, 3), is.ngroups);
	bytes = mul_size(mul_size(is.nseries, run.draws), sizeof(double));
	if (bytes > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%d draws of %d years and %d age groups need %zu MB, more than %zu MB",
						run.draws, run.nsteps, is.ngroups, bytes / (1024 * 1024),
						MaxAllocSize / (1024 * 1024)),
				 errdetail("The quantiles of one region keep every draw of every year, sex and age group."),
				 errhint("Use fewer draws, fewer years or fewer age groups per call.")));
	is.store = palloc(Max(bytes, 1));

	CARESTAIR_INIT_SRF(fcinfo);
	run_draws(&run, level_paths(fcinfo, &run), &ops, &is);

	/* Reduce each series (its draws side by side) to mean and quantiles. */
	qv = palloc(nprobs * sizeof(double));
	qd = palloc(nprobs * sizeof(Datum));
	for (series = 0; series < is.nseries; series++)
	{
		double	   *v = is.store + series * run.draws;
		double		sum = 0.0;
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};

		if (series % 64 == 0)
			CHECK_FOR_INTERRUPTS();
		g = (int) (series % is.ngroups);
		s = (int) ((series / is.ngroups) % 3);
		t = (int) (series / is.ngroups / 3);
		nulls[1] = (s == 2);
		for (i = 0; i < run.draws; i++)
			sum += v[i];
		carestair_quantiles(v, run.draws, probs, nprobs, qv);
		for (i = 0; i < nprobs; i++)
			qd[i] = Float8GetDatum(qv[i]);
		values[0] = Int32GetDatum(run.base_year + t + 1);
		values[1] = Int32GetDatum(s + 1);
		values[2] = Int32GetDatum(g);
		values[3] = Float8GetDatum(sum / run.draws);
		values[4] = PointerGetDatum(construct_array(qd, nprobs, FLOAT8OID, 8,
													FLOAT8PASSBYVAL, TYPALIGN_DOUBLE));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	/* Free the draws now: a lateral caller may run many regions in one context. */
	pfree(is.store);
	PG_RETURN_NULL();
}

/*
 * State of the draws form: where its rows go, and the years of the current
 * batch of draws, kept so that rows come out draw by draw.
 */
typedef struct DrawSink
{
	ReturnSetInfo *rsinfo;
	int			base_year;
	int			nages;
	int			nsteps;
	int			stride;			/* lanes of the batch in buf */
	double	   *buf;			/* [nsteps][2 * nages][STOCH_LANES] */
} DrawSink;

/* Keep year step t of the current batch. */
static void
draw_sink(void *arg, int d0, int nl, int stride, int t, const double *p)
{
	DrawSink   *ds = (DrawSink *) arg;
	Size		n = (Size) 2 * ds->nages * stride;

	ds->stride = stride;
	memcpy(ds->buf + (Size) t * n, p, n * sizeof(double));
}

/* Emit the rows of the batch's draws, each draw's years in order. */
static void
draw_batch_end(void *arg, int d0, int nl)
{
	DrawSink   *ds = (DrawSink *) arg;
	int			cells = 2 * ds->nages;
	Datum		values[5];
	bool		nulls[5] = {false, false, false, false, false};
	int			l,
				t,
				c;

	for (l = 0; l < nl; l++)
	{
		values[0] = Int32GetDatum(d0 + l + 1);
		for (t = 0; t < ds->nsteps; t++)
		{
			const double *p = ds->buf + (Size) t * cells * ds->stride;

			values[1] = Int32GetDatum(ds->base_year + t + 1);
			for (c = 0; c < cells; c++)
			{
				values[2] = Int32GetDatum(c / ds->nages + 1);
				values[3] = Int32GetDatum(c % ds->nages);
				values[4] = Float8GetDatum(p[c * ds->stride + l]);
				tuplestore_putvalues(ds->rsinfo->setResult, ds->rsinfo->setDesc, values, nulls);
			}
		}
	}
}

/*
 * carestair._stochastic_region_draws(region, ..., draws, seed)
 *	  RETURNS TABLE (draw, year, sex, age, persons): every draw's population.
 */
Datum
carestair_stochastic_region_draws(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	static const DrawSinkOps ops = {draw_sink, draw_batch_end};
	StochasticRun run;
	DrawSink	ds;

	read_run(fcinfo, &run);
	CARESTAIR_INIT_SRF(fcinfo);
	ds.rsinfo = rsinfo;
	ds.base_year = run.base_year;
	ds.nages = run.nages;
	ds.nsteps = run.nsteps;
	ds.stride = 1;
	ds.buf = palloc(mul_size(mul_size((Size) Max(run.nsteps, 1), 2 * run.nages),
							 STOCH_LANES * sizeof(double)));
	/* One region per call: nothing to share, so no cache of level paths. */
	run_draws(&run, NULL, &ops, &ds);
	PG_RETURN_NULL();
}
