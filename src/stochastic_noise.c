/*
 * stochastic_noise.c
 *	  Demographic noise for STOCH_LANES draws at once (doc/stochastic.md):
 *	  per-lane xoshiro256** streams, binomial and Poisson samplers that run
 *	  over the lanes, and the noisy one-year step of a batch.
 *
 * Each lane is one draw with its own generator (seeded exactly as the
 * one-draw path seeds it: (seed, draw, region)), and a lane consumes random
 * numbers only according to its own values, so a draw does not depend on the
 * other draws of its batch.  The samplers are exact:
 *	 - a count that is certainly 0 (mean 0) draws nothing;
 *	 - otherwise one uniform u per lane; u <= 1 - mean is 0 at once (a lower
 *	   bound of P(0): 1 - n p <= (1 - p)^n, 1 - m <= exp(-m));
 *	 - means below STOCH_INVERSION_MAX are inverted: over all lanes together
 *	   where bounds of P(0) and P(X <= 1) settle the count (0 or 1), lane by
 *	   lane by summing the probabilities elsewhere (invert_by_bounds);
 *	 - larger means take the rejection samplers of src/stochastic_kernel.c
 *	   (Hörmann's PTRS and BTRS) on that lane's stream.
 *
 * The event structure of a cohort (start stock S, whole persons) is
 *	  emigrants  E  ~ Binomial(S, e)
 *	  immigrants I  ~ Poisson(I')
 *	  deaths     D  = Binomial(S - E, q (1 - k e) / (1 - e)) + Binomial(I, k q)
 * whose expectations are those of the deterministic step, e S, I' and
 * q (S + k (I' - e S)) (src/projection_kernel.c), with every trial count a
 * whole number and the end stock S - E - D + I never negative: no rounding
 * and no cap (only the death probability of stayers is capped at 1, reached
 * only where the deterministic cohort itself would turn negative).
 */
#include "postgres.h"

#include <math.h>

#include "projection_kernel.h"
#include "stochastic_kernel.h"
#include "stochastic_lanes.h"

#define L STOCH_LANES

/* Means below this are inverted over the lanes; above, rejection per lane. */
#define STOCH_INVERSION_MAX 10.0

/* Seed lane l for draw draws[l] of stream (as carestair_rng_seed). */
void
carestair_lane_rng_seed(LaneRng *r, uint64 seed, const int *draws, uint64 stream)
{
	int			l,
				i;

	for (l = 0; l < L; l++)
	{
		StochasticRng one;

		carestair_rng_seed(&one, seed, (uint64) draws[l], stream);
		for (i = 0; i < 4; i++)
			r->s[i][l] = one.s[i];
	}
}

/*
 * One uniform on [0, 1) (52 random bits) for each cell c < nc and lane l
 * whose need[c * L + l] is all ones, cell after cell; the other lanes'
 * generators do not advance.  The generators stay in local arrays for the
 * whole row, and the lanes are written without branches so that the
 * compiler runs them over vector registers.
 */
static pg_attribute_always_inline void
row_uniforms(LaneRng *r, const uint64 *need, double *u, int nc)
{
	uint64		s0[L],
				s1[L],
				s2[L],
				s3[L];
	int			c,
				l;

	memcpy(s0, r->s[0], sizeof(s0));
	memcpy(s1, r->s[1], sizeof(s1));
	memcpy(s2, r->s[2], sizeof(s2));
	memcpy(s3, r->s[3], sizeof(s3));
	for (c = 0; c < nc; c++)
	{
		const uint64 *m = need + (Size) c * L;
		uint64	   *bits = (uint64 *) (u + (Size) c * L);

		for (l = 0; l < L; l++)
		{
			uint64		a0 = s0[l],
						a1 = s1[l],
						a2 = s2[l],
						a3 = s3[l];
			uint64		x = a1 + (a1 << 2); /* a1 * 5 */
			uint64		t = a1 << 17;

			x = (x << 7) | (x >> 57);
			x = x + (x << 3);	/* * 9 */
			a2 ^= a0;
			a3 ^= a1;
			a1 ^= a2;
			a0 ^= a3;
			a2 ^= t;
			a3 = (a3 << 45) | (a3 >> 19);
			s0[l] = (a0 & m[l]) | (s0[l] & ~m[l]);
			s1[l] = (a1 & m[l]) | (s1[l] & ~m[l]);
			s2[l] = (a2 & m[l]) | (s2[l] & ~m[l]);
			s3[l] = (a3 & m[l]) | (s3[l] & ~m[l]);
			bits[l] = UINT64CONST(0x3FF0000000000000) | (x >> 12);
		}
	}
	memcpy(r->s[0], s0, sizeof(s0));
	memcpy(r->s[1], s1, sizeof(s1));
	memcpy(r->s[2], s2, sizeof(s2));
	memcpy(r->s[3], s3, sizeof(s3));
	for (c = 0; c < nc * L; c++)
	{
		double		d;

		memcpy(&d, &u[c], sizeof(d));
		u[c] = d - 1.0;
	}
}

