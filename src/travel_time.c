/*
 * travel_time.c
 *	  carestair.network_costs(): the cost (travel minutes) and length (km)
 *	  of the cheapest road path between every demand point and every site.
 *
 * The road graph comes as a pgRouting-style inner query (id, source,
 * target, cost [, reverse_cost [, length]]), a negative cost closing that
 * direction as in pgRouting and osm2pgrouting.  Points and sites come as
 * (id, node [, minutes [, km]]): the graph vertex each is attached to and
 * the off-road leg to add.  The graph is built once in compact arrays and
 * one Dijkstra search runs from every site: on the reversed graph when the
 * cost is from the point to the site (patients travelling to a legevakt),
 * on the graph itself for the other direction (call-outs).  A pair with
 * no path is returned with NULL cost and length, never dropped.
 */
#include "carestair.h"

#include <limits.h>
#include <math.h>

#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "inner_query.h"
#include "travel_time.h"

PG_FUNCTION_INFO_V1(carestair_network_costs);

/* Error for a cost, length or offset that is not a finite number >= 0. */
static void
tt_bad_number(const char *argname, const char *what, int64 id, double v)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid %s %g for id %lld in %s", what, v, (long long) id, argname),
			 errdetail("Travel times, lengths and off-road legs must be finite; only cost and reverse_cost may be negative, which closes that direction."),
			 errhint("Fix or filter the row in the query.")));
}

/*
 * Raise "duplicate <what> <id> in <argname>" if ids[0..n-1] repeats a value
 * (ids are left sorted).
 */
static void
tt_check_unique(int64 *ids, Size n, const char *what, const char *argname)
{
	Size		r;

	qsort(ids, n, sizeof(int64), carestair_cmp_int64);
	for (r = 1; r < n; r++)
		if (ids[r] == ids[r - 1])
			ereport(ERROR,
					(errcode(ERRCODE_UNIQUE_VIOLATION),
					 errmsg("duplicate %s %lld in %s", what, (long long) ids[r], argname),
					 errhint("Each %s may appear once.", what)));
}

/*
 * Read a points or sites query whose first column is its id (named idname):
 * at most INT_MAX / 2 rows, ids unique.
 */
static void
tt_read_keyed(const char *sql, const char *argname, const char *idname,
			  int ncols, InnerColumn *cols, InnerData *d)
{
	int64	   *sorted;

	cols[0].name = idname;
	carestair_read_inner(sql, argname, ncols, cols, d);
	if (d->nrows > (Size) INT_MAX / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s returned too many rows: %zu", argname, d->nrows)));
	sorted = palloc(mul_size(d->nrows > 0 ? d->nrows : 1, sizeof(int64)));
	memcpy(sorted, d->ids[0], d->nrows * sizeof(int64));
	tt_check_unique(sorted, d->nrows, idname, argname);
	pfree(sorted);
}

/*
 * Attachments of points or sites: (id, node [, minutes [, km]]) mapped to
 * vertex indices, ids checked for duplicates.
 */
typedef struct TtAttach
{
	int			n;
	int64	   *id;
	int		   *vertex;
	double	   *minutes;
	double	   *km;
} TtAttach;

static void
tt_read_attach(const char *sql, const char *argname, const char *idname,
			   const int64 *vids, int nv, TtAttach *at)
{
	InnerColumn cols[4] = {
		{NULL, INNER_ID, false, false},
		{"node", INNER_ID, false, false},
		{"minutes", INNER_NUM, false, true},
		{"km", INNER_NUM, false, true}
	};
	InnerData	d;
	Size		r;

	tt_read_keyed(sql, argname, idname, 4, cols, &d);
	at->n = (int) d.nrows;
	at->id = d.ids[0];
	at->vertex = palloc(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(int)));
	at->minutes = d.nums[2];
	at->km = d.nums[3];
	for (r = 0; r < d.nrows; r++)
	{
		CHECK_FOR_INTERRUPTS();
		at->vertex[r] = carestair_find_int64(vids, nv, d.ids[1][r]);
		if (at->vertex[r] < 0)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("node %lld of %s %lld in %s is not a vertex of the road graph",
							(long long) d.ids[1][r], idname, (long long) d.ids[0][r], argname),
					 errhint("Attach points and sites to the source or target of some edge.")));
		/* Left-out offset columns mean no off-road leg. */
		if (d.ncols_given < 3)
			at->minutes[r] = 0.0;
		if (d.ncols_given < 4)
			at->km[r] = 0.0;
		if (isnan(at->minutes[r]) || isinf(at->minutes[r]) || at->minutes[r] < 0.0)
			tt_bad_number(argname, "minutes", d.ids[0][r], at->minutes[r]);
		if (isnan(at->km[r]) || isinf(at->km[r]) || at->km[r] < 0.0)
			tt_bad_number(argname, "km", d.ids[0][r], at->km[r]);
	}
}

