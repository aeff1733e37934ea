/*
 * unit.h
 *	  A minimal TAP harness for the kernels' unit tests (make unit).
 */
#ifndef CARESTAIR_UNIT_H
#define CARESTAIR_UNIT_H

#include <setjmp.h>
#include <stdio.h>

extern jmp_buf *unit_error_jump;
extern char unit_error_message[1024];
extern int	unit_count;
extern int	unit_failed;

/* One TAP line: ok N - name, or not ok with the reason. */
#define CHECK(cond, ...) \
	do { \
		unit_count++; \
		if (cond) printf("ok %d - ", unit_count); \
		else { printf("not ok %d - ", unit_count); unit_failed++; } \
		printf(__VA_ARGS__); \
		printf("\n"); \
	} while (0)

/* Run stmt; pass when it raises ereport(ERROR). */
#define EXPECT_ERROR(stmt, ...) \
	do { \
		jmp_buf		jb; \
		int			raised = 0; \
		unit_error_jump = &jb; \
		if (setjmp(jb) == 0) { stmt; } else raised = 1; \
		unit_error_jump = NULL; \
		CHECK(raised, __VA_ARGS__); \
		if (raised) printf("# error: %s\n", unit_error_message); \
	} while (0)

#endif							/* CARESTAIR_UNIT_H */