/*
 * Run a scalar sampler of src/stochastic_kernel.c on lane l's stream: the
 * lane's state is its xoshiro256** state, so the lane continues where the
 * sampler left it.
 */
static double
lane_scalar(LaneRng *r, int l, double (*sampler) (void *, double, double),
			double a, double b)
{
	StochasticRng one;
	double		x;
	int			i;

	for (i = 0; i < 4; i++)
		one.s[i] = r->s[i][l];
	one.has_spare = false;
	one.spare = 0.0;
	x = sampler(&one, a, b);
	for (i = 0; i < 4; i++)
		r->s[i][l] = one.s[i];
	return x;
}

static double
poisson2(void *rng, double mean, double unused)
{
	return carestair_rng_poisson(rng, mean);
}

/*
 * Event counts of nc cells of every lane ([nc][L]): Binomial(n, p) (n whole,
 * p in [0, 1]) or, if poisson, Poisson(p) (n unused).  out may alias
 * neither input.
 *
 * Every lane of a cell with a positive mean below STOCH_INVERSION_MAX takes
 * one uniform u (cell after cell, so a lane's stream depends on its own
 * values only), and the count is where u falls in the distribution.  The
 * bounds
 *	  1 - m <= P(0) <= 1 - m + m^2/2	  (1 - m <= (1 - p)^n <= exp(-m))
 *	  P(X <= 1) >= 1 - m^2				  ((1 - p)^(n-1) (1 + (n-1) p) >= 1 - m^2)
 * of a binomial or Poisson count of mean m settle it over all lanes at once
 * where u <= 1 - m (0) or 1 - m + m^2/2 < u <= 1 - m^2 (1), each with a
 * margin of 1e-9 over the rounding; the rest (probability about 1.5 m^2) is
 * inverted exactly by summing the probabilities.  Larger means take the
 * rejection samplers (BTRS, PTRS) on the lane's stream after the row.
 */
