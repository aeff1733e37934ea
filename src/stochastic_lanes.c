/*
 * stochastic_lanes.c
 *	  The expected-value step of the stochastic projection for STOCH_LANES
 *	  draws at once (doc/stochastic.md).
 *
 * Without demographic noise every draw of a region runs the same step on the
 * same rates; only the four level multipliers differ.  Advancing a batch of
 * draws together, with the lanes of a cell side by side, turns each
 * operation of the step into one operation over a short contiguous vector
 * that the compiler maps onto SIMD registers, and reads each rate once per
 * batch instead of once per draw.
 *
 * Each lane performs exactly the operations of carestair_projection_step_noisy
 * (src/projection_kernel.c) without a sampler, on the same values and in the
 * same order, followed by what the stochastic driver does with a negative
 * cohort:
 *   - a cohort negative only by floating-point rounding (less than 1e-12 of
 *	   its size) is set to 0 before births are computed, as the kernel does;
 *   - a cohort negative beyond that enters the births as it is and is then
 *	   set to 0 with every other negative cell (src/stochastic.c).
 * So a lane's results are bit-identical to running the draw alone, and with
 * all multipliers 1 to the deterministic projection (tested).  Keep the
 * expressions below in step with the kernel's.
 */
#include "postgres.h"

#include "projection_kernel.h"
#include "stochastic_lanes.h"

#define L STOCH_LANES

/*
 * The ages >= 1 with a non-zero fertility rate: *from..*to (*to < *from when
 * there are none).  Skipping the zero rates outside that range adds nothing
 * but +0 or -0 to a finite total, so births are unchanged bit for bit.
 */
void
carestair_fertility_range(const double *fertility, int nages, int *from, int *to)
{
	int			a;

	*from = nages;
	*to = 0;
	for (a = 1; a < nages; a++)
		if (fertility[a] != 0.0)
		{
			if (*from == nages)
				*from = a;
			*to = a;
		}
}

/*
 * One cohort of every lane: start stock s, emigration rate e, probability of
 * dying q, immigrant count im before the multipliers; writes the end stock
 * and lowers *low to it where smaller.
 */
static pg_attribute_always_inline void
cohort_lanes(const LaneStepInput *in, const double *restrict s, double e,
			 double q, double imm, double k, double *restrict end,
			 double *restrict low)
{
	int			l;

	for (l = 0; l < L; l++)
	{
		double		im = imm * in->imm_mult[l];
		double		em = carestair_cap1(e * in->emi_mult[l]) * s[l];
		double		d = carestair_cap1(q * in->mort_mult[l]) * (s[l] + k * (im - em));
		double		x = s[l] - d - em + im;

		end[l] = x;
		low[l] = x < low[l] ? x : low[l];
	}
}

/*
 * The start stock of cohort a of every lane, from the 1 January stock p.
 * Rows are addressed by pointer: with PostgreSQL's -fwrapv an int index
 * expression per lane may wrap, and the compiler would gather lane by lane.
 */
static pg_attribute_always_inline void
start_stock(const double *restrict p, int a, int A, double *restrict s)
{
	const double *row = p + (Size) (a - 1) * L;
	int			l;

	if (a < A)
		for (l = 0; l < L; l++)
			s[l] = row[l];
	else
		for (l = 0; l < L; l++)
			s[l] = row[l] + row[L + l];
}

/*
 * Settle the rounding-level negatives among the cohorts aged 1..A of one sex
 * (rare: only when some end stock is negative), as the kernel does.
 */
static void
settle_ages(const LaneStepInput *in, const double *imm, const double *p,
			double *pe)
{
	int			A = in->nages - 1;
	int			a,
				l;
	double		s[L];

	for (a = 1; a <= A; a++)
	{
		start_stock(p, a, A, s);
		for (l = 0; l < L; l++)
		{
			double	   *x = pe + (Size) a * L + l;
			double		size = s[l] + imm[a] * in->imm_mult[l];

			if (carestair_rounding_negative(*x, size))
				*x = 0.0;
		}
	}
}

