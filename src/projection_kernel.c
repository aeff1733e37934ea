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
	if (*end >= -1e-12 * (size + 1.0))
	{
		*deaths += *end;
		*end = 0.0;
		return false;
	}
	return true;
}

/*
 * Project the cohorts aged a >= 1 at the end of the year for one sex, given
 * the 1 January stock p (ages 0..A).  Writes p_end, deaths and emigrants for
 * ages 1..A.  Returns the first age with a negative end stock, or -1.
 */
static int
step_ages_1_up(const ProjectionStepInput *in, int sex, const double *p,
			   double *p_end, double *deaths, double *emigrants)
{
	int			A = in->nages - 1;
	int			off = sex * in->nages;
	const double *q = in->q + off;
	const double *e = in->emigration_rate + off;
	const double *imm = in->immigrants + off;
	int			bad = -1;
	int			a;

	for (a = 1; a <= A; a++)
	{
		double		s = (a < A) ? p[a - 1] : p[A - 1] + p[A];
		double		em = e[a] * s;
		double		d = q[a] * (s + 0.5 * (imm[a] - em));
		double		end = s - d - em + imm[a];

		if (settle_rounding(&end, &d, s + imm[a]) && bad < 0)
			bad = a;
		emigrants[a] = em;
		deaths[a] = d;
		p_end[a] = end;
	}
	return bad;
}

/*
 * The age-0 cohort of one sex, born during the year: n newborns, exposed with
 * the age-0 migrant share in->age0_exposure.  Returns true if its end stock is
 * negative.
 */
static bool
step_age_0(const ProjectionStepInput *in, int sex, double n,
		   double *p_end, double *deaths, double *emigrants)
{
	int			off = sex * in->nages;
	double		em = in->emigration_rate[off] * n;
	double		imm = in->immigrants[off];
	double		d = in->q[off] * (n + in->age0_exposure * (imm - em));

	double		end = n - d - em + imm;
	bool		bad = settle_rounding(&end, &d, n + imm);

	emigrants[0] = em;
	deaths[0] = d;
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
	int			n = in->nages;
	int			A = n - 1;
	int			bad = -1;
	int			b;
	int			s;
	int			a;
	double		total = 0.0;

	for (s = 0; s < 2; s++)
	{
		b = step_ages_1_up(in, s, p_start + s * n, p_end + s * n,
						   deaths + s * n, emigrants + s * n);
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
	births[0] = total * in->sex_ratio / (1.0 + in->sex_ratio);
	births[1] = total / (1.0 + in->sex_ratio);

	for (s = 0; s < 2; s++)
	{
		if (step_age_0(in, s, births[s], p_end + s * n, deaths + s * n,
					   emigrants + s * n) && (bad < 0 || bad > s * n))
			bad = s * n;
	}
	return bad;
}