/* Order edge indices by edge id (qsort_arg comparator). */
static int
tt_cmp_edge_id(const void *a, const void *b, void *arg)
{
	const int64 *id = (const int64 *) arg;
	int64		x = id[*(const Size *) a];
	int64		y = id[*(const Size *) b];

	return x < y ? -1 : (x > y ? 1 : 0);
}

/*
 * Read a pgRouting-style edge query (id, source, target, cost [,
 * reverse_cost [, length]]) into e, checking every value: costs finite
 * (negative closes a direction), lengths finite and >= 0, ids unique.
 * Vertex ids become indices into the sorted distinct source/target ids.
 */
void
carestair_tt_read_edges(const char *sql, const char *argname, TtEdges *e)
{
	static const InnerColumn ecols[] = {
		{"id", INNER_ID, false, false},
		{"source", INNER_ID, false, false},
		{"target", INNER_ID, false, false},
		{"cost", INNER_NUM, false, false},
		{"reverse_cost", INNER_NUM, false, true},
		{"length", INNER_NUM, false, true}
	};
	InnerData	d;
	bool		has_length;
	Size		r;

	carestair_read_inner(sql, argname, 6, ecols, &d);
	if (d.nrows == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("%s returned no rows", argname),
				 errhint("Load a road graph, e.g. with carestair.import_road_network or osm2pgrouting, or use carestair.travel_time_matrix without edges for the straight-line fallback.")));
	e->n = d.nrows;
	e->id = d.ids[0];
	e->cost = d.nums[3];
	e->has_reverse = d.ncols_given >= 5;
	has_length = d.ncols_given >= 6;
	e->rcost = d.nums[4];
	e->length = d.nums[5];

	for (r = 0; r < e->n; r++)
	{
		CHECK_FOR_INTERRUPTS();
		if (isnan(e->cost[r]) || isinf(e->cost[r]))
			tt_bad_number(argname, "cost", e->id[r], e->cost[r]);
		if (!e->has_reverse)
			e->rcost[r] = -1.0;
		else if (isnan(e->rcost[r]) || isinf(e->rcost[r]))
			tt_bad_number(argname, "reverse_cost", e->id[r], e->rcost[r]);
		if (!has_length)
			e->length[r] = NAN;
		else if (isnan(e->length[r]) || isinf(e->length[r]) || e->length[r] < 0.0)
			tt_bad_number(argname, "length", e->id[r], e->length[r]);
	}

	/* Edge ids: unique, and an index by id. */
	e->byid = palloc_extended(mul_size(e->n, sizeof(Size)), MCXT_ALLOC_HUGE);
	for (r = 0; r < e->n; r++)
		e->byid[r] = r;
	qsort_arg(e->byid, e->n, sizeof(Size), tt_cmp_edge_id, e->id);
	for (r = 1; r < e->n; r++)
		if (e->id[e->byid[r]] == e->id[e->byid[r - 1]])
			ereport(ERROR,
					(errcode(ERRCODE_UNIQUE_VIOLATION),
					 errmsg("duplicate edge id %lld in %s", (long long) e->id[e->byid[r]], argname),
					 errhint("Each edge id may appear once.")));

	/* Vertex ids: sorted distinct sources and targets. */
	e->vids = palloc_extended(mul_size(mul_size(e->n, 2), sizeof(int64)), MCXT_ALLOC_HUGE);
	memcpy(e->vids, d.ids[1], e->n * sizeof(int64));
	memcpy(e->vids + e->n, d.ids[2], e->n * sizeof(int64));
	{
		Size		u = carestair_sort_unique_int64(e->vids, 2 * e->n);

		if (u > (Size) INT_MAX / 2)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("road graph has too many vertices: %zu", u)));
		e->nv = (int) u;
	}
	e->sv = palloc_extended(mul_size(e->n, sizeof(int)), MCXT_ALLOC_HUGE);
	e->tv = palloc_extended(mul_size(e->n, sizeof(int)), MCXT_ALLOC_HUGE);
	for (r = 0; r < e->n; r++)
	{
		CHECK_FOR_INTERRUPTS();
		e->sv[r] = carestair_find_int64(e->vids, e->nv, d.ids[1][r]);
		e->tv[r] = carestair_find_int64(e->vids, e->nv, d.ids[2][r]);
	}
}

