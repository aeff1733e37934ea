
-- ---------------------------------------------------------------------------
-- kostra_compare: need-adjusted comparison (mer-/mindreutgift) and "why we
-- run dearer": the gap to a reference split exactly into age mix, coverage
-- and unit cost per service, side by side with the need index.
-- See doc/kostra.md.
-- ---------------------------------------------------------------------------

/*
 * kostra_per_inhabitant: complete comparable series in NOK, with the
 * population at the end of the accounting year (1 January of year + 1, as
 * KOSTRA's "per innbygger").
 */
CREATE VIEW carestair.kostra_per_inhabitant AS
SELECT s.region, s.year, s.series, s.measure,
       s.value OPERATOR(pg_catalog.*) 1000 AS expenditure_nok,
       p.inhabitants,
       s.value OPERATOR(pg_catalog.*) 1000 OPERATOR(pg_catalog./) nullif(p.inhabitants, 0) AS nok_per_inhabitant
  FROM carestair.kostra_series AS s
  LEFT JOIN LATERAL (
        SELECT pg_catalog.sum(b.persons)::bigint AS inhabitants
          FROM carestair.population_both_sexes AS b
         WHERE b.region OPERATOR(pg_catalog.=) s.region
           AND b.year OPERATOR(pg_catalog.=) (s.year OPERATOR(pg_catalog.+) 1)) AS p ON true
 WHERE s.unit OPERATOR(pg_catalog.=) 'NOK 1000' AND s.complete;

COMMENT ON VIEW carestair.kostra_per_inhabitant IS
  'KOSTRA expenditure by comparable series in NOK and per inhabitant (population on 1 January of the following year); complete series in NOK 1000 only. See doc/kostra.md.';
COMMENT ON COLUMN carestair.kostra_per_inhabitant.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.kostra_per_inhabitant.year IS 'Accounting year.';
COMMENT ON COLUMN carestair.kostra_per_inhabitant.series IS 'Comparable series (''254'' = 254, or 257 + 258 from 2024).';
COMMENT ON COLUMN carestair.kostra_per_inhabitant.measure IS 'Accounting measure, e.g. brutto_driftsutgifter.';
COMMENT ON COLUMN carestair.kostra_per_inhabitant.expenditure_nok IS 'Expenditure in NOK (current prices of the year).';
COMMENT ON COLUMN carestair.kostra_per_inhabitant.inhabitants IS 'Population on 1 January of year + 1 (NULL if not loaded).';
COMMENT ON COLUMN carestair.kostra_per_inhabitant.nok_per_inhabitant IS 'NOK per inhabitant (NULL without population).';

/*
 * care_service_coverage: recipients, residents and årsverk per 1000
 * inhabitants of the age group, with the population on 1 January of the
 * following year (the date why_dearer uses).
 */
CREATE VIEW carestair.care_service_coverage AS
SELECT c.region, c.year, c.service, c.measure, c.age_group, c.value, c.derived, p.inhabitants,
       1000 OPERATOR(pg_catalog.*) c.value OPERATOR(pg_catalog./) nullif(p.inhabitants, 0) AS per_1000_inhabitants
  FROM carestair.care_service_stat AS c
  LEFT JOIN LATERAL (
        SELECT pg_catalog.sum(b.persons)::bigint AS inhabitants
          FROM carestair.population_both_sexes AS b
         WHERE b.region OPERATOR(pg_catalog.=) c.region
           AND b.year OPERATOR(pg_catalog.=) (c.year OPERATOR(pg_catalog.+) 1)
           AND CASE c.age_group
                 WHEN '0-66' THEN b.age OPERATOR(pg_catalog.<=) 66
                 WHEN '67-79' THEN b.age OPERATOR(pg_catalog.>=) 67 AND b.age OPERATOR(pg_catalog.<=) 79
                 WHEN '80+' THEN b.age OPERATOR(pg_catalog.>=) 80
                 WHEN '0-79' THEN b.age OPERATOR(pg_catalog.<=) 79
                 ELSE true
               END) AS p ON true
 WHERE c.measure OPERATOR(pg_catalog.<>) 'hours_per_week_per_recipient';

COMMENT ON VIEW carestair.care_service_coverage IS
  'Recipients, residents and årsverk per 1000 inhabitants of the age group (population on 1 January of the following year). See doc/kostra.md.';
COMMENT ON COLUMN carestair.care_service_coverage.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.care_service_coverage.year IS 'Year of the statistic.';
COMMENT ON COLUMN carestair.care_service_coverage.service IS 'Service (carestair.care_service_stat.service).';
COMMENT ON COLUMN carestair.care_service_coverage.measure IS 'recipients, residents, arsverk, places or days.';
COMMENT ON COLUMN carestair.care_service_coverage.age_group IS 'all, 0-66, 67-79, 80+ or 0-79.';
COMMENT ON COLUMN carestair.care_service_coverage.value IS 'The statistic.';
COMMENT ON COLUMN carestair.care_service_coverage.derived IS 'True when carestair computed the value (e.g. 0-79 = all - 80+).';
COMMENT ON COLUMN carestair.care_service_coverage.inhabitants IS 'Inhabitants of the age group on 1 January of year + 1 (NULL if not loaded).';
COMMENT ON COLUMN carestair.care_service_coverage.per_1000_inhabitants IS 'value per 1000 inhabitants of the age group (NULL without population).';

/*
 * _reference_members(region, year, reference): the kommuner a reference
 * stands for.  'land' (all kommuner), 'land_uten_oslo', 'kostra_group'
 * (the group of region that year, without region itself), 'peer_set:<name>'
 * (without region itself) and 'kommune:<code>'.  Internal.
 */
CREATE FUNCTION carestair._reference_members(region text, year integer, reference text)
RETURNS TABLE (member text)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    grp text;
    arg text := substring(reference FROM ':(.*)$');
