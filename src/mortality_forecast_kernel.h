/*
 * mortality_forecast_kernel.h
 *	  Mortality forecasting kernel (Lee-Carter, age-specific log-linear
 *	  trends, constant rates) on plain arrays.  No server code: the unit
 *	  tests run it in plain C.  See doc/mortality_forecast.md.
 */
#ifndef CARESTAIR_MORTALITY_FORECAST_KERNEL_H
#define CARESTAIR_MORTALITY_FORECAST_KERNEL_H

typedef enum CarestairMortalityMethod
{
	CARESTAIR_MF_CONSTANT,		/* mean m of the fit window held constant */
	CARESTAIR_MF_LEE_CARTER,	/* Lee & Carter (1992), jump-off at the last year */
	CARESTAIR_MF_LOG_LINEAR		/* age-specific log-linear trends, smoothed */
} CarestairMortalityMethod;

/* Half-width (ages) of the moving average over age applied to log-linear trends. */
#define CARESTAIR_MF_TREND_SMOOTH 5

/* Smallest number of fit years each method accepts. */
extern int	carestair_mf_min_years(CarestairMortalityMethod method);

/*
 * Lee-Carter fit of log m[t][x] (ny years, na ages, row-major by year):
 * a[x] = mean over years, b and k the leading singular vectors of the
 * centred matrix, normalised so that sum b = 1 (and so sum k = 0).
 * work needs na doubles.  Returns the number of power iterations used.
 */
extern int	carestair_lee_carter_fit(const double *logm, int ny, int na,
									 double *a, double *b, double *k,
									 double *work);

/*
 * Forecast log m for years 1..horizon after the last fit year (out is
 * [horizon][na]).  m, if not NULL, holds the raw rates (zeros kept) that
 * the constant method averages.  work needs 3 * na + ny doubles.
 *	  constant:   log of the mean m of the window, every year;
 *	  lee_carter: log m[last] + b[x] * drift * h, drift = (k[last] - k[0]) / (ny - 1);
 *	  log_linear: log m[last] + r[x] * h, r the OLS slope of log m on year at
 *				  each age, averaged over ages x-5..x+5 (truncated at the ends).
 */
extern void carestair_mortality_forecast(CarestairMortalityMethod method,
										 const double *logm, const double *m,
										 int ny, int na,
										 int horizon, double *out, double *work);

/*
 * Probability of dying within a Lexis square (age at last birthday) from the
 * central rate m: m / (1 + (1 - a) m), a = 1/2 above age 0 and a0 from
 * Andreev & Kingkade (2015) at age 0 (sex 1 male, 2 female); capped at 1.
 * The same as carestair.q_from_m.
 */
extern double carestair_q_square(double m, int age, int sex);

/*
 * q by age at the end of the year (the projection's convention) from one
 * year's m by age at last birthday, ages 0..na-1: the cohort ending the
 * year at age x > 0 spends half of it at x-1 and half at x,
 * q = 1 - sqrt((1 - qs[x-1]) (1 - qs[x])); the newborn cohort loses
 * (m0 - qs0) / m0.  The same as carestair.mortality_from_hmd.
 */
extern void carestair_q_end_of_year(const double *m, int na, int sex, double *q);

#endif							/* CARESTAIR_MORTALITY_FORECAST_KERNEL_H */