static pg_attribute_always_inline void
sample_row(LaneRng *r, bool poisson, const double *restrict n,
		   const double *restrict p, double *restrict out, int nc)
{
	double		pp[STOCH_ROW_MAX * L],
				m[STOCH_ROW_MAX * L],
				u[STOCH_ROW_MAX * L];
	uint64		need[STOCH_ROW_MAX * L],
				exact[STOCH_ROW_MAX * L];
	uint64		any = 0,
				big = 0,
				ex = 0;
	int			c,
				l;

	Assert(nc <= STOCH_ROW_MAX);
	/* Loops over a constant number of lanes: the compiler vectorizes them. */
	for (c = 0; c < nc; c++)
	{
		const double *pc = p + (Size) c * L;
		double	   *ppc = pp + (Size) c * L;
		double	   *mc = m + (Size) c * L;
		uint64	   *nd = need + (Size) c * L;
		uint64		a = 0,
					b = 0;

		for (l = 0; l < L; l++)
		{
			double		q = pc[l] > 0.5 ? 1.0 - pc[l] : pc[l];
			double		mm = poisson ? pc[l] : n[(Size) c * L + l] * q;
			uint64		pos = mm > 0.0 ? ~UINT64CONST(0) : 0;
			uint64		large = mm >= STOCH_INVERSION_MAX ? ~UINT64CONST(0) : 0;

			ppc[l] = q;
			mc[l] = mm;
			nd[l] = pos & ~large;
			a |= pos;
			b |= large;
		}
		any |= a;
		big |= b;
	}
	for (c = 0; c < nc * L; c++)
		out[c] = 0.0;
	if (!any)
		return;
	row_uniforms(r, need, u, nc);
	for (c = 0; c < nc; c++)
	{
		const double *uc = u + (Size) c * L;
		const double *mc = m + (Size) c * L;
		const uint64 *nd = need + (Size) c * L;
		double	   *oc = out + (Size) c * L;
		uint64	   *xc = exact + (Size) c * L;
		uint64		e = 0;

		for (l = 0; l < L; l++)
		{
			double		m2 = mc[l] * mc[l];
			uint64		zero = uc[l] <= 1.0 - mc[l] - 1e-9 ? ~UINT64CONST(0) : 0;
			uint64		one = (uc[l] > 1.0 - mc[l] + 0.5 * m2 + 1e-9 ? ~UINT64CONST(0) : 0) &
				(uc[l] <= 1.0 - m2 - 1e-9 ? ~UINT64CONST(0) : 0);

			oc[l] = (nd[l] & one) ? 1.0 : 0.0;
			xc[l] = nd[l] & ~zero & ~one;
			e |= xc[l];
		}
		ex |= e;
	}
	if (ex)
		for (c = 0; c < nc * L; c++)
			if (exact[c])
				out[c] = poisson ? carestair_poisson_inverse(u[c], m[c]) :
					carestair_binomial_inverse(u[c], n[c], pp[c]);
	if (big)
		for (c = 0; c < nc * L; c++)
			if (m[c] >= STOCH_INVERSION_MAX)
				out[c] = poisson ? lane_scalar(r, c % L, poisson2, m[c], 0.0) :
					lane_scalar(r, c % L, carestair_rng_binomial, n[c], pp[c]);
	if (!poisson)
		for (c = 0; c < nc; c++)
			for (l = 0; l < L; l++)
			{
				Size		i = (Size) c * L + l;

				out[i] = p[i] > 0.5 ? n[i] - out[i] : out[i];
			}
}

/* Binomial(n, p) counts of a row (see sample_row). */
static STOCH_SIMD_CLONES void
binomial_row(LaneRng *r, const double *n, const double *p, double *out, int nc)
{
	sample_row(r, false, n, p, out, nc);
}

/* Poisson(mean) counts of a row (see sample_row). */
static STOCH_SIMD_CLONES void
poisson_row(LaneRng *r, const double *mean, double *out, int nc)
{
	sample_row(r, true, NULL, mean, out, nc);
}

/*
 * The events of nc cohorts of every lane ([nc][L]; see the file header):
 * start stock s (whole persons), emigration rate e and probability of dying
 * q (already multiplied and capped), expected immigrants lam, migrant
 * exposure k; writes the end stock.
 */
static void
noisy_cohorts(LaneRng *r, int nc, const double *s, const double *e,
			  const double *q, const double *lam, double k, double *end)
{
	int			N = nc * L;
	double		em[STOCH_ROW_MAX * L],
				im[STOCH_ROW_MAX * L],
				stay[STOCH_ROW_MAX * L],
				qs[STOCH_ROW_MAX * L],
				qi[STOCH_ROW_MAX * L],
				d1[STOCH_ROW_MAX * L],
				d2[STOCH_ROW_MAX * L];
	int			i;

	binomial_row(r, s, e, em, nc);
	poisson_row(r, lam, im, nc);
	for (i = 0; i < N; i++)
	{
		double		qq = e[i] < 1.0 ? q[i] * (1.0 - k * e[i]) / (1.0 - e[i]) : 0.0;

		stay[i] = s[i] - em[i];
		qs[i] = carestair_cap1(qq);
		qi[i] = k * q[i];
	}
	binomial_row(r, stay, qs, d1, nc);
	binomial_row(r, im, qi, d2, nc);
	for (i = 0; i < N; i++)
		end[i] = stay[i] - d1[i] + im[i] - d2[i];
}