BEGIN
    IF reference IN ('land', 'land_uten_oslo') THEN
        RETURN QUERY
        SELECT g.region FROM carestair.region AS g
         WHERE g.region ~ '^[0-9]{4}$' AND g.region <> '0000'
           AND g.valid_from <= _reference_members.year
           AND (g.valid_to IS NULL OR g.valid_to >= _reference_members.year)
           AND (reference = 'land' OR g.region <> '0301');
    ELSIF reference = 'kostra_group' THEN
        SELECT m.kostra_group INTO grp FROM carestair.kostra_group_member AS m
         WHERE m.region = _reference_members.region AND m.valid_from_year <= _reference_members.year
           AND (m.valid_to_year IS NULL OR m.valid_to_year >= _reference_members.year);
        IF grp IS NULL THEN
            RAISE EXCEPTION 'kommune % has no KOSTRA group in %', region, year
                USING ERRCODE = 'no_data_found',
                      DETAIL = 'carestair.kostra_group_member has no membership of this kommune covering that year (SSB''s grouping is not shipped).',
                      HINT = 'Insert the kommune''s KOSTRA group into carestair.kostra_group and carestair.kostra_group_member, or use another reference.';
        END IF;
        RETURN QUERY
        SELECT m.region FROM carestair.kostra_group_member AS m
         WHERE m.kostra_group = grp AND m.region <> _reference_members.region
           AND m.valid_from_year <= _reference_members.year
           AND (m.valid_to_year IS NULL OR m.valid_to_year >= _reference_members.year);
    ELSIF reference LIKE 'peer\_set:%' THEN
        IF NOT EXISTS (SELECT FROM carestair.peer_set AS s WHERE s.name = arg) THEN
            RAISE EXCEPTION 'unknown peer set "%"', arg
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'Create it in carestair.peer_set and carestair.peer_set_member, or use one of: ' ||
                             coalesce((SELECT string_agg(s.name, ', ' ORDER BY s.name) FROM carestair.peer_set AS s), '(none defined)') || '.';
        END IF;
        RETURN QUERY
        SELECT m.region FROM carestair.peer_set_member AS m
         WHERE m.peer_set = arg AND m.region <> _reference_members.region;
    ELSIF reference LIKE 'kommune:%' THEN
        IF NOT EXISTS (SELECT FROM carestair.region AS g WHERE g.region = arg AND g.region <> '0000') OR arg = region THEN
            RAISE EXCEPTION 'invalid reference kommune "%"', arg
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = 'The reference kommune must be in carestair.region and differ from the kommune analysed.',
                      HINT = 'Write e.g. reference => ''kommune:5520''.';
        END IF;
        RETURN QUERY SELECT arg;
    ELSE
        RAISE EXCEPTION 'invalid reference "%"', reference
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'A reference is land, land_uten_oslo, kostra_group, best_quartile, peer_set:<name> or kommune:<code>.',
                  HINT = 'Use e.g. reference => ''land_uten_oslo'' or reference => ''peer_set:Midt-Troms''.';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._reference_members(text, integer, text) IS 'Internal: the kommuner of a reference (land, land_uten_oslo, kostra_group, peer_set:<name>, kommune:<code>).';

/*
 * _check_reference(reference, year): error unless the reference is one of
 * the known kinds (and a named peer set or kommune exists).  Internal.
 */
CREATE FUNCTION carestair._check_reference(reference text, year integer)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF reference IN ('kostra_group', 'best_quartile') THEN
        RETURN;
    END IF;
    PERFORM count(*) FROM carestair._reference_members('0000', year, reference);
END
$$;

COMMENT ON FUNCTION carestair._check_reference(text, integer) IS 'Internal: error unless the reference names a known kind, peer set or kommune.';

/*
 * _check_need_year(need_year, sector): the need index must exist for that
 * year and sector.  Internal.
 */
CREATE FUNCTION carestair._check_need_year(need_year integer, sector text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF sector NOT IN ('samlet', 'pleie_og_omsorg', 'kommunehelse') THEN
        RAISE EXCEPTION 'invalid need sector "%"', sector
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use samlet, pleie_og_omsorg or kommunehelse.';
    END IF;
    IF NOT EXISTS (SELECT FROM carestair.need_index AS n WHERE n.year = need_year AND n.sector = _check_need_year.sector) THEN
        RAISE EXCEPTION 'no need index for sector % in %', sector, need_year
            USING ERRCODE = 'no_data_found',
                  DETAIL = coalesce((SELECT format('carestair.need_index has sector %s for %s.', _check_need_year.sector, string_agg(DISTINCT n.year::text, ', '))
                                       FROM carestair.need_index AS n WHERE n.sector = _check_need_year.sector HAVING count(*) > 0),
                                    format('carestair.need_index has no rows for sector %s.', _check_need_year.sector)),
                  HINT = 'Pass need_year => the Grønt hefte year whose index you want to apply (bundled: 2025 samlet, 2026 all sectors), or load the index.';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._check_need_year(integer, text) IS 'Internal: error unless the need index exists for the year and sector.';

/*
 * need_adjusted_expenditure(year, reference, series, measure, need_year,
 * need_sector): for every kommune with complete KOSTRA data, expenditure per
 * inhabitant U_k, need index I_k, need-adjusted U_k / I_k, the reference's
 * level at need index 1, U_ref = sum(E) / sum(I * P) over the reference, and
 * the mer-/mindreutgift (U_k - U_ref * I_k) * P_k.
 */
CREATE FUNCTION carestair.need_adjusted_expenditure(
    year        integer,
    reference   text DEFAULT 'land_uten_oslo',
    series      text[] DEFAULT NULL,
    measure     text DEFAULT 'brutto_driftsutgifter',
    need_year   integer DEFAULT NULL,
    need_sector text DEFAULT 'pleie_og_omsorg')
RETURNS TABLE (
    region                         text,
    region_name                    text,
    kostra_year                    integer,
    expenditure_nok                numeric,
    inhabitants                    bigint,
    nok_per_inhabitant             numeric,
    need_index                     numeric,
    need_index_derived             boolean,
    need_adjusted_nok_per_inhabitant numeric,
    reference_name                 text,
    reference_kommuner             integer,
    reference_nok_per_inhabitant   numeric,
    reference_need_index           numeric,
    reference_level                numeric,
    expected_nok_per_inhabitant    numeric,
    mer_utgift_per_inhabitant      numeric,
    mer_utgift_nok                 numeric,
    note                           text)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    sel      text[];
    ny       integer := coalesce(need_year, need_adjusted_expenditure.year);
    bad      text;
BEGIN
    IF year IS NULL OR reference IS NULL OR measure IS NULL OR need_sector IS NULL THEN
        RAISE EXCEPTION 'year, reference, measure and need_sector must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    sel := coalesce(series, (SELECT array_agg(DISTINCT f.series ORDER BY f.series) FROM carestair.kostra_function AS f
                              WHERE f.area = 'pleie_og_omsorg'));
    SELECT s INTO bad FROM unnest(sel) AS s
     WHERE NOT EXISTS (SELECT FROM carestair.kostra_function AS f WHERE f.series = s) LIMIT 1;
    IF FOUND OR cardinality(sel) = 0 THEN
        RAISE EXCEPTION 'unknown KOSTRA function series "%"', coalesce(bad, '{}')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = (SELECT format('Known series: %s.', string_agg(DISTINCT f.series, ', ')) FROM carestair.kostra_function AS f),
                  HINT = 'Series are function codes; ''254'' stands for 254 and, from 2024, 257 + 258.';
    END IF;
    IF NOT EXISTS (SELECT FROM carestair.kostra_measure AS m WHERE m.measure = need_adjusted_expenditure.measure) THEN
        RAISE EXCEPTION 'unknown measure "%"', measure
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = (SELECT format('Use one of %s.', string_agg(m.measure, ', ' ORDER BY m.measure)) FROM carestair.kostra_measure AS m);
    END IF;
    PERFORM carestair._check_need_year(ny, need_sector);
    PERFORM carestair._check_reference(reference, need_adjusted_expenditure.year);

    RETURN QUERY
    WITH base AS (
        SELECT k.region, sum(k.expenditure_nok) AS e, min(k.inhabitants) AS p, count(*) AS n
          FROM carestair.kostra_per_inhabitant AS k
         WHERE k.year = need_adjusted_expenditure.year AND k.measure = need_adjusted_expenditure.measure
           AND k.series = ANY (sel)
         GROUP BY k.region
    ), kom AS (
        SELECT b.region, b.e, b.p, n.value AS i, n.derived,
               CASE WHEN b.n < cardinality(sel) THEN 'incomplete: not every series has data'
                    WHEN b.p IS NULL OR b.p = 0 THEN format('no population on 1 January %s', need_adjusted_expenditure.year + 1)
                    WHEN n.value IS NULL THEN format('no need index (%s, %s)', need_sector, ny) END AS problem
          FROM base AS b
          LEFT JOIN carestair.need_index AS n ON n.region = b.region AND n.year = ny AND n.sector = need_sector
    ), ok AS (
        SELECT * FROM kom WHERE problem IS NULL
    ), quartile AS (
        SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY (o.e / o.p / o.i)) AS q
          FROM ok AS o WHERE o.region <> '0301'
    ), refs AS (
        /* reference members per analysed kommune */
        SELECT o.region AS k, m.member
          FROM (SELECT o0.region FROM ok AS o0
                 WHERE (reference <> 'kostra_group'
                        OR EXISTS (SELECT FROM carestair.kostra_group_member AS gm WHERE gm.region = o0.region
                                     AND gm.valid_from_year <= need_adjusted_expenditure.year
                                     AND (gm.valid_to_year IS NULL OR gm.valid_to_year >= need_adjusted_expenditure.year)))
                   AND NOT (reference LIKE 'kommune:%' AND o0.region = substring(reference FROM 9))) AS o,
               LATERAL carestair._reference_members(o.region, need_adjusted_expenditure.year,
                                                    CASE WHEN reference = 'best_quartile' THEN 'land_uten_oslo' ELSE reference END) AS m
         WHERE reference <> 'best_quartile'
            OR EXISTS (SELECT FROM ok AS x, quartile AS qq WHERE x.region = m.member AND x.e / x.p / x.i <= qq.q)
    ), pool AS (
        SELECT count(*) AS members, count(o.region) AS with_data
          FROM carestair._reference_members('0000', need_adjusted_expenditure.year, 'land_uten_oslo') AS m
          LEFT JOIN ok AS o ON o.region = m.member
    ), agg AS (
        SELECT r.k, count(*)::integer AS members, count(o.region)::integer AS with_data,
               sum(o.e) AS e, sum(o.p) AS p, sum(o.i * o.p) AS ip,
               min(r.member) FILTER (WHERE o.region IS NULL) AS first_missing
          FROM refs AS r LEFT JOIN ok AS o ON o.region = r.member
         GROUP BY r.k
    ), judged AS (
        SELECT a.*,
               CASE WHEN a.with_data = 0 THEN 'reference has no kommune with complete data'
                    WHEN reference = 'best_quartile' AND (SELECT pl.with_data < 0.9 * pl.members FROM pool AS pl)
                      THEN (SELECT format('best quartile is taken from only %s of %s kommuner with complete data (at least 90%% needed)', pl.with_data, pl.members) FROM pool AS pl)
                    WHEN reference IN ('land', 'land_uten_oslo') AND a.with_data < 0.9 * a.members
                      THEN format('reference has complete data for only %s of %s kommuner (at least 90%% needed)', a.with_data, a.members)
                    WHEN reference NOT IN ('land', 'land_uten_oslo', 'best_quartile') AND a.with_data < a.members
                      THEN format('reference member %s has no complete data', a.first_missing) END AS problem
          FROM agg AS a
    )
    SELECT k.region, g.name, need_adjusted_expenditure.year,
           round(k.e, 0), k.p, round(k.e / k.p, 2), k.i, k.derived,
           round(k.e / k.p / k.i, 2),
           reference,
           j.with_data,
           CASE WHEN j.problem IS NULL THEN round(j.e / j.p, 2) END,
           CASE WHEN j.problem IS NULL THEN round(j.ip / j.p, 4) END,
           CASE WHEN j.problem IS NULL THEN round(j.e / j.ip, 2) END,
           CASE WHEN j.problem IS NULL THEN round(j.e / j.ip * k.i, 2) END,
           CASE WHEN j.problem IS NULL THEN round(k.e / k.p - j.e / j.ip * k.i, 2) END,
           CASE WHEN j.problem IS NULL THEN round((k.e / k.p - j.e / j.ip * k.i) * k.p, 0) END,
           coalesce(j.problem, CASE WHEN j.k IS NULL THEN 'no reference for this kommune (no KOSTRA group that year, or it is the reference kommune)' END,
                    CASE WHEN k.derived THEN 'need index derived, not published by KMD (unverified)' END)
      FROM ok AS k
      JOIN carestair.region AS g ON g.region = k.region
      LEFT JOIN judged AS j ON j.k = k.region
     ORDER BY k.region;
