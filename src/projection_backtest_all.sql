
-- ---------------------------------------------------------------------------
-- projection_backtest_all: estimators over a multi-year interval (two
-- population counts n years apart), the migration rule that shrinks a
-- kommune's age profile of net migration towards a pooled one, and the
-- back-test over every kommune (SSB 07459, 2015 -> 2020 -> 2025/2026).
-- See doc/projection_backtest_all.md.
-- ---------------------------------------------------------------------------

/*
 * _mortality_years(scenario, region, from_year, to_year, open_age): the q a
 * projection would use in each calendar year from_year..to_year: the
 * scenario's rows for region of the latest year <= that year, else of its
 * earliest year (the carry-forward rule of carestair.project_population),
 * ages 0..open_age.  Errors unless every year has both sexes and all those
 * ages.  Internal.
 */
CREATE FUNCTION carestair._mortality_years(scenario text, region text, from_year integer, to_year integer, open_age integer)
RETURNS TABLE (year integer, sex integer, age integer, q double precision)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    n_rows bigint;
BEGIN
    RETURN QUERY
    SELECT t, m.sex::integer, m.age::integer, m.q
      FROM generate_series(from_year, to_year) AS t
     CROSS JOIN LATERAL (SELECT coalesce(max(x.year) FILTER (WHERE x.year <= t), min(x.year)) AS y
                           FROM carestair.mortality AS x
                          WHERE x.scenario = _mortality_years.scenario AND x.region = _mortality_years.region) AS k
      JOIN carestair.mortality AS m
        ON m.scenario = _mortality_years.scenario AND m.region = _mortality_years.region
       AND m.year = k.y AND m.age <= open_age;
    GET DIAGNOSTICS n_rows = ROW_COUNT;
    IF n_rows <> (to_year - from_year + 1) * 2 * (open_age + 1) THEN
        RAISE EXCEPTION 'mortality scenario "%" region % lacks q for some sex or age 0..% in %-%',
                        scenario, region, open_age, from_year, to_year
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'Survival over the interval needs q for both sexes and every age up to the population''s open age, from carestair.mortality.',
                  HINT = 'Insert the scenario''s national mortality first, e.g. from carestair.mortality_from_hmd(mx, 2015, 2019) under region ''0000''.';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._mortality_years(text, text, integer, integer, integer) IS
  'Internal: the q of a mortality scenario for each calendar year of a period, by the projection''s carry-forward rule.';

/*
 * _interval_regions(regions, from_year, to_year): the regions (NULL: every
 * kommune with a population on 1 January of both years, region '0000'
 * excluded), checked to have both years, and their common open age.
 * Internal.
 */
CREATE FUNCTION carestair._interval_regions(regions text[], from_year integer, to_year integer,
                                            OUT checked text[], OUT open_age integer)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    missing text;
    n_open bigint;
