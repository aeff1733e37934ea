/*
 * mortality_forecast.c
 *	  carestair.forecast_mortality(hmd_mx, fit_from, fit_to, last_year, method),
 *	  carestair.lee_carter_ages(...) and carestair.lee_carter_index(...): the SQL
 *	  entry points of the mortality forecast (doc/mortality_forecast.md).  The
 *	  HMD text is parsed here (the rows carestair.read_hmd reads); the arithmetic is in
 *	  src/mortality_forecast_kernel.c.
 */
#include "carestair.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/builtins.h"

#include "mortality_forecast_kernel.h"

PG_FUNCTION_INFO_V1(carestair_forecast_mortality);
PG_FUNCTION_INFO_V1(carestair_lee_carter_ages);
PG_FUNCTION_INFO_V1(carestair_lee_carter_index);
PG_FUNCTION_INFO_V1(carestair_mortality_by_year);
PG_FUNCTION_INFO_V1(carestair_hmd_years);

/* Ages forecast: 0..105, the open age group of SSB's population tables. */
#define MF_NAGES 106
/* Death rates above this are not rates (HMD's highest are about 1-2). */
#define MF_MAX_RATE 10.0
/* Longest forecast horizon accepted, in years. */
#define MF_MAX_HORIZON 300

/* The fit window of one HMD table: log m by [sex 0 male, 1 female][year][age]. */
typedef struct MfWindow
{
	int			fit_from;
	int			ny;
	double	   *m[2];			/* the rates as read (zeros kept) */
	double	   *logm[2];		/* log m, zeros replaced */
} MfWindow;

static int
arg_int(FunctionCallInfo fcinfo, int i, const char *name)
{
	if (PG_ARGISNULL(i))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("%s must not be NULL", name),
				 errhint("E.g. forecast_mortality(hmd_mx, 2014, 2023, 2050).")));
	return PG_GETARG_INT32(i);
}

static CarestairMortalityMethod
parse_method(FunctionCallInfo fcinfo, int i)
{
	char	   *m;

	if (PG_ARGISNULL(i))
		return CARESTAIR_MF_LOG_LINEAR;
	m = text_to_cstring(PG_GETARG_TEXT_PP(i));
	if (strcmp(m, "log_linear") == 0)
		return CARESTAIR_MF_LOG_LINEAR;
	if (strcmp(m, "lee_carter") == 0)
		return CARESTAIR_MF_LEE_CARTER;
	if (strcmp(m, "constant") == 0)
		return CARESTAIR_MF_CONSTANT;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("method \"%s\" is not a mortality forecast method", m),
			 errdetail("The methods are 'log_linear' (the default, chosen by the back-tests), 'lee_carter' and 'constant'."),
			 errhint("Pass one of them, or NULL for the default.")));
	return CARESTAIR_MF_LOG_LINEAR;		/* not reached */
}

/* Reject tables that HMD labels as something other than death rates. */
static void
check_title(text *content)
{
	char	   *s = text_to_cstring(content);
	char	   *nl;
	const char *kinds[] = {"Deaths", "Population", "Exposure", "Births", "Life table"};
	int			i;

	while (*s == '\n' || *s == '\r' || *s == ' ' || *s == '\t')
		s++;
	nl = strpbrk(s, "\r\n");
	if (nl)
		*nl = '\0';
	if (strstr(s, "Death rates") != NULL)
		return;
	for (i = 0; i < (int) lengthof(kinds); i++)
		if (strstr(s, kinds[i]) != NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("hmd_mx is an HMD \"%s\" table, not death rates (Mx_1x1)", kinds[i]),
					 errdetail("Its first line reads \"%.80s\".", s),
					 errhint("Pass the text of HMD's Mx_1x1.txt, e.g. data/mortality/hmd_norway_Mx_1x1_1990_2023.txt.")));
}

/* A number of an HMD row: '.' is missing (-1); anything else must parse whole. */
static double
hmd_value(const char *tok, int len, int year, int age)
{
	char		buf[64];
	char	   *end;
	double		v;

	if (len == 1 && tok[0] == '.')
		return -1.0;
	if (len >= (int) sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, tok, len);
	buf[len] = '\0';
	errno = 0;
	v = strtod(buf, &end);
	if (end == buf || *end != '\0' || errno != 0 || !(v >= 0.0 && v <= MF_MAX_RATE))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("hmd_mx has death rate \"%s\" for year %d age %d", buf, year, age),
				 errdetail("A central death rate is zero or positive, finite and far below %g.", MF_MAX_RATE),
				 errhint("Pass HMD's Mx_1x1 table of death rates, not counts.")));
	return v;
}

