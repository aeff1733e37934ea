/*
 * beds_kernel.c
 *	  Erlang B (loss) and Erlang C (delay) for bed dimensioning.
 *
 * Erlang B is computed with the recurrence
 *		B(0) = 1,  B(n) = A B(n-1) / (n + A B(n-1)),
 * which stays in [0, 1] at every step and never forms A^n or n!, so it is
 * stable for any offered load A >= 0 and any number of servers n (see e.g.
 * Kleinrock, Queueing Systems I (1975), or Zeng (2003) "Two common properties
 * of the Erlang-B function").  Erlang C follows from B:
 *		C(n, A) = n B / (n - A (1 - B))	 for A < n,
 * and is 1 when A >= n (the queue never empties).
 *
 * Callers validate their arguments; the functions here assume A >= 0 and
 * finite, n >= 0, and probabilities in (0, 1).
 */
#include "postgres.h"

#include "miscadmin.h"

#include "beds_kernel.h"

/* Erlang B: probability that an arrival finds all n servers busy. */
double
carestair_erlang_b(double load, int servers)
{
	double		b = 1.0;
	int			n;

	for (n = 1; n <= servers; n++)
	{
		b = load * b / ((double) n + load * b);
		if ((n & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	return b;
}

/* Erlang C: probability that an arrival has to wait (M/M/n queue). */
double
carestair_erlang_c(double load, int servers)
{
	double		b;

	if (servers == 0 || load >= (double) servers)
		return 1.0;
	if (load == 0.0)
		return 0.0;
	b = carestair_erlang_b(load, servers);
	return (double) servers * b / ((double) servers - load * (1.0 - b));
}

/*
 * Smallest n with B(n, A) <= max_refusal, or -1 if none up to
 * CARESTAIR_ERLANG_MAX_SERVERS.  With no load, no server is needed (B(0, 0)
 * is 1 only by the recurrence's convention).  B decreases in n, so one pass of the
 * recurrence finds it.
 */
int
carestair_erlang_b_servers(double load, double max_refusal)
{
	double		b = 1.0;
	int			n;

	if (load == 0.0)
		return 0;				/* no arrivals: no bed is needed */
	for (n = 1; n <= CARESTAIR_ERLANG_MAX_SERVERS; n++)
	{
		b = load * b / ((double) n + load * b);
		if (b <= max_refusal)
			return n;
		if ((n & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	return -1;
}

/*
 * Smallest n > A with C(n, A) <= max_wait, or -1 if none up to the maximum.
 * B is carried along the recurrence so the search is one pass.
 */
int
carestair_erlang_c_servers(double load, double max_wait)
{
	double		b = 1.0;
	int			n;

	if (load == 0.0)
		return 0;
	for (n = 1; n <= CARESTAIR_ERLANG_MAX_SERVERS; n++)
	{
		b = load * b / ((double) n + load * b);
		if ((double) n > load &&
			(double) n * b / ((double) n - load * (1.0 - b)) <= max_wait)
			return n;
		if ((n & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	return -1;
}
