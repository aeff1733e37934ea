
-- ---------------------------------------------------------------------------
-- dementia: persons with dementia by region, year, sex and age band from a
-- prevalence table x a population (observed or projected).  See
-- doc/dementia.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.dementia_prevalence (
    sex        smallint NOT NULL
               CONSTRAINT dementia_prevalence_sex CHECK (sex OPERATOR(pg_catalog.=) ANY ('{1,2}'::smallint[])),
    age_from   integer NOT NULL
               CONSTRAINT dementia_prevalence_age_from CHECK (age_from OPERATOR(pg_catalog.>=) 0),
    age_to     integer
               CONSTRAINT dementia_prevalence_age_to CHECK (age_to OPERATOR(pg_catalog.>=) age_from),
    prevalence double precision NOT NULL
               CONSTRAINT dementia_prevalence_range CHECK (prevalence OPERATOR(pg_catalog.>=) 0::float8
                                                           AND prevalence OPERATOR(pg_catalog.<=) 1::float8),
    source     text NOT NULL,
    builtin    boolean NOT NULL DEFAULT false,
    PRIMARY KEY (sex, age_from)
);

COMMENT ON TABLE carestair.dementia_prevalence IS
  'Share of persons with dementia by sex and age band (shipped: the rate set behind Gjøra et al. 2021''s 101,118 for Norway 2020, as used in Telemarksforsking''s Fram); replaceable. See doc/dementia.md.';
COMMENT ON COLUMN carestair.dementia_prevalence.sex IS 'SSB sex code: 1 men, 2 women.';
COMMENT ON COLUMN carestair.dementia_prevalence.age_from IS 'First age of the band (completed years).';
COMMENT ON COLUMN carestair.dementia_prevalence.age_to IS 'Last age of the band; NULL for the open band (e.g. 90+).';
COMMENT ON COLUMN carestair.dementia_prevalence.prevalence IS 'Share of the band''s persons with dementia, 0..1.';
COMMENT ON COLUMN carestair.dementia_prevalence.source IS 'Where the rate comes from.';
COMMENT ON COLUMN carestair.dementia_prevalence.builtin IS 'True for the rows shipped with the extension (not dumped by pg_dump).';

SELECT pg_catalog.pg_extension_config_dump('carestair.dementia_prevalence', 'WHERE NOT builtin');

-- Shipped rates: data/dementia/dementia_prevalence_by_age_sex.csv (sql/dementia.sql checks they are equal).
INSERT INTO carestair.dementia_prevalence (sex, age_from, age_to, prevalence, source, builtin)
SELECT v.sex, v.age_from, v.age_to, v.prevalence,
       'Fram (Telemarksforsking) rate set; x SSB 07459 1 Jan 2020 = 101,118 as in Gjøra et al., J Alzheimers Dis 79(3) 2021', true
  FROM (VALUES (1::smallint, 0, 29, 0::float8), (1::smallint, 30, 64, 0.000838), (1::smallint, 65, 69, 0.005717),
               (1::smallint, 70, 74, 0.063894), (1::smallint, 75, 79, 0.100285), (1::smallint, 80, 84, 0.177985),
               (1::smallint, 85, 89, 0.304476), (1::smallint, 90, NULL, 0.414735),
               (2::smallint, 0, 29, 0), (2::smallint, 30, 64, 0.000873), (2::smallint, 65, 69, 0.008860),
               (2::smallint, 70, 74, 0.048112), (2::smallint, 75, 79, 0.089572), (2::smallint, 80, 84, 0.180180),
               (2::smallint, 85, 89, 0.345687), (2::smallint, 90, NULL, 0.509160))
       AS v(sex, age_from, age_to, prevalence);

