
-- ---------------------------------------------------------------------------
-- kostra_nok: "why we run dearer" in kroner on the KOSTRA figures that are
-- published per kommune as totals of a sector (helse og omsorg per
-- innbygger), their regional medians, and SSB 12292 volumes: the gap to a
-- reference in NOK, need-adjusted, and split into need, coverage and unit
-- cost.  See doc/kostra_nok.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.indicator (
    indicator text PRIMARY KEY
              CONSTRAINT indicator_is_identifier CHECK (indicator OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]*$'),
    name      text NOT NULL,
    unit      text NOT NULL,
    what      text NOT NULL,
    builtin   boolean NOT NULL DEFAULT false
);

COMMENT ON TABLE carestair.indicator IS 'Indicators stored per kommune in carestair.kommune_indicator: name, unit and plainly what each figure is. See doc/kostra_nok.md.';
COMMENT ON COLUMN carestair.indicator.indicator IS 'Identifier, e.g. helse_omsorg_nok_per_innbygger.';
COMMENT ON COLUMN carestair.indicator.name IS 'Name as SSB writes it.';
COMMENT ON COLUMN carestair.indicator.unit IS 'Unit, e.g. ''NOK per inhabitant'', ''percent'', ''persons''.';
COMMENT ON COLUMN carestair.indicator.what IS 'What the figure is, and what it is not.';
COMMENT ON COLUMN carestair.indicator.builtin IS 'True for rows shipped with the extension.';

INSERT INTO carestair.indicator (indicator, name, unit, what, builtin) VALUES
  ('helse_omsorg_nok_per_innbygger', 'Helse og omsorg per innbygger', 'NOK per inhabitant',
   'KOSTRA (SSB 12209) "Helse og omsorg per innbygger": most likely brutto driftsutgifter of all of helse og omsorg (pleie og omsorg and kommunehelse) divided by the inhabitants at 31 December; not netto, not split by function (253/254/256/261 are not available in NOK)', true),
  ('pleie_omsorg_andel', 'Pleie og omsorg, andel av netto driftsutgifter', 'percent',
   'KOSTRA: netto driftsutgifter to pleie og omsorg as % of the kommune''s total netto driftsutgifter', true),
  ('kommunehelse_andel', 'Kommunehelse, andel av netto driftsutgifter', 'percent',
   'KOSTRA: netto driftsutgifter to kommunehelse as % of the kommune''s total netto driftsutgifter', true),
  ('frie_inntekter_nok_per_innbygger', 'Frie inntekter per innbygger', 'NOK per inhabitant',
   'KOSTRA: skatt og rammetilskudd per inhabitant', true),
  ('innbyggere', 'Innbyggere', 'persons',
   'Population as listed with the KOSTRA group table (Samarbeidsdesken/p02-ukraina); used only to weight group averages', true),
  ('institusjon_beboere', 'Institusjon - sykehjemsbeboere', 'persons', 'SSB 12292: residents of institutions (long- and short-term)', true),
  ('institusjon_langtid_beboere', 'Institusjon - beboere på langtidsopphold', 'persons', 'SSB 12292: long-term residents of institutions', true),
  ('institusjon_korttid_beboere', 'Institusjon - beboere på tidsbegrenset opphold', 'persons', 'SSB 12292: short-term residents of institutions', true),
  ('hjemmetjeneste_brukere', 'Hjemmetjenester - brukere i alt', 'persons', 'SSB 12292: users of hjemmetjenester, all ages', true),
  ('hjemmetjeneste_brukere_80pluss', 'Hjemmetjenester - brukere 80 år og over', 'persons', 'SSB 12292: users of hjemmetjenester aged 80 or more', true),
  ('institusjon_oppholdsdogn', 'Institusjon - oppholdsdøgn', 'days', 'SSB 12292: days of stay in institutions', true),
  ('omsorg_arsverk_brukerrettet', 'Brukerrettede årsverk i omsorgstjenesten', 'arsverk', 'SSB 12292: user-directed årsverk in the care services', true);

SELECT pg_catalog.pg_extension_config_dump('carestair.indicator', 'WHERE NOT builtin');

