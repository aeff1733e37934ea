/*
 * location_kernel.c
 *	  Numerical kernels of the location models: p-median, maximal coverage
 *	  and p-center over a dense cost matrix held in plain C arrays.
 *
 * All three reduce to two engines:
 *
 *	1. a min-sum engine: choose p columns of an n x m matrix, containing the
 *	   fixed ones, minimising sum_i w_i min_{j open} c_ij.  The p-median is
 *	   this engine on the cost matrix; maximal coverage is this engine on
 *	   the 0/1 matrix "point i is NOT within the radius of site j", whose
 *	   minimum is the uncovered weight (ReVelle & Church's MCLP, written as
 *	   a p-median as in Church & ReVelle 1976).  Small instances are solved
 *	   exactly by depth-first enumeration of all site sets, carrying the
 *	   per-point minima down the recursion so that each set costs O(n).
 *	   Larger ones get a greedy start (Kuehn & Hamburger 1963) followed by
 *	   vertex substitution (Teitz & Bart 1968) using Whitaker's (1983) fast
 *	   interchange: for each site to insert, one O(n) pass using every
 *	   point's nearest and second-nearest open site gives the best site to
 *	   remove (as described by Resende & Werneck 2004).  The local search
 *	   runs from the greedy start and from LOC_STARTS starts seeded with the
 *	   sites that are best on their own; the best local optimum wins.
 *
 *	2. the p-center: the optimum is one of the matrix values, so a binary
 *	   search over the sorted distinct costs asks "can p sites cover every
 *	   point within r?" (Minieka 1970).  Each question is a set-cover search
 *	   by branch and bound (branch on the sites that can cover the uncovered
 *	   point with the fewest such sites, pruning when a greedy packing of
 *	   points with pairwise disjoint covering sets needs more sites than
 *	   are left).  When the search exceeds its node budget the question is
 *	   answered by the min-sum heuristic instead and the result is labelled
 *	   heuristic.
 *
 * Ties are broken towards the lowest site index (sites arrive sorted by id),
 * so results are deterministic.
 */
#include "postgres.h"

#include <limits.h>
#include <math.h>

#include "miscadmin.h"

#include "location.h"

/* A min-sum instance: the engine behind p-median and maximal coverage. */
typedef struct MinSum
{
	int			n;
	int			m;
	const double *c;			/* n * m, all finite */
	const double *w;
	const bool *fixed;
	int			nfixed;
	int			p;
	double		budget;
} MinSum;

/* Enumeration state: per-level minima and the best set so far. */
typedef struct EnumState
{
	const MinSum *ms;
	int		   *freeidx;		/* the candidate sites that are not fixed */
	int			nfree;
	int			k;				/* free sites to choose */
	double	   *levels;			/* (k + 1) * n running minima */
	int		   *cur;
	int		   *best;
	double		best_obj;
} EnumState;

/*
 * Binomial coefficient C(n, k) as a double (it only steers the choice of
 * method, so rounding is harmless).
 */
static double
loc_binomial(int n, int k)
{
	double		r = 1.0;
	int			i;

	if (k < 0 || k > n)
		return 0.0;
	if (k > n - k)
		k = n - k;
	for (i = 1; i <= k; i++)
		r = r * (n - k + i) / i;
	return r;
}

/*
 * Depth-first enumeration of all ways to pick the remaining free sites
 * from freeidx[start..], with levels[level] holding every point's smallest
 * cost over the sites picked so far (and the fixed ones).
 */
static void
enum_recurse(EnumState *st, int level, int start)
{
	const MinSum *ms = st->ms;
	int			n = ms->n,
				m = ms->m;
	const double *prev = st->levels + (Size) level * n;
	double	   *next = st->levels + (Size) (level + 1) * n;
	int			idx;

	CHECK_FOR_INTERRUPTS();
	check_stack_depth();
	for (idx = start; idx <= st->nfree - (st->k - level); idx++)
	{
		int			j = st->freeidx[idx];
		int			i;

		st->cur[level] = j;
		if (level + 1 == st->k)
		{
			/* A complete set: evaluate it without storing the minima. */
			double		obj = 0.0;

			for (i = 0; i < n; i++)
			{
				double		d = ms->c[(Size) i * m + j];

				obj += ms->w[i] * (d < prev[i] ? d : prev[i]);
			}
			if (obj < st->best_obj)
			{
				st->best_obj = obj;
				memcpy(st->best, st->cur, st->k * sizeof(int));
			}
		}
		else
		{
			for (i = 0; i < n; i++)
			{
				double		d = ms->c[(Size) i * m + j];

				next[i] = d < prev[i] ? d : prev[i];
			}
			enum_recurse(st, level + 1, idx + 1);
		}
	}
}

/* Indices of the open sites (ascending) into list; returns their count. */
static int
open_list(const MinSum *ms, const bool *open, int *list)
{
	int			j,
				k = 0;

	for (j = 0; j < ms->m; j++)
		if (open[j])
			list[k++] = j;
	return k;
}