/*
 * dementia_estimate(population_sql, prevalence_sql): persons with dementia
 * by region, year, sex and age band = sum over the band's ages of persons x
 * the band's prevalence.  population_sql returns region, year, sex (1/2),
 * age, persons (any number of rows per cell: they are summed);
 * prevalence_sql returns sex, age_from, age_to (NULL = open), prevalence,
 * and defaults to carestair.dementia_prevalence.  The prevalence bands of
 * each sex must start at age 0, follow each other without gap or overlap and
 * end in an open band; every rate lies in [0, 1].  Checks run before any
 * row is returned.
 */
CREATE FUNCTION carestair.dementia_estimate(population_sql text, prevalence_sql text DEFAULT NULL)
RETURNS TABLE (region text, year integer, sex integer, age_from integer, age_to integer,
               persons double precision, with_dementia double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    prev text := coalesce(prevalence_sql,
                          'SELECT d.sex, d.age_from, d.age_to, d.prevalence FROM carestair.dementia_prevalence AS d');
    bad  record;
    n    bigint;
BEGIN
    IF population_sql IS NULL THEN
        RAISE EXCEPTION 'population_sql must not be NULL'
            USING ERRCODE = 'null_value_not_allowed',
                  HINT = 'Pass a query returning region, year, sex, age, persons, e.g. from carestair.population.';
    END IF;
    PERFORM carestair._require_columns(population_sql, '{region,year,sex,age,persons}', 'population_sql');
    PERFORM carestair._require_columns(prev, '{sex,age_from,age_to,prevalence}', 'prevalence_sql');

    /* The prevalence table: one row per band, rates in [0, 1]. */
    EXECUTE format($q$
        SELECT q.sex::integer AS sex, q.age_from::integer AS age_from, q.age_to::integer AS age_to,
               q.prevalence::float8 AS prevalence
          FROM (%s) AS q
         WHERE q.sex IS NULL OR q.sex::integer NOT IN (1, 2) OR q.age_from IS NULL OR q.age_from::integer < 0
            OR q.age_to::integer < q.age_from::integer
            OR q.prevalence IS NULL OR q.prevalence::float8 = 'NaN'::float8
            OR q.prevalence::float8 < 0 OR q.prevalence::float8 > 1
         LIMIT 1$q$, prev) INTO bad;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
        RAISE EXCEPTION 'invalid prevalence % for sex %, ages % to %', coalesce(bad.prevalence::text, 'NULL'),
                        coalesce(bad.sex::text, 'NULL'), coalesce(bad.age_from::text, 'NULL'), coalesce(bad.age_to::text, 'open')
            USING ERRCODE = 'data_exception',
                  DETAIL = 'A prevalence row has sex 1 or 2, a first age of 0 or more, a last age not below it (or NULL for the open band), and a share of persons with dementia from 0 to 1.',
                  HINT = 'Shares are fractions (14.6 % is 0.146), not percentages.';
    END IF;

    /* Each sex: bands from age 0, without gap or overlap, ending open. */
    EXECUTE format($q$
        WITH b AS (
            SELECT q.sex::integer AS sex, q.age_from::integer AS age_from, q.age_to::integer AS age_to,
                   lag(q.age_to::integer) OVER w AS prev_to, lag(q.age_from::integer) OVER w AS prev_from,
                   row_number() OVER w AS k, count(*) OVER (PARTITION BY q.sex::integer) AS n
              FROM (%s) AS q
            WINDOW w AS (PARTITION BY q.sex::integer ORDER BY q.age_from::integer, q.age_to::integer NULLS LAST)
        ), s AS (SELECT x.sex FROM (VALUES (1), (2)) AS x(sex))
        SELECT * FROM (
            SELECT s.sex, 'has no prevalence rows' AS problem, 1 AS ord FROM s WHERE s.sex NOT IN (SELECT b.sex FROM b)
            UNION ALL
            SELECT b.sex, format('starts at age %%s, not 0', b.age_from), 2 FROM b WHERE b.k = 1 AND b.age_from <> 0
            UNION ALL
            SELECT b.sex, format('has an open band %%s+ before the band from age %%s', b.prev_from, b.age_from), 3
              FROM b WHERE b.k > 1 AND b.prev_to IS NULL
            UNION ALL
            SELECT b.sex, CASE WHEN b.age_from > b.prev_to + 1
                               THEN format('has a gap: no band covers ages %%s to %%s', b.prev_to + 1, b.age_from - 1)
                               ELSE format('has overlapping bands at age %%s', b.age_from) END, 4
              FROM b WHERE b.k > 1 AND b.age_from <> b.prev_to + 1
            UNION ALL
            SELECT b.sex, format('ends at age %%s without an open band', b.age_to), 5 FROM b WHERE b.k = b.n AND b.age_to IS NOT NULL
        ) AS p ORDER BY p.sex, p.ord LIMIT 1$q$, prev) INTO bad;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
        RAISE EXCEPTION 'the prevalence table for sex % %', bad.sex, bad.problem
            USING ERRCODE = 'data_exception',
                  DETAIL = 'Each sex needs bands that cover every age from 0, one after the other, the last one open (age_to NULL).',
                  HINT = 'Add the missing band (with prevalence 0 where there is none), or fix the bounds.';
    END IF;

    /* The population: known sex, whole ages, counts not negative. */
    EXECUTE format($q$
        SELECT p.region::text AS region, p.year::integer AS year, p.sex::text AS sex, p.age::text AS age, p.persons::text AS persons
          FROM (%s) AS p
         WHERE p.region IS NULL OR p.year IS NULL OR p.sex IS NULL OR p.sex::integer NOT IN (1, 2)
            OR p.age IS NULL OR p.age::float8 < 0 OR p.age::float8 <> trunc(p.age::float8)
            OR p.persons IS NULL OR p.persons::float8 < 0 OR p.persons::float8 = 'NaN'::float8
         LIMIT 1$q$, population_sql) INTO bad;
    GET DIAGNOSTICS n = ROW_COUNT;
    IF n > 0 THEN
        RAISE EXCEPTION 'invalid population row: region %, year %, sex %, age %, persons %',
                        coalesce(bad.region, 'NULL'), coalesce(bad.year::text, 'NULL'), coalesce(bad.sex, 'NULL'),
                        coalesce(bad.age, 'NULL'), coalesce(bad.persons, 'NULL')
            USING ERRCODE = 'data_exception',
                  DETAIL = 'population_sql rows need a region and year, sex 1 (men) or 2 (women), a whole age of 0 or more, and persons not negative.',
                  HINT = 'Prevalence differs by sex: pass carestair.population (by sex), not both-sexes totals.';
    END IF;

    RETURN QUERY EXECUTE format($q$
        WITH pop AS (
            SELECT p.region::text AS region, p.year::integer AS year, p.sex::integer AS sex, p.age::integer AS age,
                   sum(p.persons::float8) AS persons
              FROM (%s) AS p
             GROUP BY 1, 2, 3, 4
        ), bands AS (
            SELECT q.sex::integer AS sex, q.age_from::integer AS age_from, q.age_to::integer AS age_to,
                   q.prevalence::float8 AS prevalence
              FROM (%s) AS q
        )
        SELECT pop.region, pop.year, pop.sex, b.age_from, b.age_to,
               sum(pop.persons), sum(pop.persons * b.prevalence)
          FROM pop
          JOIN bands AS b ON b.sex = pop.sex AND pop.age >= b.age_from AND (b.age_to IS NULL OR pop.age <= b.age_to)
         GROUP BY pop.region, pop.year, pop.sex, b.age_from, b.age_to
         ORDER BY pop.region, pop.year, pop.sex, b.age_from$q$, population_sql, prev);
END
$$;

COMMENT ON FUNCTION carestair.dementia_estimate(text, text) IS
  'Persons with dementia by region, year, sex and age band: population (caller''s query: region, year, sex, age, persons; observed or projected) x prevalence by sex and age band (NULL = the shipped carestair.dementia_prevalence). See doc/dementia.md.';