/* Index of the edge with this id in e, or (Size) -1 when there is none. */
Size
carestair_tt_find_edge(const TtEdges *e, int64 id)
{
	Size		lo = 0,
				hi = e->n;

	while (lo < hi)
	{
		Size		mid = lo + (hi - lo) / 2;
		int64		v = e->id[e->byid[mid]];

		if (v == id)
			return e->byid[mid];
		if (v < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (Size) -1;
}

/*
 * The CSR graph of the edges.  Each usable direction of an edge is one arc
 * (two when the graph is undirected and no reverse cost is given); with
 * to_site the arcs are reversed, for searches from a site backwards.
 */
TtGraph *
carestair_tt_graph(const TtEdges *e, bool directed, bool to_site)
{
	Size		r,
				narcs = 0,
				cap = mul_size(e->n, 4);
	int		   *tail,
			   *head;
	double	   *acost,
			   *alen;
	TtGraph    *g;

	tail = palloc_extended(mul_size(cap, sizeof(int)), MCXT_ALLOC_HUGE);
	head = palloc_extended(mul_size(cap, sizeof(int)), MCXT_ALLOC_HUGE);
	acost = palloc_extended(mul_size(cap, sizeof(double)), MCXT_ALLOC_HUGE);
	alen = palloc_extended(mul_size(cap, sizeof(double)), MCXT_ALLOC_HUGE);
	for (r = 0; r < e->n; r++)
	{
		double		dirs[2];
		int			k;

		CHECK_FOR_INTERRUPTS();
		dirs[0] = e->cost[r];
		dirs[1] = e->has_reverse ? e->rcost[r] : (directed ? -1.0 : e->cost[r]);
		for (k = 0; k < 2; k++)
		{
			int			from = k == 0 ? e->sv[r] : e->tv[r];
			int			to = k == 0 ? e->tv[r] : e->sv[r];
			int			copies = directed ? 1 : 2;
			int			c;

			if (dirs[k] < 0.0)
				continue;		/* closed direction */
			if (!directed && k == 1 && !e->has_reverse)
				continue;		/* the undirected edge is already in */
			for (c = 0; c < copies; c++)
			{
				int			a_from = c == 0 ? from : to;
				int			a_to = c == 0 ? to : from;

				/* reversed graph for searches from the site backwards */
				tail[narcs] = to_site ? a_to : a_from;
				head[narcs] = to_site ? a_from : a_to;
				acost[narcs] = dirs[k];
				alen[narcs] = e->length[r];
				narcs++;
			}
		}
	}
	g = carestair_tt_build(e->nv, narcs, tail, head, acost, alen);
	pfree(tail);
	pfree(head);
	pfree(acost);
	pfree(alen);
	return g;
}

/*
 * carestair.network_costs(edges_sql text, points_sql text, sites_sql text,
 *						   directed boolean DEFAULT true,
 *						   to_site boolean DEFAULT true)
 *	RETURNS TABLE (point_id bigint, site_id bigint, cost float8, length float8)
 */
Datum
carestair_network_costs(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TtEdges		e;
	bool		directed,
				to_site;
	TtAttach	pts,
				sts;
	TtGraph    *g;
	TtSearch   *s;
	int			i,
				j;

	for (i = 0; i < 5; i++)
		if (PG_ARGISNULL(i))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument %d of network_costs must not be NULL", i + 1)));
	directed = PG_GETARG_BOOL(3);
	to_site = PG_GETARG_BOOL(4);
	CARESTAIR_INIT_SRF(fcinfo);

	carestair_tt_read_edges(text_to_cstring(PG_GETARG_TEXT_PP(0)), "edges_sql", &e);
	g = carestair_tt_graph(&e, directed, to_site);

	tt_read_attach(text_to_cstring(PG_GETARG_TEXT_PP(1)), "points_sql", "point_id", e.vids, e.nv, &pts);
	tt_read_attach(text_to_cstring(PG_GETARG_TEXT_PP(2)), "sites_sql", "site_id", e.vids, e.nv, &sts);

	s = carestair_tt_search_new(e.nv);
	for (j = 0; j < sts.n; j++)
	{
		CHECK_FOR_INTERRUPTS();
		carestair_tt_dijkstra(g, s, sts.vertex[j]);
		for (i = 0; i < pts.n; i++)
		{
			Datum		values[4];
			bool		nulls[4] = {false, false, false, false};
			int			v = pts.vertex[i];

			values[0] = Int64GetDatum(pts.id[i]);
			values[1] = Int64GetDatum(sts.id[j]);
			if (isinf(s->dist[v]))
				nulls[2] = nulls[3] = true;
			else
			{
				values[2] = Float8GetDatum(pts.minutes[i] + s->dist[v] + sts.minutes[j]);
				if (isnan(s->len[v]))
					nulls[3] = true;
				else
					values[3] = Float8GetDatum(pts.km[i] + s->len[v] + sts.km[j]);
			}
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}

/*
 * Union-find root of v with path halving.
 */
static int
tt_find_root(int *parent, int v)
{
	while (parent[v] != v)
	{
		parent[v] = parent[parent[v]];
		v = parent[v];
	}
	return v;
}

/* Components ordered by size (vertices) descending, then lowest vertex. */
typedef struct TtComp
{
	int			root;
	int			size;
	int			first;			/* lowest vertex index in the component */
} TtComp;

static int
tt_cmp_comp(const void *a, const void *b)
{
	const TtComp *x = a;
	const TtComp *y = b;

	if (x->size != y->size)
		return x->size > y->size ? -1 : 1;
	return x->first < y->first ? -1 : (x->first > y->first ? 1 : 0);
}

PG_FUNCTION_INFO_V1(carestair__road_components);

/*
 * carestair._road_components(edges_sql text)
 *	RETURNS TABLE (id bigint, component integer)
 *
 * The connected component of every edge, ignoring directions (union-find
 * over the end vertices).  Component 1 has the most vertices, ties to the
 * component holding the lowest vertex id.  Internal: import_road_network
 * stores the result in carestair.road_edge.component.
 */
Datum
carestair__road_components(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	TtEdges		e;
	int		   *parent,
			   *rank_of;
	TtComp	   *comps;
	int			ncomp = 0,
				v;
	Size		r;

	CARESTAIR_INIT_SRF(fcinfo);
	carestair_tt_read_edges(text_to_cstring(PG_GETARG_TEXT_PP(0)), "edges_sql", &e);
	parent = palloc_extended(mul_size(e.nv, sizeof(int)), MCXT_ALLOC_HUGE);
	for (v = 0; v < e.nv; v++)
		parent[v] = v;
	for (r = 0; r < e.n; r++)
	{
		int			a = tt_find_root(parent, e.sv[r]);
		int			b = tt_find_root(parent, e.tv[r]);

		CHECK_FOR_INTERRUPTS();
		if (a != b)
			parent[a > b ? a : b] = a > b ? b : a;	/* the lower index is root */
	}
	/* Vertices ascend, so a root is met first as its own lowest vertex. */
	rank_of = palloc_extended(mul_size(e.nv, sizeof(int)), MCXT_ALLOC_HUGE);
	comps = palloc_extended(mul_size(e.nv, sizeof(TtComp)), MCXT_ALLOC_HUGE);
	for (v = 0; v < e.nv; v++)
	{
		int			root = tt_find_root(parent, v);

		if (root == v)
		{
			rank_of[v] = ncomp;
			comps[ncomp].root = v;
			comps[ncomp].size = 0;
			comps[ncomp].first = v;
			ncomp++;
		}
		comps[rank_of[root]].size++;
	}
	qsort(comps, ncomp, sizeof(TtComp), tt_cmp_comp);
	for (v = 0; v < ncomp; v++)
		rank_of[comps[v].root] = v + 1;
	for (r = 0; r < e.n; r++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = Int64GetDatum(e.id[r]);
		values[1] = Int32GetDatum(rank_of[tt_find_root(parent, e.sv[r])]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/*
 * Points or sites for nearest_site: (id, x, y) in metres, and where each
 * attaches to the road: edge index ((Size) -1 when no road is within
 * reach), fraction of the edge's length from its source, and the off-road
 * leg in minutes and km.
 */
typedef struct TtOnEdge
{
	int			n;
	int64	   *id;
	double	   *x;
	double	   *y;
	Size	   *edge;
	double	   *frac;
	double	   *minutes;
	double	   *km;
} TtOnEdge;

static void
tt_read_xy(const char *sql, const char *argname, const char *idname, TtOnEdge *at)
{
	InnerColumn cols[3] = {
		{NULL, INNER_ID, false, false},
		{"x", INNER_NUM, false, false},
		{"y", INNER_NUM, false, false}
	};
	InnerData	d;
	Size		r;

	tt_read_keyed(sql, argname, idname, 3, cols, &d);
	at->n = (int) d.nrows;
	at->id = d.ids[0];
	at->x = d.nums[1];
	at->y = d.nums[2];
	at->edge = palloc(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(Size)));
	at->frac = palloc0(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(double)));
	at->minutes = palloc0(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(double)));
	at->km = palloc0(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(double)));
	for (r = 0; r < d.nrows; r++)
	{
		at->edge[r] = (Size) -1;
		if (isnan(at->x[r]) || isinf(at->x[r]) || isnan(at->y[r]) || isinf(at->y[r]))
			tt_bad_number(argname, "coordinate", at->id[r], isnan(at->x[r]) || isinf(at->x[r]) ? at->x[r] : at->y[r]);
	}
}

/*
 * Road segments in a uniform grid, for nearest-edge queries: segment k runs
 * (x1, y1) -> (x2, y2) on edge edge[k], starting at along[k] metres of its
 * edge of total length total[k] metres; cells list the segments whose
 * bounding box meets them.
 */
typedef struct TtSegGrid
{
	Size		nseg;
	Size	   *edge;
	double	   *x1,
			   *y1,
			   *x2,
			   *y2,
			   *along,
			   *total;
	double		x0,
				y0,
				cell;
	int			nx,
				ny;
	Size	   *first;			/* nx * ny + 1 offsets into members */
	Size	   *members;
} TtSegGrid;

/* Vertex rows (edge index, seq) for sorting. */
typedef struct TtVtx
{
	Size		edge;
	int64		seq;
	double		x,
				y;
} TtVtx;

static int
tt_cmp_vtx(const void *a, const void *b)
{
	const TtVtx *p = a;
	const TtVtx *q = b;

	if (p->edge != q->edge)
		return p->edge < q->edge ? -1 : 1;
	return p->seq < q->seq ? -1 : (p->seq > q->seq ? 1 : 0);
}

static inline int
tt_cell_clamp(double v, int n)
{
	return v < 0 ? 0 : (v >= n ? n - 1 : (int) v);
}

/*
 * Read the edges' vertices (edge_id, seq, x, y) and build the segment grid.
 */
static void
tt_build_seg_grid(const char *sql, const TtEdges *e, TtSegGrid *sg)
{
	static const InnerColumn vcols[] = {
		{"edge_id", INNER_ID, false, false},
		{"seq", INNER_ID, false, false},
		{"x", INNER_NUM, false, false},
		{"y", INNER_NUM, false, false}
	};
	InnerData	d;
	TtVtx	   *v;
	Size		r,
				k,
				start,
				nmem = 0,
				ncells;
	double		xmin = INFINITY,
				ymin = INFINITY,
				xmax = -INFINITY,
				ymax = -INFINITY;
	Size	   *fill = NULL;

	carestair_read_inner(sql, "vertices_sql", 4, vcols, &d);
	v = palloc_extended(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(TtVtx)), MCXT_ALLOC_HUGE);
	for (r = 0; r < d.nrows; r++)
	{
		CHECK_FOR_INTERRUPTS();
		v[r].edge = carestair_tt_find_edge(e, d.ids[0][r]);
		if (v[r].edge == (Size) -1)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("vertex of edge %lld in vertices_sql: no such edge", (long long) d.ids[0][r])));
		v[r].seq = d.ids[1][r];
		v[r].x = d.nums[2][r];
		v[r].y = d.nums[3][r];
		if (isnan(v[r].x) || isinf(v[r].x) || isnan(v[r].y) || isinf(v[r].y))
			tt_bad_number("vertices_sql", "coordinate", d.ids[0][r], isnan(v[r].x) || isinf(v[r].x) ? v[r].x : v[r].y);
		xmin = Min(xmin, v[r].x);
		xmax = Max(xmax, v[r].x);
		ymin = Min(ymin, v[r].y);
		ymax = Max(ymax, v[r].y);
	}
	qsort(v, d.nrows, sizeof(TtVtx), tt_cmp_vtx);

	sg->nseg = 0;
	sg->edge = palloc_extended(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(Size)), MCXT_ALLOC_HUGE);
	sg->x1 = palloc_extended(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(double)), MCXT_ALLOC_HUGE);
	sg->y1 = palloc_extended(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(double)), MCXT_ALLOC_HUGE);
	sg->x2 = palloc_extended(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(double)), MCXT_ALLOC_HUGE);
	sg->y2 = palloc_extended(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(double)), MCXT_ALLOC_HUGE);
	sg->along = palloc_extended(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(double)), MCXT_ALLOC_HUGE);
	sg->total = palloc_extended(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(double)), MCXT_ALLOC_HUGE);
	for (start = 0; start < d.nrows; start = r)
	{
		double		along = 0.0;
		Size		s0 = sg->nseg;

		for (r = start + 1; r < d.nrows && v[r].edge == v[start].edge; r++)
		{
			k = sg->nseg++;
			sg->edge[k] = v[r].edge;
			sg->x1[k] = v[r - 1].x;
			sg->y1[k] = v[r - 1].y;
			sg->x2[k] = v[r].x;
			sg->y2[k] = v[r].y;
			sg->along[k] = along;
			along += hypot(v[r].x - v[r - 1].x, v[r].y - v[r - 1].y);
		}
		for (k = s0; k < sg->nseg; k++)
			sg->total[k] = along;
	}

	/* A grid of about one segment per cell. */
	sg->first = sg->members = NULL;
	if (sg->nseg == 0)
	{
		sg->nx = sg->ny = 0;
		return;
	}
	sg->x0 = xmin;
	sg->y0 = ymin;
	sg->cell = Max(sqrt((xmax - xmin + 1.0) * (ymax - ymin + 1.0) / (double) sg->nseg), 1.0);
	sg->nx = (int) Min((xmax - xmin) / sg->cell + 1, 4096);
	sg->ny = (int) Min((ymax - ymin) / sg->cell + 1, 4096);
	sg->cell = Max(Max((xmax - xmin) / sg->nx, (ymax - ymin) / sg->ny) * 1.000001, sg->cell);
	ncells = (Size) sg->nx * sg->ny;
	sg->first = palloc_extended(mul_size(ncells + 1, sizeof(Size)), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	/* Two passes over the segments' cell ranges: count, then fill. */
	for (int pass = 0; pass < 2; pass++)
	{
		for (k = 0; k < sg->nseg; k++)
		{
			int			cx0 = tt_cell_clamp((Min(sg->x1[k], sg->x2[k]) - sg->x0) / sg->cell, sg->nx),
						cx1 = tt_cell_clamp((Max(sg->x1[k], sg->x2[k]) - sg->x0) / sg->cell, sg->nx),
						cy0 = tt_cell_clamp((Min(sg->y1[k], sg->y2[k]) - sg->y0) / sg->cell, sg->ny),
						cy1 = tt_cell_clamp((Max(sg->y1[k], sg->y2[k]) - sg->y0) / sg->cell, sg->ny);

			CHECK_FOR_INTERRUPTS();
			for (int cy = cy0; cy <= cy1; cy++)
				for (int cx = cx0; cx <= cx1; cx++)
				{
					Size		c = (Size) cy * sg->nx + cx;

					if (pass == 0)
						sg->first[c + 1]++;
					else
						sg->members[fill[c]++] = k;
				}
		}
		if (pass == 0)
		{
			for (k = 0; k < ncells; k++)
				sg->first[k + 1] += sg->first[k];
			nmem = sg->first[ncells];
			sg->members = palloc_extended(mul_size(nmem > 0 ? nmem : 1, sizeof(Size)), MCXT_ALLOC_HUGE);
			fill = palloc_extended(mul_size(ncells, sizeof(Size)), MCXT_ALLOC_HUGE);
			memcpy(fill, sg->first, ncells * sizeof(Size));
		}
	}
	if (fill)
		pfree(fill);
}

