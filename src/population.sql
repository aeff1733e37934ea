
-- ---------------------------------------------------------------------------
-- population: observed population on 1 January by region, year, sex and
-- single-year age, with an explicit open age group.  See doc/population.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.population (
    region      text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year        integer NOT NULL
                CONSTRAINT population_year_range CHECK (year BETWEEN 1800 AND 2200),
    sex         smallint NOT NULL
                CONSTRAINT population_sex_is_1_or_2 CHECK (sex IN (1, 2)),
    age         smallint NOT NULL
                CONSTRAINT population_age_range CHECK (age BETWEEN 0 AND 150),
    persons     integer NOT NULL
                CONSTRAINT population_persons_not_negative CHECK (persons >= 0),
    is_open_age boolean NOT NULL DEFAULT false,
    source      text,
    PRIMARY KEY (region, year, sex, age)
);

COMMENT ON TABLE carestair.population IS
  'Population on 1 January by region, year, sex (1 male, 2 female) and single-year age; the open age group is flagged. See doc/population.md.';
COMMENT ON COLUMN carestair.population.region IS 'Kommunenummer (carestair.region), on current borders.';
COMMENT ON COLUMN carestair.population.year IS 'Year; persons are counted on 1 January of it (SSB 07459).';
COMMENT ON COLUMN carestair.population.sex IS 'SSB sex code: 1 male, 2 female.';
COMMENT ON COLUMN carestair.population.age IS 'Age in completed years on 1 January; for the open group, its lower bound (105 = 105 or older).';
COMMENT ON COLUMN carestair.population.persons IS 'Number of persons.';
COMMENT ON COLUMN carestair.population.is_open_age IS 'True for the open age group (e.g. 105 or older); at most one per region, year and sex, the same age for both sexes, and no age above it.';
COMMENT ON COLUMN carestair.population.source IS 'Where the row came from, e.g. ''SSB 07459''.';

CREATE UNIQUE INDEX population_one_open_age_idx
    ON carestair.population (region, year, sex) WHERE is_open_age;

-- The same for sources that give both sexes together only (no sex split).
CREATE TABLE carestair.population_total (
    region      text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year        integer NOT NULL
                CONSTRAINT population_total_year_range CHECK (year BETWEEN 1800 AND 2200),
    age         smallint NOT NULL
                CONSTRAINT population_total_age_range CHECK (age BETWEEN 0 AND 150),
    persons     integer NOT NULL
                CONSTRAINT population_total_persons_not_negative CHECK (persons >= 0),
    is_open_age boolean NOT NULL DEFAULT false,
    source      text,
    PRIMARY KEY (region, year, age)
);

COMMENT ON TABLE carestair.population_total IS
  'Population on 1 January by region, year and age, both sexes together, for sources without a sex split (older SSB exports). See doc/population.md.';
COMMENT ON COLUMN carestair.population_total.region IS 'Kommunenummer (carestair.region), on current borders.';
COMMENT ON COLUMN carestair.population_total.year IS 'Year; persons are counted on 1 January of it.';
COMMENT ON COLUMN carestair.population_total.age IS 'Age in completed years; for the open group, its lower bound.';
COMMENT ON COLUMN carestair.population_total.persons IS 'Number of persons, both sexes.';
COMMENT ON COLUMN carestair.population_total.is_open_age IS 'True for the open age group; at most one per region and year, and no age above it.';
COMMENT ON COLUMN carestair.population_total.source IS 'Where the row came from.';

CREATE UNIQUE INDEX population_total_one_open_age_idx
    ON carestair.population_total (region, year) WHERE is_open_age;

