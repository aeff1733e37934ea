/*
 * mortality_forecast_kernel.c
 *	  Mortality forecasts on plain arrays: Lee-Carter, age-specific
 *	  log-linear trends and constant rates, and the conversion of central
 *	  death rates to the projection's q.  No server code (the unit tests
 *	  build this file alone).  See doc/mortality_forecast.md.
 */
#include <math.h>
#include <string.h>

#include "mortality_forecast_kernel.h"

/* Power iterations of the Lee-Carter fit: at most, and the stopping tolerance. */
#define LC_MAX_ITER 5000
#define LC_TOL 1e-14

int
carestair_mf_min_years(CarestairMortalityMethod method)
{
	return method == CARESTAIR_MF_CONSTANT ? 1 : 3;
}

int
carestair_lee_carter_fit(const double *logm, int ny, int na,
						 double *a, double *b, double *k, double *work)
{
	int			t,
				x,
				iter;
	double		norm,
				sum;

	for (x = 0; x < na; x++)
	{
		sum = 0.0;
		for (t = 0; t < ny; t++)
			sum += logm[(size_t) t * na + x];
		a[x] = sum / ny;
	}
	/* Start from the change over the window plus a constant, then iterate
	 * k = C b, b = C'k (the leading right singular vector of C). */
	for (x = 0; x < na; x++)
		b[x] = 1.0 + (logm[(size_t) (ny - 1) * na + x] - logm[x]);
	for (iter = 1; iter <= LC_MAX_ITER; iter++)
	{
		double		diff = 0.0;

		for (t = 0; t < ny; t++)
		{
			sum = 0.0;
			for (x = 0; x < na; x++)
				sum += (logm[(size_t) t * na + x] - a[x]) * b[x];
			k[t] = sum;
		}
		for (x = 0; x < na; x++)
		{
			sum = 0.0;
			for (t = 0; t < ny; t++)
				sum += (logm[(size_t) t * na + x] - a[x]) * k[t];
			work[x] = sum;
		}
		norm = 0.0;
		for (x = 0; x < na; x++)
			norm += work[x] * work[x];
		norm = sqrt(norm);
		if (!(norm > 1e-300))
		{
			/* No change over the window: b uniform, k zero. */
			for (x = 0; x < na; x++)
				b[x] = 1.0 / na;
			for (t = 0; t < ny; t++)
				k[t] = 0.0;
			return iter;
		}
		for (x = 0; x < na; x++)
		{
			double		nb = work[x] / norm;

			diff += fabs(nb - b[x]);
			b[x] = nb;
		}
		if (iter > 1 && diff < LC_TOL * na)
			break;
	}
	/* Normalise: sum b = 1, k scaled inversely (k sums to 0 as C is centred). */
	sum = 0.0;
	for (x = 0; x < na; x++)
		sum += b[x];
	if (fabs(sum) < 1e-12)
		sum = 1.0;				/* degenerate: keep the unit-norm scaling */
	for (x = 0; x < na; x++)
		b[x] /= sum;
	for (t = 0; t < ny; t++)
	{
		double		s = 0.0;

		for (x = 0; x < na; x++)
			s += (logm[(size_t) t * na + x] - a[x]) * b[x];
		/* k = C b / |b|^2 with b rescaled: the least-squares k for this b. */
		k[t] = s;
	}
	norm = 0.0;
	for (x = 0; x < na; x++)
		norm += b[x] * b[x];
	for (t = 0; t < ny; t++)
		k[t] /= norm;
	return iter;
}

/* OLS slope of logm[.][x] on t = 0..ny-1. */
static double
age_slope(const double *logm, int ny, int na, int x)
{
	double		tm = (ny - 1) / 2.0,
				ym = 0.0,
				sxy = 0.0,
				sxx = 0.0;
	int			t;

	for (t = 0; t < ny; t++)
		ym += logm[(size_t) t * na + x];
	ym /= ny;
	for (t = 0; t < ny; t++)
	{
		sxy += (t - tm) * (logm[(size_t) t * na + x] - ym);
		sxx += (t - tm) * (t - tm);
	}
	return sxy / sxx;
}