/* Objective of an open set given as a flag array: O(n x open sites). */
static double
minsum_objective(const MinSum *ms, const bool *open)
{
	int		   *list = palloc(ms->m * sizeof(int));
	int			k = open_list(ms, open, list);
	double		obj = 0.0;
	int			i,
				q;

	for (i = 0; i < ms->n; i++)
	{
		const double *row = ms->c + (Size) i * ms->m;
		double		best = INFINITY;

		for (q = 0; q < k; q++)
			if (row[list[q]] < best)
				best = row[list[q]];
		obj += ms->w[i] * best;
	}
	pfree(list);
	return obj;
}

/*
 * Every point's nearest (d1, at site phi1) and second-nearest (d2) open
 * site; d2 is INFINITY when only one site is open.
 */
static void
minsum_nearest(const MinSum *ms, const bool *open, double *d1, double *d2,
			   int *phi1)
{
	int		   *list = palloc(ms->m * sizeof(int));
	int			k = open_list(ms, open, list);
	int			i,
				q;

	for (i = 0; i < ms->n; i++)
	{
		const double *row = ms->c + (Size) i * ms->m;

		d1[i] = d2[i] = INFINITY;
		phi1[i] = -1;
		for (q = 0; q < k; q++)
		{
			int			j = list[q];

			if (row[j] < d1[i])
			{
				d2[i] = d1[i];
				d1[i] = row[j];
				phi1[i] = j;
			}
			else if (row[j] < d2[i])
				d2[i] = row[j];
		}
	}
	pfree(list);
}

/*
 * Greedy start plus Teitz-Bart vertex substitution with Whitaker's fast
 * interchange.  The start holds the fixed sites and, when seed >= 0, that
 * site; greedy fills the rest.  open[] is filled with the chosen sites;
 * returns the objective.
 */
static double
minsum_local_search(const MinSum *ms, bool *open, int seed)
{
	int			n = ms->n,
				m = ms->m;
	double	   *cur = palloc(n * sizeof(double));
	double	   *d2 = palloc(n * sizeof(double));
	int		   *phi1 = palloc(n * sizeof(int));
	double	   *loss = palloc0(m * sizeof(double));
	int			nopen = 0;
	int			i,
				j;
	double		obj;
	bool		improved;

	/* Greedy: start from the fixed sites, add the best site p - nfixed times. */
	for (j = 0; j < m; j++)
	{
		open[j] = ms->fixed[j] || j == seed;
		nopen += open[j] ? 1 : 0;
	}
	for (i = 0; i < n; i++)
		cur[i] = INFINITY;
	if (nopen > 0)
		minsum_nearest(ms, open, cur, d2, phi1);

	while (nopen < ms->p)
	{
		int			bestj = -1;
		double		bestobj = INFINITY;

		CHECK_FOR_INTERRUPTS();
		for (j = 0; j < m; j++)
		{
			double		o = 0.0;

			if (open[j])
				continue;
			for (i = 0; i < n; i++)
			{
				double		d = ms->c[(Size) i * m + j];

				o += ms->w[i] * (d < cur[i] ? d : cur[i]);
			}
			if (bestj < 0 || o < bestobj)
			{
				bestobj = o;
				bestj = j;
			}
		}
		open[bestj] = true;
		nopen++;
		for (i = 0; i < n; i++)
		{
			double		d = ms->c[(Size) i * m + bestj];

			if (d < cur[i])
				cur[i] = d;
		}
	}

	/* Fast interchange until a whole pass finds no improving swap. */
	minsum_nearest(ms, open, cur, d2, phi1);
	obj = minsum_objective(ms, open);
	do
	{
		improved = false;
		for (j = 0; j < m; j++)
		{
			double		gain = 0.0,
						best_profit = 0.0,
						tol;
			int			r,
						best_r = -1;

			if (open[j])
				continue;
			CHECK_FOR_INTERRUPTS();
			for (r = 0; r < m; r++)
				loss[r] = 0.0;
			for (i = 0; i < n; i++)
			{
				double		d = ms->c[(Size) i * m + j];

				if (ms->w[i] == 0.0)
					continue;
				if (d < cur[i])
					gain += ms->w[i] * (cur[i] - d);
				else
					loss[phi1[i]] += ms->w[i] * ((d < d2[i] ? d : d2[i]) - cur[i]);
			}
			for (r = 0; r < m; r++)
			{
				if (!open[r] || ms->fixed[r])
					continue;
				if (best_r < 0 || gain - loss[r] > best_profit)
				{
					best_profit = gain - loss[r];
					best_r = r;
				}
			}
			tol = 1e-12 * (fabs(obj) > 1.0 ? fabs(obj) : 1.0);
			if (best_r >= 0 && best_profit > tol)
			{
				double		newobj;

				open[best_r] = false;
				open[j] = true;
				newobj = minsum_objective(ms, open);
				if (newobj < obj - tol)
				{
					obj = newobj;
					minsum_nearest(ms, open, cur, d2, phi1);
					improved = true;
				}
				else
				{
					/* rounding disagreed with the estimate: undo */
					open[j] = false;
					open[best_r] = true;
				}
			}
		}
	} while (improved);

	pfree(cur);
	pfree(d2);
	pfree(phi1);
	pfree(loss);
	return obj;
}

