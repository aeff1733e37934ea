
-- ---------------------------------------------------------------------------
-- projection: cohort-component population projection by single-year age and
-- sex (src/projection.c, src/projection_kernel.c).  See doc/projection.md.
-- ---------------------------------------------------------------------------

CREATE FUNCTION carestair.project_population(
    population_sql text,
    fertility_sql  text,
    mortality_sql  text,
    migration_sql  text,
    last_year      integer,
    sex_ratio      double precision DEFAULT 1.055)
RETURNS TABLE (region text, year integer, sex integer, age integer,
               persons double precision, deaths double precision,
               emigrants double precision, immigrants double precision)
AS 'MODULE_PATHNAME', 'carestair_project_population'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
ROWS 100000;

COMMENT ON FUNCTION carestair.project_population(text, text, text, text, integer, double precision) IS
  'Cohort-component projection from the caller''s own queries (population, fertility, mortality, migration) to last_year: persons on 1 January of year and the deaths, emigrants and immigrants of the year before, by cohort age at its end. See doc/projection.md.';

CREATE FUNCTION carestair.project_population(
    population_sql        text,
    fertility_sql         text,
    mortality_sql         text,
    migration_sql         text,
    last_year             integer,
    sex_ratio             double precision,
    age0_migrant_exposure double precision)
RETURNS TABLE (region text, year integer, sex integer, age integer,
               persons double precision, deaths double precision,
               emigrants double precision, immigrants double precision)
AS 'MODULE_PATHNAME', 'carestair_project_population'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
ROWS 100000;

COMMENT ON FUNCTION carestair.project_population(text, text, text, text, integer, double precision, double precision) IS
  'carestair.project_population with the share of the year age-0 migrants are exposed to mortality as a parameter (1/2 in the six-argument form; the Swiss FSO uses 2/3). See doc/projection.md.';

CREATE FUNCTION carestair.project_population_births(
    population_sql        text,
    fertility_sql         text,
    mortality_sql         text,
    migration_sql         text,
    last_year             integer,
    sex_ratio             double precision DEFAULT 1.055,
    age0_migrant_exposure double precision DEFAULT 0.5)
RETURNS TABLE (region text, year integer, births double precision,
               male_births double precision, female_births double precision)
AS 'MODULE_PATHNAME', 'carestair_project_population_births'
LANGUAGE C STABLE STRICT PARALLEL RESTRICTED
ROWS 1000;

COMMENT ON FUNCTION carestair.project_population_births(text, text, text, text, integer, double precision, double precision) IS
  'Births of the projection carestair.project_population makes from the same arguments, by region and year (births in the calendar year before 1 January of year). See doc/projection.md.';