void
carestair_mortality_forecast(CarestairMortalityMethod method,
							 const double *logm, const double *m,
							 int ny, int na,
							 int horizon, double *out, double *work)
{
	const double *last = logm + (size_t) (ny - 1) * na;
	double	   *base = work;		/* [na] jump-off log m */
	double	   *step = work + na;	/* [na] change of log m per year */
	double	   *tmp = work + 2 * na;	/* [na + ny] */
	int			x,
				h,
				t;

	switch (method)
	{
		case CARESTAIR_MF_CONSTANT:
			for (x = 0; x < na; x++)
			{
				double		s = 0.0;

				for (t = 0; t < ny; t++)
					s += m ? m[(size_t) t * na + x] : exp(logm[(size_t) t * na + x]);
				base[x] = s > 0.0 ? log(s / ny) : -INFINITY;
				step[x] = 0.0;
			}
			break;
		case CARESTAIR_MF_LEE_CARTER:
			{
				double	   *a = tmp,
						   *k = tmp + na,
						   *b = step;
				double		drift;

				/* b is written into step, then scaled by the drift. */
				carestair_lee_carter_fit(logm, ny, na, a, b, k, base);
				drift = (k[ny - 1] - k[0]) / (ny - 1);
				for (x = 0; x < na; x++)
				{
					step[x] = b[x] * drift;
					base[x] = last[x];
				}
			}
			break;
		case CARESTAIR_MF_LOG_LINEAR:
			for (x = 0; x < na; x++)
				tmp[x] = age_slope(logm, ny, na, x);
			for (x = 0; x < na; x++)
			{
				int			lo = x - CARESTAIR_MF_TREND_SMOOTH,
							hi = x + CARESTAIR_MF_TREND_SMOOTH,
							j;
				double		s = 0.0;

				if (lo < 0)
					lo = 0;
				if (hi > na - 1)
					hi = na - 1;
				for (j = lo; j <= hi; j++)
					s += tmp[j];
				step[x] = s / (hi - lo + 1);
				base[x] = last[x];
			}
			break;
	}
	for (h = 1; h <= horizon; h++)
		for (x = 0; x < na; x++)
			out[(size_t) (h - 1) * na + x] = base[x] + step[x] * h;
}

/*
 * Andreev & Kingkade (2015) a0 by sex (males, females): the two m0
 * thresholds, then (c, s) of the two lower segments and c of the top one.
 */
static const double ak_segments[2][7] = {
	{0.02306737, 0.0830706, 0.1493, -2.0367, 0.0244, 3.4994, 0.2991},
	{0.01725977, 0.06919348, 0.1490, -2.0867, 0.0438, 4.1075, 0.3141}
};

double
carestair_q_square(double m, int age, int sex)
{
	const double *seg;
	double		c,
				s = 0.0,
				q;
	int			i;

	if (!(m > 0.0))
		return 0.0;
	if (m > 1e6)
		return 1.0;
	if (age > 0)
	{
		q = m / (1.0 + 0.5 * m);
		return q < 1.0 ? q : 1.0;
	}
	/* Andreev-Kingkade segments a0 = c + s q0, chosen by m0 (HMD protocol v6). */
	seg = ak_segments[sex == 1 ? 0 : 1];
	if (m < seg[0])
	{
		c = seg[2];
		s = seg[3];
	}
	else if (m < seg[1])
	{
		c = seg[4];
		s = seg[5];
	}
	else
		c = seg[6];
	/* q0 = m / (1 + (1 - a0(q0)) m) by fixed-point iteration, as q_from_m. */
	q = m / (1.0 + 0.5 * m);
	for (i = 0; i < 50; i++)
		q = m / (1.0 + (1.0 - (c + s * q)) * m);
	return q < 1.0 ? q : 1.0;
}

void
carestair_q_end_of_year(const double *m, int na, int sex, double *q)
{
	double		prev = 0.0;
	int			x;

	for (x = 0; x < na; x++)
	{
		double		qs = carestair_q_square(m[x], x, sex);

		if (x == 0)
			q[x] = m[0] > 0.0 && m[0] <= 1e6 ? (m[0] - qs) / m[0] : (m[0] > 1e6 ? 1.0 : 0.0);
		else
			q[x] = 1.0 - sqrt((1.0 - prev) * (1.0 - qs));
		if (q[x] < 0.0)
			q[x] = 0.0;
		if (q[x] > 1.0)
			q[x] = 1.0;
		prev = qs;
	}
}
