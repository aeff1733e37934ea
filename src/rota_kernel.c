/*
 * rota_kernel.c
 *	  Cyclic rota (turnus) generation by simulated annealing, on plain arrays.
 *
 * Method (doc/rota.md):
 *	  1. Prechecks that prove infeasibility cheaply and name the binding rule:
 *		 daily coverage by competence, weekend frequency against headcount,
 *		 hours of the positions against hours of the plan.
 *	  2. Weekend phases: positions ordered by competence take turns, the i-th
 *		 working the weekends w with w mod k = i mod k; moves that would put a
 *		 position on another weekend are refused, so the weekend rule holds by
 *		 construction.
 *	  3. A greedy start: day by day, shift by shift, from the highest
 *		 competence down, the off-duty position of that competence (or
 *		 higher, in its weekend phase) with the most hours left.
 *	  4. Simulated annealing (Kirkpatrick, Gelatt and Vecchi 1983) over the
 *		 cells (position, day) -> shift or off, with five moves: repair an
 *		 under-covered shift with a position of the missing competence, set
 *		 one cell, swap two positions on one day, swap a whole weekend between
 *		 two positions, swap two days of one position.
 *		 Cost = 10 * hard penalty + soft penalty.  Hard: coverage shortfall,
 *		 daily rest, weekly rest, consecutive days, weekend frequency, hours
 *		 outside the tolerance.  Soft (fairness): nights (weight 2) and weekend
 *		 shifts (0.5) away from the position's share by size within its
 *		 competence, split weekends, over-staffed shifts, distance from the
 *		 exact hour target.  Temperature falls geometrically from 5 to 0.05
 *		 over max_iterations.
 *	  5. It stops at max_iterations, at the time budget (a safety cap, the
 *		 only non-deterministic stop), or after a polish phase once a rota
 *		 without hard penalty is found.
 * Random numbers: PostgreSQL's pg_prng (xoroshiro128**), seeded by the
 * caller, so a given seed and iteration count give the same rota.
 * The generator's bookkeeping is its own; rota_check.c verifies the result
 * independently.
 */
#include "postgres.h"

#include <math.h>

#include "common/pg_prng.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "portability/instr_time.h"

#include "rota_search.h"

#define HARD_WEIGHT 10.0
#define T_START 5.0
#define T_END 0.05
#define ROTA_EPOCH 2000000		/* iterations of the first annealing run;
								 * each restart runs 1.5 times longer */

/* Search state. */
typedef struct Search
{
	const RotaProblem *p;
	int		   *x;				/* [npos * ndays] */
	int		   *cov;			/* [ndays][nshift][LEVELS] persons by exact level */
	double	   *row_hard;		/* [npos] */
	double	   *row_soft;		/* [npos] */
	double	   *cell_hard;		/* [ndays * nshift] */
	double	   *cell_soft;
	bool	   *is_night;		/* [nshift] */
	double	   *night_target;	/* [npos] night shifts in the cycle */
	double	   *weekend_target; /* [npos] weekend shifts in the cycle */
	int		   *phase;			/* [npos] works weekends w with w mod k = phase */
	double		hard;
	double		soft;
} Search;

#define X(S, pos, d) ((S)->x[(size_t) (pos) * (S)->p->ndays + (d)])
#define COV(S, d, s, l) ((S)->cov[(((size_t) (d) * (S)->p->nshift + (s)) * ROTA_LEVELS) + (l)])

/* Persons needed at competence >= lev (1..3) on day d of the cycle, shift s. */
static inline int
need_ge(const RotaProblem *p, int d, int s, int lev)
{
	return rota_need_ge(p, d % 7, s, lev);
}

/* A night shift has at least 3 hours between 21:00 and 06:00 (AML § 10-11). */
static bool
shift_is_night(int start, int end)
{
	int			m = 0;
	int			k;

	for (k = -1; k <= 1; k++)
	{
		int			ws = k * 1440 + 1260;
		int			we = k * 1440 + 1800;

		m += Max(0, Min(end, we) - Max(start, ws));
	}
	return m >= 180;
}

/* Hard and soft cost of one (day, shift) cell from the coverage counts. */
static void
cell_cost(Search *S, int d, int s, double *hard, double *soft)
{
	const RotaProblem *p = S->p;
	int			lev;
	int			have = 0;
	double		h = 0;

	for (lev = ROTA_LEVELS; lev >= 1; lev--)
	{
		int			n = need_ge(p, d, s, lev);

		have += COV(S, d, s, lev - 1);
		if (have < n)
			h += n - have;
	}
	*hard = h;
	*soft = 2.0 * Max(0, have - need_ge(p, d, s, 1));
}

