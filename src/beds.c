/*
 * beds.c
 *	  SQL interface to the Erlang formulas (beds_kernel.c): erlang_b,
 *	  erlang_c, erlang_b_servers, erlang_c_servers.  Validates arguments and
 *	  reports bad ones with the argument's name and value.
 */
#include "carestair.h"

#include <math.h>

#include "beds_kernel.h"

PG_FUNCTION_INFO_V1(carestair_erlang_b_sql);
PG_FUNCTION_INFO_V1(carestair_erlang_c_sql);
PG_FUNCTION_INFO_V1(carestair_erlang_b_servers_sql);
PG_FUNCTION_INFO_V1(carestair_erlang_c_servers_sql);

/* offered_load must be finite and >= 0. */
static void
check_load(double load)
{
	if (isnan(load) || isinf(load) || load < 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid offered_load %g", load),
				 errdetail("The offered load (arrivals per day times mean stay in days, in erlang) must be a finite number >= 0."),
				 errhint("Compute it as arrivals_per_day * mean_stay_days.")));
}

/* servers must be 0..CARESTAIR_ERLANG_MAX_SERVERS. */
static void
check_servers(int servers)
{
	if (servers < 0 || servers > CARESTAIR_ERLANG_MAX_SERVERS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid servers %d", servers),
				 errdetail("The number of servers (beds) must be between 0 and %d.", CARESTAIR_ERLANG_MAX_SERVERS),
				 errhint("Pass the number of beds as a non-negative integer.")));
}

/* A target probability must lie strictly between 0 and 1. */
static void
check_probability(const char *name, double p)
{
	if (isnan(p) || p <= 0.0 || p >= 1.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s %g", name, p),
				 errdetail("A target probability must lie strictly between 0 and 1."),
				 errhint("For a 5 %% risk pass 0.05.")));
}

/* No bed count up to the maximum meets the target. */
static void
report_unreachable(const char *name, double load, double p)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("no number of servers up to %d meets %s %g at offered_load %g",
					CARESTAIR_ERLANG_MAX_SERVERS, name, p, load),
			 errhint("Check the units of the offered load (erlang = arrivals per day x days of stay).")));
}

Datum
carestair_erlang_b_sql(PG_FUNCTION_ARGS)
{
	double		load = PG_GETARG_FLOAT8(0);
	int32		servers = PG_GETARG_INT32(1);

	check_load(load);
	check_servers(servers);
	PG_RETURN_FLOAT8(carestair_erlang_b(load, servers));
}

Datum
carestair_erlang_c_sql(PG_FUNCTION_ARGS)
{
	double		load = PG_GETARG_FLOAT8(0);
	int32		servers = PG_GETARG_INT32(1);

	check_load(load);
	check_servers(servers);
	PG_RETURN_FLOAT8(carestair_erlang_c(load, servers));
}

/*
 * Shared body of the two inverse functions: validate, search, report.
 */
static int32
servers_for_target(PG_FUNCTION_ARGS, const char *name, int (*search) (double, double))
{
	double		load = PG_GETARG_FLOAT8(0);
	double		p = PG_GETARG_FLOAT8(1);
	int			n;

	check_load(load);
	check_probability(name, p);
	n = search(load, p);
	if (n < 0)
		report_unreachable(name, load, p);
	return n;
}

Datum
carestair_erlang_b_servers_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(servers_for_target(fcinfo, "max_refusal", carestair_erlang_b_servers));
}

Datum
carestair_erlang_c_servers_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(servers_for_target(fcinfo, "max_wait", carestair_erlang_c_servers));
}
