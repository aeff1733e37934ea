/*
 * stochastic_kernel.c
 *	  The numerical parts of the stochastic projection (doc/stochastic.md):
 *	  the random number generator and its per-draw streams, the level paths
 *	  of fertility, mortality and migration, binomial and Poisson draws for
 *	  demographic noise, and type-7 quantiles by selection.
 *
 * Generator: xoshiro256** 1.0 (Blackman & Vigna, "Scrambled linear
 * pseudorandom number generators", ACM TOMS 47(4), 2021; reference code at
 * prng.di.unimi.it), its state filled by SplitMix64 (Steele, Lea & Flood
 * 2014) from the key
 *	  splitmix64(seed) XOR draw * 0xD1B54A32D192ED03 XOR stream * 0x8CB92BA72F3D8DD7.
 * Every draw of every region therefore has its own stream that depends only
 * on (seed, draw, stream), so results do not depend on which process or in
 * which order the draws and regions are computed.
 */
#include "postgres.h"

#include <math.h>

#include "stochastic_kernel.h"

/* One SplitMix64 step: advances *x and returns the mixed output. */
static uint64
splitmix64(uint64 *x)
{
	uint64		z = (*x += UINT64CONST(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64CONST(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64CONST(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

static inline uint64
rotl(uint64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* The next 64 bits of xoshiro256**. */
static inline uint64
next64(StochasticRng *rng)
{
	uint64	   *s = rng->s;
	uint64		result = rotl(s[1] * 5, 7) * 9;
	uint64		t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Seed rng for (seed, draw, stream); see the file header. */
void
carestair_rng_seed(StochasticRng *rng, uint64 seed, uint64 draw, uint64 stream)
{
	uint64		x = seed;
	uint64		key = splitmix64(&x) ^ (draw * UINT64CONST(0xD1B54A32D192ED03)) ^
		(stream * UINT64CONST(0x8CB92BA72F3D8DD7));
	int			i;

	for (i = 0; i < 4; i++)
		rng->s[i] = splitmix64(&key);
	rng->has_spare = false;
	rng->spare = 0.0;
}

/* Uniform on [0, 1) with 53 random bits. */
double
carestair_rng_uniform(StochasticRng *rng)
{
	return (double) (next64(rng) >> 11) * (1.0 / 9007199254740992.0);
}

/*
 * Standard normal by the Box-Muller transform; the second value of each pair
 * is kept for the next call.
 */
double
carestair_rng_normal(StochasticRng *rng)
{
	double		u1,
				u2,
				r;

	if (rng->has_spare)
	{
		rng->has_spare = false;
		return rng->spare;
	}
	u1 = 1.0 - carestair_rng_uniform(rng);	/* (0, 1] */
	u2 = carestair_rng_uniform(rng);
	r = sqrt(-2.0 * log(u1));
	rng->spare = r * sin(2.0 * M_PI * u2);
	rng->has_spare = true;
	return r * cos(2.0 * M_PI * u2);
}

/*
 * The Poisson(mean) count at which uniform u falls: the least k with
 * u <= P(X <= k), by summing the probabilities from exp(-mean).
 */
double
carestair_poisson_inverse(double u, double mean)
{
	double		p = exp(-mean);
	int			k = 0;

	while (u > p && k < 1000)
	{
		u -= p;
		k++;
		p *= mean / k;
	}
	return (double) k;
}

/*
 * The Binomial(n, p) count (n whole, 0 < p <= 0.5) at which uniform u falls,
 * by summing the probabilities from (1 - p)^n.
 */
double
carestair_binomial_inverse(double u, double n, double p)
{
	double		q = 1.0 - p;
	double		s = p / q;
	double		a = (n + 1.0) * s;
	double		r = pow(q, n);
	double		x = 0.0;

	while (u > r && x < n)
	{
		u -= r;
		x += 1.0;
		r *= a / x - s;
	}
	return x;
}

/*
 * Poisson(mean): inversion below mean 10, else the transformed rejection
 * method PTRS (Hörmann, "The transformed rejection method for generating
 * Poisson random variables", Insurance: Mathematics and Economics 12, 1993),
 * both exact.  rng is a StochasticRng (void * for the kernel's callback).
 */
double
carestair_rng_poisson(void *rngp, double mean)
{
	StochasticRng *rng = (StochasticRng *) rngp;

	if (!(mean > 0.0))
		return 0.0;
	if (mean < 10.0)
	{
		double		u = carestair_rng_uniform(rng);

		/*
		 * Inversion returns 0 when u <= exp(-mean); exp(-mean) >= 1 - mean,
		 * so below that bound (less a margin far above the rounding of exp)
		 * the answer is 0 without computing exp: the same result, cheaper
		 * for the many cells with small expected counts.
		 */
		if (u <= 1.0 - mean - 1e-9)
			return 0.0;
		return carestair_poisson_inverse(u, mean);
	}
	else
	{
		double		smu = sqrt(mean);
		double		b = 0.931 + 2.53 * smu;
		double		a = -0.059 + 0.02483 * b;
		double		invalpha = 1.1239 + 1.1328 / (b - 3.4);
		double		vr = 0.9277 - 3.6224 / (b - 2.0);
		double		lmean = 0.0;

		for (;;)
		{
			double		u = carestair_rng_uniform(rng) - 0.5;
			double		v = carestair_rng_uniform(rng);
			double		us = 0.5 - fabs(u);
			double		k = floor((2.0 * a / us + b) * u + mean + 0.43);

			if (us >= 0.07 && v <= vr)
				return k;
			if (k < 0.0 || (us < 0.013 && v > us))
				continue;
			if (lmean == 0.0)	/* needed only past the squeeze */
				lmean = log(mean);
			if (log(v) + log(invalpha) - log(a / (us * us) + b) <=
				-mean + k * lmean - lgamma(k + 1.0))
				return k;
		}
	}
}

/*
 * Binomial(n, p) by Hörmann's BTRS ("The generation of binomial random
 * variates", J. Statist. Comput. Simul. 46, 1993): transformed rejection
 * with a squeeze, exact, for n p >= 10 and p <= 0.5.
 */
static double
binomial_btrs(StochasticRng *rng, double n, double p)
{
	double		spq = sqrt(n * p * (1.0 - p));
	double		b = 1.15 + 2.53 * spq;
	double		a = -0.0873 + 0.0248 * b + 0.01 * p;
	double		c = n * p + 0.5;
	double		vr = 0.92 - 4.2 / b;
	double		alpha = (2.83 + 5.1 / b) * spq;
	double		m = floor((n + 1.0) * p);
	double		lpq = 0.0,
				h = 0.0;
	bool		have_h = false;

	for (;;)
	{
		double		u = carestair_rng_uniform(rng) - 0.5;
		double		v = carestair_rng_uniform(rng);
		double		us = 0.5 - fabs(u);
		double		k = floor((2.0 * a / us + b) * u + c);

		if (k < 0.0 || k > n)
			continue;
		if (us >= 0.07 && v <= vr)
			return k;
		if (!have_h)			/* needed only past the squeeze */
		{
			lpq = log(p / (1.0 - p));
			h = lgamma(m + 1.0) + lgamma(n - m + 1.0);
			have_h = true;
		}
		v = log(v * alpha / (a / (us * us) + b));
		if (v <= h - lgamma(k + 1.0) - lgamma(n - k + 1.0) + (k - m) * lpq)
			return k;
	}
}

/*
 * Binomial(n, p), exact: inversion while n min(p, 1-p) < 10, else BTRS.  A
 * number of trials that is not whole is rounded at random (up with
 * probability its fraction), which keeps the expectation n p; the
 * stochastic projection passes whole numbers (doc/stochastic.md).
 */
double
carestair_rng_binomial(void *rngp, double n, double p)
{
	StochasticRng *rng = (StochasticRng *) rngp;
	double		nn = floor(n);
	bool		flip = p > 0.5;
	double		pp = flip ? 1.0 - p : p;
	double		x;

	if (n > nn && carestair_rng_uniform(rng) < n - nn)
		nn += 1.0;
	if (!(nn > 0.0) || !(pp > 0.0))
		return flip ? nn : 0.0;
	if (nn * pp < 10.0)
	{
		double		u = carestair_rng_uniform(rng);

		/*
		 * Inversion returns 0 when u <= (1-p)^n >= 1 - n p (Bernoulli's
		 * inequality): below that bound, less a margin far above the
		 * rounding of pow, the answer is 0 without computing the power.
		 */
		if (u <= 1.0 - nn * pp - 1e-9)
			return flip ? nn : 0.0;
		x = carestair_binomial_inverse(u, nn, pp);
	}
	else
		x = binomial_btrs(rng, nn, pp);
	return flip ? nn - x : x;
}

/* FNV-1a 64-bit hash of a key (a region code): its demographic-noise stream. */
uint64
carestair_stream_of(const char *key, int len)
{
	uint64		h = UINT64CONST(0xCBF29CE484222325);
	int			i;

	for (i = 0; i < len; i++)
	{
		h ^= (unsigned char) key[i];
		h *= UINT64CONST(0x100000001B3);
	}
	return h | 1;				/* never the level stream 0 */
}

/*
 * The multipliers of draw `draw` for steps 0..nsteps-1, written to
 * mult[level * nsteps + t]:
 *	  fertility	  exp(x_t),  x_t = ar_f x_{t-1} + sd_f e_t
 *	  mortality	  exp(k_t),  k_t = k_{t-1} + drift + sd_k e_t
 *	  immigration exp(y_t),  y_t = ar_i y_{t-1} + sd_i e_t
 *	  emigration  exp(z_t),  z_t = ar_e z_{t-1} + sd_e e_t
 * with x, k, y, z = 0 in the base year and e_t standard normal, four per
 * step in this order from the level stream of (seed, draw), whatever the
 * sds are (so that changing one sd leaves the other paths as they were).
 */
void
carestair_level_paths(const StochasticParams *par, uint64 seed, int draw,
					  int nsteps, double *mult)
{
	StochasticRng rng;
	double		x = 0.0,
				k = 0.0,
				y = 0.0,
				z = 0.0;
	int			t;

	carestair_rng_seed(&rng, seed, (uint64) draw, STOCH_LEVEL_STREAM);
	for (t = 0; t < nsteps; t++)
	{
		double		ef = carestair_rng_normal(&rng);
		double		ek = carestair_rng_normal(&rng);
		double		ei = carestair_rng_normal(&rng);
		double		ee = carestair_rng_normal(&rng);

		x = par->fertility_ar * x + par->fertility_sd * ef;
		k = k + par->mortality_drift + par->mortality_sd * ek;
		y = par->immigration_ar * y + par->immigration_sd * ei;
		z = par->emigration_ar * z + par->emigration_sd * ee;
		mult[STOCH_FERTILITY * nsteps + t] = exp(x);
		mult[STOCH_MORTALITY * nsteps + t] = exp(k);
		mult[STOCH_IMMIGRATION * nsteps + t] = exp(y);
		mult[STOCH_EMIGRATION * nsteps + t] = exp(z);
	}
}

/* Order statistics: ranges this short are finished by insertion sort. */
#define SELECT_SMALL 16

/*
 * Move the values of v[lo..hi) that satisfy x < pivot (below = true) or
 * x <= pivot (below = false) to its front, keeping the rest behind them, and
 * return where the rest starts.  The loop has no branch on the data (each
 * value is swapped into place and the boundary advanced by the comparison),
 * so its cost does not depend on how predictable the comparisons are.
 */
static pg_attribute_always_inline int
partition_front(double *v, int lo, int hi, double pivot, bool below)
{
	int			k = lo;
	int			i;

	for (i = lo; i < hi; i++)
	{
		double		x = v[i];

		v[i] = v[k];
		v[k] = x;
		k += below ? (x < pivot) : (x <= pivot);
	}
	return k;
}

static inline void
swap_if_less(double *a, double *b)
{
	if (*b < *a)
	{
		double		t = *a;

		*a = *b;
		*b = t;
	}
}

/*
 * Rearrange v[lo..hi] so that each of the positions ranks[0..nr-1]
 * (increasing, within lo..hi) holds the value it would hold if v were
 * sorted (Hoare's FIND with a median-of-three pivot, generalised to several
 * ranks: each partition is followed only into the sides that hold a rank,
 * so k ranks cost about n log k comparisons instead of k selections).
 * Values equal to the pivot are gathered when the pivot is the smallest
 * value of the range, so many equal values cost linear time.
 */
static void
select_ranks(double *v, int lo, int hi, const int *ranks, int nr)
{
	while (nr > 0 && hi > lo)
	{
		int			mid = lo + (hi - lo) / 2;
		double		pivot;
		int			below,
					rest,
					left,
					right,
					a,
					b;

		if (hi - lo < SELECT_SMALL)
		{
			for (a = lo + 1; a <= hi; a++)
			{
				double		x = v[a];

				for (b = a; b > lo && v[b - 1] > x; b--)
					v[b] = v[b - 1];
				v[b] = x;
			}
			return;
		}
		swap_if_less(&v[lo], &v[mid]);
		swap_if_less(&v[lo], &v[hi]);
		swap_if_less(&v[mid], &v[hi]);
		pivot = v[mid];

		/* v[lo..below) < pivot, v[below..rest) == pivot, v[rest..hi] > pivot */
		below = partition_front(v, lo, hi + 1, pivot, true);
		rest = (below > lo) ? below : partition_front(v, below, hi + 1, pivot, false);

		/* Ranks in [below, rest) are in place; recurse into the side with fewer. */
		for (left = 0; left < nr && ranks[left] < below; left++)
			;
		for (right = left; right < nr && ranks[right] < rest; right++)
			;
		if (left <= nr - right)
		{
			select_ranks(v, lo, below - 1, ranks, left);
			ranks += right;
			nr -= right;
			lo = rest;
		}
		else
		{
			select_ranks(v, rest, hi, ranks + right, nr - right);
			nr = left;
			hi = below - 1;
		}
	}
}

/*
 * Quantiles of v[0..n-1] (n >= 1; v is rearranged) at the increasing
 * probabilities probs[0..nprobs-1], by Hyndman & Fan's type 7 (R's default,
 * numpy's "linear", PostgreSQL's percentile_cont): with h = (n - 1) p,
 * Q(p) = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)) on the
 * sorted values x_(0..n-1).  The order statistics needed are placed by one
 * multi-rank selection, without a full sort.
 */
void
carestair_quantiles(double *v, int n, const double *probs, int nprobs, double *out)
{
	int			stack_ranks[32];
	int		   *ranks = (2 * nprobs <= 32) ? stack_ranks : palloc(2 * nprobs * sizeof(int));
	int			nr = 0;
	int			i;

	for (i = 0; i < nprobs; i++)
	{
		double		h = probs[i] * (n - 1);
		int			lo = Min((int) floor(h), n - 1);

		if (nr == 0 || ranks[nr - 1] < lo)
			ranks[nr++] = lo;
		if (lo + 1 < n && h > lo && ranks[nr - 1] < lo + 1)
			ranks[nr++] = lo + 1;
	}
	select_ranks(v, 0, n - 1, ranks, nr);
	for (i = 0; i < nprobs; i++)
	{
		double		h = probs[i] * (n - 1);
		int			lo = Min((int) floor(h), n - 1);
		double		x_lo = v[lo];
		double		x_hi = (lo + 1 < n && h > lo) ? v[lo + 1] : x_lo;

		out[i] = (h > lo) ? x_lo + (h - lo) * (x_hi - x_lo) : x_lo;
	}
	if (ranks != stack_ranks)
		pfree(ranks);
}