/*
 * Hard and soft cost of one position's row: the generator's own reading of
 * the rules (see rota_check.c for the checker's).
 */
static void
row_cost(Search *S, int pos, double *hard, double *soft)
{
	const RotaProblem *p = S->p;
	int			nd = p->ndays;
	const int  *row = S->x + (size_t) pos * nd;
	double		h = 0,
				sf = 0;
	long		worked = 0;
	int			nights = 0,
				wend = 0,
				offs = 0;
	int			d,
				w,
				i;
	double		target,
				dev;

	for (d = 0; d < nd; d++)
	{
		int			s = row[d];
		int			k;

		if (s == ROTA_OFF)
		{
			offs++;
			continue;
		}
		worked += p->end[s] - p->start[s];
		if (S->is_night[s])
			nights++;
		if (d % 7 >= 5)
			wend++;
		/* rest to the next worked day, cyclic */
		for (k = 1; k <= nd; k++)
		{
			int			s2 = row[(d + k) % nd];

			if (s2 != ROTA_OFF)
			{
				long		gap = (long) k * 1440 + p->start[s2] - p->end[s];

				if (gap < p->daily_rest)
					h += 1.0 + (p->daily_rest - gap) / 60.0;
				break;
			}
		}
	}

	/* weekly rest: the previous day's shift may reach into the week */
	for (w = 0; w < p->weeks; w++)
	{
		long		lo = (long) w * 10080,
					hi = lo + 10080,
					free_from = lo,
					longest = 0;

		for (d = w * 7 - 1; d < w * 7 + 7; d++)
		{
			int			s = row[(d + nd) % nd];
			long		a,
						b;

			if (s == ROTA_OFF)
				continue;
			a = (long) d * 1440 + p->start[s];
			b = (long) d * 1440 + p->end[s];
			if (b <= lo)
				continue;
			if (a > free_from)
				longest = Max(longest, a - free_from);
			free_from = Max(free_from, b);
		}
		longest = Max(longest, hi - free_from);
		if (longest < p->weekly_rest)
			h += 1.0 + (p->weekly_rest - longest) / 60.0;
	}

	/* consecutive days, cyclic */
	if (offs == 0)
		h += Max(1, nd - p->max_consecutive);	/* the run never ends */
	else
		for (d = 0; d < nd; d++)
		{
			int			run = 0;

			if (row[d] == ROTA_OFF || row[(d + nd - 1) % nd] != ROTA_OFF)
				continue;
			while (row[(d + run) % nd] != ROTA_OFF)
				run++;
			if (run > p->max_consecutive)
				h += run - p->max_consecutive;
		}

	/* weekends */
	for (w = 0; w < p->weeks; w++)
	{
		int			count = 0;

		for (i = 0; i < p->weekend_every && i < p->weeks; i++)
		{
			int			b = ((w + i) % p->weeks) * 7;
			bool		sat = row[b + 5] != ROTA_OFF;
			bool		sun = row[b + 6] != ROTA_OFF;

			if (sat || sun)
				count++;
			if (i == 0 && sat != sun)
				sf += 1.0;		/* split weekend */
		}
		if (count > 1)
			h += count - 1;
	}

	/* hours */
	target = rota_target_minutes(p, pos);
	dev = fabs(worked - target);
	if (dev > p->hours_tolerance)
		h += 1.0 + (dev - p->hours_tolerance) / 450.0;
	sf += dev / 600.0;

	/* fairness */
	sf += 2.0 * (nights - S->night_target[pos]) * (nights - S->night_target[pos]);
	sf += 0.5 * (wend - S->weekend_target[pos]) * (wend - S->weekend_target[pos]);

	*hard = h;
	*soft = sf;
}

static void
refresh_row(Search *S, int pos)
{
	double		h,
				s;

	row_cost(S, pos, &h, &s);
	S->hard += h - S->row_hard[pos];
	S->soft += s - S->row_soft[pos];
	S->row_hard[pos] = h;
	S->row_soft[pos] = s;
}

