/*
 * location.h
 *	  Interface between the location-model SQL functions (location.c) and
 *	  their numerical kernels (location_kernel.c).
 *
 * A problem is a dense n x m cost matrix (points x candidate sites, row
 * major, INFINITY where a pair is missing, i.e. the site cannot serve the
 * point), demand weights per point, and the sites that must be open.
 */
#ifndef CARESTAIR_LOCATION_H
#define CARESTAIR_LOCATION_H

#include "postgres.h"

typedef struct LocProblem
{
	int			n;				/* demand points */
	int			m;				/* candidate sites */
	const double *cost;			/* n * m, cost[i * m + j]; INFINITY = no path */
	const double *weight;		/* n weights >= 0 (p-center: all 1) */
	const bool *fixed;			/* m flags: site must be open */
	int			nfixed;
	int			p;				/* sites to open, nfixed <= p <= m */
	double		exact_budget;	/* enumeration allowed up to this many
								 * point-evaluations */
} LocProblem;

typedef struct LocSolution
{
	int		   *open;			/* nopen site indices, ascending */
	int			nopen;			/* p, or the number chosen (fixed charge) */
	double		objective;
	const char *method;			/* static string */
} LocSolution;

extern void carestair_loc_p_median(const LocProblem *lp, LocSolution *sol);
extern void carestair_loc_max_coverage(const LocProblem *lp, double radius,
									   LocSolution *sol);
extern void carestair_loc_p_center(const LocProblem *lp, LocSolution *sol);
extern void carestair_loc_fixed_charge(const LocProblem *lp,
									   const double *fixed_cost,
									   LocSolution *sol);

/* Method labels reported in the result's method column. */
#define LOC_METHOD_ENUM		"exact: enumeration"
#define LOC_METHOD_CENTER	"exact: radius search + set cover"
#define LOC_METHOD_HEUR		"heuristic: greedy + fast interchange"
#define LOC_METHOD_FC_HEUR	"heuristic: add/drop/swap"

#endif							/* CARESTAIR_LOCATION_H */
