-- Load the location-model test instances (see data/SOURCES.md, location/)
-- into temporary tables.  Run from the repository root with psql:
--   sf_matrix (point_id, site_id, cost, demand): spopt's San Francisco
--       instance, 205 census tracts x 16 candidate stores, network distance in
--       metres; point_id numbers the tracts in code order, site_id is N of
--       Store_N, demand is the tract's POP2000.
--   pm_dist (inst, i, j, c): OR-Library pmed1 and pmed5 as full matrices of
--       shortest-path costs between all 100 nodes (every node is a demand
--       point and a candidate site), built as Beasley prescribes: edges are
--       undirected, for a repeated edge the last occurrence wins, then
--       shortest paths (here by repeated relaxation until nothing changes).
\set QUIET on
CREATE TEMP TABLE _sf_raw (distance float8, name text, tract text, demand int);
\copy _sf_raw FROM 'data/location/SF_network_distance_candidateStore_16_censusTract_205_new.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE sf_matrix AS
SELECT dense_rank() OVER (ORDER BY tract)::bigint AS point_id,
       substr(name, 7)::bigint AS site_id, distance AS cost, demand::float8 AS demand
  FROM _sf_raw;
DROP TABLE _sf_raw;

CREATE TEMP TABLE _pm_lines (inst text, line_no serial, line text);
\copy _pm_lines (line) FROM 'data/location/pmed1.txt'
UPDATE _pm_lines SET inst = 'pmed1';
\copy _pm_lines (line) FROM 'data/location/pmed5.txt'
UPDATE _pm_lines SET inst = 'pmed5' WHERE inst IS NULL;
-- The first line of each file is "n m p"; the rest are "i j cost" edges.
CREATE TEMP TABLE pm_edge AS
SELECT DISTINCT ON (inst, least(a, b), greatest(a, b)) inst, a, b, c
  FROM (SELECT inst, line_no, f[1]::int AS a, f[2]::int AS b, f[3]::float8 AS c
          FROM (SELECT inst, line_no, regexp_split_to_array(btrim(line), '\s+') AS f
                  FROM _pm_lines) s
         WHERE line_no NOT IN (SELECT min(line_no) FROM _pm_lines GROUP BY inst)) t
 ORDER BY inst, least(a, b), greatest(a, b), line_no DESC;
DROP TABLE _pm_lines;
CREATE TEMP TABLE pm_dist (inst text, i int, j int, c float8, PRIMARY KEY (inst, i, j));
INSERT INTO pm_dist
SELECT DISTINCT inst, v, v, 0 FROM (SELECT inst, a AS v FROM pm_edge UNION SELECT inst, b FROM pm_edge) n;
DO $$
DECLARE
  changed bigint;
BEGIN
  LOOP
    INSERT INTO pm_dist
    SELECT d.inst, d.i, e.b, min(d.c + e.c)
      FROM pm_dist d
      JOIN (SELECT inst, a, b, c FROM pm_edge UNION ALL SELECT inst, b, a, c FROM pm_edge) e
        ON e.inst = d.inst AND e.a = d.j
     GROUP BY 1, 2, 3
    ON CONFLICT (inst, i, j) DO UPDATE SET c = excluded.c WHERE excluded.c < pm_dist.c;
    GET DIAGNOSTICS changed = ROW_COUNT;
    EXIT WHEN changed = 0;
  END LOOP;
END $$;
\set QUIET off
