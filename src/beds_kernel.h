/*
 * beds_kernel.h
 *	  Erlang loss and delay formulas for bed dimensioning (no fmgr code).
 */
#ifndef BEDS_KERNEL_H
#define BEDS_KERNEL_H

/* Largest number of servers (beds) the search functions will try. */
#define CARESTAIR_ERLANG_MAX_SERVERS 1000000

extern double carestair_erlang_b(double load, int servers);
extern double carestair_erlang_c(double load, int servers);
extern int	carestair_erlang_b_servers(double load, double max_refusal);
extern int	carestair_erlang_c_servers(double load, double max_wait);

#endif							/* BEDS_KERNEL_H */
