/*
 * test_kernels.c
 *	  Unit tests of the numeric kernels in plain C, without a server
 *	  (make unit; PostGIS tests liblwgeom the same way).  Each result is
 *	  checked against something the kernel does not compute itself: an
 *	  independent formula written here, a published value, or an identity
 *	  the method guarantees.
 */
#include "postgres.h"

#include <math.h>
#include <stdlib.h>

#include "beds_kernel.h"
#include "decompose.h"
#include "projection_kernel.h"
#include "unit.h"

int			unit_count = 0;
int			unit_failed = 0;

/*
 * Erlang B from its definition, B = (A^n / n!) / sum_k (A^k / k!), summed
 * in log space (independent of the kernel's recursion).
 */
static double
erlang_b_direct(double a, int n)
{
	double		top = n * log(a) - lgamma(n + 1.0);
	double		sum = 0.0;
	int			k;

	for (k = 0; k <= n; k++)
		sum += exp(k * log(a) - lgamma(k + 1.0) - top);
	return 1.0 / sum;
}

/* Erlang C from Erlang B: C = n B / (n - A (1 - B)), A < n. */
static double
erlang_c_direct(double a, int n)
{
	double		b = erlang_b_direct(a, n);

	return n * b / (n - a * (1.0 - b));
}

static void
test_erlang(void)
{
	static const double loads[] = {0.5, 2.5, 10.0, 42.0, 150.0};
	static const int servers[] = {1, 3, 15, 50, 170};
	int			i;

	/* README: erlang_b(10, 15) = 0.0365 (to 4 decimals, as tables print it). */
	CHECK(fabs(carestair_erlang_b(10.0, 15) - 0.0365) < 0.00005,
		  "erlang_b(10, 15) = %.6f, the table value 0.0365", carestair_erlang_b(10.0, 15));
	for (i = 0; i < 5; i++)
	{
		double		k = carestair_erlang_b(loads[i], servers[i]);
		double		d = erlang_b_direct(loads[i], servers[i]);

		CHECK(fabs(k - d) <= 1e-12 * d, "erlang_b(%g, %d) = %.15g, the definition gives %.15g",
			  loads[i], servers[i], k, d);
		if (loads[i] < servers[i])
		{
			k = carestair_erlang_c(loads[i], servers[i]);
			d = erlang_c_direct(loads[i], servers[i]);
			CHECK(fabs(k - d) <= 1e-12 * d, "erlang_c(%g, %d) = %.15g, from Erlang B %.15g",
				  loads[i], servers[i], k, d);
		}
	}
	/* The fewest servers for a refusal target: B(n) <= target < B(n - 1). */
	for (i = 0; i < 5; i++)
	{
		int			n = carestair_erlang_b_servers(loads[i], 0.05);

		CHECK(n >= 1 && erlang_b_direct(loads[i], n) <= 0.05 &&
			  (n == 1 || erlang_b_direct(loads[i], n - 1) > 0.05),
			  "erlang_b_servers(%g, 0.05) = %d is the fewest with B <= 0.05", loads[i], n);
	}
}

