/*
 * projection.c
 *	  carestair.project_population(population_sql, fertility_sql,
 *	  mortality_sql, migration_sql, last_year, sex_ratio [, age0 exposure])
 *	  and carestair.project_population_births(...): the inner-query form of
 *	  the cohort-component projection (doc/projection.md).
 *
 * The four queries are the caller's own, read once through SPI by column
 * name (extra columns are ignored) and checked row by row; everything is then
 * held in flat arrays:
 *	  - the base population [region][sex][age], regions sorted by code;
 *	  - rate blocks, one per (input, region, year) that has rows, and per input
 *		a slot table [region][step] naming the block given for that calendar
 *		year.  A step without a block reuses the latest earlier one, so rates
 *		that stop at some year carry forward and a single year of rates serves
 *		a whole horizon without being copied.
 * The projection itself is src/projection_kernel.c, one region-year at a
 * time; results stream into the tuplestore as they are computed, so memory
 * does not grow with the horizon beyond the slot tables.
 */
#include "carestair.h"

#include <ctype.h>
#include <math.h>

#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "utils/portal.h"
#include "utils/tuplestore.h"

#include "inner_query.h"
#include "projection_kernel.h"

/* Rows fetched from a caller's query per round trip. */
#define PROJ_FETCH_ROWS 10000
/* Highest single-year age accepted in any input. */
#define PROJ_MAX_AGE 150
/* Working memory a projection may use (inputs and slot tables). */
#define PROJ_MEMORY_LIMIT ((Size) MaxAllocSize)

PG_FUNCTION_INFO_V1(carestair_project_population);
PG_FUNCTION_INFO_V1(carestair_project_population_births);

/* The three rate inputs. */
typedef enum RateKind
{
	RATE_FERTILITY,
	RATE_MORTALITY,
	RATE_MIGRATION,
	N_RATE_KINDS
} RateKind;

/*
 * One (region, year) of one rate input.  Values are laid out
 *	  fertility: rate[age];
 *	  mortality: q[sex][age];
 *	  migration: immigrants[sex][age] then emigration_rate[sex][age].
 * seen[] marks which (sex, age) cells had a row.
 */
typedef struct RateBlock
{
	int			region;
	int			year;
	double	   *v;
	bool	   *seen;
} RateBlock;

/* All blocks of one rate input and the [region][step] slot table. */
typedef struct RateTable
{
	const char *argname;		/* e.g. "mortality_sql", for messages */
	int			width;			/* doubles per block */
	int			ncells;			/* cells with a seen flag per block */
	RateBlock  *blocks;
	int			nblocks;
	int			maxblocks;
	int		   *slot;			/* [region][step]: block index or -1 */
	int		   *early_year;		/* [region]: latest year <= base seen */
} RateTable;

/* Everything one call works on. */
typedef struct Projection
{
	MemoryContext cxt;
	Size		used;			/* bytes handed out by proj_alloc */
	int			base_year;
	int			last_year;
	int			nsteps;			/* last_year - base_year */
	int			nages;			/* 0..open age */
	int			nregions;
	char	  **regions;		/* sorted, distinct */
	double	   *base;			/* [region][sex][age] */
	RateTable	rates[N_RATE_KINDS];
} Projection;

/*
 * Report that the projection would need more than PROJ_MEMORY_LIMIT, naming
 * last_year, since a long horizon is what makes the slot tables large.
 */
static void
memory_limit_error(const Projection *pj, int64 nsteps)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("projection to last_year %d needs more than %zu MB of working memory",
					pj->last_year, (PROJ_MEMORY_LIMIT + 1) / (1024 * 1024)),
			 errdetail("%d regions, %d ages and " INT64_FORMAT " projected years were asked for.",
					   pj->nregions, pj->nages, nsteps),
			 errhint("Project fewer years or fewer regions per call.")));
}

/*
 * Allocate n * size zeroed bytes in the projection's context, counting them
 * against PROJ_MEMORY_LIMIT (beyond it: memory_limit_error).
 */
