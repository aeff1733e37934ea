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
	int64	   *sorted;
	Size		r;

	cols[0].name = idname;
	carestair_read_inner(sql, argname, 4, cols, &d);
	if (d.nrows > (Size) INT_MAX / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s returned too many rows: %zu", argname, d.nrows)));
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
	sorted = palloc(mul_size(d.nrows > 0 ? d.nrows : 1, sizeof(int64)));
	memcpy(sorted, at->id, d.nrows * sizeof(int64));
	tt_check_unique(sorted, d.nrows, idname, argname);
	pfree(sorted);
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
	static const InnerColumn ecols[] = {
		{"id", INNER_ID, false, false},
		{"source", INNER_ID, false, false},
		{"target", INNER_ID, false, false},
		{"cost", INNER_NUM, false, false},
		{"reverse_cost", INNER_NUM, false, true},
		{"length", INNER_NUM, false, true}
	};
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	InnerData	e;
	int64	   *vids;
	int64	   *eids;
	int			nv;
	Size		r,
				narcs = 0,
				cap;
	int		   *tail,
			   *head;
	double	   *acost,
			   *alen;
	bool		directed,
				to_site,
				has_reverse,
				has_length;
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

	carestair_read_inner(text_to_cstring(PG_GETARG_TEXT_PP(0)), "edges_sql", 6, ecols, &e);
	if (e.nrows == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("edges_sql returned no rows"),
				 errhint("Load a road graph, e.g. with osm2pgrouting, or use carestair.travel_time_matrix without edges for the straight-line fallback.")));
	has_reverse = e.ncols_given >= 5;
	has_length = e.ncols_given >= 6;

	/* Check values and edge ids. */
	eids = palloc_extended(mul_size(e.nrows, sizeof(int64)), MCXT_ALLOC_HUGE);
	for (r = 0; r < e.nrows; r++)
	{
		CHECK_FOR_INTERRUPTS();
		if (isnan(e.nums[3][r]) || isinf(e.nums[3][r]))
			tt_bad_number("edges_sql", "cost", e.ids[0][r], e.nums[3][r]);
		if (has_reverse && (isnan(e.nums[4][r]) || isinf(e.nums[4][r])))
			tt_bad_number("edges_sql", "reverse_cost", e.ids[0][r], e.nums[4][r]);
		if (has_length && (isnan(e.nums[5][r]) || isinf(e.nums[5][r]) || e.nums[5][r] < 0.0))
			tt_bad_number("edges_sql", "length", e.ids[0][r], e.nums[5][r]);
		eids[r] = e.ids[0][r];
	}
	tt_check_unique(eids, e.nrows, "edge id", "edges_sql");

	/* Vertex ids: sorted distinct sources and targets. */
	vids = palloc_extended(mul_size(mul_size(e.nrows, 2), sizeof(int64)), MCXT_ALLOC_HUGE);
	memcpy(vids, e.ids[1], e.nrows * sizeof(int64));
	memcpy(vids + e.nrows, e.ids[2], e.nrows * sizeof(int64));
	{
		Size		u = carestair_sort_unique_int64(vids, 2 * e.nrows);

		if (u > (Size) INT_MAX / 2)
			ereport(ERROR,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("road graph has too many vertices: %zu", u)));
		nv = (int) u;
	}

	/*
	 * Arcs.  Each usable direction of an edge is one arc (two when the
	 * graph is undirected); searches towards a site run on reversed arcs.
	 */
	cap = mul_size(e.nrows, 4);
	tail = palloc_extended(mul_size(cap, sizeof(int)), MCXT_ALLOC_HUGE);
	head = palloc_extended(mul_size(cap, sizeof(int)), MCXT_ALLOC_HUGE);
	acost = palloc_extended(mul_size(cap, sizeof(double)), MCXT_ALLOC_HUGE);
	alen = palloc_extended(mul_size(cap, sizeof(double)), MCXT_ALLOC_HUGE);
	for (r = 0; r < e.nrows; r++)
	{
		int			sv = carestair_find_int64(vids, nv, e.ids[1][r]);
		int			tv = carestair_find_int64(vids, nv, e.ids[2][r]);
		double		len = has_length ? e.nums[5][r] : NAN;
		double		dirs[2];
		int			k;

		CHECK_FOR_INTERRUPTS();
		dirs[0] = e.nums[3][r];
		dirs[1] = has_reverse ? e.nums[4][r] : (directed ? -1.0 : e.nums[3][r]);
		for (k = 0; k < 2; k++)
		{
			int			from = k == 0 ? sv : tv;
			int			to = k == 0 ? tv : sv;
			int			copies = directed ? 1 : 2;
			int			c;

			if (dirs[k] < 0.0)
				continue;		/* closed direction */
			if (!directed && k == 1 && !has_reverse)
				continue;		/* the undirected edge is already in */
			for (c = 0; c < copies; c++)
			{
				int			a_from = c == 0 ? from : to;
				int			a_to = c == 0 ? to : from;

				/* reversed graph for searches from the site backwards */
				tail[narcs] = to_site ? a_to : a_from;
				head[narcs] = to_site ? a_from : a_to;
				acost[narcs] = dirs[k];
				alen[narcs] = len;
				narcs++;
			}
		}
	}
	g = carestair_tt_build(nv, narcs, tail, head, acost, alen);
	pfree(tail);
	pfree(head);
	pfree(acost);
	pfree(alen);

	tt_read_attach(text_to_cstring(PG_GETARG_TEXT_PP(1)), "points_sql", "point_id", vids, nv, &pts);
	tt_read_attach(text_to_cstring(PG_GETARG_TEXT_PP(2)), "sites_sql", "site_id", vids, nv, &sts);

	s = carestair_tt_search_new(nv);
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