/*
 * Nearest segment to (px, py) within maxd metres: sets *edge (or (Size) -1
 * when none), *frac (of the edge's length from its source) and *dist.
 * Scans rings of cells outwards and stops when the next ring cannot hold
 * anything nearer; among equally near segments the lowest edge index wins.
 */
static void
tt_snap(const TtSegGrid *sg, double px, double py, double maxd,
		Size *edge, double *frac, double *dist)
{
	double		best = INFINITY;
	int			cx,
				cy,
				ring,
				maxring;

	*edge = (Size) -1;
	*frac = 0.0;
	*dist = INFINITY;
	if (sg->nseg == 0)
		return;
	/*
	 * Start in the cell holding the point's projection onto the grid: for
	 * every grid cell the point is at least as far as its projection, so
	 * cells of ring r are at least (r - 1) x cell away.
	 */
	cx = tt_cell_clamp((px - sg->x0) / sg->cell, sg->nx);
	cy = tt_cell_clamp((py - sg->y0) / sg->cell, sg->ny);
	maxring = Max(Max(cx, sg->nx - 1 - cx), Max(cy, sg->ny - 1 - cy));
	for (ring = 0; ring <= maxring; ring++)
	{
		double		lower = (ring - 1) * sg->cell;

		if (lower > best || lower > maxd)
			break;
		for (int y = cy - ring; y <= cy + ring; y++)
		{
			if (y < 0 || y >= sg->ny)
				continue;
			for (int x = cx - ring; x <= cx + ring; x++)
			{
				Size		c;

				if (x < 0 || x >= sg->nx)
					continue;
				if (y != cy - ring && y != cy + ring && x != cx - ring && x != cx + ring)
					continue;	/* inside: an earlier ring */
				c = (Size) y * sg->nx + x;
				for (Size m = sg->first[c]; m < sg->first[c + 1]; m++)
				{
					Size		k = sg->members[m];
					double		dx = sg->x2[k] - sg->x1[k],
								dy = sg->y2[k] - sg->y1[k],
								l2 = dx * dx + dy * dy,
								t = l2 > 0 ? ((px - sg->x1[k]) * dx + (py - sg->y1[k]) * dy) / l2 : 0.0,
								d;

					t = t < 0 ? 0 : (t > 1 ? 1 : t);
					d = hypot(px - (sg->x1[k] + t * dx), py - (sg->y1[k] + t * dy));
					if (d < best || (d == best && sg->edge[k] < *edge))
					{
						best = d;
						*edge = sg->edge[k];
						*frac = sg->total[k] > 0 ? (sg->along[k] + t * sqrt(l2)) / sg->total[k] : 0.0;
						*frac = Min(*frac, 1.0);
					}
				}
			}
		}
	}
	if (best > maxd)
	{
		*edge = (Size) -1;
		*frac = 0.0;
	}
	*dist = best;
}
/* Order attachment indices by (edge, id) or by id (qsort_arg comparators). */
static int
tt_cmp_on_edge(const void *a, const void *b, void *arg)
{
	const TtOnEdge *at = arg;
	Size		i = *(const int *) a,
				j = *(const int *) b;

	if (at->edge[i] != at->edge[j])
		return at->edge[i] < at->edge[j] ? -1 : 1;
	return at->id[i] < at->id[j] ? -1 : (at->id[i] > at->id[j] ? 1 : 0);
}

