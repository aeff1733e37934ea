/*
 * beon.c
 *	  carestair.beon_classify(): the lowest effective omsorgstrapp step (BEON)
 *	  for a person, from an IPLOS profile and a few person facts, by a
 *	  versioned rule table (carestair.beon_rule).
 *
 * The rules of one rule set and version partition the space of (mean ADL
 * score, age, cognitive impairment, lives alone, dementia, informal care):
 * exactly one rule must match each person.  The rules are read once per
 * query through SPI and cached in fn_extra, so classifying a register of
 * many thousand persons costs one table read plus a scan of a few rules per
 * person.  A person that no rule or two rules match is an error naming the
 * rules (carestair.beon_rule_check() finds such gaps and overlaps up front).
 */
#include "carestair.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "iplos.h"

PG_FUNCTION_INFO_V1(carestair_beon_classify);

/* A three-valued condition: any, false, true. */
#define COND_ANY (-1)

typedef struct BeonRule
{
	char	   *rule_id;
	char	   *level;			/* care_level label */
	double		mean_from;
	double		mean_to;
	int32		age_from;
	int32		age_to;
	int8		cognitive;
	int8		lives_alone;
	int8		dementia;
	int8		informal_care;
} BeonRule;

typedef struct BeonCache
{
	char	   *rule_set;
	int32		version;		/* as asked; -1 for "latest" */
	int32		resolved_version;
	int			nrules;
	BeonRule   *rules;
	TupleDesc	tupdesc;
	Oid			level_type;
} BeonCache;

/* Read a nullable boolean column as a condition. */
static int8
spi_condition(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return isnull ? COND_ANY : (DatumGetBool(d) ? 1 : 0);
}

/* Load the rules of (rule_set, version) into cache memory. */
static void
beon_load_rules(BeonCache *cache, MemoryContext mcxt)
{
	Oid			argtypes[2] = {TEXTOID, INT4OID};
	Datum		values[2];
	char		nulls[2] = {' ', ' '};
	int			ret;
	uint64		i;

	values[0] = CStringGetTextDatum(cache->rule_set);
	values[1] = Int32GetDatum(cache->version);
	if (cache->version < 0)
		nulls[1] = 'n';

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	ret = SPI_execute_with_args(
								"SELECT r.rule_id, r.level::text, r.mean_adl_from, r.mean_adl_to, r.age_from, r.age_to, "
								"       r.cognitive, r.lives_alone, r.dementia, r.informal_care, r.version "
								"  FROM carestair.beon_rule AS r "
								" WHERE r.rule_set OPERATOR(pg_catalog.=) $1 "
								"   AND r.version OPERATOR(pg_catalog.=) coalesce($2, "
								"       (SELECT pg_catalog.max(x.version) FROM carestair.beon_rule AS x "
								"         WHERE x.rule_set OPERATOR(pg_catalog.=) $1)) "
								" ORDER BY r.rule_id",
								2, argtypes, values, nulls, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "reading carestair.beon_rule failed: %d", ret);
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("rule set \"%s\"%s has no rules", cache->rule_set,
						cache->version < 0 ? "" : psprintf(" version %d", cache->version)),
				 errdetail("carestair.beon_rule holds the classification rules by rule set and version."),
				 errhint("Use the shipped rule set 'carestair-default', or insert your kommune's rules.")));
	if (SPI_processed > (uint64) (MaxAllocSize / sizeof(BeonRule)))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("rule set \"%s\" has too many rules", cache->rule_set)));

	cache->nrules = (int) SPI_processed;
	cache->rules = MemoryContextAllocZero(mcxt, sizeof(BeonRule) * cache->nrules);
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		BeonRule   *r = &cache->rules[i];
		bool		isnull;

		r->rule_id = MemoryContextStrdup(mcxt, SPI_getvalue(tup, desc, 1));
		r->level = MemoryContextStrdup(mcxt, SPI_getvalue(tup, desc, 2));
		r->mean_from = DatumGetFloat8(SPI_getbinval(tup, desc, 3, &isnull));
		r->mean_to = DatumGetFloat8(SPI_getbinval(tup, desc, 4, &isnull));
		r->age_from = DatumGetInt32(SPI_getbinval(tup, desc, 5, &isnull));
		r->age_to = DatumGetInt32(SPI_getbinval(tup, desc, 6, &isnull));
		r->cognitive = spi_condition(tup, desc, 7);
		r->lives_alone = spi_condition(tup, desc, 8);
		r->dementia = spi_condition(tup, desc, 9);
		r->informal_care = spi_condition(tup, desc, 10);
		cache->resolved_version = DatumGetInt32(SPI_getbinval(tup, desc, 11, &isnull));
	}
	SPI_finish();
}

/* Does a condition accept a fact (unknown facts match only "any")? */
static inline bool
condition_matches(int8 cond, bool value, bool isnull)
{
	return cond == COND_ANY || (!isnull && cond == (value ? 1 : 0));
}

/* Describe a nullable boolean fact for messages. */
static const char *
fact_text(bool value, bool isnull)
{
	return isnull ? "unknown" : (value ? "yes" : "no");
}

