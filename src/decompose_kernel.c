/*
 * decompose_kernel.c
 *	  Per-cell arithmetic of the exact decompositions: LMDI-I (Ang 2004,
 *	  2005) with the zero-value limits of Ang, Zhang & Choi (1998), and the
 *	  symmetric Shapley / Das Gupta (1993) decomposition of a product.
 *
 * Plain C arrays in and out; no fmgr or catalog code (see ../shared/STYLE.md).
 * Every function here is exact in the sense of the method: the effects of a
 * cell add up to x1-product minus x0-product, up to rounding.
 */
#include "postgres.h"

#include <math.h>

#include "miscadmin.h"

#include "decompose.h"

/*
 * Neumaier's improvement of Kahan summation: comp collects the low-order
 * bits lost when x is added to sum, whichever of the two is larger.
 */
void
carestair_decomp_sum_add(DecompSum *s, double x)
{
	double		t = s->sum + x;

	if (fabs(s->sum) >= fabs(x))
		s->comp += (s->sum - t) + x;
	else
		s->comp += (x - t) + s->sum;
	s->sum = t;
}

/* Add the running sum t into s (used by the combine step). */
void
carestair_decomp_sum_merge(DecompSum *s, const DecompSum *t)
{
	carestair_decomp_sum_add(s, t->sum);
	s->comp += t->comp;
}

/* The compensated value of a running sum. */
double
carestair_decomp_sum_value(const DecompSum *s)
{
	return s->sum + s->comp;
}

/*
 * Logarithmic mean of two positive numbers, computed from the larger one
 * as a * (1 - exp(-d)) / d with d = ln a - ln b >= 0, which stays accurate
 * when a and b are close (no cancellation in a - b) and when b is tiny.
 */
double
carestair_decomp_logmean(double a, double b)
{
	double		hi = Max(a, b);
	double		lo = Min(a, b);
	double		d;

	if (hi == lo)
		return hi;
	d = log(hi) - log(lo);
	if (d == 0.0)
		return hi;
	return hi * (-expm1(-d)) / d;
}

/* Product of the n factors of one period. */
double
carestair_decomp_product(int n, const double *x)
{
	double		p = 1.0;
	int			k;

	for (k = 0; k < n; k++)
		p *= x[k];
	return p;
}

/*
 * LMDI-I additive effects of one cell:
 *	  eff[k] = L(V1, V0) * ln(x1[k] / x0[k]),  V = product of the factors.
 * Their sum is L(V1, V0) * ln(V1 / V0) = V1 - V0.
 *
 * Zero values (Ang, Zhang & Choi 1998, Table 2; Ang & Liu 2007): replace
 * each zero by delta and let delta -> 0.  When V0 = 0 < V1 and m factors
 * of x0 are zero, each of them gets V1 / m and every other factor 0 (with
 * one zero factor, the LMDIR cases 1 and 3); when V1 = 0 < V0, each zero
 * factor of x1 gets -V0 / m (cases 2 and 4); when both are zero, every
 * effect is 0 (cases 5 to 8).  The sum stays V1 - V0 in every case.
 *
 * The caller guarantees finite factors >= 0 and finite products.  The log
 * of the product is taken as a sum of logs, so that products that underflow
 * to zero with no zero factor still get their (tiny, correct) effects.
 */
