/*
 * carestair.c
 *	  Library entry point of the carestair extension.
 *
 * Each capability lives in its own src/<module>.c; this file only carries
 * the module magic block that PostgreSQL checks when it loads the library.
 */
#include "carestair.h"

PG_MODULE_MAGIC;
