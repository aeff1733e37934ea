/*
 * rota_bound.c
 *	  Cheap proofs that a rota problem has no solution, from relaxations
 *	  that keep one rule and the coverage it binds, each naming the rule and
 *	  by how much it is short (doc/rota.md, "Infeasibility proofs").
 *
 * First, per position, the hours rule against what its days allow: the
 * most minutes within target +/- tolerance that a sum of shift lengths on
 * at most as many days as the consecutive-days and weekend rules leave can
 * give (a knapsack over minutes); none means the position alone is
 * infeasible.  Then, for every competence level l (persons with competence
 * >= l, slots that need >= l; a relaxation of the nested coverage rule):
 *	  coverage    the persons needed on one weekday against the positions;
 *	  weekend     the fewest persons who cover one weekend, Saturday and
 *				  Sunday, when a person may take a Saturday and a Sunday shift
 *				  only if the daily rest lies between them (a bipartite
 *				  matching, solved as a max flow), times weekend_every, against
 *				  the positions: each position works at most one of any
 *				  weekend_every consecutive weekends;
 *	  daily_rest  the same for two neighbouring weekdays (Monday to Friday):
 *				  every person works at most one shift a day, and a shift on
 *				  one day and one on the next share a person only with the
 *				  daily rest between them;
 *	  hours       the hours the plan needs against the most the positions
 *				  can work (the per-position maxima above).
 * Each test is a necessary condition only: passing all does not prove that a
 * rota exists.
 */
#include "postgres.h"

#include <limits.h>
#include <math.h>

#include "lib/stringinfo.h"
#include "miscadmin.h"

#include "rota_search.h"

/*
 * Maximum flow from source 0 to sink n-1 in a graph of n nodes with
 * capacities cap[n*n] (consumed), by shortest augmenting paths (Edmonds and
 * Karp 1972).
 */
static int64
max_flow(int n, int64 *cap)
{
	int		   *prev = palloc(mul_size(n, sizeof(int)));
	int		   *queue = palloc(mul_size(n, sizeof(int)));
	int64		flow = 0;

	for (;;)
	{
		int			head = 0,
					tail = 0,
					v;
		int64		push = PG_INT64_MAX;

		CHECK_FOR_INTERRUPTS();
		for (v = 0; v < n; v++)
			prev[v] = -1;
		prev[0] = 0;
		queue[tail++] = 0;
		while (head < tail && prev[n - 1] < 0)
		{
			int			u = queue[head++];

			for (v = 0; v < n; v++)
				if (prev[v] < 0 && cap[(size_t) u * n + v] > 0)
				{
					prev[v] = u;
					queue[tail++] = v;
				}
		}
		if (prev[n - 1] < 0)
			break;
		for (v = n - 1; v != 0; v = prev[v])
			push = Min(push, cap[(size_t) prev[v] * n + v]);
		for (v = n - 1; v != 0; v = prev[v])
		{
			cap[(size_t) prev[v] * n + v] -= push;
			cap[(size_t) v * n + prev[v]] += push;
		}
		flow += push;
	}
	pfree(prev);
	pfree(queue);
	return flow;
}

/*
 * Fewest persons with competence >= lev who cover the slots needing >= lev
 * on ISO weekdays wa and wb (0..6, wb the day after wa): the slots of both
 * days less the largest number of (wa, wb) slot pairs one person can take,
 * i.e. pairs of shifts with at least the daily rest between them.
 */
static int64
two_day_persons(const RotaProblem *p, int wa, int wb, int lev)
{
	int			ns = p->nshift;
	int			n = 2 * ns + 2;
	int64	   *cap = palloc0(mul_size(mul_size(n, n), sizeof(int64)));
	int64		slots = 0,
				pairs;
	int			s,
				t;

	for (s = 0; s < ns; s++)
	{
		int			na = rota_need_ge(p, wa, s, lev);
		int			nb = rota_need_ge(p, wb, s, lev);

		cap[0 * n + 1 + s] = na;
		cap[(size_t) (1 + ns + s) * n + n - 1] = nb;
		slots += na + nb;
		for (t = 0; t < ns; t++)
			if (1440 + p->start[t] - p->end[s] >= p->daily_rest)
				cap[(size_t) (1 + s) * n + 1 + ns + t] = PG_INT32_MAX;
	}
	pairs = max_flow(n, cap);
	pfree(cap);
	return slots - pairs;
}

/*
 * fewest[m] for m = 0..top: the fewest shifts whose lengths add up to
 * exactly m minutes (INT_MAX when no sum does); palloc'd.
 */