static void *
proj_alloc(Projection *pj, Size n, Size size)
{
	Size		bytes = mul_size(n, size);

	if (bytes > PROJ_MEMORY_LIMIT || pj->used > PROJ_MEMORY_LIMIT - bytes)
		memory_limit_error(pj, pj->nsteps);
	pj->used += bytes;
	return MemoryContextAllocZero(pj->cxt, bytes == 0 ? 1 : bytes);
}

/*
 * Run a caller's query through SPI: check that it is one query returning rows
 * and has every column in cols (by name), then open a read-only cursor on
 *	  SELECT q.col1::type1, ... FROM (<sql>) AS q
 * so that the values arrive in fixed positions and types.
 */
static Portal
open_input(const char *argname, const char *sql, int ncols,
		   const char *const *cols, const char *const *types)
{
	Portal		portal;
	StringInfoData q;
	StringInfoData want;
	int			len = strlen(sql);
	int			i;

	/* The column list, for messages. */
	initStringInfo(&want);
	for (i = 0; i < ncols; i++)
		appendStringInfo(&want, "%s%s", i ? ", " : "", cols[i]);

	/* Check the column names on the query's own result description. */
	portal = carestair_open_cursor(argname, sql,
								   "The inner queries must each be one SELECT (or VALUES, TABLE) statement.",
								   psprintf("Pass one query that returns the columns (%s).", want.data));
	for (i = 0; i < ncols; i++)
	{
		if (SPI_fnumber(portal->tupDesc, cols[i]) <= 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("%s has no column \"%s\"", argname, cols[i]),
					 errdetail("%s must return the columns (%s), by these names; other columns are ignored.",
							   argname, want.data),
					 errhint("Rename a column with AS, e.g. SELECT kommune AS region, ...")));
	}
	SPI_cursor_close(portal);

	/* Drop trailing semicolons and blanks so that the query nests. */
	while (len > 0 && (sql[len - 1] == ';' || isspace((unsigned char) sql[len - 1])))
		len--;

	initStringInfo(&q);
	appendStringInfoString(&q, "SELECT ");
	for (i = 0; i < ncols; i++)
		appendStringInfo(&q, "%sq.%s::pg_catalog.%s", i ? ", " : "",
						 quote_identifier(cols[i]), types[i]);
	appendStringInfo(&q, " FROM (\n%.*s\n) AS q", len, sql);

	return carestair_open_cursor(argname, q.data, NULL, "Pass a SELECT statement.");
}

/*
 * The next batch of at most PROJ_FETCH_ROWS rows of an input cursor, or NULL
 * when it is exhausted (the cursor is then closed).  The caller frees each
 * batch with SPI_freetuptable.
 */
static SPITupleTable *
fetch_batch(Portal portal)
{
	CHECK_FOR_INTERRUPTS();
	SPI_cursor_fetch(portal, true, PROJ_FETCH_ROWS);
	if (SPI_processed == 0)
	{
		SPI_freetuptable(SPI_tuptable);
		SPI_cursor_close(portal);
		return NULL;
	}
	return SPI_tuptable;
}

/*
 * Read column col (1-based) of the current SPI row; NULL is an error naming
 * the input and the column.
 */
static Datum
get_value(const char *argname, const char *colname, HeapTuple tup,
		  TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s returned NULL in column \"%s\"", argname, colname),
				 errdetail("Every key and value of the inner queries must be given."),
				 errhint("Filter the NULL rows out, or replace them, e.g. with 0 where that is the truth.")));
	return d;
}

/* Reject NaN and infinities in a value column, naming the cell. */
static void
check_finite(const char *argname, const char *colname, double v,
			 const char *region, int year, int sex, int age)
{
	if (isnan(v) || isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has %s = %s for region %s year %d sex %d age %d",
						argname, colname, isnan(v) ? "NaN" : (v > 0 ? "Infinity" : "-Infinity"),
						region, year, sex, age),
				 errdetail("Rates and counts must be finite numbers."),
				 errhint("Fix or remove that row of the input.")));
}

