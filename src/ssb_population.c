/*
 * ssb_population.c
 *	  carestair._ssb_population_rows(): the parsing, checking and code mapping
 *	  of carestair.import_ssb_population() in one pass over the file.
 *
 * An SSB statbank export of table 07459 (any of the statbank's layouts: wide
 * with years and sexes in the column headers, long with sex and year columns)
 * is read with the shared CSV reader (ssb_csv.c) and, cell by cell:
 *	  1. the header's columns are classified (region, sex, age, year, persons);
 *	  2. every cell is parsed, or skipped with a reason when it is one of the
 *		 rows SSB exports that are not kommune data (counties, totals,
 *		 missing-value markers); the first bad cell is an error naming its line
 *		 and column;
 *	  3. each kommunenummer is mapped to its current region for the cell's
 *		 year: a code written "K-nnnn" that is a current region means the
 *		 kommune on today's borders for every year (SSB's series on current
 *		 borders); any other code goes through carestair.region_code_history
 *		 (old codes summed onto current kommuner, every part required);
 *	  4. duplicates, open age groups and the completeness of merged kommuner
 *		 are checked on sorted arrays;
 *	  5. the cells are summed onto (region, year, sex, age).
 * Nothing is written: the SQL wrapper (src/ssb_import.sql) compares with the
 * stored rows and upserts.  The rows come out sorted by the primary key of
 * carestair.population, which keeps its index inserts local.
 *
 * Output rows: 'row' (one population row; sex 0 = both sexes), then 'header'
 * (sex = 1 when the file is split by sex, else 0; persons = the number of
 * rows), 'rejected' (detail = the reason, persons = how many cells) and
 * 'textline' (persons = lines of text after the header).
 */
#include "carestair.h"
#include "ssb_csv.h"

#include <ctype.h>

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

PG_FUNCTION_INFO_V1(carestair__ssb_population_rows);

#define NCODES 10000			/* kommunenummer are four digits */
#define NO_VALUE (-1)

/* One parsed cell that is kommune data. */
typedef struct PopCell
{
	int32		persons;
	int32		rec;			/* index into the record arrays */
	int16		col;			/* column, 0-based */
	int16		code;			/* kommunenummer as written */
	int16		region;			/* current region */
	int16		year;
	int16		age;
	int8		sex;			/* 0 = no sex split */
	bool		is_open;
	bool		whole;			/* the code stands for the whole current region */
} PopCell;

/* A row of carestair.region_code_history. */
typedef struct CodeHist
{
	int16		code;
	int16		region;
	int32		first_year;
	int32		last_year;		/* INT32_MAX while current */
	bool		whole_weight;	/* weight = 1 */
} CodeHist;

/* What the importer knows about kommunenummer. */
typedef struct CodeMap
{
	bool		current[NCODES];	/* in carestair.region */
	int			nhist;
	CodeHist   *hist;			/* sorted by code */
	int			by_code[NCODES + 1];	/* hist[by_code[c] .. by_code[c+1]) have code c */
	CodeHist  **by_region;		/* the same rows sorted by region */
	int			by_region_start[NCODES + 1];
} CodeMap;

/* Counted skips. */
typedef struct Reasons
{
	int			n,
				max;
	char	  **reason;
	int64	   *count;
} Reasons;

/* Column layout from the header. */
typedef struct PopHeader
{
	int			line;
	int			ncol;
	char	  **name;			/* header fields (copied) */
	int			c_region,
				c_sex,
				c_age,
				c_year;
	int			nval;
	int		   *v_col;
	int		   *v_year;			/* NO_VALUE: from the year column */
	int		   *v_sex;			/* NO_VALUE: none in the header */
	bool		has_sex;
} PopHeader;

/* ASCII case-insensitive equality with a literal (other bytes must match). */
static bool
eq_ci(const char *s, const char *lit)
{
	return pg_strcasecmp(s, lit) == 0;
}

/* Does s start with lit, ignoring ASCII case?  Returns the length or 0. */
static int
prefix_ci(const char *s, const char *lit)
{
	int			n = strlen(lit);

	return pg_strncasecmp(s, lit, n) == 0 ? n : 0;
}

/* Trim spaces from both ends in place (as btrim does); returns the start. */
static char *
trim(char *s)
{
	char	   *e;

	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && e[-1] == ' ')
		*--e = '\0';
	return s;
}