/*
 * Multi-start local search: the plain greedy start, then starts seeded
 * with each of the LOC_STARTS free sites that are best on their own (a
 * deterministic diversification); the best local optimum wins, ties to the
 * earliest start.
 */
#define LOC_STARTS 8

static double
minsum_heuristic(const MinSum *ms, bool *open)
{
	bool	   *trial = palloc(ms->m * sizeof(bool));
	double	   *single = palloc(ms->m * sizeof(double));
	int		   *order = palloc(ms->m * sizeof(int));
	double	   *base;
	double		best;
	int			i,
				j,
				k,
				nfree = 0;

	best = minsum_local_search(ms, open, -1);
	if (ms->p - ms->nfixed < 2)
		goto done;				/* one free site: greedy already tried all */

	/*
	 * Rank the free sites by the objective of the fixed sites plus that one
	 * site: base[i] is every point's cost to its nearest fixed site.
	 */
	base = palloc(ms->n * sizeof(double));
	for (i = 0; i < ms->n; i++)
	{
		base[i] = INFINITY;
		for (j = 0; j < ms->m; j++)
			if (ms->fixed[j] && ms->c[(Size) i * ms->m + j] < base[i])
				base[i] = ms->c[(Size) i * ms->m + j];
	}
	for (j = 0; j < ms->m; j++)
	{
		if (ms->fixed[j])
			continue;
		CHECK_FOR_INTERRUPTS();
		single[j] = 0.0;
		for (i = 0; i < ms->n; i++)
		{
			double		d = ms->c[(Size) i * ms->m + j];

			single[j] += ms->w[i] * (d < base[i] ? d : base[i]);
		}
		order[nfree++] = j;
	}
	pfree(base);
	/* Selection of the LOC_STARTS best (ties: the earlier in order). */
	for (k = 0; k < LOC_STARTS && k < nfree; k++)
	{
		int			b = k,
					q;
		double		obj;

		for (q = k + 1; q < nfree; q++)
			if (single[order[q]] < single[order[b]])
				b = q;
		q = order[k];
		order[k] = order[b];
		order[b] = q;

		obj = minsum_local_search(ms, trial, order[k]);
		if (obj < best)
		{
			best = obj;
			memcpy(open, trial, ms->m * sizeof(bool));
		}
	}
done:
	pfree(trial);
	pfree(single);
	pfree(order);
	return best;
}

/*
 * Solve a min-sum instance: exact enumeration when the number of sets
 * times n fits the budget, the heuristic otherwise.  Fills sol->open (p
 * ascending indices), sol->objective and sol->method.
 */
static void
minsum_solve(const MinSum *ms, LocSolution *sol)
{
	int			k = ms->p - ms->nfixed;
	int			nfree = ms->m - ms->nfixed;
	bool	   *open = palloc0(ms->m * sizeof(bool));
	int			j,
				np = 0;

	sol->open = palloc(ms->p * sizeof(int));
	sol->nopen = ms->p;
	if (k == 0 || k == nfree ||
		loc_binomial(nfree, k) * ms->n <= ms->budget)
	{
		EnumState	st;
		int			i;

		st.ms = ms;
		st.nfree = 0;
		st.freeidx = palloc(nfree * sizeof(int));
		for (j = 0; j < ms->m; j++)
		{
			if (ms->fixed[j])
				open[j] = true;
			else
				st.freeidx[st.nfree++] = j;
		}
		if (k > 0)
		{
			st.k = k;
			st.levels = palloc_extended(mul_size(mul_size(k + 1, ms->n), sizeof(double)),
										MCXT_ALLOC_HUGE);
			for (i = 0; i < ms->n; i++)
			{
				double		best = INFINITY;

				for (j = 0; j < ms->m; j++)
					if (ms->fixed[j] && ms->c[(Size) i * ms->m + j] < best)
						best = ms->c[(Size) i * ms->m + j];
				st.levels[i] = best;
			}
			st.cur = palloc(k * sizeof(int));
			st.best = palloc(k * sizeof(int));
			st.best_obj = INFINITY;
			enum_recurse(&st, 0, 0);
			for (i = 0; i < k; i++)
				open[st.best[i]] = true;
			pfree(st.levels);
		}
		sol->objective = minsum_objective(ms, open);
		sol->method = LOC_METHOD_ENUM;
	}
	else
	{
		sol->objective = minsum_heuristic(ms, open);
		sol->method = LOC_METHOD_HEUR;
	}
	for (j = 0; j < ms->m; j++)
		if (open[j])
			sol->open[np++] = j;
	Assert(np == ms->p);
	pfree(open);
}