/* Check a sex code (SSB: 1 male, 2 female). */
static void
check_sex(const char *argname, int sex, const char *region, int year)
{
	if (sex != 1 && sex != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has sex %d for region %s year %d", argname, sex, region, year),
				 errdetail("Sex is SSB's code: 1 male, 2 female."),
				 errhint("Map other codes in the query, e.g. CASE sex WHEN 'M' THEN 1 ELSE 2 END.")));
}

/* Check that age lies in 0..max_age (PROJ_MAX_AGE, or the open age group). */
static void
check_age(const char *argname, int age, int max_age, bool is_open_limit,
		  const char *region, int year, int sex)
{
	if (age >= 0 && age <= max_age)
		return;
	if (age >= 0 && is_open_limit)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("%s has age %d for region %s year %d sex %d, above the open age group %d of population_sql",
						argname, age, region, year, sex, max_age),
				 errdetail("All inputs must share one open age group: the highest age in population_sql."),
				 errhint("Aggregate the rates of the older ages into the open group, or extend the population to age %d.",
						 age)));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s has age %d for region %s year %d sex %d", argname, age, region, year, sex),
			 errdetail("Ages are single years from 0 to %d.", PROJ_MAX_AGE),
			 errhint("Use the open age group's lower bound for it, e.g. 105 for 105 or older.")));
}

