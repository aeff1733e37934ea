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
	int		   *label;			/* nv: index of the source it comes from */
	int		   *heap;			/* binary heap of vertices, by dist */
	int		   *pos;			/* vertex -> heap slot, -1 absent, -2 settled */
	int			nheap;
} TtSearch;

/*
 * A pgRouting-style edge query read and checked: edge i runs from vertex
 * sv[i] to tv[i] (indices into the sorted distinct vertex ids vids), cost
 * and rcost negative where that direction is closed, length NaN when not
 * given.  byid lists the edge indices in ascending id order.
 */
typedef struct TtEdges
{
	Size		n;
	int64	   *id;
	int		   *sv;
	int		   *tv;
	double	   *cost;
	double	   *rcost;			/* -1 everywhere when not given */
	double	   *length;
	bool		has_reverse;
	int			nv;
	int64	   *vids;
	Size	   *byid;
} TtEdges;

extern void carestair_tt_read_edges(const char *sql, const char *argname,
									TtEdges *e);
extern TtGraph *carestair_tt_graph(const TtEdges *e, bool directed,
								   bool to_site);
extern Size carestair_tt_find_edge(const TtEdges *e, int64 id);
extern TtGraph *carestair_tt_build(int nv, Size narcs, const int *tail,
								   const int *head, const double *cost,
								   const double *length);
extern TtSearch *carestair_tt_search_new(int nv);
extern void carestair_tt_dijkstra(const TtGraph *g, TtSearch *s, int source);
extern void carestair_tt_dijkstra_multi(const TtGraph *g, TtSearch *s, int nsrc,
										const int *vertex, const double *cost0,
										const double *len0);

#endif							/* CARESTAIR_TRAVEL_TIME_H */