/* Fill the engine's fields shared by every model. */
static void
minsum_init(MinSum *ms, const LocProblem *lp, const double *c, const double *w)
{
	ms->n = lp->n;
	ms->m = lp->m;
	ms->c = c;
	ms->w = w;
	ms->fixed = lp->fixed;
	ms->nfixed = lp->nfixed;
	ms->p = lp->p;
	ms->budget = lp->exact_budget;
}

/*
 * The cost matrix with every missing pair replaced by a penalty larger
 * than any feasible total, so that a set leaving a point with weight
 * unserved never beats one serving every point (extra: any other cost a
 * solution may save, e.g. the fixed costs of sites); NULL when no pair is
 * missing (use lp->cost as it is).
 */
static double *
loc_penalized(const LocProblem *lp, double extra)
{
	Size		nm = mul_size(lp->n, lp->m);
	double		maxc = 0.0,
				sumw = 0.0,
				minw = INFINITY,
				big;
	double	   *c;
	bool		missing = false;
	Size		k;
	int			i;

	for (k = 0; k < nm; k++)
	{
		if (isinf(lp->cost[k]))
			missing = true;
		else if (lp->cost[k] > maxc)
			maxc = lp->cost[k];
	}
	if (!missing)
		return NULL;
	for (i = 0; i < lp->n; i++)
	{
		sumw += lp->weight[i];
		if (lp->weight[i] > 0.0 && lp->weight[i] < minw)
			minw = lp->weight[i];
	}
	big = isinf(minw) ? 1.0 : 1.0 + 2.0 * (maxc + 1.0) * (sumw / minw) + 2.0 * extra / minw;
	if (big > 1e200)
		big = 1e200;
	c = palloc_extended(mul_size(nm, sizeof(double)), MCXT_ALLOC_HUGE);
	for (k = 0; k < nm; k++)
		c[k] = isinf(lp->cost[k]) ? big : lp->cost[k];
	return c;
}

/*
 * The weighted total of the open sites on the true matrix: INFINITY when a
 * point with positive weight has no open site that can serve it.
 */
static double
loc_true_total(const LocProblem *lp, const int *open, int nopen)
{
	double		obj = 0.0;
	int			i;

	for (i = 0; i < lp->n; i++)
	{
		double		best = INFINITY;
		int			q;

		for (q = 0; q < nopen; q++)
		{
			double		d = lp->cost[(Size) i * lp->m + open[q]];

			if (d < best)
				best = d;
		}
		if (lp->weight[i] > 0.0)
			obj += lp->weight[i] * best;
	}
	return obj;
}

/*
 * p-median: minimise the weighted sum of every point's cost to its nearest
 * open site, on the penalized matrix; the objective returned is the true
 * one (INFINITY when some point with weight is left unserved).
 */
void
carestair_loc_p_median(const LocProblem *lp, LocSolution *sol)
{
	double	   *c = loc_penalized(lp, 0.0);
	MinSum		ms;

	minsum_init(&ms, lp, c ? c : lp->cost, lp->weight);
	minsum_solve(&ms, sol);
	if (c)
	{
		sol->objective = loc_true_total(lp, sol->open, sol->nopen);
		pfree(c);
	}
}

/*
 * Maximal coverage: maximise the weight of points within radius of an open
 * site, i.e. minimise the uncovered weight on the 0/1 "not covered" matrix.
 * The objective returned is the covered weight.
 */
void
carestair_loc_max_coverage(const LocProblem *lp, double radius, LocSolution *sol)
{
	Size		nm = mul_size(lp->n, lp->m);
	double	   *c = palloc_extended(mul_size(nm, sizeof(double)), MCXT_ALLOC_HUGE);
	MinSum		ms;
	Size		k;
	int			i;

	for (k = 0; k < nm; k++)
		c[k] = lp->cost[k] <= radius ? 0.0 : 1.0;
	minsum_init(&ms, lp, c, lp->weight);
	minsum_solve(&ms, sol);
	/* Recount the covered weight exactly rather than total - uncovered. */
	sol->objective = 0.0;
	for (i = 0; i < lp->n; i++)
	{
		int			q;

		for (q = 0; q < lp->p; q++)
			if (c[(Size) i * lp->m + sol->open[q]] == 0.0)
			{
				sol->objective += lp->weight[i];
				break;
			}
	}
	pfree(c);
}

/* Set-cover search state for one radius of the p-center. */
typedef struct CoverState
{
	int			n;
	int			m;
	int		   *pt_start;		/* CSR: free sites covering point i */
	int		   *pt_sites;
	int		   *st_start;		/* CSR: points covered by site j */
	int		   *st_pts;
	int		   *covered;		/* times point i is covered */
	bool	   *forbidden;
	bool	   *chosen;
	int		   *mark;			/* site -> stamp of the bound pass using it */
	int			stamp;
	double		nodes;
	double		node_limit;
} CoverState;

