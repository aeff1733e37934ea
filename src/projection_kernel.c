/*
 * projection_kernel.c
 *	  One cohort-component step, by single-year age and sex, on flat arrays.
 *
 * Method (doc/projection.md states it for analysts, and must stay identical):
 * population on 1 January, events in the calendar year, age at the end of the
 * year (SSB's "alder ved utgangen av året"), so that a cohort keeps one age
 * index through the year.  For sex s, cohort age a = 0..A (A the open group):
 *
 *	 start stock  S(s,a) = P(s,a-1,t) for 1 <= a < A,
 *				  S(s,A) = P(s,A-1,t) + P(s,A,t),  S(s,0) = N(s) (newborns);
 *	 emigrants	  E(s,a) = e(s,a) * S(s,a);
 *	 immigrants   I(s,a) = given counts;
 *	 deaths		  D(s,a) = q(s,a) * (S(s,a) + k_a * (I(s,a) - E(s,a))),
 *				  k_a = 1/2 for a >= 1 and k_0 = age0_exposure (default 1/2;
 *				  the Swiss FSO uses 2/3);
 *	 end stock	  P(s,a,t+1) = S - D - E + I;
 *	 births		  B = sum over a >= 1 of f(a) * (S(2,a) + P(2,a,t+1)) / 2,
 *				  N(1) = B * srb / (1 + srb), N(2) = B / (1 + srb).
 *
 * The female stock at ages >= 1 is projected before births are computed, so
 * the averaged exposure of mothers uses the end-of-year stock of the same step.
 *
 * The stochastic projection (src/stochastic.c, doc/stochastic.md) runs the
 * same step through carestair_projection_step_noisy: per-step multipliers of
 * f, q, I and e (q and e capped at 1), and optionally event counts drawn
 * around the expected values.  With multipliers of exactly 1 and no sampler
 * every operation above is performed on the same values in the same order,
 * so the result is bit-identical to carestair_projection_step.
 */
#include "postgres.h"

#include "projection_kernel.h"

/*
 * A cohort whose end stock is negative only by floating-point rounding
 * (less than 1e-12 of its size) is set to exactly 0, the difference being
 * taken from its deaths, so that P = S - D - E + I still holds.  Returns
 * whether the end stock is negative beyond rounding.
 */
static bool
settle_rounding(double *end, double *deaths, double size)
{
	if (*end >= 0.0)
		return false;
	if (carestair_rounding_negative(*end, size))
	{
		*deaths += *end;
		*end = 0.0;
		return false;
	}
	return true;
}

/* The multipliers of an unperturbed step. */
static const ProjectionStepNoise no_noise = {1.0, 1.0, 1.0, 1.0, NULL, NULL, NULL};

/*
 * Events of one cohort: emigrants *em of start stock s at rate e, immigrants
 * *im (in: expected count), deaths *d at probability q with migrants exposed
 * for the share k of the year.  Expected values, or draws under demographic
 * noise: emigrants Binomial(s, e), immigrants Poisson, and deaths
 * Binomial(s - em, q (1 - k e) / (1 - e)) among those who stay plus
 * Binomial(im, k q) among the immigrants, which have the expectation of the
 * deterministic deaths and never exceed the cohort (doc/stochastic.md).
 */
static inline void
cohort_events(const ProjectionStepNoise *nz, double s, double e, double q,
			  double k, double *em, double *im, double *d)
{
	double		qs;

	if (nz->binomial == NULL)
	{
		*em = e * s;
		*d = q * (s + k * (*im - *em));
		return;
	}
	*em = nz->binomial(nz->state, s, e);
	*im = nz->poisson(nz->state, *im);
	qs = e < 1.0 ? carestair_cap1(q * (1.0 - k * e) / (1.0 - e)) : 0.0;
	*d = nz->binomial(nz->state, s - *em, qs);
	if (*im > 0.0)
		*d += nz->binomial(nz->state, *im, k * q);
}

/*
 * The cohorts aged 1..A of one sex (see step_ages_1_up), always inlined with
 * a constant `noisy` so that the common expected-value path runs without a
 * branch per cell.  Immigrants are written only under noise (the expected
 * counts are the scaled input).  Returns whether any end stock is negative.
 */
static pg_attribute_always_inline bool
ages_loop(const ProjectionStepNoise *nz, bool noisy, int A, const double *q,
		  const double *e, const double *imm, const double *p,
		  double *p_end, double *deaths, double *emigrants, double *immigrants)
{
	double		qs = nz->mortality;
	double		es = nz->emigration;
	double		is = nz->immigration;
	bool		neg = false;
	int			a;

	for (a = 1; a <= A; a++)
	{
		double		s = (a < A) ? p[a - 1] : p[A - 1] + p[A];
		double		im = imm[a] * is;
		double		em,
					d,
					end;

		if (noisy)
		{
			cohort_events(nz, s, carestair_cap1(e[a] * es), carestair_cap1(q[a] * qs), 0.5, &em, &im, &d);
			if (immigrants)
				immigrants[a] = im;
		}
		else
		{
			em = carestair_cap1(e[a] * es) * s;
			d = carestair_cap1(q[a] * qs) * (s + 0.5 * (im - em));
		}
		end = s - d - em + im;
		neg |= (end < 0.0);
		emigrants[a] = em;
		deaths[a] = d;
		p_end[a] = end;
	}
	return neg;
}

