/*
 * test_mortality_forecast.c
 *	  Unit tests of the mortality forecast kernel (src/mortality_forecast_kernel.c)
 *	  in plain C: exact recovery of constructed series, the Lee-Carter
 *	  normalisation and the m -> q conversion against its formulas.
 */
#include <math.h>
#include <stdio.h>

#include "mortality_forecast_kernel.h"
#include "unit.h"

#define NY 20
#define NA 40
#define H 15

void		test_mortality_forecast(void);

void
test_mortality_forecast(void)
{
	double		logm[NY * NA],
				out[H * NA],
				work[3 * NA + NY],
				a[NA],
				b[NA],
				k[NY],
				bsum = 0.0,
				ksum = 0.0,
				err = 0.0;
	int			t,
				x,
				h;

	/* Rank one: log m = -9 + 0.09 x + b_x k_t, b_x ~ (1 + 0.02 x), k_t linear. */
	for (x = 0; x < NA; x++)
		bsum += 1.0 + 0.02 * x;
	for (t = 0; t < NY; t++)
		for (x = 0; x < NA; x++)
			logm[t * NA + x] = -9.0 + 0.09 * x + (1.0 + 0.02 * x) / bsum * (-3.0) * (t - 9.5);
	carestair_lee_carter_fit(logm, NY, NA, a, b, k, work);
	bsum = 0.0;
	for (x = 0; x < NA; x++)
		bsum += b[x];
	for (t = 0; t < NY; t++)
		ksum += k[t];
	CHECK(fabs(bsum - 1.0) < 1e-12, "Lee-Carter: b sums to 1 (%.3g)", bsum - 1.0);
	CHECK(fabs(ksum) < 1e-9, "Lee-Carter: k sums to 0 (%.3g)", ksum);
	carestair_mortality_forecast(CARESTAIR_MF_LEE_CARTER, logm, NULL, NY, NA, H, out, work);
	for (h = 1; h <= H; h++)
		for (x = 0; x < NA; x++)
		{
			double		bs = 0.0,
						exact;
			int			j;

			for (j = 0; j < NA; j++)
				bs += 1.0 + 0.02 * j;
			exact = -9.0 + 0.09 * x + (1.0 + 0.02 * x) / bs * (-3.0) * (NY - 1 + h - 9.5);
			err = fmax(err, fabs(out[(h - 1) * NA + x] - exact));
		}
	CHECK(err < 1e-9, "Lee-Carter recovers an exact rank-one series with a linear index (max error %.3g)", err);

	/* Age-specific linear trends r_x linear in age: log_linear is exact where the smoothing window is whole. */
	for (t = 0; t < NY; t++)
		for (x = 0; x < NA; x++)
			logm[t * NA + x] = -9.0 + 0.09 * x + (-0.01 - 0.0001 * x) * t;
	carestair_mortality_forecast(CARESTAIR_MF_LOG_LINEAR, logm, NULL, NY, NA, H, out, work);
	err = 0.0;
	for (h = 1; h <= H; h++)
		for (x = CARESTAIR_MF_TREND_SMOOTH; x < NA - CARESTAIR_MF_TREND_SMOOTH; x++)
			err = fmax(err, fabs(out[(h - 1) * NA + x] - (-9.0 + 0.09 * x + (-0.01 - 0.0001 * x) * (NY - 1 + h))));
	CHECK(err < 1e-10, "log_linear recovers age-specific linear trends (max error %.3g)", err);
	/* The jump-off is the last observed year, not the fitted line. */
	logm[(NY - 1) * NA + 20] += 0.3;
	carestair_mortality_forecast(CARESTAIR_MF_LOG_LINEAR, logm, NULL, NY, NA, 1, out, work);
	CHECK(fabs(out[20] - logm[(NY - 1) * NA + 20]) < 0.05,
		  "log_linear jumps off from the last observed rate, not the fitted line (0.3 above it)");

	/* Constant: the log of the mean rate. */
	carestair_mortality_forecast(CARESTAIR_MF_CONSTANT, logm, NULL, NY, NA, 2, out, work);
	{
		double		s = 0.0;

		for (t = 0; t < NY; t++)
			s += exp(logm[t * NA + 7]);
		CHECK(fabs(out[NA + 7] - log(s / NY)) < 1e-12, "constant: log of the mean rate, every year");
	}

	/* q in a Lexis square and at the end of the year. */
	CHECK(fabs(carestair_q_square(0.2, 40, 2) - 0.2 / 1.1) < 1e-15, "q = m / (1 + m/2) above age 0");
	{
		double		q0 = carestair_q_square(0.002, 0, 1);

		CHECK(fabs(q0 - 0.002 / (1 + (1 - (0.1493 - 2.0367 * q0)) * 0.002)) < 1e-15,
			  "q0 is the Andreev-Kingkade fixed point (males, low mortality)");
	}
	{
		double		m[3] = {0.004, 0.01, 0.3},
					q[3];

		carestair_q_end_of_year(m, 3, 2, q);
		CHECK(fabs(q[2] - (1 - sqrt((1 - 0.01 / 1.005) * (1 - 0.3 / 1.15)))) < 1e-15,
			  "end-of-year q spans the two Lexis squares of its cohort");
		CHECK(q[0] > 0 && q[0] < carestair_q_square(0.004, 0, 2), "the newborn cohort loses less than q0");
	}
	CHECK(carestair_q_square(INFINITY, 50, 1) == 1.0 && carestair_q_square(0.0, 50, 1) == 0.0,
		  "q is 1 for an infinite rate and 0 for a zero rate, never NaN");
}
