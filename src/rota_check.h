/*
 * rota_check.h
 *	  The independent rota checker (rota_check.c): every rule a given rota
 *	  breaks.  It shares nothing with the search but the problem.
 */
#ifndef CARESTAIR_ROTA_CHECK_H
#define CARESTAIR_ROTA_CHECK_H

#include "rota_problem.h"

/* Rules the checker reports; names in carestair_rota_rule_name(). */
typedef enum RotaRule
{
	ROTA_RULE_COVERAGE = 0,
	ROTA_RULE_DAILY_REST,
	ROTA_RULE_WEEKLY_REST,
	ROTA_RULE_MAX_CONSECUTIVE,
	ROTA_RULE_WEEKEND,
	ROTA_RULE_HOURS,
	ROTA_RULE_UNKNOWN_SHIFT,
	ROTA_NRULES
} RotaRule;

typedef struct RotaViolation
{
	RotaRule	rule;
	int			pos;			/* position index, -1 for coverage */
	int			day;			/* day of the cycle, -1 if not one day */
	int			shift;			/* shift index, -1 if none */
	char	   *detail;			/* palloc'd explanation */
} RotaViolation;

extern const char *carestair_rota_rule_name(RotaRule rule);
extern int	carestair_rota_check(const RotaProblem *p, const int *x,
								 RotaViolation **out);

#endif							/* CARESTAIR_ROTA_CHECK_H */
