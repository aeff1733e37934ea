-- The built-in kommune register and the code history.
\set SHOW_CONTEXT never
SELECT count(*) AS kommuner FROM carestair.region WHERE region <> '0000';
SELECT region, name, county, valid_from, valid_to FROM carestair.region WHERE region IN ('0000', '1579', '5524', '5610') ORDER BY region;
SELECT code, region, first_year, last_year, weight FROM carestair.region_code_history WHERE region IN ('5524', '1579') ORDER BY region, first_year, code;
-- Old codes map to the current kommune by year.
SELECT y, carestair.region_for_code('1924', y) AS malselv_1924, carestair.region_for_code('5418', y) AS malselv_5418, carestair.region_for_code('5524', y) AS malselv_5524 FROM (VALUES (2019), (2020), (2023), (2024), (2026)) AS v(y) ORDER BY y;
SELECT carestair.region_for_code('1548', 2015) AS fraena_2015, carestair.region_for_code('1548', 2020) AS fraena_2020;
-- A split kommune (Ålesund 1507 -> Ålesund 1508 + Haram 1580) maps to no single region.
SELECT carestair.region_for_code('1507', 2022) AS alesund_2022;
SELECT carestair.region_for_code('9999', 2024) AS unknown;
-- Constraints make bad rows impossible.
INSERT INTO carestair.region (region, name, valid_from) VALUES ('552', 'Short', 2024);
INSERT INTO carestair.region (region, name, valid_from) VALUES ('5999', '  ', 2024);
INSERT INTO carestair.region (region, name, valid_from, valid_to) VALUES ('5999', 'Backwards', 2024, 2020);
INSERT INTO carestair.region (region, name, county, valid_from) VALUES ('5999', 'Bad county', '5', 2024);
INSERT INTO carestair.region (region, name, valid_from) VALUES ('5524', 'Duplicate', 2024);
INSERT INTO carestair.region_code_history (code, region, first_year) VALUES ('1999', '9999', 2000);
INSERT INTO carestair.region_code_history (code, region, first_year, weight) VALUES ('1999', '5524', 2000, 0);
-- A user-defined region is a normal row, dumped by pg_dump (builtin = false).
INSERT INTO carestair.region (region, name, valid_from) VALUES ('9001', 'Test region', 2024) RETURNING region, builtin;
DELETE FROM carestair.region WHERE region = '9001';
-- pg_dump keeps the user's rows only.
SELECT c.relname, e.cond FROM pg_extension AS x, unnest(x.extconfig, x.extcondition) AS e(oid, cond) JOIN pg_class AS c ON c.oid = e.oid WHERE x.extname = 'carestair' AND c.relname IN ('region', 'region_code_history', 'population', 'population_total') ORDER BY c.relname;
-- Boundaries from GeoJSON, transformed to EPSG:25833.
SELECT * FROM carestair.import_region_boundaries('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kommunenummer":"5524"},"geometry":{"type":"Polygon","coordinates":[[[18.0,69.0],[19.0,69.0],[19.0,69.2],[18.0,69.2],[18.0,69.0]]]}},{"type":"Feature","properties":{"kommunenummer":"9998"},"geometry":{"type":"Polygon","coordinates":[[[18.0,69.0],[19.0,69.0],[19.0,69.2],[18.0,69.0]]]}}]}');
SELECT region, ST_SRID(boundary) AS srid, GeometryType(boundary) AS type, round((ST_Area(boundary) / 1e6)::numeric) AS km2 FROM carestair.region WHERE region = '5524';
SELECT * FROM carestair.import_region_boundaries('{"type":"Feature"}');
SELECT * FROM carestair.import_region_boundaries('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nr":"5524"},"geometry":{"type":"Point","coordinates":[18,69]}}]}', 'nr');
SELECT * FROM carestair.import_region_boundaries('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kommunenummer":"5524"},"geometry":{"type":"Point","coordinates":[18,69]}}]}', 'nr');
SELECT * FROM carestair.import_region_boundaries('{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kommunenummer":"5524"},"geometry":null}]}');
SELECT * FROM carestair.import_region_boundaries('{"type":"FeatureCollection","features":[]}', 'kommunenummer', 999999);
UPDATE carestair.region SET boundary = NULL WHERE region = '5524';
