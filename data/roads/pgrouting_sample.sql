-- pgRouting's documentation sample network ("edge_table", pgRouting 2.x-3.1
-- docs, Sample Data page; vertex ids as pgr_createTopology assigns them),
-- loaded into a temporary table for tests and benchmarks.  18 edges on a
-- unit grid; cost/reverse_cost -1 closes that direction (pgRouting
-- convention).  The documented pgr_dijkstraCost results for this table are
-- reproduced in sql/travel_time.sql.  See data/SOURCES.md, roads/.
\set QUIET on
CREATE TEMP TABLE edge_table (
    id bigint PRIMARY KEY, source bigint, target bigint, cost float8, reverse_cost float8,
    x1 float8, y1 float8, x2 float8, y2 float8, geom geometry);
INSERT INTO edge_table (id, source, target, cost, reverse_cost, x1, y1, x2, y2) VALUES
 ( 1,  1,  2,  1,  1, 2,   0,   2,              1),
 ( 2,  2,  3, -1,  1, 2,   1,   3,              1),
 ( 3,  3,  4, -1,  1, 3,   1,   4,              1),
 ( 4,  2,  5,  1,  1, 2,   1,   2,              2),
 ( 5,  3,  6,  1, -1, 3,   1,   3,              2),
 ( 6,  7,  8,  1,  1, 0,   2,   1,              2),
 ( 7,  8,  5,  1,  1, 1,   2,   2,              2),
 ( 8,  5,  6,  1,  1, 2,   2,   3,              2),
 ( 9,  6,  9,  1,  1, 3,   2,   4,              2),
 (10,  5, 10,  1,  1, 2,   2,   2,              3),
 (11,  6, 11,  1, -1, 3,   2,   3,              3),
 (12, 10, 11,  1, -1, 2,   3,   3,              3),
 (13, 11, 12,  1, -1, 3,   3,   4,              3),
 (14, 10, 13,  1,  1, 2,   3,   2,              4),
 (15,  9, 12,  1,  1, 4,   2,   4,              3),
 (16,  4,  9,  1,  1, 4,   1,   4,              2),
 (17, 14, 15,  1,  1, 0.5, 3.5, 1.999999999999, 3.5),
 (18, 16, 17,  1,  1, 3.5, 2.3, 3.5,            4);
UPDATE edge_table SET geom = ST_MakeLine(ST_MakePoint(x1, y1), ST_MakePoint(x2, y2));
\set QUIET off