typedef enum
{
	COVER_NO,
	COVER_YES,
	COVER_UNKNOWN
} CoverResult;

/*
 * Can `slots` more free sites cover every point not yet covered?  Branch
 * on the uncovered point with the fewest covering sites; in the t-th
 * branch the sites of earlier branches are forbidden, so that no set is
 * visited twice.
 */
static CoverResult
cover_recurse(CoverState *cs, int slots)
{
	int			i,
				best_i = -1,
				best_cnt = INT_MAX,
				t,
				ntried = 0;
	int		   *tried;
	CoverResult res = COVER_NO;

	int			bound = 0;

	CHECK_FOR_INTERRUPTS();
	check_stack_depth();
	if (++cs->nodes > cs->node_limit)
		return COVER_UNKNOWN;

	/*
	 * One pass over the uncovered points: the point with the fewest sites
	 * still allowed to cover it (to branch on), and a lower bound on the
	 * sites still needed: points whose allowed covering sets are pairwise
	 * disjoint need one site each (a greedy packing).
	 */
	cs->stamp++;
	for (i = 0; i < cs->n; i++)
	{
		int			cnt = 0,
					q;
		bool		disjoint = true;

		if (cs->covered[i] > 0)
			continue;
		for (q = cs->pt_start[i]; q < cs->pt_start[i + 1]; q++)
		{
			int			j = cs->pt_sites[q];

			if (cs->forbidden[j])
				continue;
			cnt++;
			if (cs->mark[j] == cs->stamp)
				disjoint = false;
		}
		if (cnt == 0)
			return COVER_NO;
		if (disjoint)
		{
			bound++;
			for (q = cs->pt_start[i]; q < cs->pt_start[i + 1]; q++)
				cs->mark[cs->pt_sites[q]] = cs->stamp;
		}
		if (cnt < best_cnt)
		{
			best_cnt = cnt;
			best_i = i;
		}
	}
	if (best_i < 0)
		return COVER_YES;
	if (bound > slots)
		return COVER_NO;

	tried = palloc(best_cnt * sizeof(int));
	for (t = cs->pt_start[best_i]; t < cs->pt_start[best_i + 1]; t++)
	{
		int			j = cs->pt_sites[t];
		int			q;
		CoverResult r;

		if (cs->forbidden[j])
			continue;
		for (q = cs->st_start[j]; q < cs->st_start[j + 1]; q++)
			cs->covered[cs->st_pts[q]]++;
		cs->chosen[j] = true;
		r = cover_recurse(cs, slots - 1);
		if (r == COVER_YES)
			return COVER_YES;	/* keep chosen[] and the cover state */
		cs->chosen[j] = false;
		for (q = cs->st_start[j]; q < cs->st_start[j + 1]; q++)
			cs->covered[cs->st_pts[q]]--;
		if (r == COVER_UNKNOWN)
			res = COVER_UNKNOWN;
		cs->forbidden[j] = true;
		tried[ntried++] = j;
	}
	/* Lift this node's own prohibitions (not those of its ancestors). */
	for (t = 0; t < ntried; t++)
		cs->forbidden[tried[t]] = false;
	pfree(tried);
	return res;
}

/*
 * Exact feasibility test of radius r: fills open[] with a covering set
 * (fixed sites plus at most p - nfixed free ones) and returns COVER_YES, or
 * returns COVER_NO / COVER_UNKNOWN (node budget exhausted).
 */
static CoverResult
cover_exact(const LocProblem *lp, double r, bool *open)
{
	CoverState	cs;
	int			n = lp->n,
				m = lp->m,
				i,
				j,
				cnt = 0;
	CoverResult res;

	cs.n = n;
	cs.m = m;
	cs.covered = palloc0(n * sizeof(int));
	cs.forbidden = palloc0(m * sizeof(bool));
	cs.chosen = palloc0(m * sizeof(bool));
	cs.mark = palloc0(m * sizeof(int));
	cs.stamp = 0;
	cs.nodes = 0;

	/* Points covered by fixed sites need nothing more. */
	for (i = 0; i < n; i++)
		for (j = 0; j < m; j++)
			if (lp->fixed[j] && lp->cost[(Size) i * m + j] <= r)
				cs.covered[i] = 1;

	/* CSR lists over the free sites. */
	cs.pt_start = palloc((n + 1) * sizeof(int));
	cs.st_start = palloc0((m + 1) * sizeof(int));
	for (i = 0; i < n; i++)
	{
		cs.pt_start[i] = cnt;
		for (j = 0; j < m; j++)
			if (!lp->fixed[j] && lp->cost[(Size) i * m + j] <= r)
			{
				cnt++;
				cs.st_start[j + 1]++;
			}
	}
	cs.pt_start[n] = cnt;
	cs.pt_sites = palloc((cnt > 0 ? cnt : 1) * sizeof(int));
	cs.st_pts = palloc((cnt > 0 ? cnt : 1) * sizeof(int));
	for (j = 0; j < m; j++)
		cs.st_start[j + 1] += cs.st_start[j];
	{
		int		   *fill = palloc(m * sizeof(int));
		int			q = 0;

		memcpy(fill, cs.st_start, m * sizeof(int));
		for (i = 0; i < n; i++)
			for (j = 0; j < m; j++)
				if (!lp->fixed[j] && lp->cost[(Size) i * m + j] <= r)
				{
					cs.pt_sites[q++] = j;
					cs.st_pts[fill[j]++] = i;
				}
		pfree(fill);
	}

	/* Each search node scans every covering list once. */
	cs.node_limit = lp->exact_budget / (cnt + n + 1);
	res = cover_recurse(&cs, lp->p - lp->nfixed);
	if (res == COVER_YES)
		for (j = 0; j < m; j++)
			open[j] = lp->fixed[j] || cs.chosen[j];

	pfree(cs.covered);
	pfree(cs.forbidden);
	pfree(cs.chosen);
	pfree(cs.mark);
	pfree(cs.pt_start);
	pfree(cs.st_start);
	pfree(cs.pt_sites);
	pfree(cs.st_pts);
	return res;
}