/*
 * Parse the rows "Year Age Female Male Total" of an HMD 1x1 text (the lines
 * carestair.read_hmd reads; others are skipped), keeping ages 0..105 of the
 * window in w->m (-1 = missing) and the file's first and last year.
 */
static void
parse_hmd(text *content, int fit_from, MfWindow *w, bool *seen, int *first_year, int *last_year)
{
	const char *p = VARDATA_ANY(content);
	const char *stop = p + VARSIZE_ANY_EXHDR(content);

	while (p < stop)
	{
		const char *tok[6];
		int			len[6];
		int			n = 0,
					year,
					age,
					s,
					t;
		const char *eol = memchr(p, '\n', stop - p);

		if (eol == NULL)
			eol = stop;
		while (p < eol && n < 6)
		{
			while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
				p++;
			if (p >= eol)
				break;
			tok[n] = p;
			while (p < eol && !(*p == ' ' || *p == '\t' || *p == '\r'))
				p++;
			len[n] = p - tok[n];
			n++;
		}
		while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p < eol)
			n = 6;				/* more than five fields: not a data row */
		p = eol + 1;
		if (n != 5 || len[0] != 4 || len[1] > 4 ||
			strspn(tok[0], "0123456789") < 4 ||
			(int) strspn(tok[1], "0123456789") < len[1] - (tok[1][len[1] - 1] == '+') ||
			!isdigit((unsigned char) tok[1][0]))
			continue;
		year = atoi(tok[0]);	/* stops at the whitespace after 4 digits */
		age = atoi(tok[1]);
		if (year < *first_year)
			*first_year = year;
		if (year > *last_year)
			*last_year = year;
		t = year - fit_from;
		if (t < 0 || t >= w->ny || age > MF_NAGES - 1)
			continue;
		if (seen[((size_t) t * MF_NAGES + age) * 2])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("hmd_mx has two rows for year %d age %d", year, age),
					 errhint("Pass one HMD table, not several joined.")));
		for (s = 0; s < 2; s++)
		{
			/* Columns: Female (field 2), Male (field 3); sex 0 = male. */
			int			f = s == 0 ? 3 : 2;

			seen[((size_t) t * MF_NAGES + age) * 2 + s] = true;
			w->m[s][(size_t) t * MF_NAGES + age] = hmd_value(tok[f], len[f], year, age);
		}
	}
}

/*
 * Read ages 0..105 of fit_from..fit_to into w, validating every cell.  A
 * missing cell ('.') takes the rate of the age below in the same year; a
 * zero rate takes half the smallest positive rate of that sex and age in
 * the window (log m must be finite).
 */