END
$$;

COMMENT ON FUNCTION carestair.need_adjusted_expenditure(integer, text, text[], text, integer, text) IS
  'Need-adjusted KOSTRA comparison for every kommune with complete data: NOK per inhabitant, divided by the need index, and mer-/mindreutgift (U_k - U_ref * I_k) * P_k against the stated reference. See doc/kostra.md.';

-- ---------------------------------------------------------------------------
-- why_dearer: the gap to a reference split per service into age mix,
-- coverage and unit cost (an exact decomposition), and beside it the part
-- of the gap the need index accounts for.
-- ---------------------------------------------------------------------------

CREATE TYPE carestair._why_cell AS (
    service  text,
    band     text,
    pop_band float8,
    pop      float8,
    rec      float8,
    cost     float8
);

COMMENT ON TYPE carestair._why_cell IS 'Internal: one service and age band of a "why dearer" decomposition (population, recipients, cost).';

/*
 * _why_inputs(regions, year, resource, measure): per region, service and
 * age band (0-79, 80+) the population on 1 January of year + 1, the
 * recipients of the service in the band and the service's cost: NOK from
 * kostra_per_inhabitant (resource 'nok'), nurse årsverk ('nurse_arsverk',
 * one service hjemmetjenester + institusjon), or none ('recipients').
 * Missing numbers are NULL.  Internal.
 */