/*
 * Round each lane's cells of p ([cells][L]) to whole persons at random,
 * up with probability the fraction: the expectation is unchanged.  Cells
 * that are whole numbers draw nothing.
 */
void
carestair_lanes_round(LaneRng *r, double *p, int cells)
{
	int			c,
				l;

	for (c = 0; c < cells; c++)
	{
		double	   *v = p + (Size) c * L;
		double		f[L],
					u[L];
		uint64		need[L];
		bool		any = false;

		for (l = 0; l < L; l++)
		{
			f[l] = v[l] - floor(v[l]);
			need[l] = f[l] > 0.0 ? ~UINT64CONST(0) : 0;
			any |= f[l] > 0.0;
		}
		if (!any)
			continue;
		row_uniforms(r, need, u, 1);
		for (l = 0; l < L; l++)
			v[l] = floor(v[l]) + ((need[l] && u[l] < f[l]) ? 1.0 : 0.0);
	}
}

/*
 * carestair_lanes_step_noisy: advance the batch p ([2][nages][L], whole
 * persons) by one year into p_end, drawing every event count: the cohorts
 * aged 1 and over of each sex as one row, then the births, then the
 * newborns of both sexes.
 */
void
carestair_lanes_step_noisy(const LaneStepInput *in, LaneRng *r, const double *p,
						   double *p_end)
{
	int			n = in->nages;
	int			A = n - 1;
	double		s[STOCH_ROW_MAX * L],
				e[STOCH_ROW_MAX * L],
				q[STOCH_ROW_MAX * L],
				lam[STOCH_ROW_MAX * L];
	double		total[L],
				births[2][L],
				pboy[L],
				end0[2 * L];
	int			sex,
				a,
				l;

	Assert(n <= STOCH_ROW_MAX);
	for (sex = 0; sex < 2; sex++)
	{
		const double *ps = p + (Size) sex * n * L;
		int			c = sex * n;

		for (a = 1; a <= A; a++)
			for (l = 0; l < L; l++)
			{
				Size		i = (Size) (a - 1) * L + l;

				s[i] = ps[i] + (a == A ? ps[(Size) A * L + l] : 0.0);
				e[i] = carestair_cap1(in->emigration_rate[c + a] * in->emi_mult[l]);
				q[i] = carestair_cap1(in->q[c + a] * in->mort_mult[l]);
				lam[i] = in->immigrants[c + a] * in->imm_mult[l];
			}
		noisy_cohorts(r, A, s, e, q, lam, 0.5, p_end + (Size) (sex * n + 1) * L);
	}

	carestair_lanes_mothers(in, p, p_end, total);
	for (l = 0; l < L; l++)
	{
		total[l] *= in->fert_mult[l];
		pboy[l] = in->sex_ratio / (1.0 + in->sex_ratio);
	}
	poisson_row(r, total, births[1], 1); /* all births */
	binomial_row(r, births[1], pboy, births[0], 1);	/* boys */

	/* Newborns of both sexes as a row of two cells. */
	for (sex = 0; sex < 2; sex++)
	{
		int			c = sex * n;

		for (l = 0; l < L; l++)
		{
			Size		i = (Size) sex * L + l;

			s[i] = sex == 0 ? births[0][l] : births[1][l] - births[0][l];
			e[i] = carestair_cap1(in->emigration_rate[c] * in->emi_mult[l]);
			q[i] = carestair_cap1(in->q[c] * in->mort_mult[l]);
			lam[i] = in->immigrants[c] * in->imm_mult[l];
		}
	}
	noisy_cohorts(r, 2, s, e, q, lam, in->age0_exposure, end0);
	for (sex = 0; sex < 2; sex++)
		memcpy(p_end + (Size) sex * n * L, end0 + sex * L, L * sizeof(double));
}
