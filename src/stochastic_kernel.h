/*
 * stochastic_kernel.h
 *	  Random numbers, level paths and quantiles of the stochastic projection:
 *	  plain arrays in and out (src/stochastic_kernel.c, doc/stochastic.md).
 */
#ifndef CARESTAIR_STOCHASTIC_KERNEL_H
#define CARESTAIR_STOCHASTIC_KERNEL_H

#include "postgres.h"

/* xoshiro256** state (Blackman & Vigna 2018), with one spare normal. */
typedef struct StochasticRng
{
	uint64		s[4];
	bool		has_spare;
	double		spare;
} StochasticRng;

/* The time-series parameters of one scenario (carestair.stochastic_parameters). */
typedef struct StochasticParams
{
	double		fertility_sd;	/* innovation sd of log fertility level */
	double		fertility_ar;	/* AR(1) coefficient of log fertility level */
	double		mortality_drift;	/* drift of the mortality index k per year */
	double		mortality_sd;	/* innovation sd of k (random walk) */
	double		immigration_sd; /* innovation sd of log immigration level */
	double		immigration_ar; /* AR(1) coefficient */
	double		emigration_sd;	/* innovation sd of log emigration level */
	double		emigration_ar;	/* AR(1) coefficient */
	bool		demographic_noise;	/* draw event counts (binomial/Poisson) */
} StochasticParams;

/* Which multiplier of a step; the level paths are [STOCH_N_LEVELS][nsteps]. */
#define STOCH_FERTILITY 0
#define STOCH_MORTALITY 1
#define STOCH_IMMIGRATION 2
#define STOCH_EMIGRATION 3
#define STOCH_N_LEVELS 4

/* Stream of the level paths; demographic noise uses the region's hash. */
#define STOCH_LEVEL_STREAM UINT64CONST(0)

extern void carestair_rng_seed(StochasticRng *rng, uint64 seed, uint64 draw,
							   uint64 stream);
extern double carestair_rng_uniform(StochasticRng *rng);
extern double carestair_rng_normal(StochasticRng *rng);
extern double carestair_rng_binomial(void *rng, double n, double p);
extern double carestair_rng_poisson(void *rng, double mean);
extern double carestair_binomial_inverse(double u, double n, double p);
extern double carestair_poisson_inverse(double u, double mean);
extern uint64 carestair_stream_of(const char *key, int len);

extern void carestair_level_paths(const StochasticParams *par, uint64 seed,
								  int draw, int nsteps, double *mult);

extern void carestair_quantiles(double *v, int n, const double *probs,
								int nprobs, double *out);

#endif							/* CARESTAIR_STOCHASTIC_KERNEL_H */
