/*
 * travel_time.h
 *	  Interface between carestair.network_costs (travel_time.c) and its
 *	  shortest-path kernel (travel_time_kernel.c).
 */
#ifndef CARESTAIR_TRAVEL_TIME_H
#define CARESTAIR_TRAVEL_TIME_H

#include "postgres.h"

/* A directed graph in compressed sparse row form over vertices 0..nv-1. */
typedef struct TtGraph
{
	int			nv;
	int		   *first;			/* nv + 1 offsets into the arc arrays */
	int		   *head;			/* arc target vertex */
	double	   *cost;			/* arc cost, >= 0 */
	double	   *length;			/* arc length (NaN when unknown) */
} TtGraph;

/* Workspace for repeated one-to-all searches on the same graph. */
typedef struct TtSearch
{
	double	   *dist;			/* nv: cost from the source, INFINITY if none */
	double	   *len;			/* nv: length along that cheapest path */
	int		   *heap;			/* binary heap of vertices, by dist */
	int		   *pos;			/* vertex -> heap slot, -1 absent, -2 settled */
	int			nheap;
} TtSearch;

extern TtGraph *carestair_tt_build(int nv, Size narcs, const int *tail,
								   const int *head, const double *cost,
								   const double *length);
extern TtSearch *carestair_tt_search_new(int nv);
extern void carestair_tt_dijkstra(const TtGraph *g, TtSearch *s, int source);

#endif							/* CARESTAIR_TRAVEL_TIME_H */