/*
 * Heuristic feasibility test of radius r: the min-sum heuristic on the
 * "not covered" matrix with unit weights; YES only if it covers everyone.
 */
static CoverResult
cover_heuristic(const LocProblem *lp, double r, bool *open)
{
	Size		nm = mul_size(lp->n, lp->m);
	double	   *c = palloc_extended(mul_size(nm, sizeof(double)), MCXT_ALLOC_HUGE);
	double	   *w = palloc(lp->n * sizeof(double));
	MinSum		ms;
	Size		k;
	int			i;
	double		uncovered;

	for (k = 0; k < nm; k++)
		c[k] = lp->cost[k] <= r ? 0.0 : 1.0;
	for (i = 0; i < lp->n; i++)
		w[i] = 1.0;
	minsum_init(&ms, lp, c, w);
	uncovered = minsum_local_search(&ms, open, -1);
	pfree(c);
	pfree(w);
	return uncovered == 0.0 ? COVER_YES : COVER_NO;
}

/* qsort comparator for doubles. */
static int
cmp_double(const void *a, const void *b)
{
	double		x = *(const double *) a,
				y = *(const double *) b;

	return (x > y) - (x < y);
}

/*
 * p-center: minimise the largest cost from a point to its nearest open
 * site.  sol->objective is INFINITY when no p sites reach every point.
 */
void
carestair_loc_p_center(const LocProblem *lp, LocSolution *sol)
{
	Size		nm = mul_size(lp->n, lp->m);
	double	   *vals = palloc_extended(mul_size(nm, sizeof(double)), MCXT_ALLOC_HUGE);
	Size		nv = 0,
				k,
				lo,
				hi;
	double		lb = 0.0;
	bool	   *open = palloc0(lp->m * sizeof(bool));
	bool	   *best_open = palloc0(lp->m * sizeof(bool));
	bool		found = false,
				exact = true;
	int			i,
				j,
				np = 0;

	sol->open = palloc(lp->p * sizeof(int));
	sol->nopen = lp->p;

	/* Lower bound: every point needs its nearest candidate at least. */
	for (i = 0; i < lp->n; i++)
	{
		double		best = INFINITY;

		for (j = 0; j < lp->m; j++)
			if (lp->cost[(Size) i * lp->m + j] < best)
				best = lp->cost[(Size) i * lp->m + j];
		if (best > lb)
			lb = best;
	}
	for (k = 0; k < nm; k++)
		if (!isinf(lp->cost[k]) && lp->cost[k] >= lb)
			vals[nv++] = lp->cost[k];
	qsort(vals, nv, sizeof(double), cmp_double);
	{
		Size		u = 0;

		for (k = 0; k < nv; k++)
			if (u == 0 || vals[k] != vals[u - 1])
				vals[u++] = vals[k];
		nv = u;
	}

	/* Binary search for the smallest radius that p sites can cover. */
	lo = 0;
	hi = nv;					/* vals[hi] feasible once found; nv = none */
	while (lo < hi && !isinf(lb))
	{
		Size		mid = lo + (hi - lo) / 2;
		CoverResult r;

		CHECK_FOR_INTERRUPTS();
		r = cover_exact(lp, vals[mid], open);
		if (r == COVER_UNKNOWN)
		{
			exact = false;
			r = cover_heuristic(lp, vals[mid], open);
		}
		if (r == COVER_YES)
		{
			found = true;
			memcpy(best_open, open, lp->m * sizeof(bool));
			hi = mid;
		}
		else
			lo = mid + 1;
	}

	if (!found)
	{
		/* No radius works: report infeasible with the fixed sites padded. */
		for (j = 0; j < lp->m; j++)
			best_open[j] = lp->fixed[j];
	}

	/* Pad a cover with fewer than p sites by the lowest-index closed ones. */
	for (j = 0; j < lp->m; j++)
		if (best_open[j])
			np++;
	for (j = 0; j < lp->m && np < lp->p; j++)
		if (!best_open[j])
		{
			best_open[j] = true;
			np++;
		}
	np = 0;
	for (j = 0; j < lp->m; j++)
		if (best_open[j])
			sol->open[np++] = j;

	/* The objective of the returned set, recomputed from the matrix. */
	sol->objective = 0.0;
	for (i = 0; i < lp->n; i++)
	{
		double		best = INFINITY;
		int			q;

		for (q = 0; q < lp->p; q++)
			if (lp->cost[(Size) i * lp->m + sol->open[q]] < best)
				best = lp->cost[(Size) i * lp->m + sol->open[q]];
		if (best > sol->objective)
			sol->objective = best;
	}
	sol->method = exact ? LOC_METHOD_CENTER : LOC_METHOD_HEUR;
	pfree(vals);
	pfree(open);
	pfree(best_open);
}