CREATE FUNCTION carestair._why_inputs(regions text[], year integer, resource text, measure text)
RETURNS TABLE (region text, cell carestair._why_cell)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH pop AS (
      SELECT b.region,
             pg_catalog.sum(b.persons) FILTER (WHERE b.age OPERATOR(pg_catalog.<) 80)::float8 AS p0,
             pg_catalog.sum(b.persons) FILTER (WHERE b.age OPERATOR(pg_catalog.>=) 80)::float8 AS p80
        FROM carestair.population_both_sexes AS b
       WHERE b.region OPERATOR(pg_catalog.=) ANY (regions)
         AND b.year OPERATOR(pg_catalog.=) (_why_inputs.year OPERATOR(pg_catalog.+) 1)
       GROUP BY b.region
  ), svc (service, series, stat_service, stat_measure) AS (
      VALUES ('institusjon', '{253,261}'::text[], 'institusjon_langtid', 'residents'),
             ('hjemmetjenester', '{254}'::text[], 'hjemmetjenester', 'recipients'),
             ('andre', '{234,256}'::text[], NULL, NULL)
  ), bands (band) AS (VALUES ('0-79'), ('80+')
  ), stat AS (
      SELECT c.region, c.service, c.age_group, c.value::float8 AS value
        FROM carestair.care_service_stat AS c
       WHERE c.region OPERATOR(pg_catalog.=) ANY (regions) AND c.year OPERATOR(pg_catalog.=) _why_inputs.year
         AND (c.service, c.measure) IN (('hjemmetjenester', 'recipients'), ('institusjon_langtid', 'residents'), ('sykepleiere', 'arsverk'))
  ), nok AS (
      SELECT k.region, s.service,
             CASE WHEN pg_catalog.count(*) OPERATOR(pg_catalog.=) pg_catalog.cardinality(s.series)
                  THEN pg_catalog.sum(k.expenditure_nok)::float8 END AS cost
        FROM svc AS s
        JOIN carestair.kostra_per_inhabitant AS k
          ON k.series OPERATOR(pg_catalog.=) ANY (s.series)
       WHERE k.region OPERATOR(pg_catalog.=) ANY (regions) AND k.year OPERATOR(pg_catalog.=) _why_inputs.year
         AND k.measure OPERATOR(pg_catalog.=) _why_inputs.measure
       GROUP BY k.region, s.service, s.series
  )
  -- NOK: three services
  SELECT r.region,
         ROW(s.service, CASE WHEN s.stat_service IS NULL THEN 'all' ELSE b.band END,
             CASE WHEN s.stat_service IS NULL THEN p.p0 OPERATOR(pg_catalog.+) p.p80
                  WHEN b.band OPERATOR(pg_catalog.=) '80+' THEN p.p80 ELSE p.p0 END,
             p.p0 OPERATOR(pg_catalog.+) p.p80,
             (SELECT st.value FROM stat AS st WHERE st.region OPERATOR(pg_catalog.=) r.region
                 AND st.service OPERATOR(pg_catalog.=) s.stat_service AND st.age_group OPERATOR(pg_catalog.=) b.band),
             n.cost)::carestair._why_cell
    FROM pg_catalog.unnest(regions) AS r(region)
    CROSS JOIN svc AS s
    JOIN bands AS b ON s.stat_service IS NOT NULL OR b.band OPERATOR(pg_catalog.=) '0-79'
    LEFT JOIN pop AS p ON p.region OPERATOR(pg_catalog.=) r.region
    LEFT JOIN nok AS n ON n.region OPERATOR(pg_catalog.=) r.region AND n.service OPERATOR(pg_catalog.=) s.service
   WHERE resource OPERATOR(pg_catalog.=) 'nok'
  UNION ALL
  -- nurse årsverk: one service, recipients of home services and institutions together
  SELECT r.region,
         ROW('hjemmetjenester+institusjon', b.band,
             CASE WHEN b.band OPERATOR(pg_catalog.=) '80+' THEN p.p80 ELSE p.p0 END,
             p.p0 OPERATOR(pg_catalog.+) p.p80,
             (SELECT h.value FROM stat AS h WHERE h.region OPERATOR(pg_catalog.=) r.region
                 AND h.service OPERATOR(pg_catalog.=) 'hjemmetjenester' AND h.age_group OPERATOR(pg_catalog.=) b.band)
             OPERATOR(pg_catalog.+)
             (SELECT i.value FROM stat AS i WHERE i.region OPERATOR(pg_catalog.=) r.region
                 AND i.service OPERATOR(pg_catalog.=) 'institusjon_langtid' AND i.age_group OPERATOR(pg_catalog.=) b.band),
             (SELECT a.value FROM stat AS a WHERE a.region OPERATOR(pg_catalog.=) r.region
                 AND a.service OPERATOR(pg_catalog.=) 'sykepleiere' AND a.age_group OPERATOR(pg_catalog.=) 'all'))::carestair._why_cell
    FROM pg_catalog.unnest(regions) AS r(region)
    CROSS JOIN bands AS b
    LEFT JOIN pop AS p ON p.region OPERATOR(pg_catalog.=) r.region
   WHERE resource OPERATOR(pg_catalog.=) 'nurse_arsverk'
  UNION ALL
  -- recipients: coverage only
  SELECT r.region,
         ROW(s.service, b.band,
             CASE WHEN b.band OPERATOR(pg_catalog.=) '80+' THEN p.p80 ELSE p.p0 END,
             p.p0 OPERATOR(pg_catalog.+) p.p80,
             (SELECT st.value FROM stat AS st WHERE st.region OPERATOR(pg_catalog.=) r.region
                 AND st.service OPERATOR(pg_catalog.=) s.stat_service AND st.age_group OPERATOR(pg_catalog.=) b.band),
             NULL::float8)::carestair._why_cell
    FROM pg_catalog.unnest(regions) AS r(region)
    CROSS JOIN svc AS s
    CROSS JOIN bands AS b
    LEFT JOIN pop AS p ON p.region OPERATOR(pg_catalog.=) r.region
   WHERE resource OPERATOR(pg_catalog.=) 'recipients' AND s.stat_service IS NOT NULL;
END;

COMMENT ON FUNCTION carestair._why_inputs(text[], integer, text, text) IS 'Internal: population, recipients and cost by region, service and age band for why_dearer.';

/*
 * _why_problem(cells, resource): why a region's cells cannot be used (a
 * missing number or a zero denominator), or NULL.  Internal.
 */
CREATE FUNCTION carestair._why_problem(cells carestair._why_cell[], resource text)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT CASE
           WHEN cells IS NULL THEN 'no data'
           WHEN pg_catalog.bool_or(c.pop IS NULL) THEN 'no population'
           WHEN pg_catalog.bool_or(c.pop_band OPERATOR(pg_catalog.<=) 0) THEN 'no inhabitants in an age band'
           WHEN resource OPERATOR(pg_catalog.<>) 'nok' AND pg_catalog.bool_or(c.rec IS NULL)
             THEN 'no recipients for ' OPERATOR(pg_catalog.||) pg_catalog.min(c.service) FILTER (WHERE c.rec IS NULL)
                  OPERATOR(pg_catalog.||) ' ' OPERATOR(pg_catalog.||) pg_catalog.min(c.band) FILTER (WHERE c.rec IS NULL)
           WHEN resource OPERATOR(pg_catalog.=) 'nok' AND pg_catalog.bool_or(c.rec IS NULL AND c.band OPERATOR(pg_catalog.<>) 'all')
             THEN 'no recipients for ' OPERATOR(pg_catalog.||) pg_catalog.min(c.service) FILTER (WHERE c.rec IS NULL AND c.band OPERATOR(pg_catalog.<>) 'all')
           WHEN resource OPERATOR(pg_catalog.<>) 'recipients'
                AND EXISTS (SELECT FROM pg_catalog.unnest(cells) AS z WHERE z.band OPERATOR(pg_catalog.<>) 'all'
                             GROUP BY z.service HAVING pg_catalog.sum(z.rec) OPERATOR(pg_catalog.=) 0 AND pg_catalog.max(z.cost) OPERATOR(pg_catalog.>) 0)
             THEN 'zero recipients but a cost: the cost per recipient is undefined'
           WHEN resource OPERATOR(pg_catalog.<>) 'recipients' AND pg_catalog.bool_or(c.cost IS NULL)
             THEN 'no cost for ' OPERATOR(pg_catalog.||) pg_catalog.min(c.service) FILTER (WHERE c.cost IS NULL)
                  OPERATOR(pg_catalog.||) CASE WHEN resource OPERATOR(pg_catalog.=) 'nok' THEN ' (incomplete KOSTRA series or no population)' ELSE '' END
         END
    FROM pg_catalog.unnest(cells) AS c;