/* qsort/bsearch comparator for region codes. */
static int
cmp_region(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Index of region code r in pj->regions, or -1 if it is not projected. */
static int
find_region(const Projection *pj, const char *r)
{
	char	  **hit = bsearch(&r, pj->regions, pj->nregions, sizeof(char *), cmp_region);

	return hit ? (int) (hit - pj->regions) : -1;
}

/*
 * Read population_sql: rows (region, year, sex, age, persons) for one base
 * year; the highest age present is the open group.  Fills pj->base_year,
 * nages, regions and base, and rejects duplicates and gaps.
 */
static void
read_population(Projection *pj, const char *sql)
{
	static const char *const cols[] = {"region", "year", "sex", "age", "persons"};
	static const char *const types[] = {"text", "int4", "int4", "int4", "float8"};
	const char *arg = "population_sql";
	Portal		portal = open_input(arg, sql, 5, cols, types);
	SPITupleTable *tt;
	MemoryContext old;
	char	  **reg = NULL;
	int		   *sex = NULL,
			   *age = NULL;
	double	   *persons = NULL;
	int			n = 0,
				max = 0,
				max_age = -1,
				i,
				r,
				s,
				a;
	bool	   *filled;

	while ((tt = fetch_batch(portal)) != NULL)
	{
		uint64		k;

		old = MemoryContextSwitchTo(pj->cxt);
		for (k = 0; k < SPI_processed; k++)
		{
			HeapTuple	t = tt->vals[k];
			char	   *rg = TextDatumGetCString(get_value(arg, "region", t, tt->tupdesc, 1));
			int			y = DatumGetInt32(get_value(arg, "year", t, tt->tupdesc, 2));
			int			sx = DatumGetInt32(get_value(arg, "sex", t, tt->tupdesc, 3));
			int			ag = DatumGetInt32(get_value(arg, "age", t, tt->tupdesc, 4));
			double		p = DatumGetFloat8(get_value(arg, "persons", t, tt->tupdesc, 5));

			if (n == 0)
				pj->base_year = y;
			else if (y != pj->base_year)
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("population_sql has rows for years %d and %d (region %s)",
								pj->base_year, y, rg),
						 errdetail("The population query gives the base year only: 1 January of the year the projection starts from."),
						 errhint("Add WHERE year = <base year> to the population query.")));
			check_sex(arg, sx, rg, y);
			check_age(arg, ag, PROJ_MAX_AGE, false, rg, y, sx);
			check_finite(arg, "persons", p, rg, y, sx, ag);
			if (p < 0)
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("population_sql has persons = %g for region %s year %d sex %d age %d",
								p, rg, y, sx, ag),
						 errdetail("Population counts cannot be negative."),
						 errhint("Fix that row of the population query.")));
			if (n == max)
			{
				/* repalloc itself refuses more than MaxAllocSize. */
				max = (max == 0) ? 1024 : max * 2;
				reg = reg ? repalloc(reg, max * sizeof(char *)) : palloc(max * sizeof(char *));
				sex = sex ? repalloc(sex, max * sizeof(int)) : palloc(max * sizeof(int));
				age = age ? repalloc(age, max * sizeof(int)) : palloc(max * sizeof(int));
				persons = persons ? repalloc(persons, max * sizeof(double)) : palloc(max * sizeof(double));
			}
			reg[n] = rg;
			sex[n] = sx;
			age[n] = ag;
			persons[n] = p;
			if (ag > max_age)
				max_age = ag;
			n++;
		}
		MemoryContextSwitchTo(old);
		SPI_freetuptable(tt);
	}

	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("population_sql returned no rows"),
				 errdetail("The projection starts from the base-year population it returns."),
				 errhint("Check the query's WHERE clause, e.g. that the base year is loaded.")));
	if (max_age < 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("population_sql has no age above 0"),
				 errdetail("The highest age in the population query is the open age group, and it must be at least 1."),
				 errhint("Give single-year ages 0 to the open group, e.g. 0..105.")));
	pj->nages = max_age + 1;

	/* Distinct, sorted region codes. */
	old = MemoryContextSwitchTo(pj->cxt);
	pj->regions = palloc(n * sizeof(char *));
	memcpy(pj->regions, reg, n * sizeof(char *));
	MemoryContextSwitchTo(old);
	qsort(pj->regions, n, sizeof(char *), cmp_region);
	for (i = 0, r = 0; i < n; i++)
		if (r == 0 || strcmp(pj->regions[r - 1], pj->regions[i]) != 0)
			pj->regions[r++] = pj->regions[i];
	pj->nregions = r;

	pj->base = proj_alloc(pj, (Size) pj->nregions * 2, pj->nages * sizeof(double));
	filled = proj_alloc(pj, (Size) pj->nregions * 2, pj->nages * sizeof(bool));
	for (i = 0; i < n; i++)
	{
		Size		cell = ((Size) find_region(pj, reg[i]) * 2 + (sex[i] - 1)) * pj->nages + age[i];

		if (filled[cell])
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("population_sql has two rows for region %s year %d sex %d age %d",
							reg[i], pj->base_year, sex[i], age[i]),
					 errdetail("Each region, sex and age must appear once."),
					 errhint("Aggregate the query with GROUP BY region, year, sex, age.")));
		filled[cell] = true;
		pj->base[cell] = persons[i];
	}
	for (r = 0; r < pj->nregions; r++)
		for (s = 0; s < 2; s++)
			for (a = 0; a < pj->nages; a++)
				if (!filled[((Size) r * 2 + s) * pj->nages + a])
					ereport(ERROR,
							(errcode(ERRCODE_NO_DATA_FOUND),
							 errmsg("population_sql has no row for region %s year %d sex %d age %d",
									pj->regions[r], pj->base_year, s + 1, a),
							 errdetail("Every region needs both sexes and every age from 0 to the open group %d (the highest age given).",
									   pj->nages - 1),
							 errhint("Add the missing row with persons = 0 if nobody has that age.")));
}

/*
 * Find (or start) the block of table rt for region r and calendar year y, or
 * return NULL if rows of year y are not needed: years at or after last_year,
 * and years before the base year other than the latest such year seen so far
 * (that one serves the first step, which is how rates carry forward).
 */