/* Fixed-charge search state: sites opened so far and running minima. */
typedef struct FcState
{
	const MinSum *ms;
	const double *f;			/* fixed cost per site */
	int		   *freeidx;
	int			nfree;
	double	   *levels;			/* (nfree + 1) * n running minima */
	bool	   *cur;
	bool	   *best;
	double		best_obj;
	int			nopen;
} FcState;

/*
 * Visit every set that extends the current one with free sites from
 * freeidx[start..], evaluating each set once (a set with no site open is
 * skipped).
 */
static void
fc_recurse(FcState *st, int level, int start, double fsum)
{
	const MinSum *ms = st->ms;
	int			n = ms->n,
				m = ms->m,
				idx,
				i;
	const double *prev = st->levels + (Size) level * n;
	double	   *next = st->levels + (Size) (level + 1) * n;

	CHECK_FOR_INTERRUPTS();
	check_stack_depth();
	for (idx = start; idx < st->nfree; idx++)
	{
		int			j = st->freeidx[idx];
		double		obj = fsum + st->f[j];

		for (i = 0; i < n; i++)
		{
			double		d = ms->c[(Size) i * m + j];

			next[i] = d < prev[i] ? d : prev[i];
			obj += ms->w[i] * next[i];
		}
		st->cur[j] = true;
		if (obj < st->best_obj)
		{
			st->best_obj = obj;
			memcpy(st->best, st->cur, m * sizeof(bool));
		}
		fc_recurse(st, level + 1, idx + 1, fsum + st->f[j]);
		st->cur[j] = false;
	}
}

/*
 * Fixed charge: total = fixed costs of the open sites + weighted travel.
 * Heuristic moves: add a site, drop a site (keeping one open), or swap an
 * open and a closed one (Whitaker's evaluation); the best improving move is
 * made until none improves (add/drop/swap local search, Kuehn & Hamburger
 * 1963 for the add phase).
 */
static double
fc_heuristic(const MinSum *ms, const double *f, bool *open)
{
	int			n = ms->n,
				m = ms->m,
				i,
				j,
				r,
				nopen = 0;
	double	   *d1 = palloc(n * sizeof(double));
	double	   *d2 = palloc(n * sizeof(double));
	int		   *phi1 = palloc(n * sizeof(int));
	double	   *loss = palloc(m * sizeof(double));
	double	   *dropc = palloc(m * sizeof(double));
	double		obj;

	/* Start: the fixed sites, or else the best single site. */
	for (j = 0; j < m; j++)
	{
		open[j] = ms->fixed[j];
		nopen += open[j] ? 1 : 0;
	}
	if (nopen == 0)
	{
		int			bestj = 0;
		double		bestv = INFINITY;

		for (j = 0; j < m; j++)
		{
			double		v = f[j];

			for (i = 0; i < n; i++)
				v += ms->w[i] * ms->c[(Size) i * m + j];
			if (v < bestv)
			{
				bestv = v;
				bestj = j;
			}
		}
		open[bestj] = true;
		nopen = 1;
	}

	for (;;)
	{
		double		best_gain = 0.0,
					tol;
		int			add = -1,
					drop = -1;
		double		fsum = 0.0;

		CHECK_FOR_INTERRUPTS();
		minsum_nearest(ms, open, d1, d2, phi1);
		for (j = 0; j < m; j++)
			if (open[j])
				fsum += f[j];
		obj = fsum;
		for (i = 0; i < n; i++)
			obj += ms->w[i] * d1[i];
		tol = 1e-12 * (fabs(obj) > 1.0 ? fabs(obj) : 1.0);

		/* Drop: the saving is the fixed cost less the detour of its points. */
		for (r = 0; r < m; r++)
			dropc[r] = 0.0;
		for (i = 0; i < n; i++)
			dropc[phi1[i]] += ms->w[i] * (d2[i] - d1[i]);
		if (nopen > 1)
			for (r = 0; r < m; r++)
				if (open[r] && !ms->fixed[r] && f[r] - dropc[r] > best_gain + tol)
				{
					best_gain = f[r] - dropc[r];
					add = -1;
					drop = r;
				}

		/* Add j alone, or swap it in for r. */
		for (j = 0; j < m; j++)
		{
			double		gain = 0.0;

			if (open[j])
				continue;
			for (r = 0; r < m; r++)
				loss[r] = 0.0;
			for (i = 0; i < n; i++)
			{
				double		d = ms->c[(Size) i * m + j];

				if (d < d1[i])
					gain += ms->w[i] * (d1[i] - d);
				else
					loss[phi1[i]] += ms->w[i] * ((d < d2[i] ? d : d2[i]) - d1[i]);
			}
			if (gain - f[j] > best_gain + tol)
			{
				best_gain = gain - f[j];
				add = j;
				drop = -1;
			}
			for (r = 0; r < m; r++)
			{
				double		g;

				if (!open[r] || ms->fixed[r])
					continue;
				g = gain - loss[r] + f[r] - f[j];
				if (g > best_gain + tol)
				{
					best_gain = g;
					add = j;
					drop = r;
				}
			}
		}
		if (add < 0 && drop < 0)
			break;
		if (add >= 0)
		{
			open[add] = true;
			nopen++;
		}
		if (drop >= 0)
		{
			open[drop] = false;
			nopen--;
		}
	}
	pfree(d1);
	pfree(d2);
	pfree(phi1);
	pfree(loss);
	pfree(dropc);
	return obj;
}

