-- make demo, issue #15 sections: dementia for the seed kommuner to 2040, why
-- Målselv runs dearer (or cheaper) in kroner, and SSB's API format.  Every
-- number comes from the files in data/ (data/SOURCES.md); run after the
-- projection section of tools/demo.sql (which sets :mx).

\echo
\echo '== Dementia: the shipped prevalence (Fram / Gjøra et al. 2021) x SSB 07459 reproduces 101,118 persons with dementia in Norway 2020'
SELECT year, round(sum(with_dementia)) AS with_dementia, round(sum(with_dementia) FILTER (WHERE age_from >= 80)) AS "of them 80+"
  FROM carestair.dementia_estimate($$SELECT region, year, sex, age, persons FROM carestair.population WHERE region = '0000' AND year IN (2020, 2026)$$)
 GROUP BY year ORDER BY year;

\echo
\echo '== Seed kommuner to 2040 (projection from 1 January 2026 at constant 2019-2023 rates, as section 8): persons with dementia'
\echo '==   Hustadvika (1579), Melhus (5028), Karasjok (5610), Alta (5601), Målselv (5524); expected counts, not rounded before summing'
DELETE FROM carestair.projection_scenario WHERE scenario = 'seeds2026';
INSERT INTO carestair.projection_scenario (scenario, description, assumptions, base_year, last_year)
VALUES ('seeds2026', 'Demo: seed kommuner, fertility and migration of 2019-2023, mortality forecast, from 1 January 2026',
        '{}', 2026, 2040);
SELECT count(*) AS rate_rows FROM carestair.estimate_scenario_rates('seeds2026', ARRAY['1579', '5028', '5610', '5601', '5524'], 2019, 2023, :'mx') \gset
SELECT carestair.run_projection_scenario('seeds2026', ARRAY['1579', '5028', '5610', '5601', '5524']) AS _ \gset
-- Stochastic parameters (the estimated defaults, doc/stochastic.md), so that the reports draw intervals.
INSERT INTO carestair.stochastic_parameters (scenario) VALUES ('seeds2026');
SELECT d.region, g.name, d.year, round(sum(d.persons)) AS persons, round(sum(d.persons) FILTER (WHERE d.age_from >= 80)) AS "80+",
       round(sum(d.with_dementia)) AS with_dementia,
       round(100 * sum(d.with_dementia) / first_value(sum(d.with_dementia)) OVER (PARTITION BY d.region ORDER BY d.year)) AS "index 2026 = 100"
  FROM carestair.dementia_estimate($$SELECT region, year, sex, age, persons FROM carestair.projection_population WHERE scenario = 'seeds2026' AND year IN (2026, 2030, 2035, 2040)$$) AS d
  JOIN carestair.region AS g USING (region)
 GROUP BY d.region, g.name, d.year
 ORDER BY d.region, d.year;

\echo
\echo '== Why dearer in kroner: Målselv''s helse og omsorg NOK per inhabitant, KOSTRA 2024 (most likely brutto, all of helse og omsorg;'
\echo '==   NOK by function 253/254/256/261 is not available), against medians, Troms, Nord-Norge, its KOSTRA group (EKG02) and land'
\i data/load_kostra_nok.sql
\set QUIET on
SELECT reference, reference_kommuner AS n, nok_per_inhabitant AS malselv, reference_nok_per_inhabitant AS reference_nok,
       gap_per_inhabitant AS gap, round(gap_nok / 1e6, 1) AS "gap MNOK", need_index, reference_need_index AS ref_need,
       need_adjusted_gap_per_inhabitant AS need_adj_gap, round(need_adjusted_gap_nok / 1e6, 1) AS "need-adj. MNOK"
  FROM carestair.need_adjusted_nok('5524', 2024);

\echo
\echo '== The gap to the other Troms kommuners'' level split exactly into need, coverage (SSB 12292 users) and unit cost (NOK per user)'
SELECT component, kommune_value AS malselv, reference_value AS troms, effect_per_inhabitant AS nok_per_inhabitant,
       round(effect_nok / 1e6, 1) AS mnok
  FROM carestair.why_dearer_nok('5524', 2024, 'troms_kommuner');

\echo
\echo '== SSB''s API format (JSON-stat 2.0), the real answer for table 12367: Landet, konsern, helse og omsorg (FGK9), 2020'
\set response `cat data/kostra/ssb12367_jsonstat2_api_response_sample.json`
SELECT labels[4] AS art, value, unit
  FROM carestair.jsonstat_cells(:'response')
 WHERE codes[1] = 'EAK' AND codes[2] = 'A' AND codes[3] = 'FGK9' AND codes[6] = '2020' AND value IS NOT NULL
 ORDER BY cell;