static RateBlock *
rate_block(Projection *pj, RateTable *rt, int r, int y)
{
	int			step;
	int		   *slot;
	RateBlock  *b;

	if (y >= pj->last_year || pj->nsteps == 0)
		return NULL;
	if (y <= pj->base_year)
	{
		step = 0;
		if (y < rt->early_year[r])
			return NULL;
		if (y > rt->early_year[r])
		{
			rt->early_year[r] = y;
			rt->slot[(Size) r * pj->nsteps] = -1;	/* a later year replaces it */
		}
	}
	else
		step = y - pj->base_year;

	slot = &rt->slot[(Size) r * pj->nsteps + step];
	if (*slot >= 0)
		return &rt->blocks[*slot];

	if (rt->nblocks == rt->maxblocks)
	{
		int			newmax = rt->maxblocks ? rt->maxblocks * 2 : 64;
		RateBlock  *nb = proj_alloc(pj, newmax, sizeof(RateBlock));

		if (rt->nblocks > 0)
			memcpy(nb, rt->blocks, rt->nblocks * sizeof(RateBlock));
		rt->blocks = nb;
		rt->maxblocks = newmax;
	}
	b = &rt->blocks[rt->nblocks];
	b->region = r;
	b->year = y;
	b->v = proj_alloc(pj, rt->width, sizeof(double));
	b->seen = proj_alloc(pj, rt->ncells, sizeof(bool));
	*slot = rt->nblocks++;
	return b;
}

/* Reject a rate outside [lo, hi] (hi < 0: no upper bound). */
static void
check_range(const char *argname, const char *colname, double v, double lo,
			double hi, const char *region, int year, int sex, int age)
{
	if (v >= lo && (hi < 0 || v <= hi))
		return;
	if (hi < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s has %s = %g for region %s year %d sex %d age %d",
						argname, colname, v, region, year, sex, age),
				 errdetail("%s cannot be negative.", colname),
				 errhint("Fix that row of the input.")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s has %s = %g for region %s year %d sex %d age %d",
					argname, colname, v, region, year, sex, age),
			 errdetail("%s is a probability per person and year, between 0 and 1.", colname),
			 strcmp(colname, "q") == 0 ?
			 errhint("Convert death rates m to probabilities q first, e.g. q = m / (1 + m/2).") :
			 errhint("An emigration rate is the cohort's emigrants divided by its start stock.")));
}

/*
 * Read one rate input into pj->rates[kind]; rows of regions not in the
 * population are ignored.  Afterwards every mortality and migration block
 * must cover both sexes and all ages (fertility may leave out ages where it
 * is zero).
 */
