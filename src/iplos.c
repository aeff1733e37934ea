/*
 * iplos.c
 *	  The carestair.iplos_profile type: an IPLOS functional profile of 17
 *	  bistandsvariabler, each scored 1-5 or 9 (not relevant), packed into one
 *	  64-bit pass-by-value datum (see iplos.h for the layout).
 *
 * Text form: 17 characters, one score per variable in the documented order,
 * e.g. '11223119111111199'.  Input is strict (exactly 17 scores, each 1-5 or
 * 9); binary receive validates exactly as input does, so no malformed value
 * can enter the database by either path.
 */
#include "carestair.h"

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "iplos.h"

PG_FUNCTION_INFO_V1(carestair_iplos_in);
PG_FUNCTION_INFO_V1(carestair_iplos_out);
PG_FUNCTION_INFO_V1(carestair_iplos_recv);
PG_FUNCTION_INFO_V1(carestair_iplos_send);
PG_FUNCTION_INFO_V1(carestair_iplos_eq);
PG_FUNCTION_INFO_V1(carestair_iplos_ne);
PG_FUNCTION_INFO_V1(carestair_iplos_hash);
PG_FUNCTION_INFO_V1(carestair_iplos_score);
PG_FUNCTION_INFO_V1(carestair_iplos_mean_adl_sql);
PG_FUNCTION_INFO_V1(carestair_iplos_personbistand_count);
PG_FUNCTION_INFO_V1(carestair_iplos_cognitive_sql);

/* The variables, in storage and text order (ASCII identifiers). */
const char *const carestair_iplos_variable_names[IPLOS_NVARS] = {
	"sosial_deltakelse", "beslutninger", "egen_helse", "hukommelse",
	"atferd", "kommunikasjon", "husarbeid", "varer_tjenester",
	"personlig_hygiene", "kle_seg", "spise", "lage_mat",
	"bevege_inne", "bevege_ute", "toalett", "syn", "horsel"
};

/* Which variables count in the mean ADL score (all but vision and hearing). */
const bool	carestair_iplos_in_adl_mean[IPLOS_NVARS] = {
	true, true, true, true, true, true, true, true, true,
	true, true, true, true, true, true, false, false
};

#define IPLOS_VAR_HUKOMMELSE 3
#define IPLOS_VAR_ATFERD 4

/* Version byte of a valid value. */
#define IPLOS_VERSION_BITS ((uint64) IPLOS_VERSION << IPLOS_VERSION_SHIFT)

/*
 * Build a profile from 17 score characters, or raise the error that names
 * what is wrong.  Used by input and receive alike.
 */
static IplosProfile
iplos_parse(const char *s, int len)
{
	IplosProfile p = IPLOS_VERSION_BITS;
	int			i;

	if (len != IPLOS_NVARS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 /* at most 64 bytes, cut on a character boundary */
				 errmsg("invalid IPLOS profile \"%.*s\"", pg_mbcliplen(s, len, 64), s),
				 errdetail("An IPLOS profile has %d scores, one per variable; this has %d.", IPLOS_NVARS, len),
				 errhint("Write the scores in the order of carestair.iplos_variables(), e.g. '11223119111111199'.")));
	for (i = 0; i < IPLOS_NVARS; i++)
	{
		char		c = s[i];
		uint64		code;

		if (c >= '1' && c <= '5')
			code = (uint64) (c - '0');
		else if (c == '9')
			code = IPLOS_CODE_NOT_RELEVANT;
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid IPLOS profile \"%.*s\"", len, s),
					 /* bytes before i are ASCII digits: a whole character starts at i */
					 errdetail("Score %d (%s) is \"%.*s\"; IPLOS scores are 1 to 5, or 9 for not relevant.",
							   i + 1, carestair_iplos_variable_names[i],
							   Min(pg_mblen(s + i), len - i), s + i),
					 errhint("Use 9 for a variable that is not relevant or not assessed.")));
		p |= code << (3 * i);
	}
	return p;
}

Datum
carestair_iplos_in(PG_FUNCTION_ARGS)
{
	char	   *s = PG_GETARG_CSTRING(0);

	PG_RETURN_DATUM(IplosProfileGetDatum(iplos_parse(s, (int) strlen(s))));
}

