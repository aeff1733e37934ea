/*
 * rota_check.c
 *	  The independent rota checker: every rule a given cyclic rota breaks.
 *
 * This file shares nothing with the generator (rota_kernel.c) but the
 * problem struct: it re-derives everything from the assignment with plain,
 * direct loops (time intervals on an unrolled timeline, counts per shift),
 * so that a bug in the generator's incremental bookkeeping cannot hide a
 * broken rule.  Rules (doc/rota.md):
 *	  coverage       persons with competence >= l on each shift and day, for
 *	                 every level l, at least the persons needed at >= l;
 *	  daily_rest     >= daily_rest minutes between the end of one shift and
 *	                 the start of the next (arbeidsmiljøloven § 10-8 (1));
 *	                 overlapping shifts give a negative gap;
 *	  weekly_rest    in every week of the cycle (Monday 00:00 to Monday
 *	                 00:00) a free period of >= weekly_rest minutes
 *	                 (arbeidsmiljøloven § 10-8 (2));
 *	  max_consecutive at most max_consecutive working days in a row;
 *	  weekend        at most one worked weekend (a shift starting Saturday
 *	                 or Sunday) in any weekend_every consecutive weekends;
 *	  hours          hours over the cycle within hours_tolerance of
 *	                 size * weekly_norm * weeks;
 *	  unknown_shift  an assignment value that is neither off nor a shift.
 */
#include "postgres.h"

#include "lib/stringinfo.h"
#include "miscadmin.h"

#include "rota_check.h"

static const char *const rule_names[ROTA_NRULES] = {
	"coverage", "daily_rest", "weekly_rest", "max_consecutive", "weekend",
	"hours", "unknown_shift"
};

/* The SQL name of a rule. */
const char *
carestair_rota_rule_name(RotaRule rule)
{
	if (rule < 0 || rule >= ROTA_NRULES)
		elog(ERROR, "invalid rota rule %d", (int) rule);
	return rule_names[rule];
}

/* Growable list of violations. */
typedef struct ViolationList
{
	RotaViolation *v;
	int			n;
	int			cap;
} ViolationList;

static void
add_violation(ViolationList *l, RotaRule rule, int pos, int day, int shift,
			  const char *fmt,...) pg_attribute_printf(6, 7);

static void
add_violation(ViolationList *l, RotaRule rule, int pos, int day, int shift,
			  const char *fmt,...)
{
	StringInfoData buf;
	va_list		args;

	if (l->n == l->cap)
	{
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = l->v ? repalloc(l->v, mul_size(l->cap, sizeof(RotaViolation)))
			: palloc(mul_size(l->cap, sizeof(RotaViolation)));
	}
	initStringInfo(&buf);
	for (;;)
	{
		int			needed;

		va_start(args, fmt);
		needed = appendStringInfoVA(&buf, fmt, args);
		va_end(args);
		if (needed == 0)
			break;
		enlargeStringInfo(&buf, needed);
	}
	l->v[l->n].rule = rule;
	l->v[l->n].pos = pos;
	l->v[l->n].day = day;
	l->v[l->n].shift = shift;
	l->v[l->n].detail = buf.data;
	l->n++;
}

/* Cycle day d as "week w day k" for messages (1-based, k = ISO weekday). */
#define WEEK_OF(d) ((d) / 7 + 1)
#define WDAY_OF(d) ((d) % 7 + 1)

/*
 * Check one position's row against the per-person rules.  Works on the
 * timeline unrolled over three cycles (previous, this, next), so that rules
 * across the wrap see the right neighbours.
 */