static void
read_rates(Projection *pj, RateKind kind, const char *sql)
{
	static const char *const fcols[] = {"region", "year", "age", "rate"};
	static const char *const ftypes[] = {"text", "int4", "int4", "float8"};
	static const char *const mcols[] = {"region", "year", "sex", "age", "q"};
	static const char *const mtypes[] = {"text", "int4", "int4", "int4", "float8"};
	static const char *const gcols[] = {"region", "year", "sex", "age", "immigrants", "emigration_rate"};
	static const char *const gtypes[] = {"text", "int4", "int4", "int4", "float8", "float8"};
	RateTable  *rt = &pj->rates[kind];
	const char *arg = rt->argname;
	int			n = pj->nages;
	Portal		portal;
	SPITupleTable *tt;
	int			i;

	if (kind == RATE_FERTILITY)
		portal = open_input(arg, sql, 4, fcols, ftypes);
	else if (kind == RATE_MORTALITY)
		portal = open_input(arg, sql, 5, mcols, mtypes);
	else
		portal = open_input(arg, sql, 6, gcols, gtypes);

	while ((tt = fetch_batch(portal)) != NULL)
	{
		uint64		k;

		for (k = 0; k < SPI_processed; k++)
		{
			HeapTuple	t = tt->vals[k];
			TupleDesc	d = tt->tupdesc;
			char	   *rg = TextDatumGetCString(get_value(arg, "region", t, d, 1));
			int			y = DatumGetInt32(get_value(arg, "year", t, d, 2));
			int			col = (kind == RATE_FERTILITY) ? 3 : 4;
			int			sx = (kind == RATE_FERTILITY) ? 2 : DatumGetInt32(get_value(arg, "sex", t, d, 3));
			int			ag = DatumGetInt32(get_value(arg, "age", t, d, col));
			int			r = find_region(pj, rg);
			double		v1,
						v2 = 0.0;
			int			cell;
			RateBlock  *b;

			v1 = DatumGetFloat8(get_value(arg, kind == RATE_FERTILITY ? "rate" :
										  kind == RATE_MORTALITY ? "q" : "immigrants",
										  t, d, col + 1));
			if (kind == RATE_MIGRATION)
				v2 = DatumGetFloat8(get_value(arg, "emigration_rate", t, d, 6));
			/* Regions that are not projected are skipped unchecked. */
			if (r < 0)
			{
				pfree(rg);
				continue;
			}
			if (kind != RATE_FERTILITY)
				check_sex(arg, sx, rg, y);
			check_age(arg, ag, n - 1, true, rg, y, sx);

			switch (kind)
			{
				case RATE_FERTILITY:
					check_finite(arg, "rate", v1, rg, y, sx, ag);
					check_range(arg, "rate", v1, 0.0, -1.0, rg, y, sx, ag);
					if (ag == 0 && v1 != 0.0)
						ereport(ERROR,
								(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
								 errmsg("fertility_sql has rate = %g at age 0 for region %s year %d",
										v1, rg, y),
								 errdetail("Mothers are aged 1 or over at the end of the year."),
								 errhint("Give fertility by the mother's age at the end of the year, e.g. ages 15-49.")));
					break;
				case RATE_MORTALITY:
					check_finite(arg, "q", v1, rg, y, sx, ag);
					check_range(arg, "q", v1, 0.0, 1.0, rg, y, sx, ag);
					break;
				default:
					check_finite(arg, "immigrants", v1, rg, y, sx, ag);
					check_range(arg, "immigrants", v1, 0.0, -1.0, rg, y, sx, ag);
					check_finite(arg, "emigration_rate", v2, rg, y, sx, ag);
					check_range(arg, "emigration_rate", v2, 0.0, 1.0, rg, y, sx, ag);
					break;
			}

			if ((b = rate_block(pj, rt, r, y)) == NULL)
			{
				pfree(rg);
				continue;
			}
			cell = (kind == RATE_FERTILITY) ? ag : (sx - 1) * n + ag;
			if (b->seen[cell])
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("%s has two rows for region %s year %d sex %d age %d",
								arg, rg, y, sx, ag),
						 errdetail("Each region, year, %sage must appear once.",
								   kind == RATE_FERTILITY ? "and " : "sex and "),
						 errhint("Aggregate the query, or remove the duplicate rows.")));
			b->seen[cell] = true;
			b->v[cell] = v1;
			if (kind == RATE_MIGRATION)
				b->v[2 * n + cell] = v2;
			pfree(rg);
		}
		SPI_freetuptable(tt);
	}

	if (kind == RATE_FERTILITY)
		return;
	for (i = 0; i < rt->nblocks; i++)
	{
		RateBlock  *b = &rt->blocks[i];
		int			cell;

		/* Blocks replaced by a later pre-base year are never used. */
		if (b->year <= pj->base_year && b->year != rt->early_year[b->region])
			continue;
		for (cell = 0; cell < 2 * n; cell++)
			if (!b->seen[cell])
				ereport(ERROR,
						(errcode(ERRCODE_NO_DATA_FOUND),
						 errmsg("%s has no row for region %s year %d sex %d age %d",
								arg, pj->regions[b->region], b->year, cell / n + 1, cell % n),
						 errdetail("A year with rows for a region must give both sexes and every age 0..%d (the open group of population_sql).",
								   n - 1),
						 errhint("Add the missing rows; a year with no rows at all reuses the latest earlier year's.")));
	}
}

