/*
 * decompose.h
 *	  Numerical kernels of the exact decompositions (decompose_kernel.c),
 *	  shared with their SQL aggregates (decompose.c).
 *
 * A "cell" is one row of a decomposition: its value is the product of n
 * factors, x0[0..n-1] in the reference (period or unit 0) and x1[0..n-1] in
 * the compared one.  The kernels work on plain C arrays; validation of
 * the inputs (finite numbers, signs) is the caller's job.
 */
#ifndef CARESTAIR_DECOMPOSE_H
#define CARESTAIR_DECOMPOSE_H

/* Most factors carestair.shapley_decompose accepts (documented). */
#define DECOMP_SHAPLEY_MAX_FACTORS 32

/*
 * Neumaier-compensated running sum: sum + comp is the total, with an error
 * that does not grow with the number of terms.
 */
typedef struct DecompSum
{
	double		sum;
	double		comp;
} DecompSum;

extern void carestair_decomp_sum_add(DecompSum *s, double x);
extern void carestair_decomp_sum_merge(DecompSum *s, const DecompSum *t);
extern double carestair_decomp_sum_value(const DecompSum *s);

/* Logarithmic mean L(a, b) = (a - b) / (ln a - ln b), L(a, a) = a. */
extern double carestair_decomp_logmean(double a, double b);

/* Product of n factors. */
extern double carestair_decomp_product(int n, const double *x);

/*
 * LMDI-I additive effects of one cell (factors >= 0) into eff[0..n-1];
 * cells with zero values follow the limits of Ang, Zhang & Choi (1998).
 */
extern void carestair_decomp_lmdi_cell(int n, const double *x0, const double *x1,
							 double *eff);

/* Shapley weights w[s] = s! (n-1-s)! / n!, s = 0..n-1. */
extern void carestair_decomp_shapley_weights(int n, double *w);

/*
 * Shapley (Das Gupta) effects of one cell into eff[0..n-1]; w from
 * carestair_decomp_shapley_weights, work has room for n doubles.
 */
extern void carestair_decomp_shapley_cell(int n, const double *x0, const double *x1,
								const double *w, double *work, double *eff);

#endif							/* CARESTAIR_DECOMPOSE_H */