static void
test_decompose(void)
{
	DecompSum	s = {0, 0};
	double		x0[4] = {2.0, 0.5, 3.0, 1.5};
	double		x1[4] = {2.5, 0.4, 3.3, 1.2};
	double		eff[4],
				w[4],
				work[4];
	double		total,
				gap,
				scale;
	int			n,
				i;

	carestair_decomp_sum_add(&s, 1e16);
	carestair_decomp_sum_add(&s, 1.0);
	carestair_decomp_sum_add(&s, -1e16);
	CHECK(carestair_decomp_sum_value(&s) == 1.0, "compensated sum 1e16 + 1 - 1e16 = %g",
		  carestair_decomp_sum_value(&s));
	CHECK(carestair_decomp_logmean(3.0, 3.0) == 3.0, "logmean(a, a) = a");
	CHECK(fabs(carestair_decomp_logmean(2.0, 1.0) - 1.0 / log(2.0)) < 1e-15,
		  "logmean(2, 1) = 1 / ln 2");

	for (n = 1; n <= 4; n++)
	{
		gap = carestair_decomp_product(n, x1) - carestair_decomp_product(n, x0);
		scale = carestair_decomp_product(n, x1) + carestair_decomp_product(n, x0);
		carestair_decomp_lmdi_cell(n, x0, x1, eff);
		for (total = 0, i = 0; i < n; i++)
			total += eff[i];
		CHECK(fabs(total - gap) <= 1e-14 * scale, "LMDI-I effects of %d factors add up to the gap %.15g (%.15g)",
			  n, gap, total);
		carestair_decomp_shapley_weights(n, w);
		carestair_decomp_shapley_cell(n, x0, x1, w, work, eff);
		for (total = 0, i = 0; i < n; i++)
			total += eff[i];
		CHECK(fabs(total - gap) <= 1e-14 * scale, "Shapley effects of %d factors add up to the gap", n);
	}
	/* Two factors: Shapley = Das Gupta's closed form (x1a - x0a)(x0b + x1b) / 2. */
	carestair_decomp_shapley_weights(2, w);
	carestair_decomp_shapley_cell(2, x0, x1, w, work, eff);
	CHECK(fabs(eff[0] - (x1[0] - x0[0]) * (x0[1] + x1[1]) / 2) < 1e-15 &&
		  fabs(eff[1] - (x1[1] - x0[1]) * (x0[0] + x1[0]) / 2) < 1e-15,
		  "two-factor Shapley effects = the closed form");
	/* A factor that does not change has no effect. */
	x1[2] = x0[2];
	carestair_decomp_lmdi_cell(4, x0, x1, eff);
	CHECK(eff[2] == 0.0, "LMDI-I: an unchanged factor has effect 0 (%g)", eff[2]);
}

static void
test_projection(void)
{
	enum
	{
		NAGES = 101
	};
	double		fert[NAGES],
				q[2 * NAGES],
				e[2 * NAGES],
				imm[2 * NAGES],
				p0[2 * NAGES],
				p1[2 * NAGES],
				deaths[2 * NAGES],
				emig[2 * NAGES],
				births[2];
	ProjectionStepInput in;
	double		start = 0,
				end = 0,
				d = 0,
				m = 0,
				im = 0;
	int			c,
				bad;

	srand(17);
	for (c = 0; c < NAGES; c++)
		fert[c] = (c >= 15 && c <= 49) ? 0.02 + 0.1 * rand() / RAND_MAX : 0.0;
	for (c = 0; c < 2 * NAGES; c++)
	{
		q[c] = (c % NAGES == NAGES - 1) ? 0.3 : 0.001 + 0.05 * rand() / RAND_MAX;
		e[c] = 0.03 * rand() / RAND_MAX;
		imm[c] = 5.0 * rand() / RAND_MAX;
		p0[c] = 50.0 + 500.0 * rand() / RAND_MAX;
	}
	in.nages = NAGES;
	in.sex_ratio = 1.05;
	in.age0_exposure = 0.5;
	in.fertility = fert;
	in.q = q;
	in.emigration_rate = e;
	in.immigrants = imm;
	bad = carestair_projection_step(&in, p0, p1, deaths, emig, births);
	CHECK(bad == -1, "one projection step of 2 x %d cells: no negative cell (%d)", NAGES, bad);
	for (c = 0; c < 2 * NAGES; c++)
	{
		start += p0[c];
		end += p1[c];
		d += deaths[c];
		m += emig[c];
		im += imm[c];
	}
	/* Balancing identity: P(t+1) = P(t) + births - deaths + immigrants - emigrants. */
	CHECK(fabs(end - (start + births[0] + births[1] - d + im - m)) < 1e-8 * start,
		  "balancing identity holds: %.6f = %.6f", end, start + births[0] + births[1] - d + im - m);
	CHECK(fabs(births[0] / births[1] - in.sex_ratio) < 1e-12, "boys per girl = sex ratio %.15g",
		  births[0] / births[1]);
}

void		test_mortality_forecast(void);

int
main(void)
{
	test_erlang();
	test_decompose();
	test_projection();
	test_mortality_forecast();
	printf("1..%d\n", unit_count);
	if (unit_failed)
		printf("# %d of %d failed\n", unit_failed, unit_count);
	return unit_failed ? 1 : 0;
}