static int
tt_cmp_on_id(const void *a, const void *b, void *arg)
{
	const TtOnEdge *at = arg;
	int64		x = at->id[*(const int *) a],
				y = at->id[*(const int *) b];

	return x < y ? -1 : (x > y ? 1 : 0);
}

/* Keep (cost, len, site) when cheaper, or as cheap and a lower site id. */
static inline void
tt_offer(double cost, double len, int site, const TtOnEdge *sts,
		 double *best, double *best_len, int *best_site)
{
	if (cost < *best ||
		(cost == *best && *best_site >= 0 && sts->id[site] < sts->id[*best_site]))
	{
		*best = cost;
		*best_len = len;
		*best_site = site;
	}
}

PG_FUNCTION_INFO_V1(carestair__nearest_site_costs);

/*
 * carestair._nearest_site_costs(edges_sql text, vertices_sql text,
 *		points_sql text, sites_sql text, offroad_kmh float8,
 *		max_snap_m float8, circuity float8, fallback_kmh float8,
 *		fallback_label text)
 *	RETURNS TABLE (point_id bigint, site_id bigint, minutes float8,
 *				   km float8, method text)
 *
 * The fastest site for every point.  Points and sites (id, x, y in metres)
 * attach to the nearest road segment (a uniform grid over the edges'
 * vertices, vertices_sql: edge_id, seq, x, y), points only within
 * max_snap_m, with an off-road leg at offroad_kmh.  Then one multi-source
 * Dijkstra search on the reversed road graph from all sites at once: each
 * site seeds the two end vertices of its edge with the part of the edge
 * between them (when that direction is open), the search leaves at every
 * vertex the cheapest cost to any site and which site, and each point
 * takes the better of its edge's two ends (or a site on its own edge,
 * directly).  Points without a road (or all, when edges_sql is NULL) get
 * the nearest site in a straight line x circuity at fallback_kmh,
 * labelled; points the search does not reach get NULL site, minutes and
 * km, method 'road: unreachable'.  Internal: see
 * carestair.nearest_site_times.
 */