void
carestair_decomp_lmdi_cell(int n, const double *x0, const double *x1, double *eff)
{
	int			zeros0 = 0,
				zeros1 = 0;
	int			k;
	double		lnv0 = 0.0,
				lnv1 = 0.0,
				v0,
				v1,
				d,
				lm;

	for (k = 0; k < n; k++)
	{
		if (x0[k] == 0.0)
			zeros0++;
		if (x1[k] == 0.0)
			zeros1++;
	}

	if (zeros0 > 0 || zeros1 > 0)
	{
		for (k = 0; k < n; k++)
			eff[k] = 0.0;
		if (zeros0 > 0 && zeros1 > 0)
			return;				/* both values are zero: no change */
		if (zeros0 > 0)
		{
			v1 = carestair_decomp_product(n, x1);
			for (k = 0; k < n; k++)
				if (x0[k] == 0.0)
					eff[k] = v1 / zeros0;
		}
		else
		{
			v0 = carestair_decomp_product(n, x0);
			for (k = 0; k < n; k++)
				if (x1[k] == 0.0)
					eff[k] = -v0 / zeros1;
		}
		return;
	}

	for (k = 0; k < n; k++)
	{
		if ((k & 1023) == 1023)
			CHECK_FOR_INTERRUPTS();
		lnv0 += log(x0[k]);
		lnv1 += log(x1[k]);
	}
	/*
	 * L(V1, V0).  Far apart (|d| >= 1/2), (V1 - V0) / d loses nothing to
	 * cancellation and makes a one-factor cell exact; close together, use
	 * the larger value times (1 - exp(-|d|)) / |d|, from the logs so that
	 * it is right even where a product underflows.
	 */
	d = lnv1 - lnv0;
	v0 = carestair_decomp_product(n, x0);
	v1 = carestair_decomp_product(n, x1);
	if (fabs(d) >= 0.5 && v0 > 0.0 && v1 > 0.0)
		lm = (v1 - v0) / d;
	else if (d == 0.0)
		lm = exp(lnv0);
	else
		lm = exp(Max(lnv0, lnv1)) * (-expm1(-fabs(d))) / fabs(d);

	for (k = 0; k < n; k++)
		eff[k] = lm * (log(x1[k]) - log(x0[k]));
}

/*
 * Shapley weights for n factors: the share of the marginal contribution of
 * a factor when s of the other n-1 factors already take their x1 value,
 *	  w[s] = s! (n-1-s)! / n! = 1 / (n * C(n-1, s)).
 * For n = 2: 1/2, 1/2 (Kitagawa); n = 3: 1/3, 1/6, 1/3 (Das Gupta 1993,
 * eq. 2.6-2.8).
 */
void
carestair_decomp_shapley_weights(int n, double *w)
{
	double		binom = 1.0;	/* C(n-1, s) */
	int			s;

	for (s = 0; s < n; s++)
	{
		w[s] = 1.0 / ((double) n * binom);
		binom = binom * (double) (n - 1 - s) / (double) (s + 1);
	}
}

/*
 * Shapley effect of each factor of one product cell:
 *	  eff[k] = (x1[k] - x0[k]) * sum_s w[s] * e_s,
 * where e_s is the sum, over the subsets S of the other factors with |S| = s,
 * of prod_{j in S} x1[j] * prod_{j not in S} x0[j].  The e_s are the
 * coefficients of prod_{j != k} (x0[j] + x1[j] t), built up one factor at a
 * time in work[] (O(n^2) per factor).  This is Das Gupta's (1993) symmetric
 * formula for a rate that is a product of n factors, for any sign.
 */
void
carestair_decomp_shapley_cell(int n, const double *x0, const double *x1,
					const double *w, double *work, double *eff)
{
	int			k,
				j,
				s,
				deg;

	for (k = 0; k < n; k++)
	{
		double		acc = 0.0;

		CHECK_FOR_INTERRUPTS();
		work[0] = 1.0;
		deg = 0;
		for (j = 0; j < n; j++)
		{
			if (j == k)
				continue;
			/* multiply the polynomial in work[0..deg] by (x0[j] + x1[j] t) */
			work[deg + 1] = work[deg] * x1[j];
			for (s = deg; s > 0; s--)
				work[s] = work[s] * x0[j] + work[s - 1] * x1[j];
			work[0] = work[0] * x0[j];
			deg++;
		}
		for (s = 0; s < n; s++)
			acc += w[s] * work[s];
		eff[k] = (x1[k] - x0[k]) * acc;
	}
}
