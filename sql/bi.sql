\set SHOW_CONTEXT never
-- carestair_bi: at least 12 described views of plain column types, and the two roles.
SELECT count(*) >= 12 AS at_least_12_views
  FROM pg_class WHERE relnamespace = 'carestair_bi'::regnamespace AND relkind IN ('v', 'm');
SELECT c.relname, c.relkind
  FROM pg_class AS c WHERE c.relnamespace = 'carestair_bi'::regnamespace AND c.relkind IN ('v', 'm', 'r') ORDER BY c.relname;
-- Plain types only (what a BI tool charts): no geometry, arrays, jsonb or enums.
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type
  FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
 WHERE c.relnamespace = 'carestair_bi'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped
   AND a.atttypid NOT IN ('text'::regtype, 'integer'::regtype, 'bigint'::regtype, 'smallint'::regtype, 'numeric'::regtype,
                          'double precision'::regtype, 'boolean'::regtype, 'date'::regtype);
-- Every view and column is described.
SELECT c.relname FROM pg_class AS c
 WHERE c.relnamespace = 'carestair_bi'::regnamespace AND c.relkind IN ('v', 'm') AND obj_description(c.oid, 'pg_class') IS NULL;
SELECT c.relname, a.attname FROM pg_class AS c JOIN pg_attribute AS a ON a.attrelid = c.oid
 WHERE c.relnamespace = 'carestair_bi'::regnamespace AND c.relkind IN ('v', 'm') AND a.attnum > 0 AND NOT a.attisdropped
   AND col_description(c.oid, a.attnum) IS NULL;
-- Refresh fills the materialised views from what earlier tests left (row counts vary with them: only check it runs).
SELECT count(*) AS materialised_views FROM carestair.refresh_bi();
-- Numbers equal their source: the pyramid view sums to the population, the Erlang view equals carestair.erlang_b.
SELECT (SELECT sum(persons) FROM carestair_bi.population_pyramid WHERE region = '5524' AND year = 2026)
     = (SELECT sum(persons) FROM carestair.population WHERE region = '5524' AND year = 2026) AS pyramid_sums;
SELECT beds, round(refusal_probability::numeric, 6) AS refusal, round(carestair.erlang_b(10, beds)::numeric, 6) AS erlang_b
  FROM carestair_bi.erlang_beds WHERE offered_load = 10 AND beds IN (10, 15, 20) ORDER BY beds;
SELECT round(lon::numeric, 2) AS lon, round(lat::numeric, 2) AS lat, left(boundary_wkt, 13) AS wkt FROM carestair_bi.region WHERE region = '5524';
-- The views of the merged modules equal their sources: dementia per scenario, the risk register and matrix, the indicators.
SELECT (SELECT round(sum(with_dementia)::numeric, 6) FROM carestair_bi.dementia WHERE scenario = 'main2024' AND region = '5524' AND year = 2040)
     = (SELECT round(sum(with_dementia)::numeric, 6) FROM carestair.dementia_estimate(
           'SELECT region, year, sex, age, persons FROM carestair.projection_result WHERE scenario = ''main2024'' AND region = ''5524''') WHERE year = 2040) AS dementia_sums,
       (SELECT count(*) FROM carestair_bi.plan_risk) = (SELECT count(*) FROM carestair.followup_risk) AS every_risk,
       (SELECT sum(risks) FROM carestair_bi.plan_risk_matrix) = (SELECT count(*) FROM carestair.followup_risk) AS matrix_holds_every_risk,
       (SELECT count(*) FROM carestair_bi.plan_risk AS r JOIN carestair_bi.plan_risk_matrix AS m USING (plan, likelihood, consequence)
         WHERE r.zone <> m.zone) AS zones_disagree,
       (SELECT count(*) FROM carestair_bi.plan_indicator) = (SELECT count(*) FROM carestair.indicator_status) AS every_indicator_row,
       (SELECT count(*) FROM carestair_bi.legevakt_norm_check) = (SELECT count(*) FROM carestair.legevakt_norm_check) AS every_norm_row;
SELECT year, age_group, carestair_persons, ssb_persons, difference FROM carestair_bi.projection_vs_ssb
 WHERE scenario = 'main2024' AND region = '5524' AND table_id = '14746' AND alternative = 'MMMM' AND year = 2040 AND sex IS NULL ORDER BY age_from, age_to;

-- Roles: made by the admin's call, idempotent.
SELECT role_name, action FROM carestair.create_bi_roles() WHERE action = 'created' OR action LIKE 'USAGE%' ORDER BY 1, 2;
SELECT count(*) > 0 AS grants_again FROM carestair.create_bi_roles();
SELECT rolname, rolcanlogin FROM pg_roles WHERE rolname IN ('carestair_reader', 'carestair_analyst') ORDER BY 1;
-- The reader sees carestair_bi and nothing else.
SET ROLE carestair_reader;
SELECT count(*) > 0 AS reader_reads_bi FROM carestair_bi.population_summary WHERE region = '5524';
SELECT count(*) >= 0 AS reader_reads_matview FROM carestair_bi.care_demand;
SELECT count(*) FROM carestair.population;
SELECT carestair.erlang_b(10, 15);
SELECT carestair.refresh_bi();
DELETE FROM carestair_bi.need_index;
RESET ROLE;
-- The analyst runs functions, reads everything, writes user tables, adds but cannot change shipped reference rows.
SET ROLE carestair_analyst;
SELECT round(carestair.erlang_b(10, 15)::numeric, 4) AS erlang_b;
SELECT count(*) > 0 AS analyst_reads FROM carestair.population WHERE region = '5524';
BEGIN;
INSERT INTO carestair.care_shift VALUES ('bi-test', 'langtidsopphold', 'omsorgsbolig_heldogn', 0.02, 2027, 'test');
UPDATE carestair.care_shift SET description = 'changed' WHERE scenario = 'bi-test';
DELETE FROM carestair.care_shift WHERE scenario = 'bi-test';
INSERT INTO carestair.age_grouping (scheme, age_from, age_to, label) VALUES ('bi_test', 0, NULL, 'all');
ROLLBACK;
INSERT INTO carestair.age_grouping (scheme, age_from, age_to, label, builtin) VALUES ('bi_test', 0, NULL, 'all', true);
UPDATE carestair.age_grouping SET label = 'x' WHERE scheme = 'report_oldest';
DELETE FROM carestair.care_level_label;
UPDATE carestair.region SET name = 'x' WHERE region = '5524';
SELECT count(*) AS refreshed FROM carestair.refresh_bi();
RESET ROLE;
SELECT count(*) AS builtin_oldest_intact FROM carestair.age_grouping WHERE scheme = 'report_oldest' AND label IN ('67+', '80+', '90+');