static void
refresh_cell(Search *S, int d, int s)
{
	double		h,
				sf;
	size_t		i = (size_t) d * S->p->nshift + s;

	if (s < 0)
		return;
	cell_cost(S, d, s, &h, &sf);
	S->hard += h - S->cell_hard[i];
	S->soft += sf - S->cell_soft[i];
	S->cell_hard[i] = h;
	S->cell_soft[i] = sf;
}

/* Set cell (pos, d) to v, keeping coverage counts (costs refreshed by caller). */
static void
set_cell(Search *S, int pos, int d, int v)
{
	int			old = X(S, pos, d);
	int			l = S->p->level[pos] - 1;

	if (old != ROTA_OFF)
		COV(S, d, old, l)--;
	if (v != ROTA_OFF)
		COV(S, d, v, l)++;
	X(S, pos, d) = v;
}

/*
 * Weekend phases: positions sorted by competence (highest first, then
 * index) take turns, the i-th working the weekends w with w mod k = i mod k.
 * Every phase then holds as even a share as possible of the positions at
 * or above each competence, and the weekend rule holds by construction:
 * the search never puts a position on a weekend outside its phase.
 */
static void
assign_phases(Search *S)
{
	const RotaProblem *p = S->p;
	int			lev,
				pos,
				i = 0;

	for (lev = ROTA_LEVELS; lev >= 1; lev--)
		for (pos = 0; pos < p->npos; pos++)
			if (p->level[pos] == lev)
				S->phase[pos] = i++ % p->weekend_every;
}

/* May position pos work shift v on day d under its weekend phase? */
static inline bool
allowed(const Search *S, int pos, int d, int v)
{
	return v == ROTA_OFF || d % 7 < 5 ||
		S->phase[pos] == (d / 7) % S->p->weekend_every;
}

/*
 * Can position of competence lev leave shift s on day d without leaving it
 * short at any level it counts for?
 */
static bool
has_room(const Search *S, int d, int s, int lev)
{
	int			have = 0,
				l;

	for (l = ROTA_LEVELS; l >= 1; l--)
	{
		have += COV(S, d, s, l - 1);
		if (l <= lev && have - 1 < need_ge(S->p, d, s, l))
			return false;
	}
	return true;
}

/* One cell change of a move, kept for undoing it. */
typedef struct Change
{
	int			pos;
	int			day;
	int			val;			/* new value */
	int			old;			/* value before the move */
} Change;

#define ADD_CHANGE(P, D, V) \
	do { \
		ch[nch].pos = (P); ch[nch].day = (D); ch[nch].val = (V); \
		ch[nch].old = X(&S, (P), (D)); nch++; \
	} while (0)

/*
 * Apply a move's changes (or undo them, in reverse order), then refresh the
 * cost of every touched row and (day, shift) cell.
 */
static void
apply_changes(Search *S, const Change *ch, int n, bool undo)
{
	int			i,
				j;

	for (i = 0; i < n; i++)
	{
		const Change *c = &ch[undo ? n - 1 - i : i];

		set_cell(S, c->pos, c->day, undo ? c->old : c->val);
	}
	for (i = 0; i < n; i++)
	{
		bool		dup = false;

		refresh_cell(S, ch[i].day, ch[i].old);
		refresh_cell(S, ch[i].day, ch[i].val);
		for (j = 0; j < i && !dup; j++)
			dup = ch[j].pos == ch[i].pos;
		if (!dup)
			refresh_row(S, ch[i].pos);
	}
}

/* Greedy start: fill each need with the off-duty position of that level
 * (or higher) with the most minutes left to its target. */
static void
greedy_start(Search *S)
{
	const RotaProblem *p = S->p;
	double	   *left = palloc(mul_size(p->npos, sizeof(double)));
	int		   *phase = S->phase;
	int			d,
				s,
				lev,
				pos;

	for (pos = 0; pos < p->npos; pos++)
		left[pos] = rota_target_minutes(p, pos);
	for (d = 0; d < p->ndays; d++)
	{
		CHECK_FOR_INTERRUPTS();
		for (s = 0; s < p->nshift; s++)
			for (lev = ROTA_LEVELS; lev >= 1; lev--)
			{
				int			n = p->need[((d % 7) * p->nshift + s) * ROTA_LEVELS + lev - 1];

				while (n-- > 0)
				{
					int			best = -1;

					for (pos = 0; pos < p->npos; pos++)
					{
						if (X(S, pos, d) != ROTA_OFF || p->level[pos] < lev)
							continue;
						if (d % 7 >= 5 && phase[pos] != (d / 7) % p->weekend_every)
							continue;
						/* prefer the exact level, then the most hours left */
						if (best < 0 ||
							(p->level[pos] == lev) > (p->level[best] == lev) ||
							((p->level[pos] == lev) == (p->level[best] == lev) &&
							 left[pos] > left[best]))
							best = pos;
					}
					if (best < 0)
						break;
					set_cell(S, best, d, s);
					left[best] -= p->end[s] - p->start[s];
				}
			}
	}
	pfree(left);
}

