/*
 * rota.h
 *	  Rota (turnus) problem shared by the generator (rota_kernel.c), the
 *	  independent checker (rota_check.c) and the SQL wrappers (rota.c).
 *
 * Times are minutes.  Day d of the cycle (0 .. 7*weeks-1) starts at minute
 * d*1440; day 0 is a Monday.  A shift starts start[s] minutes after midnight
 * of its day and ends end[s] (> start[s], may pass midnight).  The rota is
 * cyclic: after the last day comes day 0 again.
 */
#ifndef CARESTAIR_ROTA_H
#define CARESTAIR_ROTA_H

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

/* Rules the checker reports; names in carestair_rota_rule_name(). */
typedef enum RotaRule
{
	ROTA_RULE_COVERAGE = 0,
	ROTA_RULE_DAILY_REST,
	ROTA_RULE_WEEKLY_REST,
	ROTA_RULE_MAX_CONSECUTIVE,
	ROTA_RULE_WEEKEND,
	ROTA_RULE_HOURS,
	ROTA_RULE_UNKNOWN_SHIFT,
	ROTA_NRULES
} RotaRule;

typedef struct RotaViolation
{
	RotaRule	rule;
	int			pos;			/* position index, -1 for coverage */
	int			day;			/* day of the cycle, -1 if not one day */
	int			shift;			/* shift index, -1 if none */
	char	   *detail;			/* palloc'd explanation */
} RotaViolation;

typedef struct RotaResult
{
	int		   *x;				/* [npos * ndays] shift index or ROTA_OFF */
	int64		iterations;
	double		elapsed_ms;
	double		hard;			/* remaining hard-rule penalty, 0 if feasible */
	bool		timed_out;
} RotaResult;

/* Minutes a position should work over the cycle. */
static inline double
rota_target_minutes(const RotaProblem *p, int pos)
{
	return p->size[pos] * p->weekly_norm * 60.0 * p->weeks;
}

extern const char *carestair_rota_rule_name(RotaRule rule);
extern int	carestair_rota_check(const RotaProblem *p, const int *x,
								 RotaViolation **out);
extern const char *carestair_rota_precheck(const RotaProblem *p, char **detail);
extern void carestair_rota_search(const RotaProblem *p, uint64 seed,
								  int64 max_iterations, double time_budget_ms,
								  RotaResult *res);

#endif							/* CARESTAIR_ROTA_H */
