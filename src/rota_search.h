/*
 * rota_search.h
 *	  Rota search (rota_kernel.c) and the cheap infeasibility proofs that run
 *	  before it (rota_bound.c).
 */
#ifndef CARESTAIR_ROTA_SEARCH_H
#define CARESTAIR_ROTA_SEARCH_H

#include "rota_problem.h"

typedef struct RotaResult
{
	int		   *x;				/* [npos * ndays] shift index or ROTA_OFF */
	int64		iterations;
	double		elapsed_ms;
	double		hard;			/* remaining hard-rule penalty, 0 if feasible */
	bool		timed_out;
	int			restarts;		/* annealing runs started after the first */
} RotaResult;

extern const char *carestair_rota_bound(const RotaProblem *p, char **detail);
extern void carestair_rota_search(const RotaProblem *p, uint64 seed,
								  int64 max_iterations, double time_budget_ms,
								  RotaResult *res);

#endif							/* CARESTAIR_ROTA_SEARCH_H */
