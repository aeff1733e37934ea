\set SHOW_CONTEXT never
-- Hardening (issue #17): each defect the audit reproduced, as it was
-- reproduced.  On the old code these crashed the server, ran attacker code,
-- returned NaN or printed broken text; now each is a clean error.

-- 1. A rate array longer than its years that ends in a NULL: the NULL was
-- named by a year read past the years array (segfault, heap in the message).
-- The length is checked first now.
SELECT count(*) FROM carestair._stochastic_region_draws('5524', '{10,10,10,10}', 2026, 2027,
    '{2026}', pg_catalog.array_fill(0::float8, ARRAY[200000]) || NULL::float8,
    '{2026}', '{0.01,0.01,0.01,0.01}', '{2026}', '{0,0,0,0}', '{0,0,0,0}', 1.05, 0.5,
    ROW('x', 0.05, 0.95, 0, 0.03, 0.15, 0.7, 0.1, 0.7, true, 's')::carestair.stochastic_parameters, 1, 1);
SELECT count(*) FROM carestair._stochastic_region('5524', '{10,10,10,10}', 2026, 2027,
    '{2026}', '{0,0,NULL}', '{2026}', '{0.01,0.01,0.01,0.01}', '{2026}', '{0,0,0,0}', '{0,0,0,0}', 1.05, 0.5,
    ROW('x', 0.05, 0.95, 0, 0.03, 0.15, 0.7, 0.1, 0.7, true, 's')::carestair.stochastic_parameters, 10, 1,
    '{0.5}', '{}', '{}');
-- An odd population length ending in NULL (the same read, in the base population).
SELECT count(*) FROM carestair._stochastic_region_draws('5524', '{10,10,NULL}', 2026, 2027,
    '{2026}', '{0,0}', '{2026}', '{0.01,0.01,0.01,0.01}', '{2026}', '{0,0,0,0}', '{0,0,0,0}', 1.05, 0.5,
    ROW('x', 0.05, 0.95, 0, 0.03, 0.15, 0.7, 0.1, 0.7, true, 's')::carestair.stochastic_parameters, 1, 1);
-- The extreme years fail at once instead of overflowing the step count.
SELECT count(*) FROM carestair._stochastic_region_draws('5524', '{10,10,10,10}', -2147483648, 2147483647,
    '{2026}', '{0,0}', '{2026}', '{0.01,0.01,0.01,0.01}', '{2026}', '{0,0,0,0}', '{0,0,0,0}', 1.05, 0.5,
    ROW('x', 0.05, 0.95, 0, 0.03, 0.15, 0.7, 0.1, 0.7, true, 's')::carestair.stochastic_parameters, 1, 1);

-- 4. NaN passed range checks (NaN sorts above every number).
SELECT count(*) FROM carestair.travel_time_matrix('SELECT 1, ST_SetSRID(ST_Point(0, 0), 25833)',
    'SELECT 1, ST_SetSRID(ST_Point(1000, 0), 25833)', NULL, circuity => 'NaN');
SELECT count(*) FROM carestair.travel_time_matrix('SELECT 1, ST_SetSRID(ST_Point(0, 0), 25833)',
    'SELECT 1, ST_SetSRID(ST_Point(1000, 0), 25833)', NULL, offroad_kmh => 'NaN');
BEGIN;
SELECT count(*) FROM carestair.refresh_travel_times(circuity => 'NaN');
ROLLBACK;
BEGIN;
INSERT INTO carestair.demand_point (point_id, region, persons, geom)
VALUES (990001, '5524', 10, ST_SetSRID(ST_Point(600000, 7650000), 25833));
INSERT INTO carestair.site (site_id, name, region, kind, geom)
VALUES (990001, 'test site', '5524', 'candidate', ST_SetSRID(ST_Point(601000, 7650000), 25833));
INSERT INTO carestair.travel_time (point_id, site_id, minutes, km, method) VALUES (990001, 990001, 30, 20, 'test');
SELECT level, key, norm_minutes, share_within FROM carestair.legevakt_coverage('{990001}', '{20,40}', '{5524}') WHERE level = 'site' AND key = '990001';
SELECT count(*) FROM carestair.legevakt_coverage('{990001}', '{NaN}', '{5524}');
ROLLBACK;
SELECT count(*) FROM carestair.legevakt_coverage('{990001}', '{Infinity}', '{5524}');
INSERT INTO carestair.demand_point (point_id, region, persons, geom)
VALUES (990002, '5524', 'NaN', ST_SetSRID(ST_Point(600000, 7650000), 25833));
INSERT INTO carestair.care_users (region, year, level, age_from, age_to, users, source)
VALUES ('5524', 2024, 'hjemmesykepleie', 0, 66, 'Infinity', 'test');
INSERT INTO carestair.stochastic_parameters (scenario, fertility_sd) VALUES ('none', 'NaN');

-- 6. Extreme years fail at once (they scanned 2^31 years first, ~8 min).
SELECT count(*) FROM carestair.fertility_indirect('5524', -2147483648, 2023);
SELECT count(*) FROM carestair.migration_residual('5524', 2019, 2147483647, 'hardening');
-- Errors quote the input cut on a character boundary, never inside one.
SELECT '11111111111111111111111111111111111111111111111111111111111111åøæ'::carestair.iplos_profile;
SELECT '1111å11111111111'::carestair.iplos_profile;
SELECT '1111å111111111111'::carestair.iplos_profile;

-- 5. Caller queries run under the caller's search_path, in every function
-- (they ran under pg_catalog, pg_temp in these four, and failed).
CREATE SCHEMA hardening_user;
CREATE TABLE hardening_user.my_pop AS SELECT region, year, age, persons FROM carestair.population WHERE region = '5524' AND year BETWEEN 2024 AND 2026;
CREATE TABLE hardening_user.my_records AS SELECT * FROM carestair.synthetic_register(50, 0.5, '5524');
SET search_path = hardening_user, public;
SELECT count(*) AS rows, round(sum(users)::numeric, 1) AS users FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, age, persons FROM my_pop$$);
SELECT year, beds FROM carestair.short_stay_beds('5524', 2024, 2.5, 4, 'SELECT region, year, age, persons FROM my_pop') ORDER BY year;
SELECT sum(persons) AS persons FROM carestair.beon_gap('SELECT * FROM my_records');
BEGIN;
SELECT count(*) > 0 AS wrote FROM carestair.care_users_from_records($$SELECT region, 2099 AS year, current_level AS level, age FROM my_records$$);
ROLLBACK;
SELECT count(*) FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, persons FROM my_pop$$);
SELECT count(*) FROM carestair.care_demand('5524', 2024, 2026, $$SELECT region, year, age, persons FROM no_such_table$$);
RESET search_path;
DROP SCHEMA hardening_user CASCADE;