static void
check_position(const RotaProblem *p, const int *row, int pos, ViolationList *l)
{
	int			nd = p->ndays;
	long		cycle = (long) nd * 1440;
	long	   *ws;				/* interval starts over 3 cycles, sorted */
	long	   *we;
	int		   *wd;				/* day of the cycle of each interval */
	int			nw = 0;
	long		worked = 0;
	double		target;
	int			c,
				d,
				i,
				w;

	ws = palloc(mul_size(3 * nd, sizeof(long)));
	we = palloc(mul_size(3 * nd, sizeof(long)));
	wd = palloc(mul_size(3 * nd, sizeof(int)));
	for (c = -1; c <= 1; c++)
		for (d = 0; d < nd; d++)
		{
			int			s = row[d];

			if (s == ROTA_OFF || s < 0 || s >= p->nshift)
				continue;
			ws[nw] = c * cycle + (long) d * 1440 + p->start[s];
			we[nw] = c * cycle + (long) d * 1440 + p->end[s];
			wd[nw] = d;
			nw++;
			if (c == 0)
				worked += p->end[s] - p->start[s];
		}

	/* Daily rest: consecutive intervals whose first lies in this cycle. */
	for (i = 0; i + 1 < nw; i++)
	{
		long		gap;

		if (ws[i] < 0 || ws[i] >= cycle)
			continue;
		gap = ws[i + 1] - we[i];
		if (gap < p->daily_rest)
			add_violation(l, ROTA_RULE_DAILY_REST, pos, wd[i], row[wd[i]],
						  "%.1f h between the shift of week %d day %d and the next one, below %.1f h",
						  gap / 60.0, WEEK_OF(wd[i]), WDAY_OF(wd[i]),
						  p->daily_rest / 60.0);
	}

	/* Weekly rest: longest free period inside each week of this cycle. */
	for (w = 0; w < p->weeks; w++)
	{
		long		lo = (long) w * 10080;
		long		hi = lo + 10080;
		long		free_from = lo;
		long		longest = 0;

		for (i = 0; i < nw; i++)
		{
			if (we[i] <= lo || ws[i] >= hi)
				continue;
			if (ws[i] > free_from)
				longest = Max(longest, ws[i] - free_from);
			free_from = Max(free_from, we[i]);
		}
		if (hi > free_from)
			longest = Max(longest, hi - free_from);
		if (longest < p->weekly_rest)
			add_violation(l, ROTA_RULE_WEEKLY_REST, pos, w * 7, -1,
						  "longest free period in week %d is %.1f h, below %.1f h",
						  w + 1, longest / 60.0, p->weekly_rest / 60.0);
	}

	/* Consecutive working days, cyclic: report each run once, at its start. */
	for (d = 0, i = 0; d < nd; d++)
		if (row[d] == ROTA_OFF)
			i++;
	/*
	 * No day off: the rota repeats, so the run never ends, however short the
	 * cycle is against max_consecutive.
	 */
	if (i == 0)
		add_violation(l, ROTA_RULE_MAX_CONSECUTIVE, pos, 0, row[0],
					  "works every day of the cycle (%d days), and the cycle repeats: more than %d in a row",
					  nd, p->max_consecutive);
	for (d = 0; d < nd && i > 0; d++)
	{
		int			run = 0;

		if (row[d] == ROTA_OFF || row[(d + nd - 1) % nd] != ROTA_OFF)
			continue;
		while (row[(d + run) % nd] != ROTA_OFF)
			run++;
		if (run > p->max_consecutive)
			add_violation(l, ROTA_RULE_MAX_CONSECUTIVE, pos, d, row[d],
						  "%d working days in a row from week %d day %d, above %d",
						  run, WEEK_OF(d), WDAY_OF(d), p->max_consecutive);
	}

	/* Weekends: any weekend_every consecutive weekends hold at most one. */
	for (w = 0; w < p->weeks; w++)
	{
		int			count = 0;

		for (i = 0; i < p->weekend_every && i < p->weeks; i++)
		{
			int			ww = (w + i) % p->weeks;

			if (row[ww * 7 + 5] != ROTA_OFF || row[ww * 7 + 6] != ROTA_OFF)
				count++;
		}
		if (count > 1)
			add_violation(l, ROTA_RULE_WEEKEND, pos, w * 7 + 5, -1,
						  "%d worked weekends among the %d weekends from week %d, at most 1",
						  count, Min(p->weekend_every, p->weeks), w + 1);
	}

	/* Hours over the cycle. */
	target = rota_target_minutes(p, pos);
	if (worked < target - p->hours_tolerance || worked > target + p->hours_tolerance)
		add_violation(l, ROTA_RULE_HOURS, pos, -1, -1,
					  "%.2f h in the cycle, target %.2f h +/- %.2f h",
					  worked / 60.0, target / 60.0, p->hours_tolerance / 60.0);

	pfree(ws);
	pfree(we);
	pfree(wd);
}

/*
 * Check the rota x ([npos * ndays], shift index or ROTA_OFF).  Returns the
 * number of violations and sets *out to a palloc'd array of them.
 */
int
carestair_rota_check(const RotaProblem *p, const int *x, RotaViolation **out)
{
	ViolationList l = {NULL, 0, 0};
	int			pos,
				d,
				s,
				lev;

	/* Unknown shift values first: the other rules skip them. */
	for (pos = 0; pos < p->npos; pos++)
		for (d = 0; d < p->ndays; d++)
		{
			int			v = x[(size_t) pos * p->ndays + d];

			if (v != ROTA_OFF && (v < 0 || v >= p->nshift))
				add_violation(&l, ROTA_RULE_UNKNOWN_SHIFT, pos, d, -1,
							  "value %d on week %d day %d is not a shift", v,
							  WEEK_OF(d), WDAY_OF(d));
		}

	for (pos = 0; pos < p->npos; pos++)
	{
		CHECK_FOR_INTERRUPTS();
		check_position(p, x + (size_t) pos * p->ndays, pos, &l);
	}

	/* Coverage, per day, shift and competence level (cumulative from top). */
	for (d = 0; d < p->ndays; d++)
	{
		CHECK_FOR_INTERRUPTS();
		for (s = 0; s < p->nshift; s++)
		{
			const int  *nd = p->need + ((d % 7) * p->nshift + s) * ROTA_LEVELS;
			int			need_ge = 0;

			for (lev = ROTA_LEVELS; lev >= 1; lev--)
			{
				int			have_ge = 0;

				need_ge += nd[lev - 1];
				for (pos = 0; pos < p->npos; pos++)
					if (x[(size_t) pos * p->ndays + d] == s && p->level[pos] >= lev)
						have_ge++;
				if (have_ge < need_ge)
				{
					add_violation(&l, ROTA_RULE_COVERAGE, -1, d, s,
								  "week %d day %d: %d persons with competence level >= %d, %d needed",
								  WEEK_OF(d), WDAY_OF(d), have_ge, lev, need_ge);
					break;		/* one report per shift and day */
				}
			}
		}
	}
	*out = l.v;
	return l.n;
}
