/*
 * travel_time_kernel.c
 *	  One-to-all shortest paths (Dijkstra 1959) on a compact directed graph,
 *	  with an indexed binary heap (decrease-key in place), and the length
 *	  (km) accumulated along each cheapest path.
 *
 * Costs are >= 0, so every vertex is settled once and the search ends
 * after at most nv extractions: zero-cost cycles cannot make it loop.
 */
#include "postgres.h"

#include <limits.h>
#include <math.h>

#include "miscadmin.h"

#include "travel_time.h"

/*
 * Build the CSR graph from arc lists (tail -> head).  Arcs keep their input
 * order within a tail, so results do not depend on hashing.
 */
TtGraph *
carestair_tt_build(int nv, Size narcs, const int *tail, const int *head,
				   const double *cost, const double *length)
{
	TtGraph    *g = palloc(sizeof(TtGraph));
	int		   *fill;
	Size		a;
	int			v;

	if (narcs > (Size) INT_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("road graph has too many arcs: %zu", narcs)));
	g->nv = nv;
	g->first = palloc0(mul_size(nv + 1, sizeof(int)));
	g->head = palloc_extended(mul_size(narcs > 0 ? narcs : 1, sizeof(int)), MCXT_ALLOC_HUGE);
	g->cost = palloc_extended(mul_size(narcs > 0 ? narcs : 1, sizeof(double)), MCXT_ALLOC_HUGE);
	g->length = palloc_extended(mul_size(narcs > 0 ? narcs : 1, sizeof(double)), MCXT_ALLOC_HUGE);
	for (a = 0; a < narcs; a++)
		g->first[tail[a] + 1]++;
	for (v = 0; v < nv; v++)
		g->first[v + 1] += g->first[v];
	fill = palloc(mul_size(nv > 0 ? nv : 1, sizeof(int)));
	memcpy(fill, g->first, nv * sizeof(int));
	for (a = 0; a < narcs; a++)
	{
		int			k = fill[tail[a]]++;

		g->head[k] = head[a];
		g->cost[k] = cost[a];
		g->length[k] = length[a];
	}
	pfree(fill);
	return g;
}

/* Allocate a search workspace for a graph of nv vertices. */
TtSearch *
carestair_tt_search_new(int nv)
{
	TtSearch   *s = palloc(sizeof(TtSearch));
	Size		n = nv > 0 ? nv : 1;

	s->dist = palloc_extended(mul_size(n, sizeof(double)), MCXT_ALLOC_HUGE);
	s->len = palloc_extended(mul_size(n, sizeof(double)), MCXT_ALLOC_HUGE);
	s->heap = palloc_extended(mul_size(n, sizeof(int)), MCXT_ALLOC_HUGE);
	s->pos = palloc_extended(mul_size(n, sizeof(int)), MCXT_ALLOC_HUGE);
	s->label = palloc_extended(mul_size(n, sizeof(int)), MCXT_ALLOC_HUGE);
	s->nheap = 0;
	return s;
}

/* Restore the heap property upwards from slot i. */
static void
heap_up(TtSearch *s, int i)
{
	int			v = s->heap[i];
	double		d = s->dist[v];

	while (i > 0)
	{
		int			parent = (i - 1) / 2;
		int			u = s->heap[parent];

		if (s->dist[u] <= d)
			break;
		s->heap[i] = u;
		s->pos[u] = i;
		i = parent;
	}
	s->heap[i] = v;
	s->pos[v] = i;
}

/* Restore the heap property downwards from slot i. */
static void
heap_down(TtSearch *s, int i)
{
	int			v = s->heap[i];
	double		d = s->dist[v];

	for (;;)
	{
		int			c = 2 * i + 1;

		if (c >= s->nheap)
			break;
		if (c + 1 < s->nheap && s->dist[s->heap[c + 1]] < s->dist[s->heap[c]])
			c++;
		if (s->dist[s->heap[c]] >= d)
			break;
		s->heap[i] = s->heap[c];
		s->pos[s->heap[i]] = i;
		i = c;
	}
	s->heap[i] = v;
	s->pos[v] = i;
}

/*
 * Cheapest cost (and its length) from source to every vertex, left in
 * s->dist and s->len; INFINITY where no path exists.  Among equally cheap
 * paths the length is that of the first one found.
 */
void
carestair_tt_dijkstra(const TtGraph *g, TtSearch *s, int source)
{
	double		zero = 0.0;

	carestair_tt_dijkstra_multi(g, s, 1, &source, &zero, &zero);
}

/*
 * Multi-source Dijkstra: one search from nsrc sources at once, source k
 * starting at vertex[k] with cost cost0[k] and length len0[k] (a site
 * part-way along an edge starts at both end vertices with the part of the
 * edge to cover).  Leaves in s->dist the cheapest cost from any source, in
 * s->len the length along that path and in s->label the index k of its
 * source; INFINITY and label -1 where none reaches.  Ties between sources
 * go to the lower index (callers sort sources by id), so the result does
 * not depend on the heap's order.  Sources with an infinite cost are
 * ignored.
 */
void
carestair_tt_dijkstra_multi(const TtGraph *g, TtSearch *s, int nsrc,
							const int *vertex, const double *cost0,
							const double *len0)
{
	int			v,
				k;

	for (v = 0; v < g->nv; v++)
	{
		s->dist[v] = INFINITY;
		s->len[v] = 0.0;
		s->pos[v] = -1;
		s->label[v] = -1;
	}
	s->nheap = 0;
	for (k = 0; k < nsrc; k++)
	{
		v = vertex[k];
		if (!(cost0[k] < s->dist[v]))
			continue;			/* a cheaper (or lower-index) source is there */
		s->dist[v] = cost0[k];
		s->len[v] = len0[k];
		s->label[v] = k;
		if (s->pos[v] == -1)
		{
			s->heap[s->nheap] = v;
			s->pos[v] = s->nheap;
			s->nheap++;
		}
		heap_up(s, s->pos[v]);
	}

	while (s->nheap > 0)
	{
		int			u = s->heap[0];
		int			a;

		CHECK_FOR_INTERRUPTS();
		/* Pop the minimum; it is settled. */
		s->nheap--;
		s->pos[u] = -2;
		if (s->nheap > 0)
		{
			s->heap[0] = s->heap[s->nheap];
			s->pos[s->heap[0]] = 0;
			heap_down(s, 0);
		}
		for (a = g->first[u]; a < g->first[u + 1]; a++)
		{
			int			w = g->head[a];
			double		nd = s->dist[u] + g->cost[a];

			if (s->pos[w] == -2 || nd > s->dist[w])
				continue;
			/* An equal cost changes only the source, to the lower index. */
			if (nd == s->dist[w] && s->label[u] >= s->label[w])
				continue;
			s->dist[w] = nd;
			s->len[w] = s->len[u] + g->length[a];
			s->label[w] = s->label[u];
			if (s->pos[w] == -1)
			{
				s->heap[s->nheap] = w;
				s->pos[w] = s->nheap;
				s->nheap++;
			}
			heap_up(s, s->pos[w]);
		}
	}
}