/* Set up the three rate tables once the population fixed regions and ages. */
static void
init_rate_tables(Projection *pj)
{
	static const char *const names[] = {"fertility_sql", "mortality_sql", "migration_sql"};
	int			k;

	for (k = 0; k < N_RATE_KINDS; k++)
	{
		RateTable  *rt = &pj->rates[k];
		int			r;

		rt->argname = names[k];
		rt->ncells = (k == RATE_FERTILITY) ? pj->nages : 2 * pj->nages;
		rt->width = (k == RATE_MIGRATION) ? 4 * pj->nages : rt->ncells;
		rt->slot = proj_alloc(pj, mul_size(pj->nregions, pj->nsteps), sizeof(int));
		memset(rt->slot, -1, mul_size(mul_size(pj->nregions, pj->nsteps), sizeof(int)));
		rt->early_year = proj_alloc(pj, pj->nregions, sizeof(int));
		for (r = 0; r < pj->nregions; r++)
			rt->early_year[r] = PG_INT32_MIN;
	}
}

/*
 * The block of table rt that drives step `step` of region r: the one given
 * for that calendar year, else the one *cur already holds (the latest
 * earlier year).  No block at all is an error.
 */
static const RateBlock *
step_block(const Projection *pj, const RateTable *rt, int r, int step, int *cur)
{
	int			b = rt->slot[(Size) r * pj->nsteps + step];

	if (b >= 0)
		*cur = b;
	if (*cur < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("%s has no rows for region %s in or before year %d",
						rt->argname, pj->regions[r], pj->base_year + step),
				 errdetail("The rates of calendar year t drive the step from 1 January t to 1 January t+1; a year without rows reuses the latest earlier year's."),
				 errhint("Give rates for the base year %d or earlier%s.", pj->base_year,
						 rt == &pj->rates[RATE_FERTILITY] ? " (rate 0 rows if no births are wanted)" : "")));
	return &rt->blocks[*cur];
}

/*
 * Project every region and stream the rows: per region-year-sex-age
 * (mode false) or per region-year births (mode true).
 */
static void
run_projection(Projection *pj, double sex_ratio, double age0_exposure,
			   bool births_mode, ReturnSetInfo *rsinfo)
{
	int			n = pj->nages;
	int			cells = 2 * n;
	double	   *cur = proj_alloc(pj, cells, sizeof(double));
	double	   *next = proj_alloc(pj, cells, sizeof(double));
	double	   *deaths = proj_alloc(pj, cells, sizeof(double));
	double	   *emig = proj_alloc(pj, cells, sizeof(double));
	double		births[2];
	Datum		values[8];
	bool		nulls[8] = {false, false, false, false, false, false, false, false};
	ProjectionStepInput in;
	int			r,
				t,
				c;

	in.nages = n;
	in.sex_ratio = sex_ratio;
	in.age0_exposure = age0_exposure;

	for (r = 0; r < pj->nregions; r++)
	{
		int			cb[N_RATE_KINDS] = {-1, -1, -1};
		Datum		region = CStringGetTextDatum(pj->regions[r]);

		memcpy(cur, pj->base + (Size) r * cells, cells * sizeof(double));
		for (t = 0; t < pj->nsteps; t++)
		{
			const RateBlock *f = step_block(pj, &pj->rates[RATE_FERTILITY], r, t, &cb[RATE_FERTILITY]);
			const RateBlock *m = step_block(pj, &pj->rates[RATE_MORTALITY], r, t, &cb[RATE_MORTALITY]);
			const RateBlock *g = step_block(pj, &pj->rates[RATE_MIGRATION], r, t, &cb[RATE_MIGRATION]);
			int			year = pj->base_year + t + 1;
			int			bad;
			double	   *swap;

			CHECK_FOR_INTERRUPTS();
			in.fertility = f->v;
			in.q = m->v;
			in.immigrants = g->v;
			in.emigration_rate = g->v + cells;
			bad = carestair_projection_step(&in, cur, next, deaths, emig, births);
			if (bad >= 0)
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("projected population is negative for region %s year %d sex %d age %d",
								pj->regions[r], year, bad / n + 1, bad % n),
						 errdetail("persons = %g after %g deaths, %g emigrants and %g immigrants in %d.",
								   next[bad], deaths[bad], emig[bad], in.immigrants[bad], year - 1),
						 errhint("Check that cohort's mortality and emigration rates: together they remove more than its stock.")));

			values[0] = region;
			values[1] = Int32GetDatum(year);
			if (births_mode)
			{
				values[2] = Float8GetDatum(births[0] + births[1]);
				values[3] = Float8GetDatum(births[0]);
				values[4] = Float8GetDatum(births[1]);
				tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
			}
			else
			{
				for (c = 0; c < cells; c++)
				{
					values[2] = Int32GetDatum(c / n + 1);
					values[3] = Int32GetDatum(c % n);
					values[4] = Float8GetDatum(next[c]);
					values[5] = Float8GetDatum(deaths[c]);
					values[6] = Float8GetDatum(emig[c]);
					values[7] = Float8GetDatum(in.immigrants[c]);
					tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
				}
			}
			swap = cur;
			cur = next;
			next = swap;
		}
	}
}

