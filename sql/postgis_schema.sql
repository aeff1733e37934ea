-- PostGIS in a schema of its own (not public): carestair installs, its
-- geometry columns and results use that schema's type, and the PostGIS
-- calls inside its functions resolve there.  Runs in a database of its own.
\set SHOW_CONTEXT never
\set orig_db :DBNAME
CREATE DATABASE carestair_postgis_schema;
\c carestair_postgis_schema
SET client_min_messages = warning;
CREATE SCHEMA gis;
CREATE EXTENSION postgis SCHEMA gis;
CREATE EXTENSION carestair;
RESET client_min_messages;
SELECT c.relname, a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type, t.typnamespace::regnamespace AS type_schema
  FROM pg_catalog.pg_attribute AS a
  JOIN pg_catalog.pg_class AS c ON c.oid = a.attrelid
  JOIN pg_catalog.pg_type AS t ON t.oid = a.atttypid
 WHERE c.relnamespace = 'carestair'::regnamespace AND c.relkind = 'r' AND t.typname = 'geometry'
 ORDER BY c.relname, a.attname;
-- A catchment over one demand point and one site.
INSERT INTO carestair.site (site_id, name, region, kind, geom) VALUES (1, 'Legevakt', '5524', 'existing', gis.ST_SetSRID(gis.ST_MakePoint(620000, 7660000), 25833));
INSERT INTO carestair.demand_point (point_id, region, persons, geom) VALUES (1, '5524', 12, gis.ST_SetSRID(gis.ST_MakePoint(620500, 7660000), 25833));
INSERT INTO carestair.travel_time (point_id, site_id, minutes, km, method) VALUES (1, 1, 5, 0.5, 'test');
SELECT site_id, persons, cells, gis.ST_AsText(geom) AS geom, pg_catalog.pg_typeof(geom) AS type
  FROM carestair.catchment_polygons('{1}', 250);
\c :orig_db
DROP DATABASE carestair_postgis_schema;