BEGIN
    IF from_year IS NULL OR to_year IS NULL OR to_year - from_year NOT BETWEEN 1 AND 10 THEN
        RAISE EXCEPTION 'invalid interval %-%', coalesce(from_year::text, 'NULL'), coalesce(to_year::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The interval runs between two 1 January populations 1 to 10 years apart, from_year before to_year.',
                  HINT = 'E.g. 2015 and 2020.';
    END IF;
    checked := coalesce(regions,
                        ARRAY(SELECT p.region FROM carestair.population AS p
                               WHERE p.year IN (from_year, to_year) AND p.region <> '0000'
                               GROUP BY p.region HAVING count(DISTINCT p.year) = 2 ORDER BY p.region));
    IF cardinality(checked) = 0 THEN
        RAISE EXCEPTION 'no kommune has a population on 1 January % and %', from_year, to_year
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'The interval estimators compare two 1 January populations of carestair.population.',
                  HINT = 'Load them, e.g. psql -f data/load_all_kommuner.sql (all 357 kommuner, 2015, 2020, 2025, 2026).';
    END IF;
    SELECT r INTO missing FROM unnest(checked) AS r
     WHERE r IS NULL
        OR (SELECT count(DISTINCT p.year) FROM carestair.population AS p
             WHERE p.region = r AND p.year IN (from_year, to_year)) < 2
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'no population for region % on 1 January % or %', coalesce(missing, 'NULL'), from_year, to_year
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'The interval estimators need the population by sex and age on 1 January of both years.',
                  HINT = 'Load those years (data/load_all_kommuner.sql, carestair.import_ssb_population) or leave the region out.';
    END IF;
    SELECT min(p.age), count(DISTINCT p.age) INTO open_age, n_open FROM carestair.population AS p
     WHERE p.region = ANY (checked) AND p.year IN (from_year, to_year) AND p.is_open_age;
    IF n_open <> 1 THEN
        RAISE EXCEPTION 'the regions do not share one open age group on 1 January % and %', from_year, to_year
            USING ERRCODE = 'data_exception',
                  DETAIL = 'The cohort residual follows every cohort into the open age group, which must be the same age in both years.',
                  HINT = 'Load populations with the same open age (SSB 07459: 105+).';
    END IF;
END
$$;

COMMENT ON FUNCTION carestair._interval_regions(text[], integer, integer) IS
  'Internal: the checked regions of an interval estimate and their common open age.';

/*
 * fertility_indirect_interval(regions, from_year, to_year,
 * mortality_scenario, standard, sex_ratio): each region's fertility level by
 * indirect standardisation over an interval with population counts only at
 * its ends: the children aged 0..n-1 on 1 January to_year (n = to_year -
 * from_year) against the births the standard schedule gives the women
 * exposed from_year..to_year-1 (cohorts interpolated linearly between the
 * two counts), times the children's survival to to_year (national q of the
 * mortality scenario, year by year).
 */
CREATE FUNCTION carestair.fertility_indirect_interval(regions text[], from_year integer, to_year integer,
                                                      mortality_scenario text,
                                                      standard text DEFAULT 'ssb_norway_1997',
                                                      sex_ratio double precision DEFAULT 1.055)
RETURNS TABLE (region text, age integer, rate double precision, level double precision,
               observed_children double precision, expected_children double precision)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record := carestair._interval_regions(regions, from_year, to_year);
    n integer := to_year - from_year;
    bad text;
BEGIN
    IF mortality_scenario IS NULL THEN
        RAISE EXCEPTION 'mortality_scenario must not be NULL'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Child survival comes from the national q (region ''0000'') of a scenario in carestair.mortality.',
                  HINT = 'Pass the scenario that holds the national mortality.';
    END IF;
    IF standard IS NULL
       OR NOT EXISTS (SELECT FROM carestair.fertility_standard AS f WHERE f.standard = fertility_indirect_interval.standard) THEN
        RAISE EXCEPTION 'unknown fertility standard "%"', coalesce(standard, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'Standards are rows of carestair.fertility_standard.',
                  HINT = 'Use ''ssb_norway_1997'' or insert your own national schedule.';
    END IF;
    IF NOT (sex_ratio > 0 AND sex_ratio < 'Infinity') THEN
        RAISE EXCEPTION 'invalid sex_ratio %', coalesce(sex_ratio::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The sex ratio at birth is boys per girl, positive and finite.',
                  HINT = 'Norway records about 1.055.';
    END IF;
    -- A region without women at the ages the standard weights (in either
    -- count, allowing for the ageing over the interval) has no expected
    -- births and so no level.
    SELECT k INTO bad FROM unnest(r.checked) AS k
     WHERE NOT EXISTS (SELECT FROM carestair.population AS p
                        JOIN (SELECT min(f.age) AS lo, max(f.age) AS hi FROM carestair.fertility_standard AS f
                               WHERE f.standard = fertility_indirect_interval.standard AND f.rate > 0) AS b ON true
                        WHERE p.region = k AND p.sex = 2 AND p.persons > 0
                          AND ((p.year = from_year AND p.age BETWEEN b.lo - n AND b.hi)
                               OR (p.year = to_year AND p.age BETWEEN b.lo AND b.hi + n)))
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'region % has no women of childbearing age in %-%', bad, from_year, to_year
            USING ERRCODE = 'data_exception',
                  DETAIL = 'The expected births under the standard schedule are zero, so no level can be estimated.',
                  HINT = 'Use the national rates (region ''0000'') for this region.';
    END IF;
    RETURN QUERY
    WITH q AS (SELECT * FROM carestair._mortality_years(mortality_scenario, '0000', from_year, to_year - 1, r.open_age)),
    -- Survival of a child aged c on 1 January to_year (born in to_year-1-c)
    -- from birth: it ends its birth year at age 0 and each later year one
    -- older, so L = prod_{j=0..c} (1 - q(j, birth year + j)), by sex.
    surv AS (
        SELECT c.c, q.sex, sum(ln(greatest(1 - q.q, 1e-300))) AS ln_l
          FROM generate_series(0, n - 1) AS c (c)
          JOIN q ON q.year >= to_year - 1 - c.c AND q.age = q.year - (to_year - 1 - c.c)
         GROUP BY c.c, q.sex),
    -- Its net migration at ages 1..c, at the region's annual net rates of
    -- those ages (cohort residual of the cohorts alive at from_year), so
    -- that the level holds births only and the projection, which applies
    -- those rates to the children again, does not count them twice.
    mig AS (
        SELECT m.region, m.sex, m.age,
               sum(ln(greatest(1 + coalesce(m.net_migrants / nullif(m.start_stock, 0), 0), 1e-300)))
                   OVER (PARTITION BY m.region, m.sex ORDER BY m.age) AS ln_m
          FROM carestair.migration_residual_interval(r.checked, from_year, to_year, mortality_scenario) AS m
         WHERE m.age BETWEEN 1 AND n - 1),
    child AS (
        SELECT k.region, s.c,
               sum(CASE s.sex WHEN 1 THEN sex_ratio ELSE 1 END * exp(s.ln_l + coalesce(g.ln_m, 0))) / (1 + sex_ratio) AS l
          FROM unnest(r.checked) AS k (region)
         CROSS JOIN surv AS s
          LEFT JOIN mig AS g ON g.region = k.region AND g.sex = s.sex AND g.age = s.c
         GROUP BY k.region, s.c),
    std AS (SELECT f.age::integer AS age, f.rate FROM carestair.fertility_standard AS f
             WHERE f.standard = fertility_indirect_interval.standard),
    -- Expected births in year t: women of the cohort born t - x (age x at
    -- the end of t), exposed by their size at mid-year, interpolated
    -- linearly between their counts on 1 January from_year and to_year.
    births AS (
        SELECT k.region, t.t, sum(std.rate * ((to_year - t.t - 0.5) * coalesce(pf.persons, 0)
                                              + (t.t + 0.5 - from_year) * coalesce(pt.persons, 0)) / n) AS b
          FROM unnest(r.checked) AS k (region)
         CROSS JOIN generate_series(from_year, to_year - 1) AS t (t)
         CROSS JOIN std
          LEFT JOIN carestair.population AS pf
            ON pf.region = k.region AND pf.year = from_year AND pf.sex = 2 AND pf.age = from_year - 1 - t.t + std.age
          LEFT JOIN carestair.population AS pt
            ON pt.region = k.region AND pt.year = to_year AND pt.sex = 2 AND pt.age = to_year - 1 - t.t + std.age
         GROUP BY k.region, t.t),
    expd AS (SELECT b.region, sum(b.b * s.l) AS e FROM births AS b
               JOIN child AS s ON s.region = b.region AND s.c = to_year - 1 - b.t GROUP BY b.region),
    obs AS (SELECT p.region, sum(p.persons)::double precision AS o FROM carestair.population AS p
             WHERE p.region = ANY (r.checked) AND p.year = to_year AND p.age < n GROUP BY p.region)
    SELECT e.region, std.age, std.rate * o.o / e.e, o.o / e.e, o.o, e.e
      FROM expd AS e
      JOIN obs AS o ON o.region = e.region
     CROSS JOIN std
     WHERE e.e > 0
     ORDER BY e.region, std.age;
END
$$;

COMMENT ON FUNCTION carestair.fertility_indirect_interval(text[], integer, integer, text, text, double precision) IS
  'Fertility rates for regions by indirect standardisation over an interval between two 1 January populations: children aged 0..n-1 at its end against the standard births of the women exposed (cohort-interpolated) times child survival. See doc/projection_backtest_all.md.';

/*
 * migration_residual_interval(regions, from_year, to_year,
 * mortality_scenario, mortality_region): annual net migration by sex and
 * age at the end of the year from the cohort residual over an interval
 * between two 1 January populations n years apart.  The cohort aged e on
 * 1 January to_year (e >= n) was e - n on 1 January from_year (the open
 * group collects every cohort that reaches it); its net migrants over the
 * interval are
 *   N(e) = (P(e, to) - S L) / ((1 + L) / 2),  L = prod_j (1 - q(e-n+1+j, from+j)),
 * migrants being exposed to half the interval's mortality on average.  It
 * passed ages e-n+1..e at the ends of the n years, so the annual net
 * migrants at age x are the mean of N(e)/n over the cohorts e = x..x+n-1
 * that were alive at from_year.  Age 0 is 0: the children born in the
 * interval are in the fertility level (fertility_indirect_interval).
 */
CREATE FUNCTION carestair.migration_residual_interval(regions text[], from_year integer, to_year integer,
                                                      mortality_scenario text, mortality_region text DEFAULT '0000')
RETURNS TABLE (region text, sex integer, age integer, net_migrants double precision,
               start_stock double precision, q double precision)
LANGUAGE plpgsql STABLE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    r record := carestair._interval_regions(regions, from_year, to_year);
    n integer := to_year - from_year;
    a integer;
BEGIN
    a := r.open_age;
    IF mortality_scenario IS NULL OR mortality_region IS NULL THEN
        RAISE EXCEPTION 'mortality_scenario and mortality_region must not be NULL'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The residual subtracts expected deaths, with q from carestair.mortality.',
                  HINT = 'Pass the scenario that holds the national mortality, region ''0000''.';
    END IF;
    IF a < n THEN
        RAISE EXCEPTION 'open age % is below the interval length %', a, n
            USING ERRCODE = 'data_exception',
                  DETAIL = 'Every cohort followed over the interval must stay below or reach the open age group.',
                  HINT = 'Use single-year populations up to a high open age (SSB 07459: 105+).';
    END IF;
    RETURN QUERY
    WITH qy AS (SELECT * FROM carestair._mortality_years(mortality_scenario, mortality_region, from_year, to_year - 1, a)),
    pop AS (SELECT p.region, p.year, p.sex::integer AS sex, p.age::integer AS age, p.persons::double precision AS persons
              FROM carestair.population AS p
             WHERE p.region = ANY (r.checked) AND p.year IN (from_year, to_year)),
    -- Survival of the cohort ending the interval at age e (open group: the
    -- path of the cohort aged A - n at from_year, capped at A).
    surv AS (SELECT qy.sex, e.e, exp(sum(ln(greatest(1 - qy.q, 1e-300)))) AS l
               FROM generate_series(n, a) AS e (e)
               JOIN qy ON qy.age = least(e.e - n + 1 + (qy.year - from_year), a)
              GROUP BY qy.sex, e.e),
    -- The cohort's start: the population aged e - n at from_year (the open
    -- group e = A collects every age above A - n).
    start AS (SELECT p.region, p.sex, least(p.age + n, a) AS e, sum(p.persons) AS s
                FROM pop AS p WHERE p.year = from_year GROUP BY p.region, p.sex, least(p.age + n, a)),
    -- Net migrants of each cohort by its age e at to_year (NULL below n:
    -- born in the interval), and the annual mean at age x over the cohorts
    -- e = x..x+n-1 that passed it.
    coh AS (
        SELECT pe.region, pe.sex, pe.age AS e,
               (pe.persons - st.s * sv.l) / ((1 + sv.l) / 2) AS net
          FROM pop AS pe
          LEFT JOIN surv AS sv ON sv.sex = pe.sex AND sv.e = pe.age
          LEFT JOIN start AS st ON st.region = pe.region AND st.sex = pe.sex AND st.e = pe.age
         WHERE pe.year = to_year AND pe.age > 0),
    annual AS (
        SELECT c.region, c.sex, c.e AS age,
               avg(c.net) OVER (PARTITION BY c.region, c.sex ORDER BY c.e RANGE BETWEEN CURRENT ROW AND n - 1 FOLLOWING) / n AS net
          FROM coh AS c),
    -- Mean start stock of age x over the interval: the population aged
    -- x - 1 (x = A: A - 1 and A) on 1 January of both years; at age 0 the
    -- age-0 population stands in for the births.
    stock AS (
        SELECT p.region, p.sex, g.x AS age, sum(p.persons) / 2 AS s
          FROM pop AS p
         CROSS JOIN LATERAL (SELECT least(p.age + 1, a) UNION ALL SELECT 0 WHERE p.age = 0) AS g (x)
         GROUP BY p.region, p.sex, g.x),
    qm AS (SELECT qy.sex, qy.age, avg(qy.q) AS q FROM qy GROUP BY qy.sex, qy.age)
    SELECT st.region, st.sex, st.age, coalesce(an.net, 0), coalesce(st.s, 0), qm.q
      FROM stock AS st
      JOIN qm ON qm.sex = st.sex AND qm.age = st.age
      LEFT JOIN annual AS an ON an.region = st.region AND an.sex = st.sex AND an.age = st.age
     ORDER BY st.region, st.sex, st.age;
END
$$;

COMMENT ON FUNCTION carestair.migration_residual_interval(text[], integer, integer, text, text) IS
  'Annual net migrants by region, sex and age (at the end of the year) from the cohort residual between two 1 January populations n years apart, with the mean start stock and q of each age. See doc/projection_backtest_all.md.';

/*
 * _bad_residual_row(region, sex, age): raise the error for a row of a
 * residual query that migration_shrunk cannot use.  Internal.
 */
CREATE FUNCTION carestair._bad_residual_row(region text, sex integer, age integer)
RETURNS boolean
LANGUAGE plpgsql VOLATILE PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    RAISE EXCEPTION 'residual_sql has an invalid row for region % sex % age %', coalesce(region, 'NULL'), coalesce(sex::text, 'NULL'), coalesce(age::text, 'NULL')
        USING ERRCODE = 'invalid_parameter_value',
              DETAIL = 'Every row needs a region, sex 1 or 2, age >= 0, finite net_migrants, start_stock >= 0 and finite, q in [0, 1].',
              HINT = 'Check the query, e.g. SELECT * FROM carestair.migration_residual_interval(...).';
END
$$;

COMMENT ON FUNCTION carestair._bad_residual_row(text, integer, integer) IS 'Internal: the error for an unusable row of migration_shrunk''s residual query.';

/*
 * migration_shrunk(residual_sql, p0, pool, smooth): the migration rule.
 * residual_sql gives raw annual net migrants by region, sex and age with
 * the start stock and q of each age (columns region, sex, age,
 * net_migrants, start_stock, q; e.g. migration_residual_interval).  For
 * each region with size P (the sum of its start stocks):
 *   w       = P / (P + p0)
 *   m_pool  = sum of net / sum of stock over the pool's regions, by sex, age
 *   m~      = moving average over ages (+-smooth) of w m_own + (1 - w) m_pool
 *   m*      = m~ + d,  d such that sum stock m* = the region's own total
 * and net = m* stock, immigrants = max(net, 0), emigration_rate = -m*
 * where negative, capped at half of (1 - q)/(1 - q/2), the most that
 * deaths at q leave, so that a projection whose q is higher than the
 * estimate's (a forecast, a bad year) cannot empty a cohort below zero.
 * Age 0 passes unchanged.
 */
CREATE FUNCTION carestair.migration_shrunk(residual_sql text, p0 double precision DEFAULT 10000,
                                           pool text DEFAULT 'county', smooth integer DEFAULT 2)
RETURNS TABLE (region text, sex integer, age integer, net_migrants double precision,
               immigrants double precision, emigration_rate double precision, weight double precision)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p0 IS NULL OR p0 = 'NaN' OR p0 < 0 THEN
        RAISE EXCEPTION 'invalid p0 %', coalesce(p0::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'p0 is the population at which a region''s own age profile gets weight 1/2: zero (own profile only) or positive, ''Infinity'' for the pooled profile only.',
                  HINT = 'E.g. 10000 (the default, chosen by the every-kommune back-test).';
    END IF;
    IF pool IS NULL OR pool NOT IN ('county', 'national') THEN
        RAISE EXCEPTION 'invalid pool "%"', coalesce(pool, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The pooled profile is that of the region''s fylke (first two digits of the kommunenummer) or of all regions of the query.',
                  HINT = 'Use ''county'' or ''national''.';
    END IF;
    IF smooth IS NULL OR smooth NOT BETWEEN 0 AND 10 THEN
        RAISE EXCEPTION 'invalid smooth %', coalesce(smooth::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'smooth is the half-width of the moving average over ages, 0..10.',
                  HINT = 'E.g. 2.';
    END IF;
    IF residual_sql IS NULL THEN
        RAISE EXCEPTION 'residual_sql must not be NULL'
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'It is the query of raw net migrants (region, sex, age, net_migrants, start_stock, q).',
                  HINT = 'E.g. ''SELECT * FROM carestair.migration_residual_interval(NULL, 2015, 2020, ''''main'''')''.';
    END IF;
    RETURN QUERY EXECUTE pg_catalog.format($q$
    WITH raw AS (
        SELECT u.region::text AS region, u.sex::integer AS sex, u.age::integer AS age,
               u.net_migrants::double precision AS net, u.start_stock::double precision AS stock,
               u.q::double precision AS q
          FROM (%s) AS u),
    bad AS (
        SELECT carestair._bad_residual_row(w.region, w.sex, w.age) AS x FROM raw AS w
         WHERE w.region IS NULL OR w.sex IS NULL OR w.sex NOT IN (1, 2) OR w.age IS NULL OR w.age < 0
            OR w.net IS NULL OR w.net IN ('NaN', 'Infinity', '-Infinity')
            OR w.stock IS NULL OR w.stock = 'NaN' OR w.stock < 0 OR w.stock = 'Infinity'
            OR w.q IS NULL OR w.q = 'NaN' OR w.q < 0 OR w.q > 1
         LIMIT 1),
    size AS (
        SELECT w.region, CASE WHEN $2 = 'county' THEN left(w.region, 2) ELSE '' END AS grp,
               sum(w.net) FILTER (WHERE w.age > 0) AS total, sum(w.stock) AS p
          FROM raw AS w GROUP BY w.region),
    pooled AS (
        SELECT s.grp, w.sex, w.age, sum(w.net) / nullif(sum(w.stock), 0) AS m
          FROM raw AS w JOIN size AS s ON s.region = w.region
         WHERE w.age > 0 GROUP BY s.grp, w.sex, w.age),
    mix AS (
        SELECT w.region, w.sex, w.age, w.stock, w.q,
               CASE WHEN s.p + $1 = 0 THEN 1 WHEN $1 = 'Infinity' THEN 0 ELSE s.p / (s.p + $1) END AS wt,
               s.total
          FROM raw AS w JOIN size AS s ON s.region = w.region
         WHERE w.age > 0 AND NOT EXISTS (SELECT FROM bad)),
    sm AS (
        SELECT x.region, x.sex, x.age, x.stock, x.q, x.wt, x.total,
               avg(x.wt * coalesce(w.net / nullif(x.stock, 0), 0) + (1 - x.wt) * coalesce(pl.m, 0))
                   OVER (PARTITION BY x.region, x.sex ORDER BY x.age ROWS BETWEEN $3 PRECEDING AND $3 FOLLOWING) AS m
          FROM mix AS x
          JOIN raw AS w ON w.region = x.region AND w.sex = x.sex AND w.age = x.age
          JOIN size AS s ON s.region = x.region
          LEFT JOIN pooled AS pl ON pl.grp = s.grp AND pl.sex = x.sex AND pl.age = x.age),
    shifted AS (
        SELECT sm.region, sm.sex, sm.age, sm.stock, sm.q, sm.wt,
               sm.m + coalesce((sm.total - sum(sm.stock * sm.m) OVER (PARTITION BY sm.region))
                               / nullif(sum(sm.stock) OVER (PARTITION BY sm.region), 0), 0) AS m
          FROM sm)
    SELECT h.region, h.sex, h.age, h.m * h.stock, greatest(h.m * h.stock, 0),
           CASE WHEN h.m < 0 THEN least((1 - h.q) / (2 - h.q), -h.m) ELSE 0 END, h.wt
      FROM shifted AS h
    UNION ALL
    SELECT w.region, w.sex, w.age, w.net, greatest(w.net, 0),
           CASE WHEN w.net < 0 THEN least((1 - w.q) / (2 - w.q), coalesce(-w.net / nullif(w.stock, 0), 0)) ELSE 0 END,
           CASE WHEN s.p + $1 = 0 THEN 1 WHEN $1 = 'Infinity' THEN 0 ELSE s.p / (s.p + $1) END
      FROM raw AS w JOIN size AS s ON s.region = w.region
     WHERE w.age = 0
     ORDER BY 1, 2, 3
    $q$, residual_sql) USING p0, pool, smooth;
END
$$;

COMMENT ON FUNCTION carestair.migration_shrunk(text, double precision, text, integer) IS
  'The migration rule: each region''s age profile of net migration rates shrunk towards its fylke''s (or the national) pooled profile with weight P/(P + p0) by its size, smoothed over age, shifted to keep its own total; as immigrants and out-migration rates. See doc/projection_backtest_all.md.';

/*
 * _backtest_age_groups(): the age groups the every-kommune back-test
 * reports (planning groups; 80+ and 90+ overlap, the total is its own row).
 * Internal.
 */
CREATE FUNCTION carestair._backtest_age_groups()
RETURNS TABLE (age_group text, age_from integer, age_to integer)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT * FROM (VALUES ('total', NULL::integer, NULL::integer), ('0-19', 0, 19), ('20-66', 20, 66),
                          ('67-79', 67, 79), ('80+', 80, NULL), ('90+', 90, NULL)) AS g (age_group, age_from, age_to);
END;

COMMENT ON FUNCTION carestair._backtest_age_groups() IS 'Internal: the age groups of carestair.backtest_all_kommuner.';

/*
 * backtest_all_kommuner(mortality_scenario, shrink_p0, regions, from_year,
 * base_year, last_year, pool, smooth, standard): estimate fertility and
 * migration of every kommune over from_year..base_year (the interval
 * estimators above, national q of the mortality scenario), project from
 * base_year to last_year with carestair.project_population (inner-query
 * form, the scenario's national q year by year) and compare with the
 * observed population of each projected year that is loaded.
 */
CREATE FUNCTION carestair.backtest_all_kommuner(mortality_scenario text, shrink_p0 double precision DEFAULT 10000,
                                                regions text[] DEFAULT NULL, from_year integer DEFAULT 2015,
                                                base_year integer DEFAULT 2020, last_year integer DEFAULT 2026,
                                                pool text DEFAULT 'county', smooth integer DEFAULT 2,
                                                standard text DEFAULT 'ssb_norway_1997')
RETURNS TABLE (region text, size_class text, approximate boolean, year integer, age_group text,
               projected numeric, observed numeric, error numeric, pct_error numeric)
LANGUAGE plpgsql STABLE PARALLEL RESTRICTED
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    est record := carestair._interval_regions(NULL, from_year, base_year);
    r text[];
    missing text;
    qyear integer;
    pool_regions text[];
BEGIN
    r := coalesce(regions, est.checked);
    SELECT k INTO missing FROM unnest(r) AS k WHERE k IS NULL OR NOT k = ANY (est.checked) LIMIT 1;
    IF FOUND OR cardinality(r) = 0 THEN
        RAISE EXCEPTION 'region % is not a kommune with a population on 1 January % and %', coalesce(missing, 'NULL'), from_year, base_year
            USING ERRCODE = 'no_data_found',
                  DETAIL = 'The back-test estimates each kommune''s rates from its own populations on both dates.',
                  HINT = 'Load them (data/load_all_kommuner.sql) or leave the region out.';
    END IF;
    IF last_year IS NULL OR last_year <= base_year THEN
        RAISE EXCEPTION 'invalid last_year %', coalesce(last_year::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The projection runs from base_year to last_year, which must come after it.',
                  HINT = pg_catalog.format('E.g. %s.', base_year + 6);
    END IF;
    -- The migration pool: every kommune of the fylker projected (county),
    -- or every kommune (national), whatever regions are projected.
    pool_regions := CASE WHEN pool = 'county'
                         THEN ARRAY(SELECT k FROM unnest(est.checked) AS k
                                     WHERE left(k, 2) IN (SELECT left(x, 2) FROM unnest(r) AS x))
                         ELSE est.checked END;
    -- The first mortality year the projection reads (carry-forward rule);
    -- _mortality_years raises if the scenario has no national rows.
    PERFORM carestair._mortality_years(mortality_scenario, '0000', base_year, last_year - 1, est.open_age);
    SELECT coalesce(max(m.year) FILTER (WHERE m.year <= base_year), min(m.year)) INTO qyear
      FROM carestair.mortality AS m WHERE m.scenario = mortality_scenario AND m.region = '0000';
    RETURN QUERY
    WITH proj AS (
        SELECT * FROM carestair.project_population(
            pg_catalog.format('SELECT p.region, p.year, p.sex, p.age, p.persons FROM carestair.population AS p '
                              'WHERE p.year OPERATOR(pg_catalog.=) %s AND p.region OPERATOR(pg_catalog.=) ANY (%L::text[])',
                              base_year, r),
            pg_catalog.format('SELECT f.region, %s AS year, f.age, f.rate '
                              'FROM carestair.fertility_indirect_interval(%L::text[], %s, %s, %L, %L) AS f',
                              base_year, r, from_year, base_year, mortality_scenario, standard),
            pg_catalog.format('SELECT k.region, m.year, m.sex, m.age, m.q FROM pg_catalog.unnest(%L::text[]) AS k (region) '
                              'CROSS JOIN carestair.mortality AS m WHERE m.scenario OPERATOR(pg_catalog.=) %L '
                              'AND m.region OPERATOR(pg_catalog.=) ''0000'' AND m.year OPERATOR(pg_catalog.>=) %s '
                              'AND m.year OPERATOR(pg_catalog.<) %s AND m.age OPERATOR(pg_catalog.<=) %s',
                              r, mortality_scenario, qyear, last_year, est.open_age),
            -- Out-migration capped again at what the highest q of the
            -- projection leaves, so that no cohort can go below zero.
            pg_catalog.format('SELECT m.region, %s AS year, m.sex, m.age, m.immigrants, '
                              'LEAST(m.emigration_rate, (1 OPERATOR(pg_catalog.-) x.q) OPERATOR(pg_catalog./) (1 OPERATOR(pg_catalog.-) (x.q OPERATOR(pg_catalog./) 2))) AS emigration_rate '
                              'FROM carestair.migration_shrunk(%L, %s, %L, %L) AS m '
                              'JOIN (SELECT q.sex, q.age, pg_catalog.max(q.q) AS q FROM carestair.mortality AS q '
                              'WHERE q.scenario OPERATOR(pg_catalog.=) %L AND q.region OPERATOR(pg_catalog.=) ''0000'' '
                              'AND q.year OPERATOR(pg_catalog.>=) %s AND q.year OPERATOR(pg_catalog.<) %s GROUP BY q.sex, q.age) AS x '
                              'ON x.sex OPERATOR(pg_catalog.=) m.sex AND x.age OPERATOR(pg_catalog.=) m.age '
                              'WHERE m.region OPERATOR(pg_catalog.=) ANY (%L::text[])',
                              base_year,
                              pg_catalog.format('SELECT * FROM carestair.migration_residual_interval(%L::text[], %s, %s, %L)',
                                                pool_regions, from_year, base_year, mortality_scenario),
                              pg_catalog.format('%L::double precision', shrink_p0),
                              pool, smooth, mortality_scenario, qyear, last_year, r),
            last_year)),
    -- Projected and observed by region, year and age (both sexes), then
    -- by age group; a year counts only where every cell is observed.
    cell AS (
        SELECT p.region, p.year, p.age, sum(p.persons) AS projected, sum(o.persons) AS observed,
               count(o.persons) AS n_obs, count(*) AS n
          FROM proj AS p
          LEFT JOIN carestair.population AS o
            ON o.region = p.region AND o.year = p.year AND o.sex = p.sex AND o.age = p.age
         GROUP BY p.region, p.year, p.age),
    grp AS (
        SELECT c.region, c.year, g.age_group, g.age_from, round(sum(c.projected)::numeric, 1) AS projected,
               sum(c.observed)::numeric AS observed, sum(c.n_obs) AS n_obs, sum(c.n) AS n
          FROM cell AS c
          JOIN carestair._backtest_age_groups() AS g
            ON c.age >= coalesce(g.age_from, 0) AND c.age <= coalesce(g.age_to, c.age)
         GROUP BY c.region, c.year, g.age_group, g.age_from),
    base AS (
        SELECT p.region, sum(p.persons) AS persons,
               EXISTS (SELECT FROM carestair.region_code_history AS h
                        WHERE h.region = p.region AND h.weight < 1
                          AND coalesce(h.last_year, base_year) >= from_year) AS approximate
          FROM carestair.population AS p
         WHERE p.region = ANY (r) AND p.year = base_year
         GROUP BY p.region)
    SELECT g.region,
           CASE WHEN b.persons < 2000 THEN '<2000' WHEN b.persons < 5000 THEN '2000-4999'
                WHEN b.persons < 20000 THEN '5000-19999' ELSE '20000+' END,
           b.approximate, g.year, g.age_group, g.projected, g.observed, g.projected - g.observed,
           round(100 * (g.projected - g.observed) / nullif(g.observed, 0), 2)
      FROM grp AS g
      JOIN base AS b ON b.region = g.region
     WHERE g.n_obs = g.n
     ORDER BY g.region, g.year, g.age_from NULLS FIRST;
END
$$;

COMMENT ON FUNCTION carestair.backtest_all_kommuner(text, double precision, text[], integer, integer, integer, text, integer, text) IS
  'Back-test over every kommune: fertility and migration estimated over from_year..base_year (interval estimators, migration shrunk with p0), projected from base_year to last_year with the national mortality of a scenario, against the observed population by kommune, year and age group. See doc/projection_backtest_all.md.';

/*
 * backtest_all_kommuner_summary(...): the distribution of the back-test's
 * errors by year, kommune size class and age group: median and 90th
 * percentile of |error| %, mean error % and the share of kommuner projected
 * too low; size class 'all' pools the classes.  Kommuner whose earlier
 * numbers are estimates (split kommuner) are left out unless
 * include_approximate.
 */
CREATE FUNCTION carestair.backtest_all_kommuner_summary(mortality_scenario text, shrink_p0 double precision DEFAULT 10000,
                                                        include_approximate boolean DEFAULT false,
                                                        regions text[] DEFAULT NULL, from_year integer DEFAULT 2015, base_year integer DEFAULT 2020,
                                                        last_year integer DEFAULT 2026, pool text DEFAULT 'county',
                                                        smooth integer DEFAULT 2, standard text DEFAULT 'ssb_norway_1997')
RETURNS TABLE (year integer, size_class text, age_group text, kommuner bigint,
               median_abs_pct_error numeric, p90_abs_pct_error numeric, mean_pct_error numeric, share_too_low numeric)
LANGUAGE sql STABLE PARALLEL RESTRICTED
BEGIN ATOMIC
    SELECT b.year, coalesce(b.size_class, 'all'), b.age_group, pg_catalog.count(*),
           pg_catalog.round(pg_catalog.percentile_cont(0.5) WITHIN GROUP (ORDER BY pg_catalog.abs(b.pct_error))::numeric, 2),
           pg_catalog.round(pg_catalog.percentile_cont(0.9) WITHIN GROUP (ORDER BY pg_catalog.abs(b.pct_error))::numeric, 2),
           pg_catalog.round(pg_catalog.avg(b.pct_error), 2),
           pg_catalog.round(pg_catalog.avg(CASE WHEN b.error OPERATOR(pg_catalog.<) 0 THEN 1 ELSE 0 END), 3)
      FROM carestair.backtest_all_kommuner(mortality_scenario, shrink_p0, regions, from_year, base_year, last_year,
                                           pool, smooth, standard) AS b
     WHERE (include_approximate OR NOT b.approximate) AND b.pct_error IS NOT NULL
     GROUP BY GROUPING SETS ((b.year, b.size_class, b.age_group), (b.year, b.age_group))
     ORDER BY 1, CASE coalesce(b.size_class, 'all') WHEN '<2000' THEN 1 WHEN '2000-4999' THEN 2 WHEN '5000-19999' THEN 3
                                                    WHEN '20000+' THEN 4 ELSE 5 END,
              CASE b.age_group WHEN 'total' THEN 0 WHEN '0-19' THEN 1 WHEN '20-66' THEN 2 WHEN '67-79' THEN 3
                               WHEN '80+' THEN 4 ELSE 5 END;
END;

COMMENT ON FUNCTION carestair.backtest_all_kommuner_summary(text, double precision, boolean, text[], integer, integer, integer, text, integer, text) IS
  'Distribution of the every-kommune back-test''s errors by year, kommune size class and age group: median and p90 of |error| %, mean error % and share of kommuner too low. See doc/projection_backtest_all.md.';