/*
 * Shared body of both SQL functions.  Arguments: four queries, last_year,
 * sex_ratio and (optionally) the age-0 migrant exposure share.
 */
static Datum
project_common(FunctionCallInfo fcinfo, bool births_mode)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *sql[4];
	int			last_year = PG_GETARG_INT32(4);
	double		sex_ratio = PG_GETARG_FLOAT8(5);
	double		age0 = (PG_NARGS() > 6) ? PG_GETARG_FLOAT8(6) : 0.5;
	Projection	pj;
	int64		steps;
	int			i;

	for (i = 0; i < 4; i++)
		sql[i] = text_to_cstring(PG_GETARG_TEXT_PP(i));

	if (!(sex_ratio > 0.0) || isinf(sex_ratio))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid sex_ratio %g", sex_ratio),
				 errdetail("The sex ratio at birth is boys per girl, a positive finite number."),
				 errhint("Use the default 1.055, or e.g. 1.05 (100 girls per 205 births).")));
	if (!(age0 >= 0.0 && age0 <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid age0_migrant_exposure %g", age0),
				 errdetail("It is the share of the year age-0 migrants are exposed to the risk of dying, between 0 and 1."),
				 errhint("Use 0.5 (the default) or 2/3 as the Swiss FSO does.")));

	CARESTAIR_INIT_SRF(fcinfo);

	memset(&pj, 0, sizeof(pj));
	pj.last_year = last_year;
	pj.cxt = AllocSetContextCreate(CurrentMemoryContext, "carestair projection",
								   ALLOCSET_DEFAULT_SIZES);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	read_population(&pj, sql[0]);
	if (last_year < pj.base_year)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("last_year %d is before the base year %d", last_year, pj.base_year),
				 errdetail("The base year is the year of the rows of population_sql."),
				 errhint("Pass a last_year of %d or later.", pj.base_year)));
	/* A horizon that cannot even be counted in an int needs too much. */
	steps = (int64) last_year - pj.base_year;
	if (steps > (int64) (PROJ_MEMORY_LIMIT / sizeof(int)))
		memory_limit_error(&pj, steps);
	pj.nsteps = (int) steps;
	init_rate_tables(&pj);
	read_rates(&pj, RATE_FERTILITY, sql[1]);
	read_rates(&pj, RATE_MORTALITY, sql[2]);
	read_rates(&pj, RATE_MIGRATION, sql[3]);
	SPI_finish();

	run_projection(&pj, sex_ratio, age0, births_mode, rsinfo);
	MemoryContextDelete(pj.cxt);
	PG_RETURN_NULL();
}

/*
 * carestair.project_population(population_sql, fertility_sql, mortality_sql,
 *	  migration_sql, last_year, sex_ratio [, age0_migrant_exposure])
 *	  RETURNS TABLE (region, year, sex, age, persons, deaths, emigrants,
 *	  immigrants)
 */
Datum
carestair_project_population(PG_FUNCTION_ARGS)
{
	return project_common(fcinfo, false);
}

/*
 * carestair.project_population_births(same arguments)
 *	  RETURNS TABLE (region, year, births, male_births, female_births)
 */
Datum
carestair_project_population_births(PG_FUNCTION_ARGS)
{
	return project_common(fcinfo, true);
}