/*
 * Fixed-charge location: choose which sites to open (at least one, all
 * fixed ones) minimising their fixed costs plus the weighted travel cost.
 * Exact by enumerating every set when 2^(free sites) x n fits the budget,
 * the add/drop/swap heuristic otherwise.  sol->objective is INFINITY when
 * a point with weight cannot be served (only possible with missing pairs).
 */
void
carestair_loc_fixed_charge(const LocProblem *lp, const double *fixed_cost,
						   LocSolution *sol)
{
	double	   *c;
	bool	   *open = palloc0(lp->m * sizeof(bool));
	MinSum		ms;
	double		sumf = 0.0;
	int			j,
				i,
				nfree = lp->m - lp->nfixed;

	for (j = 0; j < lp->m; j++)
		sumf += fixed_cost[j];
	c = loc_penalized(lp, sumf);

	minsum_init(&ms, lp, c ? c : lp->cost, lp->weight);
	if (ldexp(1.0, nfree) * lp->n <= lp->exact_budget)
	{
		FcState		st;
		double		fsum = 0.0;

		st.ms = &ms;
		st.f = fixed_cost;
		st.nfree = 0;
		st.freeidx = palloc((nfree > 0 ? nfree : 1) * sizeof(int));
		st.cur = palloc0(lp->m * sizeof(bool));
		st.best = palloc0(lp->m * sizeof(bool));
		st.levels = palloc_extended(mul_size(mul_size(nfree + 1, lp->n), sizeof(double)),
									MCXT_ALLOC_HUGE);
		for (j = 0; j < lp->m; j++)
		{
			if (lp->fixed[j])
			{
				st.cur[j] = true;
				fsum += fixed_cost[j];
			}
			else
				st.freeidx[st.nfree++] = j;
		}
		for (i = 0; i < lp->n; i++)
		{
			double		best = INFINITY;

			for (j = 0; j < lp->m; j++)
				if (lp->fixed[j] && ms.c[(Size) i * lp->m + j] < best)
					best = ms.c[(Size) i * lp->m + j];
			st.levels[i] = best;
		}
		st.best_obj = INFINITY;
		if (lp->nfixed > 0)
		{
			/* the fixed sites alone are a candidate too */
			double		obj = fsum;

			for (i = 0; i < lp->n; i++)
				obj += lp->weight[i] * st.levels[i];
			st.best_obj = obj;
			memcpy(st.best, st.cur, lp->m * sizeof(bool));
		}
		fc_recurse(&st, 0, 0, fsum);
		memcpy(open, st.best, lp->m * sizeof(bool));
		sol->method = LOC_METHOD_ENUM;
		pfree(st.levels);
	}
	else
	{
		fc_heuristic(&ms, fixed_cost, open);
		sol->method = LOC_METHOD_FC_HEUR;
	}

	sol->open = palloc(lp->m * sizeof(int));
	sol->nopen = 0;
	sol->objective = 0.0;
	for (j = 0; j < lp->m; j++)
		if (open[j])
		{
			sol->open[sol->nopen++] = j;
			sol->objective += fixed_cost[j];
		}
	sol->objective += loc_true_total(lp, sol->open, sol->nopen);
	if (c)
		pfree(c);
	pfree(open);
}
