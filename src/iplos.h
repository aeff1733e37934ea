/*
 * iplos.h
 *	  The IPLOS functional profile: 17 bistandsvariabler packed in 64 bits.
 *
 * Shared by iplos.c (the SQL type) and beon.c (the classifier).
 */
#ifndef CARESTAIR_IPLOS_H
#define CARESTAIR_IPLOS_H

#include "postgres.h"

/* Number of IPLOS functional variables the profile holds. */
#define IPLOS_NVARS 17

/*
 * Layout of the 64-bit value: variable i (0-based, in the order of
 * iplos_variable_names) occupies bits 3i..3i+2 with codes 1..5 for scores
 * 1..5 and 6 for score 9 (not relevant); code 0 is never stored.  Bits
 * 56..63 hold the format version, so that a stored value can be recognised
 * and a later layout can read old values.
 */
#define IPLOS_VERSION 1
#define IPLOS_VERSION_SHIFT 56
#define IPLOS_CODE_NOT_RELEVANT 6

typedef uint64 IplosProfile;

#define DatumGetIplosProfile(d) ((IplosProfile) DatumGetInt64(d))
#define IplosProfileGetDatum(p) Int64GetDatum((int64) (p))
#define PG_GETARG_IPLOS(n) DatumGetIplosProfile(PG_GETARG_DATUM(n))

extern const char *const carestair_iplos_variable_names[IPLOS_NVARS];
extern const bool carestair_iplos_in_adl_mean[IPLOS_NVARS];

/* Score (1..5, or 9) of variable i. */
static inline int
iplos_score(IplosProfile p, int i)
{
	int			code = (int) ((p >> (3 * i)) & 7);

	return code == IPLOS_CODE_NOT_RELEVANT ? 9 : code;
}

extern double carestair_iplos_mean_adl(IplosProfile p, bool *isnull);
extern bool carestair_iplos_cognitive(IplosProfile p);

#endif							/* CARESTAIR_IPLOS_H */