CREATE TABLE carestair.kommune_indicator (
    region    text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year      integer NOT NULL
              CONSTRAINT kommune_indicator_year_range CHECK (year OPERATOR(pg_catalog.>=) 1990 AND year OPERATOR(pg_catalog.<=) 2200),
    indicator text NOT NULL REFERENCES carestair.indicator (indicator) ON UPDATE CASCADE,
    value     numeric NOT NULL,
    source    text NOT NULL,
    PRIMARY KEY (region, year, indicator)
);

COMMENT ON TABLE carestair.kommune_indicator IS 'One indicator value per kommune (or ''0000'' Norway) and year, with its source. See doc/kostra_nok.md.';
COMMENT ON COLUMN carestair.kommune_indicator.region IS 'Kommunenummer (''0000'' = Landet).';
COMMENT ON COLUMN carestair.kommune_indicator.year IS 'Year of the statistic (KOSTRA accounting year).';
COMMENT ON COLUMN carestair.kommune_indicator.indicator IS 'carestair.indicator.';
COMMENT ON COLUMN carestair.kommune_indicator.value IS 'The value, in the indicator''s unit.';
COMMENT ON COLUMN carestair.kommune_indicator.source IS 'Where it came from.';

CREATE TABLE carestair.indicator_median (
    area      text NOT NULL,
    year      integer NOT NULL,
    indicator text NOT NULL REFERENCES carestair.indicator (indicator) ON UPDATE CASCADE,
    value     numeric NOT NULL,
    source    text NOT NULL,
    PRIMARY KEY (area, year, indicator)
);

COMMENT ON TABLE carestair.indicator_median IS 'Published medians of an indicator over the kommuner of an area (e.g. ''Nord-Norge'', ''Troms''). See doc/kostra_nok.md.';
COMMENT ON COLUMN carestair.indicator_median.area IS 'Area whose kommuner the median is taken over, e.g. ''Nord-Norge'' (Nordland, Troms, Finnmark).';
COMMENT ON COLUMN carestair.indicator_median.year IS 'Year.';
COMMENT ON COLUMN carestair.indicator_median.indicator IS 'carestair.indicator.';
COMMENT ON COLUMN carestair.indicator_median.value IS 'The median.';
COMMENT ON COLUMN carestair.indicator_median.source IS 'Where it came from.';