Datum
carestair__nearest_site_costs(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	bool		have_edges = !PG_ARGISNULL(0);
	TtEdges		e;
	TtSegGrid	sg = {0};
	TtOnEdge	pts,
				sts;
	double		offroad_kmh,
				max_snap_m,
				circuity,
				fallback_kmh;
	text	   *fallback_label;
	TtGraph    *g = NULL;
	TtSearch   *s = NULL;
	int		   *by_edge,
			   *by_id;
	int			i,
				k,
				nseed = 0;
	int		   *seed_vertex = NULL,
			   *seed_site = NULL;
	double	   *seed_cost = NULL,
			   *seed_len = NULL;

	for (i = 2; i < 9; i++)
		if (PG_ARGISNULL(i) || (have_edges && PG_ARGISNULL(1)))
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("argument %d of _nearest_site_costs must not be NULL", i + 1)));
	offroad_kmh = PG_GETARG_FLOAT8(4);
	max_snap_m = PG_GETARG_FLOAT8(5);
	circuity = PG_GETARG_FLOAT8(6);
	fallback_kmh = PG_GETARG_FLOAT8(7);
	fallback_label = PG_GETARG_TEXT_PP(8);
	if (!(circuity >= 1.0) || isinf(circuity) || !(fallback_kmh > 0.0) || isinf(fallback_kmh) ||
		!(offroad_kmh > 0.0) || isinf(offroad_kmh) || !(max_snap_m >= 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid off-road speed %g km/h, snapping distance %g m, fallback circuity %g or speed %g km/h",
						offroad_kmh, max_snap_m, circuity, fallback_kmh),
				 errhint("Speeds must be finite and > 0, the circuity finite and >= 1, the distance >= 0.")));
	CARESTAIR_INIT_SRF(fcinfo);

	tt_read_xy(text_to_cstring(PG_GETARG_TEXT_PP(2)), "points_sql", "point_id", &pts);
	tt_read_xy(text_to_cstring(PG_GETARG_TEXT_PP(3)), "sites_sql", "site_id", &sts);
	if (sts.n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("sites_sql returned no rows"),
				 errhint("Give at least one site, e.g. SELECT site_id, geom FROM carestair.site.")));
	if (have_edges)
	{
		carestair_tt_read_edges(text_to_cstring(PG_GETARG_TEXT_PP(0)), "edges_sql", &e);
		g = carestair_tt_graph(&e, true, true);
		tt_build_seg_grid(text_to_cstring(PG_GETARG_TEXT_PP(1)), &e, &sg);
		for (i = 0; i < pts.n + sts.n; i++)
		{
			TtOnEdge   *at = i < pts.n ? &pts : &sts;
			int			j = i < pts.n ? i : i - pts.n;
			double		d;

			CHECK_FOR_INTERRUPTS();
			/* sites attach at any distance, points within max_snap_m */
			tt_snap(&sg, at->x[j], at->y[j], at == &pts ? max_snap_m : INFINITY,
					&at->edge[j], &at->frac[j], &d);
			if (at->edge[j] != (Size) -1)
			{
				at->km[j] = d / 1000.0;
				at->minutes[j] = d / 1000.0 / offroad_kmh * 60.0;
			}
		}
	}

	/* Sites by id (tie order, seed order) and by edge (same-edge trips). */
	by_id = palloc(mul_size(sts.n, sizeof(int)));
	by_edge = palloc(mul_size(sts.n, sizeof(int)));
	for (k = 0; k < sts.n; k++)
		by_id[k] = by_edge[k] = k;
	qsort_arg(by_id, sts.n, sizeof(int), tt_cmp_on_id, &sts);
	qsort_arg(by_edge, sts.n, sizeof(int), tt_cmp_on_edge, &sts);

	if (have_edges)
	{
		seed_vertex = palloc(mul_size(sts.n, 2 * sizeof(int)));
		seed_site = palloc(mul_size(sts.n, 2 * sizeof(int)));
		seed_cost = palloc(mul_size(sts.n, 2 * sizeof(double)));
		seed_len = palloc(mul_size(sts.n, 2 * sizeof(double)));
		for (k = 0; k < sts.n; k++)
		{
			int			j = by_id[k];
			Size		r = sts.edge[j];
			double		f = sts.frac[j];

			if (r == (Size) -1)
				continue;
			/* from the edge's source forward to the site */
			if (e.cost[r] >= 0.0)
			{
				seed_vertex[nseed] = e.sv[r];
				seed_site[nseed] = j;
				seed_cost[nseed] = sts.minutes[j] + f * e.cost[r];
				seed_len[nseed] = sts.km[j] + f * e.length[r];
				nseed++;
			}
			/* from the edge's target backward to the site */
			if (e.rcost[r] >= 0.0)
			{
				seed_vertex[nseed] = e.tv[r];
				seed_site[nseed] = j;
				seed_cost[nseed] = sts.minutes[j] + (1.0 - f) * e.rcost[r];
				seed_len[nseed] = sts.km[j] + (1.0 - f) * e.length[r];
				nseed++;
			}
		}
		s = carestair_tt_search_new(e.nv);
		carestair_tt_dijkstra_multi(g, s, nseed, seed_vertex, seed_cost, seed_len);
	}

	for (i = 0; i < pts.n; i++)
	{
		Datum		values[5];
		bool		nulls[5] = {false, false, false, false, false};
		double		best = INFINITY,
					best_len = 0.0;
		int			best_site = -1;
		bool		road = pts.edge[i] != (Size) -1;

		CHECK_FOR_INTERRUPTS();
		if (road)
		{
			Size		r = pts.edge[i];
			double		f = pts.frac[i];
			int			lo = 0,
						hi = sts.n;

			/* back along the edge to its source, then on to a site */
			if (e.rcost[r] >= 0.0 && !isinf(s->dist[e.sv[r]]))
				tt_offer(f * e.rcost[r] + s->dist[e.sv[r]], f * e.length[r] + s->len[e.sv[r]],
						 seed_site[s->label[e.sv[r]]], &sts, &best, &best_len, &best_site);
			/* forward to its target */
			if (e.cost[r] >= 0.0 && !isinf(s->dist[e.tv[r]]))
				tt_offer((1.0 - f) * e.cost[r] + s->dist[e.tv[r]], (1.0 - f) * e.length[r] + s->len[e.tv[r]],
						 seed_site[s->label[e.tv[r]]], &sts, &best, &best_len, &best_site);
			/* sites on the same edge, reached along it */
			while (lo < hi)
			{
				int			mid = lo + (hi - lo) / 2;

				if (sts.edge[by_edge[mid]] < r)
					lo = mid + 1;
				else
					hi = mid;
			}
			for (; lo < sts.n && sts.edge[by_edge[lo]] == r; lo++)
			{
				int			j = by_edge[lo];
				double		g2 = sts.frac[j];

				if (g2 >= f && e.cost[r] >= 0.0)
					tt_offer(sts.minutes[j] + (g2 - f) * e.cost[r], sts.km[j] + (g2 - f) * e.length[r],
							 j, &sts, &best, &best_len, &best_site);
				if (g2 <= f && e.rcost[r] >= 0.0)
					tt_offer(sts.minutes[j] + (f - g2) * e.rcost[r], sts.km[j] + (f - g2) * e.length[r],
							 j, &sts, &best, &best_len, &best_site);
			}
		}
		else
		{
			/* no road near the point: straight line to the nearest site */
			for (k = 0; k < sts.n; k++)
			{
				int			j = by_id[k];
				double		km = hypot(pts.x[i] - sts.x[j], pts.y[i] - sts.y[j]) / 1000.0 * circuity;

				tt_offer(km / fallback_kmh * 60.0, km, j, &sts, &best, &best_len, &best_site);
			}
		}

		values[0] = Int64GetDatum(pts.id[i]);
		if (best_site < 0)
		{
			nulls[1] = nulls[2] = nulls[3] = true;
			values[4] = CStringGetTextDatum("road: unreachable");
		}
		else
		{
			values[1] = Int64GetDatum(sts.id[best_site]);
			/* a straight line has no separate off-road leg */
			values[2] = Float8GetDatum((road ? pts.minutes[i] : 0.0) + best);
			values[3] = Float8GetDatum((road ? pts.km[i] : 0.0) + best_len);
			values[4] = road ? CStringGetTextDatum("road") : PointerGetDatum(fallback_label);
		}
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