/* SSB sex code from a label: 1, 2, 0 (both sexes) or NO_VALUE. */
static int
parse_sex(const char *s)
{
	static const char *const male[] = {"1", "males", "male", "menn", "mann", "m", NULL};
	static const char *const female[] = {"2", "females", "female", "kvinner", "kvinne", "k", "f", NULL};
	static const char *const both[] = {"0", "both sexes", "begge kjønn", "total", "i alt", NULL};
	int			i;

	for (i = 0; male[i]; i++)
		if (eq_ci(s, male[i]))
			return 1;
	for (i = 0; female[i]; i++)
		if (eq_ci(s, female[i]))
			return 2;
	for (i = 0; both[i]; i++)
		if (eq_ci(s, both[i]))
			return 0;
	return NO_VALUE;
}

/*
 * Age from an SSB label ('0 years', '1 year', '105 years or older', '67 år',
 * '105 år eller eldre', '105+', '042'); NO_VALUE when it is not one.
 */
static int
parse_age(const char *s, bool *is_open)
{
	static const char *const unit[] = {"years", "year", "år", "aar", NULL};
	static const char *const open[] = {"or older", "or over", "eller eldre", "eller mer", "+", NULL};
	int			age = 0,
				nd = 0,
				i,
				n;
	const char *p = s;

	while (isdigit((unsigned char) *p) && nd < 4)
	{
		age = age * 10 + (*p++ - '0');
		nd++;
	}
	if (nd == 0 || nd > 3)
		return NO_VALUE;
	*is_open = false;
	{
		const char *q = p;

		while (isspace((unsigned char) *q))
			q++;
		for (i = 0; unit[i]; i++)
			if ((n = prefix_ci(q, unit[i])) > 0)
			{
				p = q + n;
				break;
			}
	}
	{
		const char *q = p;

		while (isspace((unsigned char) *q))
			q++;
		for (i = 0; open[i]; i++)
			if ((n = prefix_ci(q, open[i])) > 0)
			{
				p = q + n;
				*is_open = true;
				break;
			}
	}
	return *p == '\0' ? age : NO_VALUE;
}

/* n ASCII digits at s, then end of string? */
static bool
all_digits(const char *s, int min, int max)
{
	int			n = 0;

	while (isdigit((unsigned char) s[n]))
		n++;
	return s[n] == '\0' && n >= min && n <= max;
}

/*
 * Kommunenummer from a region label: "K-5524 Målselv", "5524 Målselv",
 * "5524".  Returns the code or NO_VALUE; *has_k tells whether it had "K-".
 */
static int
parse_region(const char *s, bool *has_k)
{
	*has_k = (s[0] == 'K' && s[1] == '-');
	if (*has_k)
		s += 2;
	if (isdigit((unsigned char) s[0]) && isdigit((unsigned char) s[1]) &&
		isdigit((unsigned char) s[2]) && isdigit((unsigned char) s[3]) &&
		(s[4] == '\0' || isspace((unsigned char) s[4])))
		return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	return NO_VALUE;
}

/* A county ("F-55 Troms", "55 Troms") or the whole country? */
static bool
is_county_or_country(const char *s)
{
	const char *p = (s[0] == 'F' && s[1] == '-') ? s + 2 : s;

	if (isdigit((unsigned char) p[0]) && isdigit((unsigned char) p[1]) &&
		(p[2] == '\0' || isspace((unsigned char) p[2])))
		return true;
	if (s[0] == '0' && (s[1] == '\0' || isspace((unsigned char) s[1])))
		return true;
	return prefix_ci(s, "the whole country") || prefix_ci(s, "hele landet") ||
		prefix_ci(s, "norge") || prefix_ci(s, "norway");
}

/* SSB's missing-value markers. */
static bool
is_marker(const char *s)
{
	return strcmp(s, "..") == 0 || strcmp(s, "...") == 0 || strcmp(s, ":") == 0 ||
		strcmp(s, ".") == 0 || strcmp(s, "-") == 0 || strcmp(s, "…") == 0;
}

/* Count one skip under reason (copied when new). */
static void
reasons_add(Reasons *r, const char *reason)
{
	int			i;

	for (i = 0; i < r->n; i++)
		if (strcmp(r->reason[i], reason) == 0)
		{
			r->count[i]++;
			return;
		}
	if (r->n == r->max)
	{
		r->max = r->max ? r->max * 2 : 8;
		r->reason = r->reason ? repalloc(r->reason, r->max * sizeof(char *)) : palloc(r->max * sizeof(char *));
		r->count = r->count ? repalloc(r->count, r->max * sizeof(int64)) : palloc(r->max * sizeof(int64));
	}
	r->reason[r->n] = pstrdup(reason);
	r->count[r->n++] = 1;
}