SELECT pg_catalog.pg_extension_config_dump('carestair.population', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.population_total', '');

/*
 * _check_open_age(): statement-level trigger on both population tables.
 * For every region-year the statement touched, the open age group must be
 * the same age for both sexes and no row may lie above it.  Internal.
 * Nested loops are off: during a bulk load autoanalyze can record the table
 * as empty (its new rows are not yet committed), and a nested loop planned
 * on that would make the check quadratic in the rows loaded; hash joins keep
 * it linear.
 */
CREATE FUNCTION carestair._check_open_age()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
SET enable_nestloop = off
AS $$
DECLARE
    bad record;
BEGIN
    IF TG_TABLE_NAME = 'population' THEN
        SELECT o.region, o.year, pg_catalog.min(o.age) AS a1, pg_catalog.max(o.age) AS a2
          INTO bad
          FROM carestair.population AS o
         WHERE o.is_open_age
           AND (o.region, o.year) IN (SELECT n.region, n.year FROM new_rows AS n)
         GROUP BY o.region, o.year
        HAVING pg_catalog.count(DISTINCT o.age) > 1
         LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION 'region % year % has two open age groups (% and %)', bad.region, bad.year, bad.a1, bad.a2
                USING ERRCODE = 'data_exception',
                      DETAIL = 'Both sexes of a region-year must share one open age group.',
                      HINT = 'Flag the same age as is_open_age for males and females.';
        END IF;
        SELECT p.region, p.year, p.sex, p.age, o.age AS open_age
          INTO bad
          FROM carestair.population AS p
          JOIN carestair.population AS o
            ON o.region = p.region AND o.year = p.year AND o.is_open_age
         WHERE p.age > o.age
           AND (p.region, p.year) IN (SELECT n.region, n.year FROM new_rows AS n)
         ORDER BY p.region, p.year, p.sex, p.age
         LIMIT 1;
    ELSE
        SELECT p.region, p.year, NULL::smallint AS sex, p.age, o.age AS open_age
          INTO bad
          FROM carestair.population_total AS p
          JOIN carestair.population_total AS o
            ON o.region = p.region AND o.year = p.year AND o.is_open_age
         WHERE p.age > o.age
           AND (p.region, p.year) IN (SELECT n.region, n.year FROM new_rows AS n)
         ORDER BY p.region, p.year, p.age
         LIMIT 1;
    END IF;
    IF FOUND THEN
        RAISE EXCEPTION 'region % year % has age % above its open age group %', bad.region, bad.year, bad.age, bad.open_age
            USING ERRCODE = 'data_exception',
                  DETAIL = pg_catalog.format('The open group %s+ already holds everyone aged %s or older%s.',
                                             bad.open_age, bad.open_age,
                                             CASE WHEN bad.sex IS NULL THEN '' ELSE pg_catalog.format(' (sex %s)', bad.sex) END),
                  HINT = 'Remove the rows above the open age group, or move the open group up.';
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION carestair._check_open_age() IS 'Internal: trigger that keeps one open age group per region-year and no age above it.';

CREATE TRIGGER population_open_age_insert
    AFTER INSERT ON carestair.population
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION carestair._check_open_age();
CREATE TRIGGER population_open_age_update
    AFTER UPDATE ON carestair.population
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION carestair._check_open_age();
CREATE TRIGGER population_total_open_age_insert
    AFTER INSERT ON carestair.population_total
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION carestair._check_open_age();
CREATE TRIGGER population_total_open_age_update
    AFTER UPDATE ON carestair.population_total
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION carestair._check_open_age();

/*
 * population_both_sexes: one series by region, year and age whatever the
 * source gave: the sex-split table summed where it has the region-year,
 * otherwise population_total.
 */
CREATE VIEW carestair.population_both_sexes AS
SELECT p.region, p.year, p.age,
       pg_catalog.sum(p.persons)::bigint AS persons,
       pg_catalog.bool_or(p.is_open_age) AS is_open_age,
       'carestair.population'::text AS from_table
  FROM carestair.population AS p
 GROUP BY p.region, p.year, p.age
UNION ALL
SELECT t.region, t.year, t.age, t.persons::bigint, t.is_open_age, 'carestair.population_total'
  FROM carestair.population_total AS t
 WHERE NOT EXISTS (SELECT FROM carestair.population AS p
                    WHERE p.region = t.region AND p.year = t.year);

COMMENT ON VIEW carestair.population_both_sexes IS
  'Population on 1 January by region, year and age, both sexes: from carestair.population where it has the region-year, else carestair.population_total. See doc/population.md.';
COMMENT ON COLUMN carestair.population_both_sexes.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.population_both_sexes.year IS 'Year (1 January).';
COMMENT ON COLUMN carestair.population_both_sexes.age IS 'Age in completed years; for the open group, its lower bound.';
COMMENT ON COLUMN carestair.population_both_sexes.persons IS 'Number of persons, both sexes.';
COMMENT ON COLUMN carestair.population_both_sexes.is_open_age IS 'True for the open age group.';
COMMENT ON COLUMN carestair.population_both_sexes.from_table IS 'Which table the numbers come from.';

/*
 * _require_columns(query, columns, argument): raise a clear error when the
 * caller's inner query (pgRouting style) lacks one of the columns a function
 * reads.  Internal; used by every function that takes a query.
 */
CREATE FUNCTION carestair._require_columns(query text, columns text[], argument text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF query IS NULL OR btrim(query) = '' THEN
        RAISE EXCEPTION '% must be a query', argument
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = format('Pass a query returning the columns %s.', array_to_string(columns, ', '));
    END IF;
    EXECUTE format('SELECT %s FROM (%s) AS q LIMIT 0',
                   (SELECT string_agg('q.' || quote_ident(c), ', ') FROM unnest(columns) AS c), query);
EXCEPTION WHEN undefined_column THEN
    RAISE EXCEPTION '% must return the columns %', argument, array_to_string(columns, ', ')
        USING ERRCODE = 'undefined_column',
              DETAIL = format('The query failed with: %s', SQLERRM),
              HINT = 'Rename the columns with AS in the query.';
END
$$;

COMMENT ON FUNCTION carestair._require_columns(text, text[], text) IS 'Internal: checks that a caller''s inner query has the columns a function reads.';