static void
read_window(text *content, int fit_from, int fit_to, int min_years, bool need_log, MfWindow *w)
{
	double	  **m = w->m;
	bool	   *seen;
	int			first_year = INT_MAX,
				last_year = INT_MIN;
	int			s,
				t,
				x;

	if (fit_from > fit_to)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fit_from %d is after fit_to %d", fit_from, fit_to),
				 errhint("Give the first and last year of the fit window, e.g. 2014 and 2023.")));
	if ((int64) fit_to - fit_from + 1 < min_years)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fit window %d-%d has %d years; the method needs at least %d",
						fit_from, fit_to, fit_to - fit_from + 1, min_years),
				 errhint("Widen the window; the back-tests in doc/mortality_forecast.md use 10 years.")));
	if ((int64) fit_to - fit_from + 1 > 1000)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fit window %d-%d is longer than 1000 years", fit_from, fit_to),
				 errhint("HMD series start in the 18th century at the earliest.")));
	check_title(content);

	w->fit_from = fit_from;
	w->ny = fit_to - fit_from + 1;
	for (s = 0; s < 2; s++)
	{
		m[s] = palloc0(sizeof(double) * w->ny * MF_NAGES);
		w->logm[s] = palloc(sizeof(double) * w->ny * MF_NAGES);
	}
	seen = palloc0(sizeof(bool) * w->ny * MF_NAGES * 2);

	parse_hmd(content, fit_from, w, seen, &first_year, &last_year);
	if (first_year > last_year)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("hmd_mx is not an HMD 1x1 table"),
				 errdetail("Expected lines \"Year Age Female Male Total\" as in HMD's Mx_1x1.txt."),
				 errhint("Pass the whole text of such a file, e.g. data/mortality/hmd_norway_Mx_1x1_1990_2023.txt.")));
	if (fit_from < first_year || fit_to > last_year)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("fit window %d-%d lies outside the years of hmd_mx (%d-%d)",
						fit_from, fit_to, first_year, last_year),
				 errhint("Choose a window inside the table's years.")));
	for (t = 0; t < w->ny; t++)
		for (x = 0; x < MF_NAGES; x++)
			if (!seen[((size_t) t * MF_NAGES + x) * 2])
				ereport(ERROR,
						(errcode(ERRCODE_NO_DATA_FOUND),
						 errmsg("hmd_mx has no row for year %d age %d", fit_from + t, x),
						 errdetail("The forecast needs ages 0..105 in every year of the fit window %d-%d.", fit_from, fit_to),
						 errhint("Choose a window the table covers completely.")));
	for (s = 0; s < 2; s++)
	{
		for (t = 0; t < w->ny; t++)
			for (x = 0; x < MF_NAGES; x++)
			{
				double	   *c = &m[s][(size_t) t * MF_NAGES + x];

				if (*c < 0.0)
				{
					if (x == 0)
						ereport(ERROR,
								(errcode(ERRCODE_NO_DATA_FOUND),
								 errmsg("hmd_mx has no death rate for year %d age 0 sex %d", fit_from + t, s + 1),
								 errhint("Choose a window without missing infant rates.")));
					*c = c[-1];
				}
			}
		for (x = 0; x < MF_NAGES; x++)
		{
			double		minpos = INFINITY;

			for (t = 0; t < w->ny; t++)
			{
				double		v = m[s][(size_t) t * MF_NAGES + x];

				if (v > 0.0 && v < minpos)
					minpos = v;
			}
			if (isinf(minpos) && !need_log)
				minpos = 1.0;	/* the logs are not used */
			else if (isinf(minpos))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("hmd_mx has no deaths at age %d sex %d in %d-%d", x, s + 1, fit_from, fit_to),
						 errdetail("Log-rate models need a positive rate at every age in some year of the window."),
						 errhint("Widen the fit window.")));
			for (t = 0; t < w->ny; t++)
			{
				double		v = m[s][(size_t) t * MF_NAGES + x];

				w->logm[s][(size_t) t * MF_NAGES + x] = log(v > 0.0 ? v : minpos / 2.0);
			}
		}
	}
}

/* Rows (year, sex, age, q) of one year and sex from m by age at last birthday. */
static void
emit_q(ReturnSetInfo *rsinfo, int year, int sex, const double *m)
{
	double		q[MF_NAGES];
	int			x;

	carestair_q_end_of_year(m, MF_NAGES, sex, q);
	for (x = 0; x < MF_NAGES; x++)
	{
		Datum		v[4];
		bool		n[4] = {false, false, false, false};

		if (isnan(q[x]))
			elog(ERROR, "mortality conversion produced NaN at year %d age %d", year, x);
		v[0] = Int32GetDatum(year);
		v[1] = Int32GetDatum(sex);
		v[2] = Int32GetDatum(x);
		v[3] = Float8GetDatum(q[x]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
	}
}

Datum
carestair_forecast_mortality(PG_FUNCTION_ARGS)
{
	int			fit_from = arg_int(fcinfo, 1, "fit_from");
	int			fit_to = arg_int(fcinfo, 2, "fit_to");
	int			last_year = arg_int(fcinfo, 3, "last_year");
	CarestairMortalityMethod method = parse_method(fcinfo, 4);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MfWindow	w;
	int			horizon,
				s,
				h,
				x;
	double	   *out,
			   *work,
				mrow[MF_NAGES];

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("hmd_mx must not be NULL"),
				 errhint("Pass the text of HMD's Mx_1x1.txt.")));
	if (last_year <= fit_to || (int64) last_year - fit_to > MF_MAX_HORIZON)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("last_year %d is not 1 to %d years after fit_to %d", last_year, MF_MAX_HORIZON, fit_to),
				 errdetail("The forecast runs from fit_to + 1 to last_year."),
				 errhint("E.g. fit_to 2023 and last_year 2050.")));
	horizon = last_year - fit_to;
	read_window(PG_GETARG_TEXT_PP(0), fit_from, fit_to, carestair_mf_min_years(method),
				method != CARESTAIR_MF_CONSTANT, &w);

	CARESTAIR_INIT_SRF(fcinfo);
	out = palloc(sizeof(double) * horizon * MF_NAGES * 2);
	work = palloc(sizeof(double) * (3 * MF_NAGES + w.ny));
	for (s = 0; s < 2; s++)
		carestair_mortality_forecast(method, w.logm[s], w.m[s], w.ny, MF_NAGES, horizon,
									 out + (size_t) s * horizon * MF_NAGES, work);
	for (h = 0; h < horizon; h++)
	{
		CHECK_FOR_INTERRUPTS();
		for (s = 0; s < 2; s++)
		{
			const double *lm = out + ((size_t) s * horizon + h) * MF_NAGES;

			for (x = 0; x < MF_NAGES; x++)
				mrow[x] = exp(lm[x]);
			emit_q(rsinfo, fit_to + h + 1, s + 1, mrow);
		}
	}
	return (Datum) 0;
}