static int *
fewest_shifts(const RotaProblem *p, int top)
{
	int		   *fewest = palloc(mul_size(top + 1, sizeof(int)));
	int			m,
				s;

	fewest[0] = 0;
	for (m = 1; m <= top; m++)
	{
		fewest[m] = INT_MAX;
		for (s = 0; s < p->nshift; s++)
		{
			int			len = p->end[s] - p->start[s];

			if (len <= m && fewest[m - len] < INT_MAX)
				fewest[m] = Min(fewest[m], fewest[m - len] + 1);
		}
		if ((m & 65535) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	return fewest;
}

/*
 * Return the name of a rule no rota can satisfy and set *detail to how much
 * is missing, or return NULL (no proof found).
 */
const char *
carestair_rota_bound(const RotaProblem *p, char **detail)
{
	StringInfoData buf;
	int			window = Min(p->weekend_every, p->weeks);
	int			lev,
				d,
				s,
				pos;

	double	   *most = palloc(mul_size(p->npos, sizeof(double)));
	int			maxdays = p->ndays <= p->max_consecutive
		? p->ndays - 1
		: p->ndays * p->max_consecutive / (p->max_consecutive + 1);
	int			top = 0;
	int		   *fewest;

	initStringInfo(&buf);
	*detail = NULL;

	/*
	 * Each position's hours against the days it may work: the most minutes
	 * within target +/- tolerance that a sum of shift lengths on at most
	 * maxdays days gives (no shift on the weekends it must leave free).
	 */
	maxdays = Min(maxdays, p->ndays - 2 * (p->weeks - p->weeks / window));
	for (pos = 0; pos < p->npos; pos++)
		top = Max(top, (int) Min(floor(rota_target_minutes(p, pos) + p->hours_tolerance),
								 (double) maxdays * 1440));
	fewest = fewest_shifts(p, Max(top, 0));
	for (pos = 0; pos < p->npos; pos++)
	{
		double		target = rota_target_minutes(p, pos);
		int			m = (int) Min(floor(target + p->hours_tolerance), (double) top);

		CHECK_FOR_INTERRUPTS();
		while (m >= 0 && m >= target - p->hours_tolerance && fewest[m] > maxdays)
			m--;
		if (m < 0 || m < target - p->hours_tolerance)
		{
			appendStringInfo(&buf, "Position %d (%.1f %%) must work %.1f h +/- %.1f h in the cycle, which no sum of shift lengths on at most %d days (consecutive-days and weekend rules) gives.",
							 pos + 1, p->size[pos] * 100.0, target / 60.0,
							 p->hours_tolerance / 60.0, maxdays);
			*detail = buf.data;
			return "hours";
		}
		most[pos] = m;
	}
	pfree(fewest);

	for (lev = ROTA_LEVELS; lev >= 1; lev--)
	{
		int64		have = 0,
					weekend,
					worst = -1;
		int			worst_day = 0;
		double		cap = 0,
					needed = 0;

		CHECK_FOR_INTERRUPTS();
		for (pos = 0; pos < p->npos; pos++)
			if (p->level[pos] >= lev)
			{
				have++;
				cap += most[pos];
			}

		/* coverage: one weekday */
		for (d = 0; d < 7; d++)
		{
			int64		day_need = 0;

			for (s = 0; s < p->nshift; s++)
				day_need += rota_need_ge(p, d, s, lev);
			if (day_need > have)
			{
				appendStringInfo(&buf, "ISO weekday %d needs %lld persons with competence level >= %d, the unit has %lld positions with it: short by %lld.",
								 d + 1, (long long) day_need, lev, (long long) have,
								 (long long) (day_need - have));
				*detail = buf.data;
				return "coverage";
			}
		}

		/* weekend: one weekend's persons, weekend_every weekends apart */
		weekend = two_day_persons(p, 5, 6, lev);
		if (weekend * window > have)
		{
			appendStringInfo(&buf, "A weekend needs at least %lld persons with competence level >= %d (Saturday and Sunday, with %.1f h rest between their shifts); working one weekend in %d, that takes %lld such positions, and the unit has %lld: short by %lld.",
							 (long long) weekend, lev, p->daily_rest / 60.0,
							 p->weekend_every, (long long) (weekend * window),
							 (long long) have, (long long) (weekend * window - have));
			*detail = buf.data;
			return "weekend";
		}

		/* daily rest: two neighbouring weekdays */
		for (d = 0; d < 4; d++)
		{
			int64		two = two_day_persons(p, d, d + 1, lev);

			if (two > worst)
			{
				worst = two;
				worst_day = d;
			}
		}
		if (worst > have)
		{
			appendStringInfo(&buf, "ISO weekdays %d and %d together need at least %lld persons with competence level >= %d, as no one can take a shift of one day and one of the next with less than %.1f h rest between them; the unit has %lld: short by %lld.",
							 worst_day + 1, worst_day + 2, (long long) worst, lev,
							 p->daily_rest / 60.0, (long long) have,
							 (long long) (worst - have));
			*detail = buf.data;
			return "daily_rest";
		}

		/* hours of the positions with competence >= lev */
		for (d = 0; d < p->ndays; d++)
			for (s = 0; s < p->nshift; s++)
				needed += (double) rota_need_ge(p, d % 7, s, lev) * (p->end[s] - p->start[s]);
		if (cap < needed)
		{
			appendStringInfo(&buf, "The plan needs %.1f h a week with competence level >= %d; the positions with it can work at most %.1f h a week (target plus tolerance, as sums of shift lengths): short by %.1f h a week.",
							 needed / 60.0 / p->weeks, lev, cap / 60.0 / p->weeks,
							 (needed - cap) / 60.0 / p->weeks);
			*detail = buf.data;
			return "hours";
		}
	}

	pfree(most);
	pfree(buf.data);
	return NULL;
}