/* Elapsed milliseconds since start. */
static double
elapsed_ms(instr_time start)
{
	instr_time	now;

	INSTR_TIME_SET_CURRENT(now);
	INSTR_TIME_SUBTRACT(now, start);
	return INSTR_TIME_GET_MILLISEC(now);
}

/*
 * Search for a rota.  res->x receives the best rota found (least hard
 * penalty, then least soft), res->hard its hard penalty (0: every rule
 * holds by the generator's reading; the caller re-checks with the checker).
 */
void
carestair_rota_search(const RotaProblem *p, uint64 seed, int64 max_iterations,
					  double time_budget_ms, RotaResult *res)
{
	Search		S;
	pg_prng_state rng;
	instr_time	t0;
	size_t		ncell = mul_size(p->npos, p->ndays);
	size_t		ncov = mul_size(mul_size(p->ndays, p->nshift), ROTA_LEVELS);
	int		   *best;
	double		best_hard,
				best_soft,
				total_size = 0,
				nights_needed = 0,
				weekend_needed = 0;
	int64		it,
				feasible_at = -1,
				polish,
				epoch_len,
				epoch_start = 0;
	Change	   *ch;
	double		cool;
	int			pos,
				d,
				s;

	INSTR_TIME_SET_CURRENT(t0);
	pg_prng_seed(&rng, seed);

	memset(&S, 0, sizeof(S));
	S.p = p;
	S.x = palloc(mul_size(ncell, sizeof(int)));
	for (size_t i = 0; i < ncell; i++)
		S.x[i] = ROTA_OFF;
	S.cov = palloc0(mul_size(ncov, sizeof(int)));
	S.row_hard = palloc0(mul_size(p->npos, sizeof(double)));
	S.row_soft = palloc0(mul_size(p->npos, sizeof(double)));
	S.cell_hard = palloc0(mul_size(mul_size(p->ndays, p->nshift), sizeof(double)));
	S.cell_soft = palloc0(mul_size(mul_size(p->ndays, p->nshift), sizeof(double)));
	S.is_night = palloc(mul_size(p->nshift, sizeof(bool)));
	S.night_target = palloc(mul_size(p->npos, sizeof(double)));
	S.weekend_target = palloc(mul_size(p->npos, sizeof(double)));
	S.phase = palloc(mul_size(p->npos, sizeof(int)));
	assign_phases(&S);

	for (s = 0; s < p->nshift; s++)
		S.is_night[s] = shift_is_night(p->start[s], p->end[s]);
	/*
	 * Fairness targets per competence: the nights and weekend shifts needed
	 * at exactly level l, shared among the positions of level l by size.
	 */
	for (int lev = 1; lev <= ROTA_LEVELS; lev++)
	{
		total_size = nights_needed = weekend_needed = 0;
		for (pos = 0; pos < p->npos; pos++)
			if (p->level[pos] == lev)
				total_size += p->size[pos];
		for (d = 0; d < p->ndays; d++)
			for (s = 0; s < p->nshift; s++)
			{
				int			n = p->need[((d % 7) * p->nshift + s) * ROTA_LEVELS + lev - 1];

				if (S.is_night[s])
					nights_needed += n;
				if (d % 7 >= 5)
					weekend_needed += n;
			}
		for (pos = 0; pos < p->npos; pos++)
			if (p->level[pos] == lev)
			{
				S.night_target[pos] = nights_needed * p->size[pos] / total_size;
				S.weekend_target[pos] = weekend_needed * p->size[pos] / total_size;
			}
	}

	greedy_start(&S);
	for (pos = 0; pos < p->npos; pos++)
		refresh_row(&S, pos);
	for (d = 0; d < p->ndays; d++)
		for (s = 0; s < p->nshift; s++)
			refresh_cell(&S, d, s);

	best = palloc(mul_size(ncell, sizeof(int)));
	memcpy(best, S.x, ncell * sizeof(int));
	best_hard = S.hard;
	best_soft = S.soft;
	polish = Max((int64) 20000, (int64) 20 * (int64) ncell);
	cool = log(T_END / T_START);
	res->timed_out = false;
	res->restarts = 0;
	epoch_len = Min(max_iterations, (int64) ROTA_EPOCH);
	ch = palloc(mul_size(4 * p->weeks + 4, sizeof(Change)));

	for (it = 0; it < max_iterations; it++)
	{
		double		temp;
		double		before = HARD_WEIGHT * S.hard + S.soft;
		double		after;
		double		r = pg_prng_double(&rng);
		int			pa,
					pb,
					da,
					db,
					va,
					vb;
		int			nch;
		bool		phase_swap = false,
					compensate;

		/*
		 * Restarts: an annealing run that ends without a rota free of hard
		 * penalty starts again, hot, from where it stands.
		 */
		if (it - epoch_start >= epoch_len && feasible_at < 0)
		{
			epoch_start = it;
			epoch_len += epoch_len / 2;
			res->restarts++;
		}
		temp = T_START * exp(cool * Min(1.0, (double) (it - epoch_start) / (double) epoch_len));

		if ((it & 1023) == 0)
		{
			CHECK_FOR_INTERRUPTS();
			if (elapsed_ms(t0) > time_budget_ms)
			{
				res->timed_out = true;
				break;
			}
		}
		if (feasible_at >= 0 && it - feasible_at > polish)
			break;

		pa = (int) pg_prng_uint64_range(&rng, 0, p->npos - 1);
		da = (int) pg_prng_uint64_range(&rng, 0, p->ndays - 1);
		va = X(&S, pa, da);
		nch = 0;
		if (r < 0.1)
		{
			/*
			 * Repair: the first under-covered (day, shift) from a random
			 * cell gets a random position of the missing competence or
			 * higher, off duty if one is found in 20 tries, else moved
			 * from another shift that day.
			 */
			size_t		nc = (size_t) p->ndays * p->nshift;
			size_t		c0 = (size_t) pg_prng_uint64_range(&rng, 0, nc - 1);
			size_t		k;
			int			lev = 0,
						tries;

			vb = 0;

			for (k = 0; k < nc && lev == 0; k++)
			{
				size_t		c = (c0 + k) % nc;
				int			have = 0,
							l;

				if (S.cell_hard[c] < 0.5)
					continue;
				for (l = ROTA_LEVELS; l >= 1 && lev == 0; l--)
				{
					have += COV(&S, c / p->nshift, c % p->nshift, l - 1);
					if (have < need_ge(p, c / p->nshift, c % p->nshift, l))
						lev = l;
				}
				da = (int) (c / p->nshift);
				vb = (int) (c % p->nshift);
			}
			if (lev == 0)
				continue;
			for (tries = 0; tries < 40; tries++)
			{
				pa = (int) pg_prng_uint64_range(&rng, 0, p->npos - 1);
				if (p->level[pa] >= lev && X(&S, pa, da) != vb &&
					allowed(&S, pa, da, vb) &&
					(X(&S, pa, da) == ROTA_OFF || tries >= 20))
					break;
			}
			if (tries == 40)
				continue;
			compensate = X(&S, pa, da) == ROTA_OFF && r < 0.07;
			ADD_CHANGE(pa, da, vb);
			if (compensate)
			{
				/*
				 * Keep pa's hours: take pa off a shift on another day whose
				 * coverage has room for it, of the same length if there is
				 * one (constraint-aware: neither coverage nor hours worsen).
				 */
				int			len = p->end[vb] - p->start[vb];
				int			d0 = (int) pg_prng_uint64_range(&rng, 0, p->ndays - 1);
				int			pick = -1,
							j;

				for (j = 0; j < p->ndays; j++)
				{
					int			dd = (d0 + j) % p->ndays;
					int			w = X(&S, pa, dd);

					if (dd == da || w == ROTA_OFF || !has_room(&S, dd, w, p->level[pa]))
						continue;
					if (p->end[w] - p->start[w] == len)
					{
						pick = dd;
						break;
					}
					if (pick < 0)
						pick = dd;
				}
				if (pick >= 0)
					ADD_CHANGE(pa, pick, ROTA_OFF);
			}
		}
		else if (r < 0.12 && p->npos > 1 && p->weekend_every > 1)
		{
			/*
			 * Swap the weekend phases of two positions of the same
			 * competence, with all their weekend shifts: coverage stays, the
			 * hours and rest around the weekends change.
			 */
			int			w;

			pb = (int) pg_prng_uint64_range(&rng, 0, p->npos - 1);
			if (pb == pa || p->level[pa] != p->level[pb] || S.phase[pa] == S.phase[pb])
				continue;
			for (w = 0; w < p->weeks; w++)
			{
				int			sat = w * 7 + 5;

				if (X(&S, pa, sat) != X(&S, pb, sat))
				{
					ADD_CHANGE(pa, sat, X(&S, pb, sat));
					ADD_CHANGE(pb, sat, ch[nch - 1].old);
				}
				if (X(&S, pa, sat + 1) != X(&S, pb, sat + 1))
				{
					ADD_CHANGE(pa, sat + 1, X(&S, pb, sat + 1));
					ADD_CHANGE(pb, sat + 1, ch[nch - 1].old);
				}
			}
			phase_swap = true;
		}
		else if (r < 0.4)
		{
			/* set one cell to another value */
			int			v = (int) pg_prng_uint64_range(&rng, 0, p->nshift) - 1;

			if (v == va)
				continue;
			ADD_CHANGE(pa, da, v);
		}
		else if (r < 0.7 && p->npos > 1)
		{
			/* swap two positions on one day */
			pb = (int) pg_prng_uint64_range(&rng, 0, p->npos - 1);
			vb = X(&S, pb, da);
			if (pb == pa || vb == va)
				continue;
			ADD_CHANGE(pa, da, vb);
			ADD_CHANGE(pb, da, va);
		}
		else if (r < 0.85 && p->npos > 1)
		{
			/* swap a whole weekend (Saturday and Sunday) between two positions */
			int			sat = (da / 7) * 7 + 5;

			pb = (int) pg_prng_uint64_range(&rng, 0, p->npos - 1);
			if (pb == pa || (X(&S, pa, sat) == X(&S, pb, sat) &&
							 X(&S, pa, sat + 1) == X(&S, pb, sat + 1)))
				continue;
			ADD_CHANGE(pa, sat, X(&S, pb, sat));
			ADD_CHANGE(pa, sat + 1, X(&S, pb, sat + 1));
			ADD_CHANGE(pb, sat, ch[0].old);
			ADD_CHANGE(pb, sat + 1, ch[1].old);
		}
		else
		{
			/* swap two days of one position */
			db = (int) pg_prng_uint64_range(&rng, 0, p->ndays - 1);
			vb = X(&S, pa, db);
			if (db == da || vb == va)
				continue;
			ADD_CHANGE(pa, da, vb);
			ADD_CHANGE(pa, db, va);
		}
		if (phase_swap)
		{
			int			tmp = S.phase[pa];

			S.phase[pa] = S.phase[pb];
			S.phase[pb] = tmp;
		}
		else
		{
			bool		ok = true;
			int			k;

			for (k = 0; k < nch && ok; k++)
				ok = allowed(&S, ch[k].pos, ch[k].day, ch[k].val);
			if (!ok)
				continue;
		}
		if (nch == 0)
			continue;
		apply_changes(&S, ch, nch, false);

		after = HARD_WEIGHT * S.hard + S.soft;
		if (after <= before || pg_prng_double(&rng) < exp((before - after) / temp))
		{
			/* accepted; remember the best */
			if (S.hard < best_hard - 1e-6 ||
				(S.hard < best_hard + 1e-6 && S.soft < best_soft - 1e-6))
			{
				memcpy(best, S.x, ncell * sizeof(int));
				best_hard = S.hard;
				best_soft = S.soft;
			}
			if (S.hard < 1e-6 && feasible_at < 0)
				feasible_at = it;
			continue;
		}
		/* rejected: undo */
		apply_changes(&S, ch, nch, true);
		if (phase_swap)
		{
			int			tmp = S.phase[pa];

			S.phase[pa] = S.phase[pb];
			S.phase[pb] = tmp;
		}
	}
	pfree(ch);

	res->x = best;
	res->iterations = it;
	res->elapsed_ms = elapsed_ms(t0);
	res->hard = best_hard < 1e-6 ? 0 : best_hard;
}