/* Lee-Carter parameters of both sexes; what = 0 ages (a, b), 1 index (k). */
static Datum
lee_carter_rows(FunctionCallInfo fcinfo, int what)
{
	int			fit_from = arg_int(fcinfo, 1, "fit_from");
	int			fit_to = arg_int(fcinfo, 2, "fit_to");
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MfWindow	w;
	double		a[MF_NAGES],
				b[MF_NAGES],
				work[MF_NAGES],
			   *k;
	int			s,
				i;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("hmd_mx must not be NULL"),
				 errhint("Pass the text of HMD's Mx_1x1.txt.")));
	read_window(PG_GETARG_TEXT_PP(0), fit_from, fit_to,
				carestair_mf_min_years(CARESTAIR_MF_LEE_CARTER), true, &w);
	CARESTAIR_INIT_SRF(fcinfo);
	k = palloc(sizeof(double) * w.ny);
	for (s = 0; s < 2; s++)
	{
		carestair_lee_carter_fit(w.logm[s], w.ny, MF_NAGES, a, b, k, work);
		for (i = 0; i < (what == 0 ? MF_NAGES : w.ny); i++)
		{
			Datum		v[4];
			bool		n[4] = {false, false, false, false};

			v[0] = Int32GetDatum(s + 1);
			v[1] = Int32GetDatum(what == 0 ? i : fit_from + i);
			v[2] = Float8GetDatum(what == 0 ? a[i] : k[i]);
			v[3] = Float8GetDatum(what == 0 ? b[i] : 0.0);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
		}
	}
	return (Datum) 0;
}

Datum
carestair_lee_carter_ages(PG_FUNCTION_ARGS)
{
	return lee_carter_rows(fcinfo, 0);
}

Datum
carestair_lee_carter_index(PG_FUNCTION_ARGS)
{
	return lee_carter_rows(fcinfo, 1);
}

/* Each year's own q (no forecast): what history did, in the projection's convention. */
Datum
carestair_mortality_by_year(PG_FUNCTION_ARGS)
{
	int			from_year = arg_int(fcinfo, 1, "from_year");
	int			to_year = arg_int(fcinfo, 2, "to_year");
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MfWindow	w;
	int			t,
				s;

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("hmd_mx must not be NULL"),
				 errhint("Pass the text of HMD's Mx_1x1.txt.")));
	read_window(PG_GETARG_TEXT_PP(0), from_year, to_year, 1, false, &w);
	CARESTAIR_INIT_SRF(fcinfo);
	for (t = 0; t < w.ny; t++)
	{
		CHECK_FOR_INTERRUPTS();
		for (s = 0; s < 2; s++)
			emit_q(rsinfo, from_year + t, s + 1, w.m[s] + (size_t) t * MF_NAGES);
	}
	return (Datum) 0;
}

/* The first and last year of an HMD 1x1 table (NULLs when it has no data rows). */
Datum
carestair_hmd_years(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	MfWindow	w = {0};
	int			first_year = INT_MAX,
				last_year = INT_MIN;
	Datum		v[2];
	bool		n[2] = {false, false};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "hmd_years must return a record");
	parse_hmd(PG_GETARG_TEXT_PP(0), 0, &w, NULL, &first_year, &last_year);
	v[0] = Int32GetDatum(first_year);
	v[1] = Int32GetDatum(last_year);
	if (first_year > last_year)
		n[0] = n[1] = true;
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), v, n)));
}
