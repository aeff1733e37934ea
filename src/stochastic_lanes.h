/*
 * stochastic_lanes.h
 *	  The expected-value step of the stochastic projection for several draws
 *	  at once (src/stochastic_lanes.c, doc/stochastic.md).
 */
#ifndef CARESTAIR_STOCHASTIC_LANES_H
#define CARESTAIR_STOCHASTIC_LANES_H

/*
 * Draws advanced together.  Populations of a batch are laid out
 * [sex][age][lane]: the lanes of one cell lie side by side, so that every
 * operation of the step is one vector operation over the lanes.
 */
#define STOCH_LANES 8

/*
 * The loops over lanes are compiled twice where GCC can dispatch at load
 * time (x86-64 Linux): for AVX2 (four lanes per instruction) and for the
 * baseline (SSE2, two).  AVX2 without FMA rounds every operation exactly as
 * SSE2 does, so both give the same bits (tested against the deterministic
 * projection); do not add a target with FMA, which would fuse a*b+c.
 */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define STOCH_SIMD_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define STOCH_SIMD_CLONES
#endif

/*
 * Inputs of one one-year step of a batch: the region's rates for the year,
 * as in ProjectionStepInput (src/projection_kernel.h), and each lane's
 * multipliers.
 */
typedef struct LaneStepInput
{
	int			nages;			/* ages 0..nages-1; nages-1 is the open group */
	double		sex_ratio;		/* boys per girl at birth, > 0 */
	double		age0_exposure;	/* share of the year age-0 migrants are exposed */
	const double *fertility;	/* [nages] births per woman by cohort age */
	int			fert_from;		/* first age >= 1 with a non-zero rate */
	int			fert_to;		/* last such age (< fert_from: none) */
	const double *q;			/* [2][nages] probability of dying */
	const double *emigration_rate;	/* [2][nages] out-migration rate */
	const double *immigrants;	/* [2][nages] immigrant counts */
	double		fert_mult[STOCH_LANES]; /* each lane's level multipliers */
	double		mort_mult[STOCH_LANES];
	double		imm_mult[STOCH_LANES];
	double		emi_mult[STOCH_LANES];
} LaneStepInput;

extern void carestair_fertility_range(const double *fertility, int nages,
									  int *from, int *to);
extern void carestair_lanes_step(const LaneStepInput *in, const double *p,
								 double *p_end);

extern void carestair_lanes_mothers(const LaneStepInput *in, const double *p,
									const double *p_end, double *total);

#endif							/* CARESTAIR_STOCHASTIC_LANES_H */