/*
 * Project the cohorts aged a >= 1 at the end of the year for one sex, given
 * the 1 January stock p (ages 0..A).  Writes p_end, deaths, emigrants and
 * (if not NULL) immigrants for ages 1..A.  Returns the first age with a
 * negative end stock, or -1.
 */
static int
step_ages_1_up(const ProjectionStepInput *in, const ProjectionStepNoise *nz,
			   int sex, const double *p, double *p_end, double *deaths,
			   double *emigrants, double *immigrants)
{
	int			A = in->nages - 1;
	int			off = sex * in->nages;
	const double *q = in->q + off;
	const double *e = in->emigration_rate + off;
	const double *imm = in->immigrants + off;
	bool		noisy = (nz->binomial != NULL);
	bool		neg;
	int			bad = -1;
	int			a;

	if (noisy)
		neg = ages_loop(nz, true, A, q, e, imm, p, p_end, deaths, emigrants, immigrants);
	else
	{
		neg = ages_loop(nz, false, A, q, e, imm, p, p_end, deaths, emigrants, NULL);
		if (immigrants)
			for (a = 1; a <= A; a++)
				immigrants[a] = imm[a] * nz->immigration;
	}

	/* Rare: settle rounding-level negatives, report real ones. */
	if (neg)
		for (a = 1; a <= A; a++)
		{
			double		s = (a < A) ? p[a - 1] : p[A - 1] + p[A];

			if (settle_rounding(&p_end[a], &deaths[a], s + imm[a] * nz->immigration) && bad < 0)
				bad = a;
		}
	return bad;
}

/*
 * The age-0 cohort of one sex, born during the year: n newborns, exposed with
 * the age-0 migrant share in->age0_exposure.  Returns true if its end stock is
 * negative.
 */
static bool
step_age_0(const ProjectionStepInput *in, const ProjectionStepNoise *nz,
		   int sex, double n, double *p_end, double *deaths,
		   double *emigrants, double *immigrants)
{
	int			off = sex * in->nages;
	double		im = in->immigrants[off] * nz->immigration;
	double		em,
				d,
				end;
	bool		bad;

	cohort_events(nz, n, carestair_cap1(in->emigration_rate[off] * nz->emigration),
				  carestair_cap1(in->q[off] * nz->mortality), in->age0_exposure,
				  &em, &im, &d);
	end = n - d - em + im;
	bad = settle_rounding(&end, &d, n + im);
	emigrants[0] = em;
	deaths[0] = d;
	if (immigrants)
		immigrants[0] = im;
	p_end[0] = end;
	return bad;
}

/*
 * carestair_projection_step: see projection_kernel.h.  All arrays are
 * [2][nages]; nages >= 2 (the caller guarantees it).
 */
int
carestair_projection_step(const ProjectionStepInput *in,
						  const double *p_start, double *p_end,
						  double *deaths, double *emigrants, double *births)
{
	return carestair_projection_step_noisy(in, NULL, p_start, p_end, deaths,
										   emigrants, NULL, births);
}

/*
 * carestair_projection_step_noisy: see projection_kernel.h.  With noise NULL
 * (or all multipliers 1 and no sampler) this is the deterministic step.
 */
int
carestair_projection_step_noisy(const ProjectionStepInput *in,
								const ProjectionStepNoise *noise,
								const double *p_start, double *p_end,
								double *deaths, double *emigrants,
								double *immigrants_out, double *births)
{
	const ProjectionStepNoise *nz = noise ? noise : &no_noise;
	int			n = in->nages;
	int			A = n - 1;
	int			bad = -1;
	int			b;
	int			s;
	int			a;
	double		total = 0.0;

	for (s = 0; s < 2; s++)
	{
		b = step_ages_1_up(in, nz, s, p_start + s * n, p_end + s * n,
						   deaths + s * n, emigrants + s * n,
						   immigrants_out ? immigrants_out + s * n : NULL);
		if (b >= 0 && bad < 0)
			bad = s * n + b;
	}

	/* Mothers: mean of the start and end stock of each female cohort. */
	if (in->fertility != NULL)
	{
		const double *pf = p_start + n;
		const double *ef = p_end + n;

		for (a = 1; a <= A; a++)
		{
			double		sf = (a < A) ? pf[a - 1] : pf[A - 1] + pf[A];

			total += in->fertility[a] * (sf + ef[a]) * 0.5;
		}
	}
	total *= nz->fertility;
	if (nz->binomial == NULL)
	{
		births[0] = total * in->sex_ratio / (1.0 + in->sex_ratio);
		births[1] = total / (1.0 + in->sex_ratio);
	}
	else
	{
		total = nz->poisson(nz->state, total);
		births[0] = nz->binomial(nz->state, total, in->sex_ratio / (1.0 + in->sex_ratio));
		births[1] = total - births[0];
	}

	for (s = 0; s < 2; s++)
	{
		if (step_age_0(in, nz, s, births[s], p_end + s * n, deaths + s * n,
					   emigrants + s * n,
					   immigrants_out ? immigrants_out + s * n : NULL) &&
			(bad < 0 || bad > s * n))
			bad = s * n;
	}
	return bad;
}