Datum
carestair_iplos_out(PG_FUNCTION_ARGS)
{
	IplosProfile p = PG_GETARG_IPLOS(0);
	char	   *s = palloc(IPLOS_NVARS + 1);
	int			i;

	for (i = 0; i < IPLOS_NVARS; i++)
		s[i] = (char) ('0' + iplos_score(p, i));
	s[IPLOS_NVARS] = '\0';
	PG_RETURN_CSTRING(s);
}

/*
 * Binary form: the 17 score characters as text (self-describing, and
 * validated by the same parser as the text form).
 */
Datum
carestair_iplos_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const char *s;
	int			len = buf->len - buf->cursor;

	s = pq_getmsgbytes(buf, len);
	/* Raw bytes: valid in the database encoding before an error quotes them. */
	(void) pg_verify_mbstr(GetDatabaseEncoding(), s, len, false);
	PG_RETURN_DATUM(IplosProfileGetDatum(iplos_parse(s, len)));
}

Datum
carestair_iplos_send(PG_FUNCTION_ARGS)
{
	IplosProfile p = PG_GETARG_IPLOS(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	for (i = 0; i < IPLOS_NVARS; i++)
		pq_sendbyte(&buf, (uint8) ('0' + iplos_score(p, i)));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
carestair_iplos_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_IPLOS(0) == PG_GETARG_IPLOS(1));
}

Datum
carestair_iplos_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_IPLOS(0) != PG_GETARG_IPLOS(1));
}

Datum
carestair_iplos_hash(PG_FUNCTION_ARGS)
{
	uint64		p = PG_GETARG_IPLOS(0);

	PG_RETURN_UINT32(hash_bytes_uint32((uint32) p) ^ hash_bytes_uint32((uint32) (p >> 32)));
}

/* Index of a variable by name, or an error listing the valid names. */
static int
iplos_variable_index(const char *name)
{
	int			i;

	for (i = 0; i < IPLOS_NVARS; i++)
		if (strcmp(name, carestair_iplos_variable_names[i]) == 0)
			return i;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown IPLOS variable \"%s\"", name),
			 errdetail("The variables are the names listed by carestair.iplos_variables()."),
			 errhint("For example 'hukommelse', 'personlig_hygiene' or 'bevege_inne'.")));
	return -1;					/* keep the compiler quiet */
}

Datum
carestair_iplos_score(PG_FUNCTION_ARGS)
{
	IplosProfile p = PG_GETARG_IPLOS(0);
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(1));

	PG_RETURN_INT32(iplos_score(p, iplos_variable_index(name)));
}

/*
 * Mean score over the variables that count in the ADL mean and are relevant
 * (score 1-5); *isnull when none is.
 */
double
carestair_iplos_mean_adl(IplosProfile p, bool *isnull)
{
	int			i,
				n = 0,
				sum = 0;

	for (i = 0; i < IPLOS_NVARS; i++)
	{
		int			s = iplos_score(p, i);

		if (carestair_iplos_in_adl_mean[i] && s != 9)
		{
			sum += s;
			n++;
		}
	}
	*isnull = (n == 0);
	return n == 0 ? 0.0 : (double) sum / n;
}

/* Cognitive impairment: memory or behaviour scored 3 or more. */
bool
carestair_iplos_cognitive(IplosProfile p)
{
	int			m = iplos_score(p, IPLOS_VAR_HUKOMMELSE);
	int			a = iplos_score(p, IPLOS_VAR_ATFERD);

	return (m >= 3 && m <= 5) || (a >= 3 && a <= 5);
}

Datum
carestair_iplos_mean_adl_sql(PG_FUNCTION_ARGS)
{
	bool		isnull;
	double		mean = carestair_iplos_mean_adl(PG_GETARG_IPLOS(0), &isnull);

	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(mean);
}

/* Number of variables scored 3-5: those where personbistand is needed. */
Datum
carestair_iplos_personbistand_count(PG_FUNCTION_ARGS)
{
	IplosProfile p = PG_GETARG_IPLOS(0);
	int			i,
				n = 0;

	for (i = 0; i < IPLOS_NVARS; i++)
	{
		int			s = iplos_score(p, i);

		if (s >= 3 && s <= 5)
			n++;
	}
	PG_RETURN_INT32(n);
}

Datum
carestair_iplos_cognitive_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(carestair_iplos_cognitive(PG_GETARG_IPLOS(0)));
}