/*
 * Classify the header's columns (the first record whose first field is
 * "region"), as documented in doc/ssb_import.md.
 */
static void
classify_header(CsvReader *r, PopHeader *h)
{
	int			i;
	bool		any_without_sex = false,
				any_with_sex = false;

	h->line = r->record_line;
	h->ncol = r->nfields;
	h->name = palloc(h->ncol * sizeof(char *));
	h->v_col = palloc(h->ncol * sizeof(int));
	h->v_year = palloc(h->ncol * sizeof(int));
	h->v_sex = palloc(h->ncol * sizeof(int));
	h->c_region = 0;
	h->c_sex = h->c_age = h->c_year = NO_VALUE;
	h->nval = 0;

	for (i = 0; i < h->ncol; i++)
	{
		char	   *f = trim(r->field[i]);
		const char *p;
		int			n = 0,
					year = NO_VALUE,
					sex = NO_VALUE;
		static const char *const words[] = {"persons", "personer", "population", "befolkning", "value", "verdi", NULL};

		h->name[i] = pstrdup(r->field[i]);
		if (i == 0)
			continue;
		if (eq_ci(f, "sex") || eq_ci(f, "kjønn") || eq_ci(f, "kjonn"))
		{
			h->c_sex = i;
			continue;
		}
		if (eq_ci(f, "age") || eq_ci(f, "alder"))
		{
			h->c_age = i;
			continue;
		}
		if (eq_ci(f, "year") || eq_ci(f, "år") || eq_ci(f, "År") || eq_ci(f, "tid") || eq_ci(f, "aar"))
		{
			h->c_year = i;
			continue;
		}
		if (eq_ci(f, "contents") || eq_ci(f, "statistikkvariabel") || eq_ci(f, "statistical variable"))
			continue;

		/* [nnnnn: ]persons[[,] yyyy][[,] sex] */
		p = f;
		if (isdigit((unsigned char) p[0]) && isdigit((unsigned char) p[1]) && isdigit((unsigned char) p[2]) &&
			isdigit((unsigned char) p[3]) && isdigit((unsigned char) p[4]) && p[5] == ':')
			p += (p[6] == ' ') ? 7 : 6;
		for (int w = 0; words[w] && n == 0; w++)
		{
			n = prefix_ci(p, words[w]);
			if (n > 0 && p[n] != '\0' && p[n] != ' ' && p[n] != ',')
				n = 0;
		}
		if (n > 0)
		{
			p += n;
			/* year */
			{
				const char *q = (*p == ',') ? p + 1 : p;

				if (q[0] == ' ' && isdigit((unsigned char) q[1]) && isdigit((unsigned char) q[2]) &&
					isdigit((unsigned char) q[3]) && isdigit((unsigned char) q[4]) &&
					(q[5] == '\0' || q[5] == ' ' || q[5] == ','))
				{
					year = atoi(q + 1);
					p = q + 5;
				}
			}
			/* sex */
			if (*p != '\0')
			{
				const char *q = (*p == ',') ? p + 1 : p;

				if (q[0] == ' ' && q[1] != '\0')
				{
					sex = parse_sex(q + 1);
					if (sex == NO_VALUE)
						n = 0;
				}
				else
					n = 0;
			}
		}
		if (n == 0)
			ereport(ERROR,
					(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
					 errmsg("unrecognised column \"%s\" in the header at line %d", h->name[i], h->line),
					 errdetail("Known columns: region, sex/kjønn, age/alder, year/år, contents, and persons columns such as \"Persons 2024\" or \"Persons 2024 Males\"."),
					 errhint("Export table 07459 with only region, sex, age and year as dimensions.")));
		h->v_col[h->nval] = i;
		h->v_year[h->nval] = year;
		h->v_sex[h->nval] = sex;
		h->nval++;
		if (sex == NO_VALUE)
			any_without_sex = true;
		else
			any_with_sex = true;
	}

	if (h->c_age == NO_VALUE)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("the header at line %d has no \"age\" column", h->line),
				 errdetail("carestair stores population by single-year age."),
				 errhint("Export table 07459 with the age dimension by single years.")));
	if (h->nval == 0)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("the header at line %d has no persons column", h->line),
				 errhint("Columns such as \"Persons 2024\", \"Personer 2024 Menn\" or, with a year column, \"Persons\".")));
	for (i = 0; i < h->nval && h->c_year == NO_VALUE; i++)
		if (h->v_year[i] == NO_VALUE)
			ereport(ERROR,
					(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
					 errmsg("column \"%s\" at line %d has no year, and there is no year column",
							h->name[h->v_col[i]], h->line),
					 errhint("Keep the year in the column header (\"Persons 2024\") or as a column \"year\".")));
	if (h->c_sex != NO_VALUE && any_with_sex)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("the header at line %d gives sex both as a column and in the persons columns", h->line),
				 errhint("Export with sex in one place only.")));
	if (any_with_sex && any_without_sex)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("the header at line %d mixes persons columns with and without sex", h->line),
				 errhint("Export either by sex or for both sexes together.")));
	h->has_sex = h->c_sex != NO_VALUE || any_with_sex;
}

