-- bench/projection_check.sql: the three projections agree.
\set QUIET on
SELECT 'check' AS _, (SELECT count(*) FROM bench.result_carestair) AS carestair_rows,
       (SELECT count(*) FROM bench.result_plpgsql) AS plpgsql_rows, (SELECT count(*) FROM bench.result_numpy) AS numpy_rows,
       (SELECT count(*) FROM bench.result_floor) AS floor_rows;
SELECT 'max |difference| vs carestair' AS _, w.way,
       max(abs(o.persons - c.persons)) AS persons, max(abs(o.deaths - c.deaths)) AS deaths,
       max(abs(o.emigrants - c.emigrants)) AS emigrants, count(*) AS rows_compared
  FROM bench.result_carestair AS c
  JOIN (SELECT 'plpgsql' AS way, * FROM bench.result_plpgsql UNION ALL SELECT 'numpy', * FROM bench.result_numpy) AS o
    ON o.region = c.region AND o.year = c.year AND o.sex = c.sex AND o.age = c.age
  JOIN (VALUES ('plpgsql'), ('numpy')) AS w (way) ON w.way = o.way
 GROUP BY w.way ORDER BY w.way;
