/*
 * projection_kernel.h
 *	  Cohort-component projection kernel: plain arrays in and out.
 *
 * Shared by src/projection.c (the SQL entry points) and the kernel in
 * src/projection_kernel.c.  See doc/projection.md for the method.
 */
#ifndef CARESTAIR_PROJECTION_KERNEL_H
#define CARESTAIR_PROJECTION_KERNEL_H

/*
 * Inputs of one one-year step for one region.  Arrays by sex and age are laid
 * out [sex][age] with sex 0 = male (SSB 1), 1 = female (SSB 2), ages 0..nages-1,
 * the last age being the open group.
 */
typedef struct ProjectionStepInput
{
	int			nages;			/* ages 0..nages-1; nages-1 is the open group */
	double		sex_ratio;		/* boys per girl at birth, > 0 */
	double		age0_exposure;	/* share of the year age-0 migrants are exposed */
	const double *fertility;	/* [nages] births per woman by cohort age */
	const double *q;			/* [2][nages] probability of dying */
	const double *emigration_rate;	/* [2][nages] out-migration rate */
	const double *immigrants;	/* [2][nages] immigrant counts */
} ProjectionStepInput;

/*
 * Advance one region by one year: p_start (1 January t) to p_end (1 January
 * t+1), writing the deaths and emigrants of each cohort and the births by sex
 * (births[0] boys, births[1] girls).  Returns -1, or the [sex][age] index of
 * the first cell whose projected population is negative (the caller reports
 * it; the outputs are complete either way).
 */
/*
 * Optional perturbation of one step, for the stochastic projection
 * (src/stochastic_kernel.c, doc/stochastic.md).  The multipliers scale the
 * step's rates and counts: fertility rates, q (capped at 1), immigrant counts
 * and emigration rates (capped at 1).  Multipliers of exactly 1 leave every
 * result bit-identical to the unperturbed step.  When binomial is not NULL,
 * event counts are drawn instead of taken as expected values (demographic
 * noise): emigrants ~ Binomial(S, e), immigrants ~ Poisson(I), deaths ~
 * Binomial(S - E, q (1 - k e) / (1 - e)) + Binomial(I, k q), births ~
 * Poisson(B) and boys ~ Binomial(births, srb / (1 + srb)); S is a whole
 * number of persons.
 */
typedef struct ProjectionStepNoise
{
	double		fertility;
	double		mortality;
	double		immigration;
	double		emigration;
	double		(*binomial) (void *state, double n, double p);
	double		(*poisson) (void *state, double mean);
	void	   *state;
} ProjectionStepNoise;

extern int	carestair_projection_step(const ProjectionStepInput *in,
									  const double *p_start, double *p_end,
									  double *deaths, double *emigrants,
									  double *births);

/*
 * carestair_projection_step under a perturbation (noise may be NULL: none).
 * immigrants_out, if not NULL, receives the immigrant count of each cell
 * (drawn under demographic noise, else the scaled input).
 */
extern int	carestair_projection_step_noisy(const ProjectionStepInput *in,
											const ProjectionStepNoise *noise,
											const double *p_start, double *p_end,
											double *deaths, double *emigrants,
											double *immigrants_out,
											double *births);

/* x capped at 1: a probability scaled by a multiplier. */
static inline double
carestair_cap1(double x)
{
	return x < 1.0 ? x : 1.0;
}

/*
 * Whether an end stock is negative only by floating-point rounding: less
 * than 1e-12 of the cohort's size (start stock plus immigrants).  Such a
 * cohort is set to exactly 0; a cohort negative beyond that is an error in
 * the deterministic projection and set to 0 in a stochastic draw.
 */
static inline bool
carestair_rounding_negative(double end, double size)
{
	return end < 0.0 && end >= -1e-12 * (size + 1.0);
}

#endif							/* CARESTAIR_PROJECTION_KERNEL_H */