\echo
\echo '== Alta (5601): sykestue 9 -> 20 beds.  Erlang B loss on Alta''s own demand, 2026-2040 (projection seeds2026).'
\echo '==   STATED ILLUSTRATIVE INPUTS, not Alta''s data: 2.5 admissions a day in 2026 growing with the 67+ population, mean stay'
\echo '==   4 days; a refused admission goes to hospital. Distances are straight lines from Alta''s centre (boundary centroid)'
\echo '==   to Finnmarkssykehuset Hammerfest and UNN Tromsø (coordinates: MGumpen/safemap sykehus.json, Wikipedia list),'
\echo '==   round trip; NOK 30 per km is an ILLUSTRATIVE rate.'
WITH s AS (
    SELECT year, persons_in_age, arrivals, offered_load
      FROM carestair.short_stay_beds('5601', 2026, 2.5, 4,
             $$SELECT region, year, age, sum(persons) AS persons FROM carestair.projection_population
               WHERE scenario = 'seeds2026' AND year IN (2026, 2030, 2035, 2040) GROUP BY region, year, age$$)
), d AS (
    SELECT h.name, ST_Distance(ST_Transform(ST_Centroid(g.boundary), 25833),
                               ST_Transform(ST_SetSRID(ST_MakePoint(h.lon, h.lat), 4326), 25833)) / 1000 AS km
      FROM carestair.region AS g,
           (VALUES ('Hammerfest', 23.6712362, 70.6729395), ('Tromsø', 18.9825454, 69.683892)) AS h(name, lon, lat)
     WHERE g.region = '5601'
)
SELECT s.year, round(s.persons_in_age::numeric) AS "67+", round(s.arrivals::numeric, 2) AS "admissions/day",
       round(100 * carestair.erlang_b(s.offered_load, 9)::numeric, 1) AS "% refused, 9 beds",
       round(100 * carestair.erlang_b(s.offered_load, 20)::numeric, 2) AS "% refused, 20 beds",
       round(365 * s.arrivals * (carestair.erlang_b(s.offered_load, 9) - carestair.erlang_b(s.offered_load, 20))) AS "transfers avoided/yr",
       round((SELECT km FROM d WHERE name = 'Hammerfest')) AS "km to Hammerfest",
       round(365 * s.arrivals * (carestair.erlang_b(s.offered_load, 9) - carestair.erlang_b(s.offered_load, 20))
             * 2 * (SELECT km FROM d WHERE name = 'Hammerfest')) AS "km avoided (Hammerfest)",
       round(365 * s.arrivals * (carestair.erlang_b(s.offered_load, 9) - carestair.erlang_b(s.offered_load, 20))
             * 2 * (SELECT km FROM d WHERE name = 'Hammerfest') * 30 / 1000) AS "kNOK at 30/km",
       round((SELECT km FROM d WHERE name = 'Tromsø')) AS "km to Tromsø"
  FROM s ORDER BY s.year;

\echo
\echo '== Karasjok (5610) and Melhus (5028) to 2040: users and places per omsorgstrapp step at the 2024-2026 coverage (SSB panel), on the'
\echo '==   projection seeds2026; and a dreining alternative: 3 % a year of long-term residents move to heldøgns omsorgsbolig from 2027'
\echo '==   (an ILLUSTRATIVE stated rate, not a plan). Places saved in institution = without - with.'
DELETE FROM carestair.care_shift WHERE scenario = 'demo-dreining';
INSERT INTO carestair.care_shift VALUES ('demo-dreining', 'langtidsopphold', 'omsorgsbolig_heldogn', 0.03, 2027,
    'ILLUSTRATIVE: 3 % a year of long-term institution residents to housing with 24-hour staff');
\set seedpop 'SELECT region, year, age, sum(persons) AS persons FROM carestair.projection_population WHERE scenario = ''seeds2026'' GROUP BY region, year, age'
SELECT b.region_code AS region, b.year, b.level, round(b.users::numeric, 1) AS users,
       round(d.users::numeric, 1) AS "users, dreining", round((b.users - d.users)::numeric, 1) AS "without - with"
  FROM (SELECT * FROM carestair.care_demand('5610', 2024, 2026, :'seedpop')
        UNION ALL SELECT * FROM carestair.care_demand('5028', 2024, 2026, :'seedpop')) AS b
  JOIN (SELECT * FROM carestair.care_demand('5610', 2024, 2026, :'seedpop', 'demo-dreining')
        UNION ALL SELECT * FROM carestair.care_demand('5028', 2024, 2026, :'seedpop', 'demo-dreining')) AS d
    ON d.region_code = b.region_code AND d.year = b.year AND d.level = b.level
 WHERE b.year IN (2026, 2030, 2035, 2040) AND b.level IN ('hjemmesykepleie', 'omsorgsbolig_heldogn', 'langtidsopphold')
 ORDER BY b.region_code, b.level, b.year;
DELETE FROM carestair.care_shift WHERE scenario = 'demo-dreining';