END;

COMMENT ON FUNCTION carestair._why_problem(carestair._why_cell[], text) IS 'Internal: the reason a region''s why_dearer inputs are unusable, or NULL.';

/*
 * _why_factors(band, pop_band, pop, rec, cost, rec_total, resource): the
 * factors of one cell: [share of the population in the band, recipients
 * per inhabitant of the band, cost per recipient of the service] (without
 * the last for resource 'recipients'; [cost per inhabitant] for a service
 * without recipients, band 'all').  Internal.
 */
CREATE FUNCTION carestair._why_factors(band text, pop_band float8, pop float8, rec float8, cost float8, rec_total float8, resource text)
RETURNS float8[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT CASE
           WHEN band OPERATOR(pg_catalog.=) 'all' THEN ARRAY[cost OPERATOR(pg_catalog./) pop]
           WHEN resource OPERATOR(pg_catalog.=) 'recipients'
             THEN ARRAY[pop_band OPERATOR(pg_catalog./) pop, rec OPERATOR(pg_catalog./) pop_band]
           ELSE ARRAY[pop_band OPERATOR(pg_catalog./) pop, rec OPERATOR(pg_catalog./) pop_band,
                      cost OPERATOR(pg_catalog./) nullif(rec_total, 0::float8)]
         END;
END;

COMMENT ON FUNCTION carestair._why_factors(text, float8, float8, float8, float8, float8, text) IS 'Internal: the factors of one why_dearer cell (age share, coverage, cost per recipient).';

/*
 * _why_decompose(k, r, method, resource, with_population): decompose the
 * per-inhabitant gap between cells k (compared) and r (reference) per
 * service.  Cells of a service are its age bands, with factors
 *	  [share of the population in the band, recipients per inhabitant of the
 *	   band, cost per recipient of the service]
 * (without the cost factor for resource 'recipients'; a service without
 * recipients has the single factor cost per inhabitant).  With
 * with_population, the population is a first factor and the effects are
 * totals.  Returns per service the effects and the values they compare.
 * Internal.
 */
CREATE FUNCTION carestair._why_decompose(k carestair._why_cell[], r carestair._why_cell[], method text, resource text, with_population boolean)
RETURNS TABLE (service text, effect text, ord integer, value_k float8, value_r float8, amount float8)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  WITH kc AS (SELECT * FROM pg_catalog.unnest(k)), rc AS (SELECT * FROM pg_catalog.unnest(r)),
  tot AS (
      SELECT kc.service,
             pg_catalog.sum(kc.rec) AS rec_k, pg_catalog.max(kc.cost) AS cost_k, pg_catalog.max(kc.pop) AS pop_k,
             (SELECT pg_catalog.sum(x.rec) FROM rc AS x WHERE x.service OPERATOR(pg_catalog.=) kc.service) AS rec_r,
             (SELECT pg_catalog.max(x.cost) FROM rc AS x WHERE x.service OPERATOR(pg_catalog.=) kc.service) AS cost_r,
             (SELECT pg_catalog.max(x.pop) FROM rc AS x WHERE x.service OPERATOR(pg_catalog.=) kc.service) AS pop_r,
             pg_catalog.sum(kc.pop_band) FILTER (WHERE kc.band OPERATOR(pg_catalog.=) '80+') AS p80_k,
             (SELECT pg_catalog.sum(x.pop_band) FROM rc AS x WHERE x.service OPERATOR(pg_catalog.=) kc.service AND x.band OPERATOR(pg_catalog.=) '80+') AS p80_r
        FROM kc GROUP BY kc.service
  ), cells AS (
      SELECT kc.service,
             carestair._why_factors(rc.band, rc.pop_band, rc.pop, rc.rec, rc.cost, t.rec_r, resource) AS x0,
             carestair._why_factors(kc.band, kc.pop_band, kc.pop, kc.rec, kc.cost, t.rec_k, resource) AS x1,
             rc.pop AS pop0, kc.pop AS pop1
        FROM kc
        JOIN rc ON rc.service OPERATOR(pg_catalog.=) kc.service AND rc.band OPERATOR(pg_catalog.=) kc.band
        JOIN tot AS t ON t.service OPERATOR(pg_catalog.=) kc.service
  ), eff AS (
      SELECT c.service,
             /* FILTER, not CASE: both aggregates would otherwise see every cell. */
             coalesce(carestair.lmdi_additive(CASE WHEN with_population THEN ARRAY[c.pop0] ELSE '{}' END OPERATOR(pg_catalog.||) c.x0,
                                              CASE WHEN with_population THEN ARRAY[c.pop1] ELSE '{}' END OPERATOR(pg_catalog.||) c.x1)
                        FILTER (WHERE method OPERATOR(pg_catalog.=) 'lmdi'),
                      carestair.shapley_decompose(CASE WHEN with_population THEN ARRAY[c.pop0] ELSE '{}' END OPERATOR(pg_catalog.||) c.x0,
                                                  CASE WHEN with_population THEN ARRAY[c.pop1] ELSE '{}' END OPERATOR(pg_catalog.||) c.x1)
                        FILTER (WHERE method OPERATOR(pg_catalog.<>) 'lmdi')) AS e,
             pg_catalog.bool_or(pg_catalog.cardinality(c.x1) OPERATOR(pg_catalog.=) 1) AS per_inhabitant_only
        FROM cells AS c GROUP BY c.service
  ), named AS (
      SELECT e.service, n.effect, n.ord, e.e[n.idx] AS amount
        FROM eff AS e,
             LATERAL (VALUES ('full', 'age_mix', 2, 1), ('full', 'coverage', 3, 2), ('full', 'unit_cost', 4, 3),
                             ('full+p', 'population', 1, 1), ('full+p', 'age_mix', 2, 2), ('full+p', 'coverage', 3, 3), ('full+p', 'unit_cost', 4, 4),
                             ('coverage', 'age_mix', 2, 1), ('coverage', 'coverage', 3, 2),
                             ('coverage+p', 'population', 1, 1), ('coverage+p', 'age_mix', 2, 2), ('coverage+p', 'coverage', 3, 3),
                             ('single', 'unit_cost', 4, 1),
                             ('single+p', 'population', 1, 1), ('single+p', 'unit_cost', 4, 2)) AS n(kind, effect, ord, idx)
       WHERE n.kind OPERATOR(pg_catalog.=)
             (CASE WHEN e.per_inhabitant_only THEN 'single' WHEN resource OPERATOR(pg_catalog.=) 'recipients' THEN 'coverage' ELSE 'full' END
              OPERATOR(pg_catalog.||) CASE WHEN with_population THEN '+p' ELSE '' END)
  )
  SELECT n.service, n.effect, n.ord,
         CASE n.effect
           WHEN 'population' THEN t.pop_k
           WHEN 'age_mix' THEN 100 OPERATOR(pg_catalog.*) t.p80_k OPERATOR(pg_catalog./) t.pop_k
           WHEN 'coverage' THEN 1000 OPERATOR(pg_catalog.*) t.rec_k OPERATOR(pg_catalog./) t.pop_k
           WHEN 'unit_cost' THEN CASE WHEN t.rec_k IS NULL THEN t.cost_k OPERATOR(pg_catalog./) t.pop_k
                                      ELSE t.cost_k OPERATOR(pg_catalog./) nullif(t.rec_k, 0::float8) END
         END,
         CASE n.effect
           WHEN 'population' THEN t.pop_r
           WHEN 'age_mix' THEN 100 OPERATOR(pg_catalog.*) t.p80_r OPERATOR(pg_catalog./) t.pop_r
           WHEN 'coverage' THEN 1000 OPERATOR(pg_catalog.*) t.rec_r OPERATOR(pg_catalog./) t.pop_r
           WHEN 'unit_cost' THEN CASE WHEN t.rec_r IS NULL THEN t.cost_r OPERATOR(pg_catalog./) t.pop_r
                                      ELSE t.cost_r OPERATOR(pg_catalog./) nullif(t.rec_r, 0::float8) END
         END,
         n.amount
    FROM named AS n JOIN tot AS t ON t.service OPERATOR(pg_catalog.=) n.service;
END;

COMMENT ON FUNCTION carestair._why_decompose(carestair._why_cell[], carestair._why_cell[], text, text, boolean) IS 'Internal: exact decomposition of a per-inhabitant (or total) gap per service into population, age mix, coverage and unit cost.';

/*
 * _why_check_args(resource, method, measure): validate the shared
 * arguments of why_dearer and why_dearer_since.  Internal.
 */
CREATE FUNCTION carestair._why_check_args(resource text, method text, measure text)
RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF resource IS NULL OR resource NOT IN ('nok', 'nurse_arsverk', 'recipients') THEN
        RAISE EXCEPTION 'invalid resource "%"', resource
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'resource is nok (KOSTRA expenditure), nurse_arsverk (nurse årsverk) or recipients (coverage only).',
                  HINT = 'Without KOSTRA NOK figures loaded, use resource => ''nurse_arsverk'' or ''recipients''.';
    END IF;
    IF method IS NULL OR method NOT IN ('shapley', 'lmdi') THEN
        RAISE EXCEPTION 'invalid method "%"', method
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use shapley (carestair.shapley_decompose) or lmdi (carestair.lmdi_additive).';
    END IF;
    IF measure IS NULL OR NOT EXISTS (SELECT FROM carestair.kostra_measure AS m WHERE m.measure = _why_check_args.measure) THEN
        RAISE EXCEPTION 'unknown measure "%"', measure
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = (SELECT format('Use one of %s.', string_agg(m.measure, ', ' ORDER BY m.measure)) FROM carestair.kostra_measure AS m);
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._why_check_args(text, text, text) IS 'Internal: validates resource, method and measure of why_dearer.';

/*
 * why_dearer(region, year, reference, resource, measure, need_year,
 * need_sector, method): why the kommune spends more (or less) per
 * inhabitant than the reference, per service and in total:
 *	  gap = age_mix + coverage + unit_cost (+ residual, which is 0),
 * and beside it the need index's view of the same gap:
 *	  gap = need_index_expected + need_adjusted_gap (mer-/mindreutgift).
 */
CREATE FUNCTION carestair.why_dearer(
    region      text,
    year        integer,
    reference   text DEFAULT 'land_uten_oslo',
    resource    text DEFAULT 'nok',
    measure     text DEFAULT 'brutto_driftsutgifter',
    need_year   integer DEFAULT NULL,
    need_sector text DEFAULT 'pleie_og_omsorg',
    method      text DEFAULT 'shapley')
RETURNS TABLE (
    service         text,
    effect          text,
    kommune_value   numeric,
    reference_value numeric,
    per_inhabitant  numeric,
    total           numeric,
    unit            text,
    note            text)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    ny        integer := coalesce(need_year, why_dearer.year);
    members   text[];
    ok_members text[];
    bad_member text;
    kc        carestair._why_cell[];
    rc        carestair._why_cell[];
    prob      text;
    n_ok      integer;
    scale     float8 := CASE WHEN resource = 'nok' THEN 1 ELSE 1000 END;
    u_label   text := CASE resource WHEN 'nok' THEN 'NOK per inhabitant' WHEN 'nurse_arsverk' THEN 'årsverk per 1000 inhabitants'
                                    ELSE 'recipients per 1000 inhabitants' END;
    t_label   text := CASE resource WHEN 'nok' THEN 'NOK' WHEN 'nurse_arsverk' THEN 'årsverk' ELSE 'recipients' END;
    dp        integer := CASE WHEN resource = 'nok' THEN 2 ELSE 4 END;
    dt        integer := CASE WHEN resource = 'nok' THEN 0 ELSE 2 END;
    ik        numeric;
    ik_derived boolean;
    iref      numeric;
    pop_k     float8;
BEGIN
    IF region IS NULL OR year IS NULL OR reference IS NULL OR need_sector IS NULL THEN
        RAISE EXCEPTION 'region, year, reference and need_sector must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    PERFORM carestair._why_check_args(resource, method, measure);
    IF NOT EXISTS (SELECT FROM carestair.region AS g WHERE g.region = why_dearer.region AND g.region <> '0000') THEN
        RAISE EXCEPTION 'invalid region "%"', region
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Use a kommunenummer from carestair.region, e.g. ''5524''.';
    END IF;
    PERFORM carestair._check_reference(reference, why_dearer.year);
    PERFORM carestair._check_need_year(ny, need_sector);

    IF reference = 'best_quartile' THEN
        IF resource <> 'nok' THEN
            RAISE EXCEPTION 'reference best_quartile needs resource nok'
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = 'The best quartile is the quarter of kommuner with the lowest need-adjusted KOSTRA expenditure.';
        END IF;
        SELECT n.note INTO prob FROM carestair.need_adjusted_expenditure(why_dearer.year, 'best_quartile', NULL, measure, ny, need_sector) AS n
         WHERE n.note LIKE 'best quartile%' LIMIT 1;
        IF prob IS NOT NULL THEN
            RAISE EXCEPTION 'reference best_quartile cannot be formed: %', prob
                USING ERRCODE = 'no_data_found',
                      HINT = 'Load KOSTRA figures and population for (nearly) all kommuner.';
        END IF;
        SELECT array_agg(n.region ORDER BY n.region) INTO members
          FROM carestair.need_adjusted_expenditure(why_dearer.year, 'land_uten_oslo', NULL, measure, ny, need_sector) AS n
         WHERE n.region <> '0301'
           AND n.need_adjusted_nok_per_inhabitant <=
               (SELECT percentile_cont(0.25) WITHIN GROUP (ORDER BY x.need_adjusted_nok_per_inhabitant)
                  FROM carestair.need_adjusted_expenditure(why_dearer.year, 'land_uten_oslo', NULL, measure, ny, need_sector) AS x
                 WHERE x.region <> '0301');
    ELSE
        SELECT array_agg(m.member ORDER BY m.member) INTO members
          FROM carestair._reference_members(why_dearer.region, why_dearer.year, reference) AS m;
    END IF;
    IF coalesce(cardinality(members), 0) = 0 THEN
        RAISE EXCEPTION 'reference % has no kommuner for % in %', reference, region, year
            USING ERRCODE = 'no_data_found',
                  HINT = 'Add members to the peer set or KOSTRA group, or use another reference.';
    END IF;

    /* The kommune's own inputs must be complete. */
    SELECT array_agg(i.cell) INTO kc FROM carestair._why_inputs(ARRAY[why_dearer.region], why_dearer.year, resource, measure) AS i;
    prob := carestair._why_problem(kc, resource);
    IF prob IS NOT NULL THEN
        RAISE EXCEPTION 'kommune % has no complete % data for %: %', region, resource, year, prob
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'why_dearer needs population on 1 January of the next year, recipients by age (0-79, 80+) in carestair.care_service_stat and, for nok, complete KOSTRA series in NOK 1000.',
                  HINT = 'Load the missing data (carestair.import_ssb_population, carestair.import_ssb_kostra, carestair.import_ssb_care_services).';
    END IF;

    /* The reference's members: all complete (peer set, group, kommune) or at least 90 % (land). */
    SELECT count(*) FILTER (WHERE p.problem IS NULL),
           array_agg(p.region ORDER BY p.region) FILTER (WHERE p.problem IS NULL),
           (array_agg(p.region ORDER BY p.region) FILTER (WHERE p.problem IS NOT NULL))[1],
           (array_agg(p.problem ORDER BY p.region) FILTER (WHERE p.problem IS NOT NULL))[1]
      INTO n_ok, ok_members, bad_member, prob
      FROM (SELECT i.region,
                   coalesce(carestair._why_problem(array_agg(i.cell), resource),
                            CASE WHEN NOT EXISTS (SELECT FROM carestair.need_index AS n
                                                   WHERE n.region = i.region AND n.year = ny AND n.sector = need_sector)
                                 THEN format('no need index (%s, %s)', need_sector, ny) END) AS problem
              FROM carestair._why_inputs(members, why_dearer.year, resource, measure) AS i
             GROUP BY i.region) AS p;
    IF bad_member IS NOT NULL AND (reference NOT IN ('land', 'land_uten_oslo', 'best_quartile') OR n_ok < 0.9 * cardinality(members)) THEN
        RAISE EXCEPTION 'reference % is incomplete for %: % of % kommuner have complete % data, e.g. % has %',
                        reference, year, n_ok, cardinality(members), resource, bad_member, prob
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'A peer set, KOSTRA group or kommune reference needs every member; land, land_uten_oslo and best_quartile need at least 90 %.',
                  HINT = 'Load the missing data, or choose a reference whose members all have data.';
    END IF;

    SELECT array_agg(ROW(c.service, c.band, c.pop_band, c.pop, c.rec, c.cost)::carestair._why_cell)
      INTO rc
      FROM (SELECT (i.cell).service, (i.cell).band, sum((i.cell).pop_band) AS pop_band, sum((i.cell).pop) AS pop,
                   sum((i.cell).rec) AS rec, sum((i.cell).cost) AS cost
              FROM carestair._why_inputs(ok_members, why_dearer.year, resource, measure) AS i
             GROUP BY (i.cell).service, (i.cell).band) AS c;

    /* Need index: the kommune's, and the reference's population-weighted mean. */
    SELECT n.value, n.derived INTO ik, ik_derived FROM carestair.need_index AS n
     WHERE n.region = why_dearer.region AND n.year = ny AND n.sector = need_sector;
    IF ik IS NULL THEN
        RAISE EXCEPTION 'no need index for kommune % (%, %)', region, need_sector, ny
            USING ERRCODE = 'no_data_found',
                  HINT = 'Load the need index for that kommune, or pass another need_year.';
    END IF;
    SELECT (c.cell).pop INTO pop_k FROM (SELECT unnest(kc) AS cell) AS c LIMIT 1;
    SELECT sum(n.value * p.pop) / sum(p.pop) INTO iref
      FROM (SELECT i.region, max((i.cell).pop) AS pop
              FROM carestair._why_inputs(ok_members, why_dearer.year, resource, measure) AS i GROUP BY i.region) AS p
      JOIN carestair.need_index AS n ON n.region = p.region AND n.year = ny AND n.sector = need_sector;

    RETURN QUERY
    WITH d AS (
        SELECT * FROM carestair._why_decompose(kc, rc, method, resource, false)
    ), lvl AS (
        /* per service: value per inhabitant of the kommune and the reference */
        SELECT x.service,
               CASE WHEN resource = 'recipients' THEN sum(x.rec) / max(x.pop) ELSE max(x.cost) / max(x.pop) END AS u_k,
               (SELECT CASE WHEN resource = 'recipients' THEN sum(y.rec) / max(y.pop) ELSE max(y.cost) / max(y.pop) END
                  FROM unnest(rc) AS y WHERE y.service = x.service) AS u_r
          FROM unnest(kc) AS x GROUP BY x.service
    ), svc_rows AS (
        SELECT l.service AS s, 'gap' AS e, 0 AS o, l.u_k * scale AS vk, l.u_r * scale AS vr, l.u_k - l.u_r AS amt, NULL::text AS nt
          FROM lvl AS l
        UNION ALL
        SELECT d.service, d.effect, d.ord, d.value_k, d.value_r, d.amount,
               CASE WHEN d.service = 'andre' THEN 'no recipient statistics: the whole difference is cost per inhabitant'
                    WHEN d.effect = 'age_mix' THEN 'values: percent of inhabitants aged 80+'
                    WHEN d.effect = 'coverage' THEN 'values: recipients per 1000 inhabitants'
                    WHEN d.effect = 'unit_cost' THEN 'values: ' || t_label || ' per recipient' END
          FROM d
        UNION ALL
        SELECT l.service, 'residual', 9, NULL, NULL,
               (l.u_k - l.u_r) - coalesce((SELECT sum(d.amount) FROM d WHERE d.service = l.service), 0), 'gap minus the effects (exact decomposition: 0)'
          FROM lvl AS l
        UNION ALL
        SELECT l.service, 'need_adjusted_gap', 11, NULL, NULL, l.u_k - l.u_r * ik::float8 / iref::float8,
               'the service''s share of the mer-/mindreutgift: U_k,s - U_ref,s * I_k / I_ref (sums to the total below)'
          FROM lvl AS l
    ), tot AS (
        SELECT sum(l.u_k) AS u_k, sum(l.u_r) AS u_r FROM lvl AS l
    ), all_rows AS (
        SELECT 'all' AS s, 'gap' AS e, 0 AS o, t.u_k * scale AS vk, t.u_r * scale AS vr, t.u_k - t.u_r AS amt,
               format('reference %s (%s kommuner)', reference, n_ok) AS nt
          FROM tot AS t
        UNION ALL
        SELECT 'all', r.e, min(r.o), NULL, NULL, sum(r.amt), 'sum over services'
          FROM svc_rows AS r WHERE r.o > 0 AND r.o < 10 GROUP BY r.e
        UNION ALL
        SELECT 'all', 'need_index_expected', 10, ik, round(iref, 4), (t.u_r / iref::float8) * ik::float8 - t.u_r,
               format('part of the gap the need index (%s %s%s) accounts for; values: need index of kommune and reference',
                      need_sector, ny, CASE WHEN ik_derived THEN ', derived, unverified' ELSE '' END)
          FROM tot AS t
        UNION ALL
        SELECT 'all', 'need_adjusted_gap', 11, t.u_k / ik::float8 * scale, t.u_r / iref::float8 * scale,
               t.u_k - (t.u_r / iref::float8) * ik::float8,
               'mer-/mindreutgift: (U_k - U_ref * I_k); values: per inhabitant divided by the need index'
          FROM tot AS t
    )
    SELECT x.s, x.e, round(x.vk::numeric, 4), round(x.vr::numeric, 4),
           round((x.amt * scale)::numeric, dp), round((x.amt * pop_k)::numeric, dt),
           u_label, x.nt
      FROM (SELECT * FROM svc_rows UNION ALL SELECT * FROM all_rows) AS x
     ORDER BY x.s = 'all', x.s, x.o;
END
$$;

COMMENT ON FUNCTION carestair.why_dearer(text, integer, text, text, text, integer, text, text) IS
  'Why a kommune spends more (or less) per inhabitant than a reference: per service, age mix + coverage + unit cost (exact, residual 0), and the need index''s view of the same gap. See doc/kostra.md.';

/*
 * why_dearer_since(region, from_year, to_year, resource, measure, method):
 * what changed in the kommune between two years, per service: the change
 * in the total split into population, age mix, coverage and unit cost, and
 * the change per inhabitant into age mix, coverage and unit cost.  NOK are
 * current prices, so price growth is part of the unit-cost effect.
 */
CREATE FUNCTION carestair.why_dearer_since(
    region    text,
    from_year integer,
    to_year   integer,
    resource  text DEFAULT 'nok',
    measure   text DEFAULT 'brutto_driftsutgifter',
    method    text DEFAULT 'shapley')
RETURNS TABLE (
    service        text,
    effect         text,
    from_value     numeric,
    to_value       numeric,
    per_inhabitant numeric,
    total          numeric,
    unit           text,
    note           text)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    c0      carestair._why_cell[];
    c1      carestair._why_cell[];
    prob    text;
    scale   float8 := CASE WHEN resource = 'nok' THEN 1 ELSE 1000 END;
    u_label text := CASE resource WHEN 'nok' THEN 'NOK per inhabitant / NOK' WHEN 'nurse_arsverk' THEN 'årsverk per 1000 inhabitants / årsverk'
                                  ELSE 'recipients per 1000 inhabitants / recipients' END;
    dp      integer := CASE WHEN resource = 'nok' THEN 2 ELSE 4 END;
    dt      integer := CASE WHEN resource = 'nok' THEN 0 ELSE 2 END;
BEGIN
    IF region IS NULL OR from_year IS NULL OR to_year IS NULL THEN
        RAISE EXCEPTION 'region, from_year and to_year must not be NULL'
            USING ERRCODE = 'null_value_not_allowed';
    END IF;
    PERFORM carestair._why_check_args(resource, method, measure);
    IF from_year >= to_year THEN
        RAISE EXCEPTION 'from_year % is not before to_year %', from_year, to_year
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'Pass the earlier year first, e.g. from_year => 2019, to_year => 2025.';
    END IF;
    SELECT array_agg(i.cell) INTO c0 FROM carestair._why_inputs(ARRAY[why_dearer_since.region], from_year, resource, measure) AS i;
    SELECT array_agg(i.cell) INTO c1 FROM carestair._why_inputs(ARRAY[why_dearer_since.region], to_year, resource, measure) AS i;
    prob := coalesce('in ' || from_year || ': ' || carestair._why_problem(c0, resource),
                     'in ' || to_year || ': ' || carestair._why_problem(c1, resource));
    IF prob IS NOT NULL OR NOT EXISTS (SELECT FROM carestair.region AS g WHERE g.region = why_dearer_since.region AND g.region <> '0000') THEN
        RAISE EXCEPTION 'kommune % has no complete % data %', region, resource, coalesce(prob, '(not in carestair.region)')
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'why_dearer_since needs, for both years, population on 1 January of the next year, recipients by age (0-79, 80+) and, for nok, complete KOSTRA series in NOK 1000.',
                  HINT = 'Load the missing data, or choose years that have it.';
    END IF;

    RETURN QUERY
    WITH t AS (SELECT * FROM carestair._why_decompose(c1, c0, method, resource, true)),
         p AS (SELECT * FROM carestair._why_decompose(c1, c0, method, resource, false)),
    lvl AS (
        SELECT x.service,
               CASE WHEN resource = 'recipients' THEN sum(x.rec) ELSE max(x.cost) END AS v1, max(x.pop) AS p1,
               (SELECT CASE WHEN resource = 'recipients' THEN sum(y.rec) ELSE max(y.cost) END FROM unnest(c0) AS y WHERE y.service = x.service) AS v0,
               (SELECT max(y.pop) FROM unnest(c0) AS y WHERE y.service = x.service) AS p0
          FROM unnest(c1) AS x GROUP BY x.service
    ), rows AS (
        SELECT l.service AS s, 'change' AS e, 0 AS o, l.v0 / l.p0 * scale AS f, l.v1 / l.p1 * scale AS tv,
               l.v1 / l.p1 - l.v0 / l.p0 AS pi, l.v1 - l.v0 AS tt,
               'values: per inhabitant (per 1000 for resources) in each year'::text AS nt
          FROM lvl AS l
        UNION ALL
        SELECT t.service, t.effect, t.ord, t.value_r, t.value_k, p.amount, t.amount,
               CASE WHEN t.effect = 'population' THEN 'values: inhabitants; no per-inhabitant effect'
                    WHEN t.service = 'andre' THEN 'no recipient statistics: the whole change is cost per inhabitant'
                    WHEN t.effect = 'age_mix' THEN 'values: percent of inhabitants aged 80+'
                    WHEN t.effect = 'coverage' THEN 'values: recipients per 1000 inhabitants'
                    WHEN t.effect = 'unit_cost' AND resource = 'nok' THEN 'values: NOK per recipient (current prices: includes price growth)'
                    WHEN t.effect = 'unit_cost' THEN 'values: årsverk per recipient' END
          FROM t LEFT JOIN p ON p.service = t.service AND p.effect = t.effect
        UNION ALL
        SELECT l.service, 'residual', 9, NULL, NULL,
               (l.v1 / l.p1 - l.v0 / l.p0) - coalesce((SELECT sum(p.amount) FROM p WHERE p.service = l.service), 0),
               (l.v1 - l.v0) - coalesce((SELECT sum(t.amount) FROM t WHERE t.service = l.service), 0),
               'change minus the effects (exact decomposition: 0)'
          FROM lvl AS l
    )
    SELECT x.s, x.e, round(x.f::numeric, 4), round(x.tv::numeric, 4),
           round((x.pi * scale)::numeric, dp), round(x.tt::numeric, dt), u_label, x.nt
      FROM (SELECT * FROM rows
            UNION ALL
            SELECT 'all', r.e, min(r.o), NULL, NULL, sum(r.pi), sum(r.tt), 'sum over services'
              FROM rows AS r GROUP BY r.e) AS x
     ORDER BY x.s = 'all', x.s, x.o;
END
$$;

COMMENT ON FUNCTION carestair.why_dearer_since(text, integer, integer, text, text, text) IS
  'What changed in a kommune between two years, per service: change in total = population + age mix + coverage + unit cost, and per inhabitant (exact, residual 0). See doc/kostra.md.';
