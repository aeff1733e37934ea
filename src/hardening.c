/*
 * hardening.c
 *	  Small server-side facts the SQL of src/hardening.sql needs.
 *
 * carestair._creating_extension() tells the shipped-row triggers whether
 * the extension's own script (CREATE EXTENSION, ALTER EXTENSION UPDATE) is
 * writing, in which case shipped rows stay shipped.
 */
#include "carestair.h"

#include "commands/extension.h"

PG_FUNCTION_INFO_V1(carestair_creating_extension);

/*
 * carestair._creating_extension() RETURNS boolean: true while an extension
 * script runs in this backend.  No arguments, nothing to validate.
 */
Datum
carestair_creating_extension(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(creating_extension);
}
