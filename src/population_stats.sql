
-- ---------------------------------------------------------------------------
-- population_stats: summaries of the observed population that every care
-- plan starts with (totals, elderly shares, old-age dependency, pyramids).
-- See doc/population_stats.md.
-- ---------------------------------------------------------------------------

/*
 * population_summary_by_year: one row per region and year with the figures a
 * health-and-care plan quotes.  Age bands that the open age group cuts
 * through (e.g. 90+ when the open group is 85+) are NULL, never guessed.
 */
CREATE VIEW carestair.population_summary_by_year AS
WITH b AS (
    SELECT p.region, p.year,
           pg_catalog.max(p.age) FILTER (WHERE p.is_open_age) AS open_age,
           pg_catalog.sum(p.persons) AS persons,
           pg_catalog.sum(p.persons) FILTER (WHERE p.age <= 19) AS p0_19,
           pg_catalog.sum(p.persons) FILTER (WHERE p.age BETWEEN 20 AND 66) AS p20_66,
           pg_catalog.sum(p.persons) FILTER (WHERE p.age >= 67) AS p67,
           pg_catalog.sum(p.persons) FILTER (WHERE p.age >= 80) AS p80,
           pg_catalog.sum(p.persons) FILTER (WHERE p.age >= 90) AS p90
      FROM carestair.population_both_sexes AS p
     GROUP BY p.region, p.year
), c AS (
    SELECT b.region, b.year, b.persons::bigint AS persons,
           CASE WHEN b.open_age IS NULL OR b.open_age >= 20 THEN coalesce(b.p0_19, 0) END::bigint AS persons_0_19,
           CASE WHEN b.open_age IS NULL OR b.open_age >= 67 THEN coalesce(b.p20_66, 0) END::bigint AS persons_20_66,
           CASE WHEN b.open_age IS NULL OR b.open_age >= 67 THEN coalesce(b.p67, 0) END::bigint AS persons_67_plus,
           CASE WHEN b.open_age IS NULL OR b.open_age >= 80 THEN coalesce(b.p80, 0) END::bigint AS persons_80_plus,
           CASE WHEN b.open_age IS NULL OR b.open_age >= 90 THEN coalesce(b.p90, 0) END::bigint AS persons_90_plus,
           b.open_age
      FROM b
)
SELECT c.region, g.name AS region_name, c.year, c.persons,
       c.persons_0_19, c.persons_20_66, c.persons_67_plus, c.persons_80_plus, c.persons_90_plus,
       pg_catalog.round(100.0 * c.persons_67_plus::numeric / nullif(c.persons, 0)::numeric, 2) AS pct_67_plus,
       pg_catalog.round(100.0 * c.persons_80_plus::numeric / nullif(c.persons, 0)::numeric, 2) AS pct_80_plus,
       pg_catalog.round(100.0 * c.persons_90_plus::numeric / nullif(c.persons, 0)::numeric, 2) AS pct_90_plus,
       pg_catalog.round(100.0 * c.persons_67_plus::numeric / nullif(c.persons_20_66, 0)::numeric, 2) AS old_age_dependency,
       c.open_age
  FROM c
  JOIN carestair.region AS g ON g.region = c.region;

COMMENT ON VIEW carestair.population_summary_by_year IS
  'Population on 1 January per region and year: totals, 0-19, 20-66, 67+, 80+, 90+, their percentages and the old-age dependency ratio (67+ per 100 aged 20-66). See doc/population_stats.md.';
COMMENT ON COLUMN carestair.population_summary_by_year.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.population_summary_by_year.region_name IS 'Kommune name.';
COMMENT ON COLUMN carestair.population_summary_by_year.year IS 'Year (population on 1 January).';
COMMENT ON COLUMN carestair.population_summary_by_year.persons IS 'Total persons.';
COMMENT ON COLUMN carestair.population_summary_by_year.persons_0_19 IS 'Persons aged 0-19.';
COMMENT ON COLUMN carestair.population_summary_by_year.persons_20_66 IS 'Persons aged 20-66 (working age in the old-age dependency ratio).';
COMMENT ON COLUMN carestair.population_summary_by_year.persons_67_plus IS 'Persons aged 67 or older.';
COMMENT ON COLUMN carestair.population_summary_by_year.persons_80_plus IS 'Persons aged 80 or older; NULL if the open age group starts below 80.';
COMMENT ON COLUMN carestair.population_summary_by_year.persons_90_plus IS 'Persons aged 90 or older; NULL if the open age group starts below 90.';
COMMENT ON COLUMN carestair.population_summary_by_year.pct_67_plus IS 'Percent of the population aged 67+, 2 decimals.';
COMMENT ON COLUMN carestair.population_summary_by_year.pct_80_plus IS 'Percent of the population aged 80+, 2 decimals.';
COMMENT ON COLUMN carestair.population_summary_by_year.pct_90_plus IS 'Percent of the population aged 90+, 2 decimals.';
COMMENT ON COLUMN carestair.population_summary_by_year.old_age_dependency IS 'Old-age dependency ratio (eldrebrøk): persons 67+ per 100 persons aged 20-66, 2 decimals.';
COMMENT ON COLUMN carestair.population_summary_by_year.open_age IS 'Lower bound of the open age group in the data (e.g. 105), NULL if none is flagged.';

