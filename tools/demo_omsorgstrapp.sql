-- Demo section: the omsorgstrapp for Målselv and Bardu.
-- Expects the psql variable :popq, a query returning region, year, age, persons
-- for the years to show (set by tools/demo.sql).

\echo
\echo '== Omsorgstrapp 1. Coverage today: users per inhabitant by step and age, base 2024-2026 (real SSB counts)'
SELECT g.name AS kommune, c.level, c.age_from || coalesce('-' || c.age_to, '+') AS ages,
       round(c.users / c.years, 1) AS "users/yr", round(100 * c.rate::numeric, 2) AS "% of age group",
       round(c.hours_per_user_week::numeric, 2) AS "hours/user/week"
  FROM (VALUES ('5524'), ('5520')) AS k(region)
  JOIN carestair.region AS g ON g.region = k.region
 CROSS JOIN LATERAL carestair.care_coverage(k.region, 2024, 2026) AS c
 ORDER BY g.name DESC, c.level, c.age_from;

\echo
\echo '== Omsorgstrapp 2. Users, places and hours per step (no dreining); årsverk for home care at 1,762.5 h/årsverk.'
\echo '   Årsverk for places need the kommune''s staffing norm (carestair.care_staffing_norm); carestair ships none.'
SELECT g.name AS kommune, d.year, d.level, round(d.users::numeric) AS users, round(d.places::numeric) AS places,
       round(d.hours_per_week::numeric) AS "hours/week", round(d.arsverk::numeric, 1) AS "årsverk (home care)"
  FROM (VALUES ('5524'), ('5520')) AS k(region)
  JOIN carestair.region AS g ON g.region = k.region
 CROSS JOIN LATERAL carestair.care_demand(k.region, 2024, 2026, :'popq') AS d
 WHERE d.year IN (2026, 2030, 2035, 2040)
 ORDER BY g.name DESC, d.level, d.year;

\echo
\echo '== Omsorgstrapp 2b. How uncertain is that? Målselv users per step: 90 % prediction interval from 300 stochastic draws'
\echo '   of the projection demo2026 (coverage rates held fixed; doc/care_demand.md)'
SELECT year, level, round(mean_users::numeric) AS "mean users", round(quantile_users[1]::numeric) AS "5 %",
       round(quantile_users[2]::numeric) AS "median", round(quantile_users[3]::numeric) AS "95 %"
  FROM carestair.care_demand_intervals('5524', 2024, 2026, 'demo2026', 2040, 300, 2026)
 WHERE year IN (2030, 2035, 2040)
 ORDER BY level, year;

\echo
\echo '== Omsorgstrapp 3. With dreining: 2 % a year from langtidsopphold to heldøgns omsorgsbolig from 2027 (an example scenario)'
INSERT INTO carestair.care_shift VALUES
  ('demo-dreining', 'langtidsopphold', 'omsorgsbolig_heldogn', 0.02, 2027, 'Example: 2 % a year from long-term places to staffed housing')
ON CONFLICT DO NOTHING;
SELECT d.year, d.level, round(b.users::numeric, 1) AS "users, no dreining", round(d.users::numeric, 1) AS "users, dreining"
  FROM carestair.care_demand('5524', 2024, 2026, :'popq', 'demo-dreining') AS d
  JOIN carestair.care_demand('5524', 2024, 2026, :'popq') AS b USING (year, level)
 WHERE d.year IN (2030, 2035, 2040) AND d.level IN ('omsorgsbolig_heldogn', 'langtidsopphold')
 ORDER BY d.level, d.year;
DELETE FROM carestair.care_shift WHERE scenario = 'demo-dreining';

\echo
\echo '== Omsorgstrapp 4. Short-stay beds (Erlang B, at most 5 % refused): a unit with 1.5 admissions/day today, mean stay 5 days,'
\echo '   arrivals growing with the population 67+ (ILLUSTRATIVE arrival rate, not a kommune''s figure)'
SELECT year, round(arrivals::numeric, 2) AS "arrivals/day", round(offered_load::numeric, 1) AS "load (erlang)", beds,
       round(100 * refusal_probability::numeric, 1) AS "% refused", round(100 * occupancy::numeric) AS "% occupied"
  FROM carestair.short_stay_beds('5524', 2026, 1.5, 5, :'popq')
 WHERE year IN (2026, 2030, 2035, 2040);

\echo
\echo '== Omsorgstrapp 5. BEON on a SYNTHETIC register of 2,000 persons (person-level IPLOS data are not public)'
SELECT current_level, persons, at_assessed, above_assessed AS "served above", below_assessed AS "served below"
  FROM carestair.beon_gap('SELECT * FROM carestair.synthetic_register(2000, 0.42)');
