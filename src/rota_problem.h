/*
 * rota_problem.h
 *	  The rota (turnus) problem, shared by the search (rota_kernel.c), the
 *	  infeasibility bounds (rota_bound.c), the independent checker
 *	  (rota_check.c) and the SQL wrappers (rota.c).
 *
 * Times are minutes.  Day d of the cycle (0 .. 7*weeks-1) starts at minute
 * d*1440; day 0 is a Monday.  A shift starts start[s] minutes after midnight
 * of its day and ends end[s] (> start[s], may pass midnight).  The rota is
 * cyclic: after the last day comes day 0 again.
 */
#ifndef CARESTAIR_ROTA_PROBLEM_H
#define CARESTAIR_ROTA_PROBLEM_H

#include "postgres.h"

#define ROTA_LEVELS 3			/* assistent 1, helsefagarbeider 2, sykepleier 3 */
#define ROTA_OFF (-1)			/* a day off in an assignment */

typedef struct RotaProblem
{
	int			nshift;
	int		   *start;			/* [nshift] minutes after midnight */
	int		   *end;			/* [nshift] minutes after midnight, > start */
	int			weeks;			/* cycle length in weeks */
	int			ndays;			/* 7 * weeks */
	int		   *need;			/* [7][nshift][ROTA_LEVELS]: persons needed
								 * whose competence is exactly level l+1 */
	int			npos;
	double	   *size;			/* [npos] position size, fraction in (0, 1] */
	int		   *level;			/* [npos] competence level 1..3 */
	double		weekly_norm;	/* hours per week of a full-time position */
	int			daily_rest;		/* minutes, arbeidsmiljøloven § 10-8 (1) */
	int			weekly_rest;	/* minutes, arbeidsmiljøloven § 10-8 (2) */
	int			max_consecutive;	/* working days in a row */
	int			weekend_every;	/* at most one worked weekend in any k */
	int			hours_tolerance;	/* minutes either side of the target */
} RotaProblem;

/* Minutes a position should work over the cycle. */
static inline double
rota_target_minutes(const RotaProblem *p, int pos)
{
	return p->size[pos] * p->weekly_norm * 60.0 * p->weeks;
}

/* Persons needed at competence >= lev (1..3) on ISO weekday wd (0..6), shift s. */
static inline int
rota_need_ge(const RotaProblem *p, int wd, int s, int lev)
{
	const int  *nd = p->need + (wd * p->nshift + s) * ROTA_LEVELS;
	int			n = 0;
	int			l;

	for (l = lev; l <= ROTA_LEVELS; l++)
		n += nd[l - 1];
	return n;
}

#endif							/* CARESTAIR_ROTA_PROBLEM_H */