SELECT pg_catalog.pg_extension_config_dump('carestair.kommune_indicator', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.indicator_median', '');

/*
 * _nok_kommune(year, need_year): per kommune with the NOK figure: U (NOK per
 * inhabitant), P (the 'innbyggere' indicator of the year: one population
 * date for every kommune, for weights, rates and the gap in NOK), the helse og omsorg need index
 * I (KMD pleie og omsorg and kommunehelse indices weighted by the kommune's
 * own netto shares; NULL without them), users (institution residents +
 * hjemmetjeneste users, NULL without 12292) and county.  Internal.
 */
CREATE FUNCTION carestair._nok_kommune(year integer, need_year integer)
RETURNS TABLE (region text, county text, u numeric, p numeric, i numeric, users numeric)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT k.region, g.county, k.value,
         (SELECT x.value FROM carestair.kommune_indicator AS x WHERE x.region OPERATOR(pg_catalog.=) k.region
             AND x.year OPERATOR(pg_catalog.=) _nok_kommune.year AND x.indicator OPERATOR(pg_catalog.=) 'innbyggere'),
         ((po.value OPERATOR(pg_catalog.*) a.value) OPERATOR(pg_catalog.+) (kh.value OPERATOR(pg_catalog.*) b.value))
           OPERATOR(pg_catalog./) nullif(a.value OPERATOR(pg_catalog.+) b.value, 0),
         (SELECT pg_catalog.sum(x.value) FILTER (WHERE x.indicator OPERATOR(pg_catalog.=) 'institusjon_beboere')
                 OPERATOR(pg_catalog.+) pg_catalog.sum(x.value) FILTER (WHERE x.indicator OPERATOR(pg_catalog.=) 'hjemmetjeneste_brukere')
            FROM carestair.kommune_indicator AS x WHERE x.region OPERATOR(pg_catalog.=) k.region AND x.year OPERATOR(pg_catalog.=) _nok_kommune.year)
    FROM carestair.kommune_indicator AS k
    JOIN carestair.region AS g ON g.region OPERATOR(pg_catalog.=) k.region
    LEFT JOIN carestair.kommune_indicator AS a ON a.region OPERATOR(pg_catalog.=) k.region AND a.year OPERATOR(pg_catalog.=) k.year
         AND a.indicator OPERATOR(pg_catalog.=) 'pleie_omsorg_andel'
    LEFT JOIN carestair.kommune_indicator AS b ON b.region OPERATOR(pg_catalog.=) k.region AND b.year OPERATOR(pg_catalog.=) k.year
         AND b.indicator OPERATOR(pg_catalog.=) 'kommunehelse_andel'
    LEFT JOIN carestair.need_index AS po ON po.region OPERATOR(pg_catalog.=) k.region AND po.year OPERATOR(pg_catalog.=) _nok_kommune.need_year
         AND po.sector OPERATOR(pg_catalog.=) 'pleie_og_omsorg'
    LEFT JOIN carestair.need_index AS kh ON kh.region OPERATOR(pg_catalog.=) k.region AND kh.year OPERATOR(pg_catalog.=) _nok_kommune.need_year
         AND kh.sector OPERATOR(pg_catalog.=) 'kommunehelse'
   WHERE k.indicator OPERATOR(pg_catalog.=) 'helse_omsorg_nok_per_innbygger' AND k.year OPERATOR(pg_catalog.=) _nok_kommune.year
     AND k.region OPERATOR(pg_catalog.<>) '0000';
END;

COMMENT ON FUNCTION carestair._nok_kommune(integer, integer) IS 'Internal: per kommune the helse og omsorg NOK per inhabitant, inhabitants, combined need index and users, for the NOK comparisons.';

/*
 * _nok_reference_members(region, year, reference): the kommuner a set
 * reference stands for (without region): 'troms_kommuner' (county 55),
 * 'nord_norge' (counties 18, 55, 56), 'kostra_group' (region's group that
 * year), 'kommune:<code>'.  NULL rows for the median and 'land' references.
 * Internal.
 */
CREATE FUNCTION carestair._nok_reference_members(region text, year integer, reference text)
RETURNS TABLE (member text)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT g.region FROM carestair.region AS g
   WHERE g.region OPERATOR(pg_catalog.<>) _nok_reference_members.region
     AND g.region OPERATOR(pg_catalog.<>) '0000'
     AND CASE
           WHEN reference OPERATOR(pg_catalog.=) 'troms_kommuner' THEN g.county OPERATOR(pg_catalog.=) '55'
           WHEN reference OPERATOR(pg_catalog.=) 'nord_norge' THEN g.county OPERATOR(pg_catalog.=) ANY ('{18,55,56}'::text[])
           WHEN reference OPERATOR(pg_catalog.=) 'kostra_group' THEN EXISTS (
                  SELECT FROM carestair.kostra_group_member AS a, carestair.kostra_group_member AS b
                   WHERE a.region OPERATOR(pg_catalog.=) _nok_reference_members.region AND b.region OPERATOR(pg_catalog.=) g.region
                     AND b.kostra_group OPERATOR(pg_catalog.=) a.kostra_group
                     AND _nok_reference_members.year OPERATOR(pg_catalog.>=) a.valid_from_year
                     AND (a.valid_to_year IS NULL OR _nok_reference_members.year OPERATOR(pg_catalog.<=) a.valid_to_year)
                     AND _nok_reference_members.year OPERATOR(pg_catalog.>=) b.valid_from_year
                     AND (b.valid_to_year IS NULL OR _nok_reference_members.year OPERATOR(pg_catalog.<=) b.valid_to_year))
           WHEN reference OPERATOR(pg_catalog.^@) 'kommune:' THEN g.region OPERATOR(pg_catalog.=) pg_catalog.substr(reference, 9)
           ELSE false
         END;
END;

COMMENT ON FUNCTION carestair._nok_reference_members(text, integer, text) IS 'Internal: the kommuner of a NOK comparison''s reference set.';

/*
 * _nok_check(region, year, reference): errors for unknown arguments and a
 * kommune without the NOK figure.  Internal.
 */
CREATE FUNCTION carestair._nok_check(region text, year integer, reference text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF region IS NULL OR year IS NULL OR reference IS NULL THEN
        RAISE EXCEPTION 'region, year and reference must not be NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    IF reference NOT IN ('nord_norge_median', 'troms_median', 'nord_norge', 'troms_kommuner', 'kostra_group', 'land')
       AND reference !~ '^kommune:[0-9]{4}$' THEN
        RAISE EXCEPTION 'unknown reference "%"', reference
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use nord_norge_median, troms_median, nord_norge, troms_kommuner, kostra_group, land or kommune:<code>.';
    END IF;
    IF NOT EXISTS (SELECT FROM carestair.kommune_indicator AS k WHERE k.region = _nok_check.region AND k.year = _nok_check.year
                      AND k.indicator = 'helse_omsorg_nok_per_innbygger') THEN
        RAISE EXCEPTION 'no helse og omsorg NOK per inhabitant for region % in %', region, year
            USING ERRCODE = 'no_data_found',
                  HINT = 'Load the KOSTRA figures into carestair.kommune_indicator (data/load_kostra_nok.sql ships 2024 for Nordland, Troms and Finnmark).';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._nok_check(text, integer, text) IS 'Internal: argument checks of the NOK comparisons.';

/*
 * _nok_need_year(region, year): the first need-index year after the
 * accounting year that has the pleie og omsorg sector index for region (the
 * shipped KMD data has sector indices for 2026 only).  Internal.
 */
CREATE FUNCTION carestair._nok_need_year(region text, year integer)
RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT pg_catalog.min(n.year) FROM carestair.need_index AS n
   WHERE n.region OPERATOR(pg_catalog.=) _nok_need_year.region AND n.sector OPERATOR(pg_catalog.=) 'pleie_og_omsorg'
     AND n.year OPERATOR(pg_catalog.>) _nok_need_year.year;
END;

COMMENT ON FUNCTION carestair._nok_need_year(text, integer) IS 'Internal: the need-index year the NOK comparisons use by default.';

/*
 * need_adjusted_nok(region, year, need_year): the kommune's helse og omsorg
 * NOK per inhabitant against each reference (the Nord-Norge and Troms
 * medians, the Troms kommuner, Nord-Norge, the KOSTRA group, land): the gap
 * per inhabitant and in NOK, and the need-adjusted gap U_k - U_ref * I_k /
 * I_ref with the helse og omsorg need index.  Set references are weighted
 * means (sum of NOK / sum of inhabitants) over members with the figure;
 * the median references use the median of the members' need index; land
 * has need index 1 by definition.
 */
CREATE FUNCTION carestair.need_adjusted_nok(region text, year integer DEFAULT 2024, need_year integer DEFAULT NULL)
RETURNS TABLE (reference text, reference_kommuner integer, nok_per_inhabitant numeric, reference_nok_per_inhabitant numeric,
               gap_per_inhabitant numeric, inhabitants numeric, gap_nok numeric, need_index_year integer, need_index numeric,
               reference_need_index numeric, need_adjusted_gap_per_inhabitant numeric, need_adjusted_gap_nok numeric, what text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ny integer := coalesce(need_year, carestair._nok_need_year(region, year));
BEGIN
    PERFORM carestair._nok_check(region, year, 'land');
    RETURN QUERY
    WITH kom AS (SELECT * FROM carestair._nok_kommune(need_adjusted_nok.year, ny)),
    me AS (SELECT * FROM kom WHERE kom.region = need_adjusted_nok.region),
    refs AS (
        SELECT r.ref, r.ord, r.what,
               CASE WHEN r.ref LIKE '%median' THEN
                      (SELECT m.value FROM carestair.indicator_median AS m WHERE m.year = need_adjusted_nok.year
                          AND m.indicator = 'helse_omsorg_nok_per_innbygger'
                          AND m.area = CASE r.ref WHEN 'nord_norge_median' THEN 'Nord-Norge' ELSE 'Troms' END)
                    WHEN r.ref = 'land' THEN
                      (SELECT x.value FROM carestair.kommune_indicator AS x WHERE x.region = '0000' AND x.year = need_adjusted_nok.year
                          AND x.indicator = 'helse_omsorg_nok_per_innbygger')
                    ELSE (SELECT sum(k.u * k.p) / sum(k.p) FROM kom AS k
                           WHERE k.region IN (SELECT carestair._nok_reference_members(need_adjusted_nok.region, need_adjusted_nok.year, r.ref))) END AS u,
               CASE WHEN r.ref = 'land' THEN 1::numeric
                    WHEN r.ref LIKE '%median' THEN
                      (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY k.i)::numeric FROM kom AS k
                        WHERE k.region IN (SELECT carestair._nok_reference_members('0000', need_adjusted_nok.year,
                                                   CASE r.ref WHEN 'nord_norge_median' THEN 'nord_norge' ELSE 'troms_kommuner' END)))
                    ELSE (SELECT sum(k.i * k.p) / sum(k.p) FROM kom AS k
                           WHERE k.region IN (SELECT carestair._nok_reference_members(need_adjusted_nok.region, need_adjusted_nok.year, r.ref))) END AS i,
               CASE WHEN r.ref IN ('land') THEN NULL::integer
                    WHEN r.ref LIKE '%median' THEN (SELECT count(*)::integer FROM kom AS k
                        WHERE k.region IN (SELECT carestair._nok_reference_members('0000', need_adjusted_nok.year,
                                                   CASE r.ref WHEN 'nord_norge_median' THEN 'nord_norge' ELSE 'troms_kommuner' END)))
                    ELSE (SELECT count(*)::integer FROM kom AS k
                           WHERE k.region IN (SELECT carestair._nok_reference_members(need_adjusted_nok.region, need_adjusted_nok.year, r.ref))) END AS n
          FROM (VALUES ('nord_norge_median', 1, 'published median of the 80 kommuner of Nordland, Troms and Finnmark (need index: median of theirs)'),
                       ('troms_median', 2, 'published median of the Troms kommuner (need index: median of theirs)'),
                       ('troms_kommuner', 3, 'the other Troms kommuner, sum of NOK / sum of inhabitants'),
                       ('nord_norge', 4, 'the other kommuner of Nordland, Troms and Finnmark, sum of NOK / sum of inhabitants'),
                       ('kostra_group', 5, 'the other members of the kommune''s KOSTRA group that have the figure (only Nord-Norge kommuner are loaded)'),
                       ('land', 6, 'Landet (SSB, KOSTRA nøkkeltall), need index 1 by definition')) AS r(ref, ord, what)
    )
    SELECT r.ref, r.n, me.u, round(r.u, 0), round(me.u - r.u, 0), me.p, round((me.u - r.u) * me.p, 0),
           ny, round(me.i, 4), round(r.i, 4),
           round(me.u - r.u * me.i / r.i, 0), round((me.u - r.u * me.i / r.i) * me.p, 0),
           r.what || CASE WHEN me.i IS NULL THEN '; no need index for the kommune' ELSE '' END
      FROM refs AS r, me
     ORDER BY r.ord;
END
$$;

COMMENT ON FUNCTION carestair.need_adjusted_nok(text, integer, integer) IS
  'Helse og omsorg NOK per inhabitant of a kommune against the Nord-Norge and Troms medians, the Troms kommuner, Nord-Norge, its KOSTRA group and land: gap per inhabitant and in NOK, raw and need-adjusted. See doc/kostra_nok.md.';

/*
 * why_dearer_nok(region, year, reference, need_year): the gap in helse og
 * omsorg NOK per inhabitant to a reference set with SSB 12292 volumes,
 * split exactly (LMDI-I, carestair.lmdi_additive) into
 *   need      = the helse og omsorg need index I,
 *   coverage  = users (institution residents + hjemmetjeneste users) per
 *               inhabitant, divided by I,
 *   unit cost = NOK per user,
 * whose product is NOK per inhabitant; the effects add up to the gap.
 */
CREATE FUNCTION carestair.why_dearer_nok(region text, year integer DEFAULT 2024, reference text DEFAULT 'troms_kommuner',
                                         need_year integer DEFAULT NULL)
RETURNS TABLE (component text, kommune_value numeric, reference_value numeric, effect_per_inhabitant numeric,
               effect_nok numeric, what text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ny  integer := coalesce(need_year, carestair._nok_need_year(region, year));
    k   record;
    r   record;
    eff float8[];
BEGIN
    PERFORM carestair._nok_check(region, year, reference);
    IF reference NOT IN ('troms_kommuner', 'nord_norge', 'kostra_group') AND reference NOT LIKE 'kommune:%' THEN
        RAISE EXCEPTION 'reference "%" has no volumes to split the gap by', reference
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The split needs users per inhabitant (SSB 12292) for the reference''s kommuner; medians and land have none.',
                  HINT = 'Use troms_kommuner, kostra_group or kommune:<code>; need_adjusted_nok compares with medians and land.';
    END IF;
    SELECT * INTO k FROM carestair._nok_kommune(year, ny) AS x WHERE x.region = why_dearer_nok.region;
    IF k.users IS NULL OR k.i IS NULL OR k.p IS NULL THEN
        RAISE EXCEPTION 'region % has no % for %', region,
                        CASE WHEN k.users IS NULL THEN 'SSB 12292 volumes' WHEN k.i IS NULL THEN 'need index' ELSE 'inhabitants' END,
                        CASE WHEN k.users IS NOT NULL AND k.i IS NULL THEN coalesce(ny, year + 1) ELSE year END
            USING ERRCODE = 'no_data_found',
                  HINT = 'The shipped volumes cover the 21 Troms kommuner, 2024-2025.';
    END IF;
    SELECT sum(x.u * x.p) / sum(x.p) AS u, sum(x.i * x.p) / sum(x.p) AS i, sum(x.users) / sum(x.p) AS cov,
           sum(x.u * x.p) / sum(x.users) AS cost, count(*) AS n, string_agg(x.region, ', ' ORDER BY x.region) AS members
      INTO r
      FROM carestair._nok_kommune(year, ny) AS x
     WHERE x.region IN (SELECT carestair._nok_reference_members(why_dearer_nok.region, why_dearer_nok.year, reference))
       AND x.users IS NOT NULL AND x.i IS NOT NULL AND x.p IS NOT NULL;
    IF r.n = 0 THEN
        RAISE EXCEPTION 'reference "%" has no kommune with NOK, need index and volumes for %', reference, year
            USING ERRCODE = 'no_data_found',
                  HINT = 'The shipped volumes (SSB 12292) cover the 21 Troms kommuner only.';
    END IF;
    eff := carestair.lmdi_additive(ARRAY[r.i, r.cov / r.i, r.cost]::float8[],
                                   ARRAY[k.i, k.users / k.p / k.i, k.u * k.p / k.users]::float8[]);
    RETURN QUERY
    SELECT x.c, round(x.kv, x.d), round(x.rv, x.d), round(x.e::numeric, 0), round(x.e::numeric * k.p, 0), x.w
      FROM (VALUES
        (1, 'need', k.i, r.i, eff[1], 4, 'helse og omsorg need index (KMD pleie og omsorg and kommunehelse indices weighted by the kommune''s netto shares; the pleie og omsorg index is derived, unverified)'),
        (2, 'coverage', 1000 * k.users / k.p / k.i, 1000 * r.cov / r.i, eff[2], 2, 'users (institution residents + hjemmetjeneste users, SSB 12292) per 1000 inhabitants, divided by the need index'),
        (3, 'unit_cost', k.u * k.p / k.users, r.cost, eff[3], 0, 'helse og omsorg NOK per user (all of helse og omsorg over those users: an average, not a price per service)'),
        (4, 'total', k.u, r.u, (k.u - r.u)::float8, 0, format('helse og omsorg NOK per inhabitant; reference: %s kommuner (%s), sum of NOK / sum of inhabitants', r.n, r.members)))
        AS x(o, c, kv, rv, e, d, w)
     ORDER BY x.o;
END
$$;

COMMENT ON FUNCTION carestair.why_dearer_nok(text, integer, text, integer) IS
  'Gap in helse og omsorg NOK per inhabitant to a reference with SSB 12292 volumes, split exactly (LMDI-I) into need, coverage and unit cost, per inhabitant and in NOK. See doc/kostra_nok.md.';