/*
 * The births of every lane before the fertility multiplier: rates times the
 * mean of the start and end stock of each female cohort, summed in the
 * kernel's order (ages with a zero rate skipped, which adds only zeros).
 */
STOCH_SIMD_CLONES void
carestair_lanes_mothers(const LaneStepInput *in, const double *p,
						const double *p_end, double *total)
{
	int			n = in->nages;
	int			A = n - 1;
	const double *pf = p + (Size) n * L;
	const double *ef = p_end + (Size) n * L;
	double		s[L];
	int			a,
				l;

	for (l = 0; l < L; l++)
		total[l] = 0.0;
	for (a = in->fert_from; a <= in->fert_to; a++)
	{
		const double *end = ef + (Size) a * L;
		const double *start = pf + (Size) (a - 1) * L;
		double		f = in->fertility[a];

		if (a == A)
		{
			start_stock(pf, A, A, s);
			start = s;
		}
		for (l = 0; l < L; l++)
			total[l] += f * (start[l] + end[l]) * 0.5;
	}
}

/*
 * carestair_lanes_step: advance the batch p ([2][nages][L], 1 January t) by
 * one year into p_end (1 January t+1).  No cell of p_end is negative.
 */
STOCH_SIMD_CLONES void
carestair_lanes_step(const LaneStepInput *in, const double *p, double *p_end)
{
	int			n = in->nages;
	int			A = n - 1;
	double		low[L];
	double		births[2][L];
	double		total[L];
	bool		negative = false;
	int			sex,
				a,
				l;

	for (sex = 0; sex < 2; sex++)
	{
		const double *ps = p + (Size) sex * n * L;
		double	   *pe = p_end + (Size) sex * n * L;
		const double *q = in->q + sex * n;
		const double *e = in->emigration_rate + sex * n;
		const double *imm = in->immigrants + sex * n;
		double		s[L];

		for (l = 0; l < L; l++)
			low[l] = 0.0;
		/* Cohorts below the open group start from one row: read it in place. */
		for (a = 1; a < A; a++)
			cohort_lanes(in, ps + (Size) (a - 1) * L, e[a], q[a], imm[a], 0.5,
						 pe + (Size) a * L, low);
		start_stock(ps, A, A, s);
		cohort_lanes(in, s, e[A], q[A], imm[A], 0.5, pe + (Size) A * L, low);
		for (l = 0; l < L; l++)
			if (low[l] < 0.0)
			{
				settle_ages(in, imm, ps, pe);
				negative = true;
				break;
			}
	}

	/* Births: mothers are the mean of the start and end stock of a cohort. */
	carestair_lanes_mothers(in, p, p_end, total);
	for (l = 0; l < L; l++)
	{
		total[l] *= in->fert_mult[l];
		births[0][l] = total[l] * in->sex_ratio / (1.0 + in->sex_ratio);
		births[1][l] = total[l] / (1.0 + in->sex_ratio);
	}

	/* The newborns of each sex, exposed with the age-0 migrant share. */
	for (sex = 0; sex < 2; sex++)
	{
		double	   *pe = p_end + (Size) sex * n * L;
		int			c = sex * n;

		for (l = 0; l < L; l++)
			low[l] = 0.0;
		cohort_lanes(in, births[sex], in->emigration_rate[c], in->q[c],
					 in->immigrants[c], in->age0_exposure, pe, low);
		for (l = 0; l < L; l++)
		{
			double		size = births[sex][l] + in->immigrants[c] * in->imm_mult[l];

			if (carestair_rounding_negative(pe[l], size))
				pe[l] = 0.0;
			else if (pe[l] < 0.0)
				negative = true;
		}
	}

	/* A cohort negative beyond rounding is set to 0 (doc/stochastic.md). */
	if (negative)
		for (a = 0; a < 2 * n * L; a++)
			if (p_end[a] < 0.0)
				p_end[a] = 0.0;
}
