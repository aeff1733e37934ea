/*
 * carestair.h
 *	  Declarations shared by the carestair modules.
 *
 * Keep this header small: only what more than one module needs belongs here.
 */
#ifndef CARESTAIR_H
#define CARESTAIR_H

#include "postgres.h"
#include "fmgr.h"
#include "funcapi.h"

/*
 * Materialize-mode set-returning functions.  PostgreSQL 15 calls the helper
 * SetSingleFuncCall(); PostgreSQL 16 renamed it InitMaterializedSRF().
 * After the call, rsinfo->setResult and rsinfo->setDesc are ready.
 */
#if PG_VERSION_NUM >= 160000
#define CARESTAIR_INIT_SRF(fcinfo) InitMaterializedSRF((fcinfo), 0)
#else
#define CARESTAIR_INIT_SRF(fcinfo) SetSingleFuncCall((fcinfo), 0)
#endif

#endif							/* CARESTAIR_H */
