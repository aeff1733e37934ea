/*
 * pg_stubs.c
 *	  The few server symbols the numeric kernels (src/<module>_kernel.c) use,
 *	  implemented for a plain C program (make unit, PostGIS's liblwgeom
 *	  style): palloc on malloc, interrupts never pending, and ereport(ERROR)
 *	  jumping back to the test that expects it (unit.h: EXPECT_ERROR).
 */
#include "postgres.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "miscadmin.h"

#include "unit.h"

volatile sig_atomic_t InterruptPending = false;
jmp_buf    *unit_error_jump = NULL;
char		unit_error_message[1024];
static int	unit_elevel;

void
ProcessInterrupts(void)
{
}

static void *
unit_alloc(Size size, bool zero)
{
	void	   *p = zero ? calloc(1, size ? size : 1) : malloc(size ? size : 1);

	if (p == NULL)
	{
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	return p;
}

void *
palloc(Size size)
{
	return unit_alloc(size, false);
}

void *
palloc0(Size size)
{
	return unit_alloc(size, true);
}

void *
palloc_extended(Size size, int flags)
{
	return unit_alloc(size, (flags & MCXT_ALLOC_ZERO) != 0);
}

void *
repalloc(void *pointer, Size size)
{
	return realloc(pointer, size);
}

void
pfree(void *pointer)
{
	free(pointer);
}

bool
errstart(int elevel, const char *domain)
{
	unit_elevel = elevel;
	unit_error_message[0] = '\0';
	return elevel >= ERROR;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

int
errcode(int sqlerrcode)
{
	return 0;
}

int
errmsg(const char *fmt,...)
{
	va_list		ap;

	va_start(ap, fmt);
	vsnprintf(unit_error_message, sizeof(unit_error_message), fmt, ap);
	va_end(ap);
	return 0;
}

/* As errmsg: the message is kept for the test to print. */
int
errmsg_internal(const char *fmt,...)
__attribute__((alias("errmsg")));

int
errdetail(const char *fmt,...)
{
	return 0;
}

int
errhint(const char *fmt,...)
{
	return 0;
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	if (unit_elevel < ERROR)
		return;
	if (unit_error_jump != NULL)
		longjmp(*unit_error_jump, 1);
	fprintf(stderr, "unexpected ERROR at %s:%d: %s\n", filename, lineno, unit_error_message);
	exit(2);
}