static int
cmp_hist_code(const void *a, const void *b)
{
	const CodeHist *x = a,
			   *y = b;

	return x->code != y->code ? x->code - y->code : (x->first_year < y->first_year ? -1 : x->first_year > y->first_year);
}

static int
cmp_hist_region(const void *a, const void *b)
{
	const CodeHist *x = *(CodeHist *const *) a,
			   *y = *(CodeHist *const *) b;

	return x->region != y->region ? x->region - y->region : x->code - y->code;
}

/* Read carestair.region and carestair.region_code_history. */
static void
load_code_map(CodeMap *m)
{
	int			i,
				c;
	MemoryContext outer = CurrentMemoryContext;

	memset(m->current, 0, sizeof(m->current));
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute("SELECT r.region::integer FROM carestair.region AS r", true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading carestair.region failed");
	for (i = 0; i < (int) SPI_processed; i++)
	{
		bool		isnull;
		int			code = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull));

		if (!isnull && code >= 0 && code < NCODES)
			m->current[code] = true;
	}
	if (SPI_execute("SELECT h.code::integer, h.region::integer, h.first_year, h.last_year, "
					"h.weight OPERATOR(pg_catalog.=) 1 FROM carestair.region_code_history AS h",
					true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading carestair.region_code_history failed");
	m->nhist = (int) SPI_processed;
	m->hist = MemoryContextAlloc(outer, (m->nhist + 1) * sizeof(CodeHist));
	for (i = 0; i < m->nhist; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		TupleDesc	d = SPI_tuptable->tupdesc;
		bool		isnull;
		CodeHist   *h = &m->hist[i];

		h->code = DatumGetInt32(SPI_getbinval(t, d, 1, &isnull));
		h->region = DatumGetInt32(SPI_getbinval(t, d, 2, &isnull));
		h->first_year = DatumGetInt32(SPI_getbinval(t, d, 3, &isnull));
		h->last_year = DatumGetInt32(SPI_getbinval(t, d, 4, &isnull));
		if (isnull)
			h->last_year = PG_INT32_MAX;
		h->whole_weight = DatumGetBool(SPI_getbinval(t, d, 5, &isnull));
	}
	SPI_finish();

	qsort(m->hist, m->nhist, sizeof(CodeHist), cmp_hist_code);
	for (c = 0, i = 0; c <= NCODES; c++)
	{
		while (i < m->nhist && m->hist[i].code < c)
			i++;
		m->by_code[c] = i;
	}
	m->by_region = palloc((m->nhist + 1) * sizeof(CodeHist *));
	for (i = 0; i < m->nhist; i++)
		m->by_region[i] = &m->hist[i];
	qsort(m->by_region, m->nhist, sizeof(CodeHist *), cmp_hist_region);
	for (c = 0, i = 0; c <= NCODES; c++)
	{
		while (i < m->nhist && m->by_region[i]->region < c)
			i++;
		m->by_region_start[c] = i;
	}
}

/*
 * The current region for code in year: NO_VALUE when unknown; *whole when
 * the code stands for the whole current region; *split when the code was
 * split that year (its counts cannot be allocated).
 */
static int
map_code(const CodeMap *m, int code, bool has_k, int year, bool *whole, bool *split)
{
	int			i,
				hist = NO_VALUE,
				hist_first = PG_INT32_MIN;

	*whole = false;
	*split = false;
	/* "K-" and a current code: SSB's series on today's borders. */
	if (has_k && m->current[code])
	{
		*whole = true;
		return code;
	}
	for (i = m->by_code[code]; i < m->by_code[code + 1]; i++)
	{
		const CodeHist *h = &m->hist[i];

		if (year < h->first_year || year > h->last_year)
			continue;
		if (!h->whole_weight)
			*split = true;
		else if (h->first_year > hist_first)
		{
			hist = h->region;
			hist_first = h->first_year;
		}
	}
	if (hist != NO_VALUE)
	{
		*split = false;
		return hist;
	}
	if (*split || !m->current[code])
		return NO_VALUE;
	*whole = true;
	return code;
}

/* Sort keys: compare one field, return when it differs. */
#define CMP_FIELD(f) \
	do { if (x->f != y->f) return x->f < y->f ? -1 : 1; } while (0)

/* By source cell: code, year, sex, age, then file order (duplicates, open ages). */
static int
cmp_cell_code(const void *a, const void *b)
{
	const PopCell *x = a,
			   *y = b;

	CMP_FIELD(code);
	CMP_FIELD(year);
	CMP_FIELD(sex);
	CMP_FIELD(age);
	CMP_FIELD(rec);
	CMP_FIELD(col);
	return 0;
}

/* By target row: region, year, sex, age, then code (merges, sums). */
static int
cmp_cell_region(const void *a, const void *b)
{
	const PopCell *x = a,
			   *y = b;

	CMP_FIELD(region);
	CMP_FIELD(year);
	CMP_FIELD(sex);
	CMP_FIELD(age);
	CMP_FIELD(code);
	return 0;
}

/* Add one output row. */
static void
put_row(ReturnSetInfo *rsinfo, const char *kind, int region, int year, int sex, int age,
		int64 persons, bool is_open, const char *detail)
{
	Datum		v[8];
	bool		n[8] = {false, false, false, false, false, false, false, false};
	char		code[8];

	v[0] = CStringGetTextDatum(kind);
	if (region == NO_VALUE)
		n[1] = true;
	else
	{
		snprintf(code, sizeof(code), "%04d", region);
		v[1] = CStringGetTextDatum(code);
	}
	v[2] = Int32GetDatum(year);
	n[2] = (year == NO_VALUE);
	v[3] = Int16GetDatum(sex);
	v[4] = Int16GetDatum(age);
	n[4] = (age == NO_VALUE);
	v[5] = Int64GetDatum(persons);
	v[6] = BoolGetDatum(is_open);
	if (detail)
		v[7] = CStringGetTextDatum(detail);
	else
		n[7] = true;
	tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
}

/* The first bad cell, kept until the whole file has been read for width errors. */
typedef struct CellError
{
	int			errcode;
	char	   *msg;
	char	   *detail;
	char	   *hint;
} CellError;

static void
set_error(CellError *e, int errcode, char *msg, const char *detail, const char *hint)
{
	if (e->msg)
		return;
	e->errcode = errcode;
	e->msg = msg;
	e->detail = detail ? pstrdup(detail) : NULL;
	e->hint = hint ? pstrdup(hint) : NULL;
}

static void
raise_error(const CellError *e)
{
	if (e->msg)
		ereport(ERROR,
				(errcode(e->errcode),
				 errmsg_internal("%s", e->msg),
				 e->detail ? errdetail_internal("%s", e->detail) : 0,
				 e->hint ? errhint("%s", e->hint) : 0));
}

/*
 * carestair._ssb_population_rows(content bytea, encoding text)
 *	  RETURNS TABLE (kind text, region text, year integer, sex smallint,
 *					 age smallint, persons bigint, is_open_age boolean, detail text)
 */
Datum
carestair__ssb_population_rows(PG_FUNCTION_ARGS)
{
	bytea	   *content = PG_GETARG_BYTEA_PP(0);
	char	   *enc_name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	CsvReader	r;
	PopHeader	h;
	CodeMap    *map;
	Reasons		rejected = {0};
	CellError	cell_error = {0},
				region_error = {0};
	PopCell    *cells;
	int64		ncells = 0,
				maxcells = 1024,
				text_lines = 0;
	int			nrec = 0,
				maxrec = 1024;
	int		   *rec_line;
	char	  **rec_region;
	bool		found = false;
	int64		i,
				j,
				nrows = 0;

	CARESTAIR_INIT_SRF(fcinfo);
	carestair_csv_open(&r, content, enc_name, "auto");

	/* The header: the first record whose first field is "region". */
	while (carestair_csv_next(&r))
	{
		char	   *f = trim(r.field[0]);

		if (eq_ci(f, "region") || eq_ci(f, "kommune") || eq_ci(f, "region code") || eq_ci(f, "regionkode"))
		{
			found = true;
			break;
		}
	}
	if (!found)
		ereport(ERROR,
				(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
				 errmsg("content has no header row with a \"region\" column"),
				 errdetail("The importer looks for the statbank's column header, whose first column is \"region\"."),
				 errhint("Export table 07459 from the statbank as CSV with region, (sex,) age and the persons columns.")));
	classify_header(&r, &h);

	map = palloc(sizeof(CodeMap));
	load_code_map(map);

	cells = palloc(maxcells * sizeof(PopCell));
	rec_line = palloc(maxrec * sizeof(int));
	rec_region = palloc(maxrec * sizeof(char *));

	while (carestair_csv_next(&r))
	{
		char	   *region_raw,
				   *age_raw,
				   *sex_field = NULL,
				   *year_field = NULL;
		int			code,
					age,
					row_sex = NO_VALUE,
					row_year = NO_VALUE;
		bool		has_k,
					is_open = false;
		int			k;

		if (r.nfields == 1 && h.ncol > 1)
		{
			text_lines++;
			continue;
		}
		if (r.nfields != h.ncol)
			ereport(ERROR,
					(errcode(ERRCODE_BAD_COPY_FILE_FORMAT),
					 errmsg("line %d has %d fields, the header at line %d has %d", r.record_line, r.nfields, h.line, h.ncol),
					 errhint("Check the separator and quoting of that line.")));
		if (cell_error.msg)
			continue;			/* only width errors can still come first */

		if (nrec == maxrec)
		{
			maxrec *= 2;
			rec_line = repalloc_huge(rec_line, maxrec * sizeof(int));
			rec_region = repalloc_huge(rec_region, maxrec * sizeof(char *));
		}
		region_raw = trim(r.field[h.c_region]);
		rec_line[nrec] = r.record_line;
		rec_region[nrec] = region_raw;
		age_raw = trim(r.field[h.c_age]);
		code = parse_region(region_raw, &has_k);
		age = parse_age(age_raw, &is_open);
		if (h.c_sex != NO_VALUE)
		{
			sex_field = trim(r.field[h.c_sex]);
			row_sex = parse_sex(sex_field);
		}
		if (h.c_year != NO_VALUE)
		{
			year_field = trim(r.field[h.c_year]);
			row_year = all_digits(year_field, 4, 4) ? atoi(year_field) : NO_VALUE;
		}

		for (k = 0; k < h.nval; k++)
		{
			int			col = h.v_col[k];
			char	   *value = trim(r.field[col]);
			int			sex = (h.c_sex != NO_VALUE) ? row_sex : h.v_sex[k];
			int			year = (h.c_year != NO_VALUE) ? row_year : h.v_year[k];
			const char *colname = h.name[col];
			PopCell    *c;
			bool		whole,
						split;
			int			region;

			/* Rows SSB exports that are not kommune data: skipped, counted. */
			if (code == NO_VALUE && is_county_or_country(region_raw))
			{
				reasons_add(&rejected, "region is a county or the whole country, not a kommune");
				continue;
			}
			if (age == NO_VALUE && (eq_ci(age_raw, "total") || eq_ci(age_raw, "i alt") ||
									eq_ci(age_raw, "alle aldre") || eq_ci(age_raw, "all ages")))
			{
				reasons_add(&rejected, "age total row (totals are computed, not stored)");
				continue;
			}
			if (h.has_sex && sex == 0)
			{
				reasons_add(&rejected, "both-sexes row in a file split by sex (totals are computed, not stored)");
				continue;
			}
			if (is_marker(value))
			{
				reasons_add(&rejected, psprintf("missing value marker \"%s\"", value));
				continue;
			}

			/* The first bad cell, in line and column order. */
			if (code == NO_VALUE)
				set_error(&cell_error, ERRCODE_INVALID_TEXT_REPRESENTATION,
						  psprintf("invalid region \"%s\" at line %d, column \"%s\"", region_raw, r.record_line, h.name[h.c_region]),
						  "A kommune is a four-digit kommunenummer, optionally after \"K-\", before its name.",
						  "Export the region dimension with codes, e.g. \"K-5524 Målselv\".");
			else if (age == NO_VALUE || age > 150)
				set_error(&cell_error, ERRCODE_INVALID_TEXT_REPRESENTATION,
						  psprintf("invalid age \"%s\" at line %d, column \"%s\"", age_raw, r.record_line, h.name[h.c_age]),
						  "Ages are single years such as \"67 years\", \"67 år\" or \"105 years or older\".",
						  "Export table 07459 by single-year age.");
			else if (h.has_sex && sex == NO_VALUE)
				set_error(&cell_error, ERRCODE_INVALID_TEXT_REPRESENTATION,
						  psprintf("invalid sex \"%s\" at line %d, column \"%s\"", sex_field ? sex_field : "",
								   r.record_line, h.c_sex != NO_VALUE ? h.name[h.c_sex] : colname),
						  "Sex is Males/Females, Menn/Kvinner or SSB's codes 1/2.",
						  "Export the sex dimension with SSB's labels or codes.");
			else if (year == NO_VALUE)
				set_error(&cell_error, ERRCODE_INVALID_TEXT_REPRESENTATION,
						  psprintf("invalid year \"%s\" at line %d, column \"%s\"", year_field ? year_field : "",
								   r.record_line, h.c_year != NO_VALUE ? h.name[h.c_year] : colname),
						  NULL, "Years are four digits.");
			else if (value[0] == '-' && all_digits(value + 1, 1, 1000000))
				set_error(&cell_error, ERRCODE_DATA_EXCEPTION,
						  psprintf("negative count %s at line %d, column \"%s\"", value, r.record_line, colname),
						  "Population counts cannot be negative.",
						  "Check that the file is an unedited SSB export.");
			else if (!all_digits(value, 1, 9))
				set_error(&cell_error, ERRCODE_INVALID_TEXT_REPRESENTATION,
						  psprintf("invalid count \"%s\" at line %d, column \"%s\"", value, r.record_line, colname),
						  "Counts are whole numbers of persons; SSB marks missing values with \"..\", \":\" or \".\".",
						  "Check the separator, and that no cell holds text or a decimal number.");
			if (cell_error.msg)
				break;

			region = map_code(map, code, has_k, year, &whole, &split);
			if (split)
			{
				reasons_add(&rejected, psprintf("kommune %04d was split; its counts cannot be allocated to current kommuner", code));
				continue;
			}
			if (region == NO_VALUE)
			{
				set_error(&region_error, ERRCODE_FOREIGN_KEY_VIOLATION,
						  psprintf("unknown region \"%s\" for year %d at line %d, column \"%s\"",
								   region_raw, year, r.record_line, h.name[h.c_region]),
						  psprintf("Kommunenummer %04d is in neither carestair.region nor carestair.region_code_history for %d.", code, year),
						  "Add the kommune to carestair.region (and its old codes to carestair.region_code_history), then import again.");
				continue;
			}

			if (ncells == maxcells)
			{
				maxcells = maxcells * 2;
				if ((Size) maxcells * sizeof(PopCell) >= MaxAllocHugeSize)
					ereport(ERROR,
							(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							 errmsg("content has too many cells")));
				cells = repalloc_huge(cells, maxcells * sizeof(PopCell));
			}
			c = &cells[ncells++];
			c->persons = atoi(value);
			c->rec = nrec;
			c->col = col;
			c->code = code;
			c->region = region;
			c->year = year;
			c->age = age;
			c->sex = h.has_sex ? sex : 0;
			c->is_open = is_open;
			c->whole = whole;
		}
		nrec++;
	}
	raise_error(&cell_error);
	raise_error(&region_error);

	/* The same source cell twice: the pair whose first line comes first. */
	qsort(cells, ncells, sizeof(PopCell), cmp_cell_code);
	{
		int64		best = -1;
		int			best_l1 = PG_INT32_MAX,
					best_l2 = 0;

		for (i = 0; i < ncells; i = j)
		{
			CHECK_FOR_INTERRUPTS();
			for (j = i + 1; j < ncells && cells[j].code == cells[i].code && cells[j].year == cells[i].year &&
				 cells[j].sex == cells[i].sex && cells[j].age == cells[i].age; j++)
				;
			if (j - i > 1 && rec_line[cells[i].rec] < best_l1)
			{
				best = i;
				best_l1 = rec_line[cells[i].rec];
				best_l2 = rec_line[cells[j - 1].rec];
			}
		}
		if (best >= 0)
			ereport(ERROR,
					(errcode(ERRCODE_UNIQUE_VIOLATION),
					 errmsg("duplicate row for region %04d, year %d, sex %s, age %d at lines %d and %d",
							cells[best].code, cells[best].year,
							h.has_sex ? psprintf("%d", cells[best].sex) : "both",
							cells[best].age, best_l1, best_l2),
					 errhint("Export each region, sex, age and year once.")));
	}

	/* Open age groups: one per code and year (both sexes), nothing above or beside it. */
	{
		const PopCell *bad = NULL,
				   *bad_open = NULL;

		for (i = 0; i < ncells; i = j)
		{
			int64		k,
						o;

			CHECK_FOR_INTERRUPTS();
			for (j = i + 1; j < ncells && cells[j].code == cells[i].code && cells[j].year == cells[i].year; j++)
				;
			for (o = i; o < j; o++)
			{
				if (!cells[o].is_open)
					continue;
				for (k = i; k < j; k++)
				{
					const PopCell *c = &cells[k];

					if (k == o || !(c->age > cells[o].age || (c->is_open && c->age != cells[o].age)))
						continue;
					if (bad == NULL || rec_line[c->rec] < rec_line[bad->rec] ||
						(c->rec == bad->rec && c->col < bad->col))
					{
						bad = c;
						bad_open = &cells[o];
					}
				}
			}
		}
		if (bad)
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("age %d at line %d lies above or beside the open age group %d+ at line %d (region %04d, year %d)",
							bad->age, rec_line[bad->rec], bad_open->age, rec_line[bad_open->rec], bad->code, bad->year),
					 errdetail("A region-year has one open age group, and no age above it."),
					 errhint("Check that the file is an unedited SSB export by single-year age.")));
	}

	/*
	 * Merged kommuner: a region-year comes either whole or from all the codes
	 * it was made of that year; then sum onto (region, year, sex, age).
	 */
	qsort(cells, ncells, sizeof(PopCell), cmp_cell_region);
	for (i = 0; i < ncells; i = j)
	{
		bool		any_whole = false,
					is_open = false;
		int64		sum = 0;
		int			expected = 0;
		const PopCell *c = &cells[i];

		CHECK_FOR_INTERRUPTS();
		for (j = i; j < ncells && cells[j].region == c->region && cells[j].year == c->year &&
			 cells[j].sex == c->sex && cells[j].age == c->age; j++)
		{
			any_whole |= cells[j].whole;
			is_open |= cells[j].is_open;
			sum += cells[j].persons;
		}
		if (!any_whole)
			for (int k = map->by_region_start[c->region]; k < map->by_region_start[c->region + 1]; k++)
			{
				const CodeHist *x = map->by_region[k];

				if (x->whole_weight && c->year >= x->first_year && c->year <= x->last_year)
					expected++;
			}
		if ((any_whole && j - i > 1) || (!any_whole && j - i < Max(expected, 1)))
		{
			StringInfoData present,
						codes;

			initStringInfo(&present);
			initStringInfo(&codes);
			for (int64 k = i; k < j; k++)
				appendStringInfo(&present, "%s%04d", k > i ? ", " : "", cells[k].code);
			for (int k = map->by_region_start[c->region]; k < map->by_region_start[c->region + 1]; k++)
			{
				const CodeHist *x = map->by_region[k];

				if (x->whole_weight && c->year >= x->first_year && c->year <= x->last_year)
					appendStringInfo(&codes, "%s%04d", codes.len ? ", " : "", x->code);
			}
			if (any_whole)
				ereport(ERROR,
						(errcode(ERRCODE_DATA_EXCEPTION),
						 errmsg("region %04d year %d age %d appears both whole and as its former kommuner (%s)",
								c->region, c->year, c->age, present.data),
						 errdetail("Summing them would count the same persons twice."),
						 errhint("Export either on current borders or with the codes valid each year, not both.")));
			ereport(ERROR,
					(errcode(ERRCODE_DATA_EXCEPTION),
					 errmsg("region %04d year %d age %d is incomplete: the file has kommune %s but the region was made of %s",
							c->region, c->year, c->age, present.data, codes.data),
					 errdetail("Counts of merged kommuner are summed onto current borders; a missing part would give a silently low number."),
					 errhint("Export all the old kommuner of that region for that year, or export on current borders (\"K-%04d\").", c->region)));
		}
		if (sum > PG_INT32_MAX)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("region %04d year %d age %d sums to %lld persons, more than a population count can hold",
							c->region, c->year, c->age, (long long) sum),
					 errhint("Check that the file is an unedited SSB export.")));
		put_row(rsinfo, "row", c->region, c->year, c->sex, c->age, sum, is_open, NULL);
		nrows++;
	}
	put_row(rsinfo, "header", NO_VALUE, NO_VALUE, h.has_sex ? 1 : 0, NO_VALUE, nrows, false, NULL);
	for (i = 0; i < rejected.n; i++)
		put_row(rsinfo, "rejected", NO_VALUE, NO_VALUE, 0, NO_VALUE, rejected.count[i], false, rejected.reason[i]);
	if (text_lines > 0)
		put_row(rsinfo, "textline", NO_VALUE, NO_VALUE, 0, NO_VALUE, text_lines, false,
				"text line without data (title or footnote)");
	PG_RETURN_NULL();
}
