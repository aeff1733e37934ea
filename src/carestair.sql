\echo Use "CREATE EXTENSION carestair" to load this file. \quit

/*
 * carestair extension script, assembled by the Makefile from src/<module>.sql
 * in a fixed order.  CREATE EXTENSION runs it with search_path set to
 * carestair followed by the PostGIS schema; putting pg_temp explicitly last
 * keeps temporary objects from shadowing anything.  Every object is created
 * with a qualified name and every reference is qualified.
 */
SELECT pg_catalog.set_config('search_path',
       pg_catalog.current_setting('search_path') OPERATOR(pg_catalog.||) ', pg_temp', true);

COMMENT ON SCHEMA carestair IS
  'carestair: health-and-care planning analytics for Norwegian kommuner. See doc/README.md.';