/*
 * _require_population(region, year): raise the documented errors when the
 * region is unknown or has no population for the year.  Internal.
 */
CREATE FUNCTION carestair._require_population(region text, year integer)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT FROM carestair.region AS g WHERE g.region = _require_population.region) THEN
        RAISE EXCEPTION 'unknown region "%"', region
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Regions are four-digit kommunenummer from carestair.region.',
                  HINT = 'Use a current code, e.g. ''5524'' for Målselv; carestair.region_for_code() maps old ones.';
    END IF;
    IF NOT EXISTS (SELECT FROM carestair.population_both_sexes AS p
                    WHERE p.region = _require_population.region AND p.year = _require_population.year) THEN
        RAISE EXCEPTION 'no population for region % in year %', region, year
            USING ERRCODE = 'no_data_found',
                  HINT = 'Load SSB table 07459 for that year with carestair.import_ssb_population().';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._require_population(text, integer) IS 'Internal: errors for an unknown region or a region-year without population.';

CREATE FUNCTION carestair.population_summary(region text, year integer)
RETURNS SETOF carestair.population_summary_by_year
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM carestair._require_population(region, year);
    RETURN QUERY
    SELECT s.* FROM carestair.population_summary_by_year AS s
     WHERE s.region = population_summary.region AND s.year = population_summary.year;
END
$$;

COMMENT ON FUNCTION carestair.population_summary(text, integer) IS
  'Population summary of one region and year: totals, 67+/80+/90+ and their percentages, old-age dependency ratio. See doc/population_stats.md.';

/*
 * population_pyramid(region, year, age_group_width): persons by sex in age
 * groups of the given width; the group holding the open age group is open
 * ("100+").  Percentages are of the whole population, as pyramids are drawn.
 */
CREATE FUNCTION carestair.population_pyramid(region text, year integer, age_group_width integer DEFAULT 5)
RETURNS TABLE (age_from integer, age_to integer, age_group text,
               males bigint, females bigint, persons bigint,
               pct_males numeric, pct_females numeric)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF age_group_width < 1 OR age_group_width > 150 THEN
        RAISE EXCEPTION 'invalid age_group_width %', age_group_width
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The width of an age group is a whole number of years from 1 to 150.',
                  HINT = 'Use 1 for single years, 5 or 10 for the usual pyramids.';
    END IF;
    PERFORM carestair._require_population(region, year);
    RETURN QUERY
    WITH src AS (
        SELECT p.age, p.sex::integer AS sex, p.persons::bigint AS persons, p.is_open_age
          FROM carestair.population AS p
         WHERE p.region = population_pyramid.region AND p.year = population_pyramid.year
        UNION ALL
        SELECT t.age, 0, t.persons::bigint, t.is_open_age
          FROM carestair.population_total AS t
         WHERE t.region = population_pyramid.region AND t.year = population_pyramid.year
           AND NOT EXISTS (SELECT FROM carestair.population AS p
                            WHERE p.region = population_pyramid.region AND p.year = population_pyramid.year)
    ), grouped AS (
        SELECT (src.age / age_group_width) * age_group_width AS lo,
               pg_catalog.bool_or(src.is_open_age) AS open_group,
               pg_catalog.sum(src.persons) FILTER (WHERE src.sex = 1) AS m,
               pg_catalog.sum(src.persons) FILTER (WHERE src.sex = 2) AS f,
               pg_catalog.sum(src.persons) AS t
          FROM src
         GROUP BY 1
    ), g AS (
        -- every group from 0 up to the last one, so that empty groups show as 0
        SELECT s.lo, coalesce(grouped.open_group, false) AS open_group,
               coalesce(grouped.m, 0) AS m, coalesce(grouped.f, 0) AS f, coalesce(grouped.t, 0) AS t,
               (SELECT pg_catalog.bool_or(src.sex = 0) FROM src) AS no_split
          FROM pg_catalog.generate_series(0, (SELECT pg_catalog.max(grouped.lo) FROM grouped), age_group_width) AS s(lo)
          LEFT JOIN grouped ON grouped.lo = s.lo
    ), tot AS (SELECT pg_catalog.sum(g.t) AS all_persons FROM g)
    SELECT g.lo,
           CASE WHEN g.open_group THEN NULL ELSE g.lo + age_group_width - 1 END,
           CASE WHEN g.open_group THEN g.lo || '+'
                WHEN age_group_width = 1 THEN g.lo::text
                ELSE g.lo || '-' || (g.lo + age_group_width - 1) END,
           CASE WHEN g.no_split THEN NULL ELSE g.m END::bigint,
           CASE WHEN g.no_split THEN NULL ELSE g.f END::bigint,
           g.t::bigint,
           CASE WHEN g.no_split THEN NULL ELSE pg_catalog.round(100.0 * g.m / nullif(tot.all_persons, 0), 2) END,
           CASE WHEN g.no_split THEN NULL ELSE pg_catalog.round(100.0 * g.f / nullif(tot.all_persons, 0), 2) END
      FROM g, tot
     ORDER BY g.lo;
END
$$;

COMMENT ON FUNCTION carestair.population_pyramid(text, integer, integer) IS
  'Population pyramid of one region and year: persons by sex in age groups of age_group_width years (the open group last, e.g. ''105+''). See doc/population_stats.md.';