/*
 * carestair.beon_classify(profile, age, lives_alone, dementia, informal_care,
 *						   rule_set, version) RETURNS carestair.beon_assessment
 */
Datum
carestair_beon_classify(PG_FUNCTION_ARGS)
{
	BeonCache  *cache = (BeonCache *) fcinfo->flinfo->fn_extra;
	MemoryContext mcxt = fcinfo->flinfo->fn_mcxt;
	IplosProfile profile;
	bool		age_null = PG_ARGISNULL(1),
				alone_null = PG_ARGISNULL(2),
				dem_null = PG_ARGISNULL(3),
				care_null = PG_ARGISNULL(4);
	int32		age = age_null ? 0 : PG_GETARG_INT32(1);
	bool		alone = alone_null ? false : PG_GETARG_BOOL(2);
	bool		dementia = dem_null ? false : PG_GETARG_BOOL(3);
	bool		informal = care_null ? false : PG_GETARG_BOOL(4);
	char	   *rule_set;
	int32		version;
	double		mean;
	bool		mean_null;
	bool		cognitive;
	int			i,
				hit = -1;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (PG_ARGISNULL(5))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("rule_set must not be NULL"),
				 errhint("Use 'carestair-default' or the name of your kommune's rule set.")));
	profile = PG_GETARG_IPLOS(0);
	rule_set = text_to_cstring(PG_GETARG_TEXT_PP(5));
	version = PG_ARGISNULL(6) ? -1 : PG_GETARG_INT32(6);
	if (!age_null && (age < 0 || age > 150))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid age %d", age),
				 errhint("Age is in completed years, 0 to 150.")));

	/* (Re)load the rules when the rule set or version changes. */
	if (cache == NULL || strcmp(cache->rule_set, rule_set) != 0 || cache->version != version)
	{
		TupleDesc	tupdesc;

		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "beon_classify must return a composite type");
		cache = MemoryContextAllocZero(mcxt, sizeof(BeonCache));
		cache->rule_set = MemoryContextStrdup(mcxt, rule_set);
		cache->version = version;
		beon_load_rules(cache, mcxt);
		{
			MemoryContext old = MemoryContextSwitchTo(mcxt);

			cache->tupdesc = BlessTupleDesc(CreateTupleDescCopy(tupdesc));
			MemoryContextSwitchTo(old);
		}
		cache->level_type = TupleDescAttr(tupdesc, 0)->atttypid;
		fcinfo->flinfo->fn_extra = cache;
	}

	mean = carestair_iplos_mean_adl(profile, &mean_null);
	if (mean_null)
		mean = 1.0;				/* nothing relevant: no assessed need */
	cognitive = carestair_iplos_cognitive(profile);

	for (i = 0; i < cache->nrules; i++)
	{
		BeonRule   *r = &cache->rules[i];

		if (mean < r->mean_from)
			continue;
		if (!(mean < r->mean_to || (r->mean_to >= 5.0 && mean <= r->mean_to)))
			continue;
		if (age_null ? (r->age_from > 0 || r->age_to < 150)
			: (age < r->age_from || age > r->age_to))
			continue;
		if (!condition_matches(r->cognitive, cognitive, false) ||
			!condition_matches(r->lives_alone, alone, alone_null) ||
			!condition_matches(r->dementia, dementia, dem_null) ||
			!condition_matches(r->informal_care, informal, care_null))
			continue;
		if (hit >= 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("rules \"%s\" and \"%s\" of rule set \"%s\" version %d both match",
							cache->rules[hit].rule_id, r->rule_id, cache->rule_set, cache->resolved_version),
					 errdetail("The person has mean ADL score %.3f, age %s, cognitive impairment %s, lives alone %s, dementia %s, informal care %s.",
							   mean, age_null ? "unknown" : psprintf("%d", age), cognitive ? "yes" : "no",
							   fact_text(alone, alone_null), fact_text(dementia, dem_null), fact_text(informal, care_null)),
					 errhint("Rules must not overlap: run carestair.beon_rule_check('%s').", cache->rule_set)));
		hit = i;
	}
	if (hit < 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_EXCEPTION),
				 errmsg("no rule of rule set \"%s\" version %d matches the person", cache->rule_set, cache->resolved_version),
				 errdetail("The person has mean ADL score %.3f, age %s, cognitive impairment %s, lives alone %s, dementia %s, informal care %s.",
						   mean, age_null ? "unknown" : psprintf("%d", age), cognitive ? "yes" : "no",
						   fact_text(alone, alone_null), fact_text(dementia, dem_null), fact_text(informal, care_null)),
				 errhint("Supply the facts the rules ask for, or close the gap: run carestair.beon_rule_check('%s').", cache->rule_set)));

	values[0] = DirectFunctionCall2(enum_in, CStringGetDatum(cache->rules[hit].level),
									ObjectIdGetDatum(cache->level_type));
	values[1] = CStringGetTextDatum(cache->rules[hit].rule_id);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(cache->tupdesc, values, nulls)));
}
