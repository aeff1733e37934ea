#!/usr/bin/env bash
# Runs inside the throwaway cluster of bench/legevakt.sh.
set -euo pipefail
GRID=${GRID:-120}; SITES=${SITES:-25}; REPEATS=${REPEATS:-3}
createdb bench
P=(psql -X -q -v ON_ERROR_STOP=1 -d bench)
"${P[@]}" -c 'CREATE EXTENSION carestair CASCADE' -c 'CREATE EXTENSION pgrouting' 2>/dev/null

# A GRID x GRID road grid, random minutes both ways (1-10), some one-way
# streets; SITES sites spread over it; every vertex is a demand point.
"${P[@]}" >/dev/null <<SQL
SELECT setseed(0.2);
CREATE TABLE edges AS
SELECT row_number() OVER ()::bigint AS id, a::bigint AS source, b::bigint AS target,
       round((1 + random() * 9)::numeric, 2)::float8 AS cost,
       CASE WHEN random() < 0.05 THEN -1 ELSE round((1 + random() * 9)::numeric, 2)::float8 END AS reverse_cost
  FROM (SELECT x * $GRID + y AS a, x * $GRID + y + 1 AS b FROM generate_series(0, $GRID - 1) x, generate_series(0, $GRID - 2) y
        UNION ALL SELECT x * $GRID + y, (x + 1) * $GRID + y FROM generate_series(0, $GRID - 2) x, generate_series(0, $GRID - 1) y) e;
CREATE TABLE sites AS SELECT row_number() OVER ()::bigint AS site_id, v::bigint AS node
  FROM (SELECT (random() * ($GRID * $GRID - 1))::int AS v FROM generate_series(1, $SITES * 3)) s GROUP BY v LIMIT $SITES;
CREATE TABLE points AS SELECT v::bigint AS point_id, v::bigint AS node FROM generate_series(0, $GRID * $GRID - 1) v;
SQL
vertices=$((GRID * GRID)); edges=$("${P[@]}" -At -c 'SELECT count(*) FROM edges'); nsites=$("${P[@]}" -At -c 'SELECT count(*) FROM sites')

# Best of REPEATS wall times (ms) of one statement.
time_best() {
	for _ in $(seq "$REPEATS"); do
		printf '\\timing on\n%s;\n' "$1" | "${P[@]}" -At | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
	done | sort -n | head -n 1
}
E="SELECT id, source, target, cost, reverse_cost FROM edges"
t_cs=$(time_best "SELECT count(*) FROM carestair.network_costs('$E', 'SELECT point_id, node FROM points', 'SELECT site_id, node FROM sites', true, false)")
t_pgr=$(time_best "SELECT count(*) FROM pgr_dijkstraCost('$E', (SELECT array_agg(node) FROM sites), (SELECT array_agg(node) FROM points))")
t_dd=$(time_best "SELECT count(*) FROM sites, LATERAL pgr_drivingDistance('$E', sites.node, 1e9) d")
differ=$("${P[@]}" -At -c "
  SELECT count(*) FROM carestair.network_costs('$E', 'SELECT point_id, node FROM points', 'SELECT site_id, node FROM sites', true, false) c
    JOIN sites s USING (site_id)
    LEFT JOIN pgr_dijkstraCost('$E', (SELECT array_agg(node) FROM sites), (SELECT array_agg(node) FROM points)) p
      ON p.start_vid = s.node AND p.end_vid = c.point_id
   WHERE (c.point_id <> s.node) AND ((c.cost IS NULL) <> (p.agg_cost IS NULL) OR abs(c.cost - p.agg_cost) > 1e-9)")
echo "== travel-time matrix: ${GRID}x${GRID} grid ($vertices vertices, $edges edges), $nsites sites x $vertices points"
echo "carestair.network_costs (one Dijkstra per site, C):        ${t_cs} ms"
echo "pgr_dijkstraCost many-to-many (pgRouting 3.4, Boost):      ${t_pgr} ms"
echo "pgr_drivingDistance, one call per site (pgRouting 3.4):    ${t_dd} ms"
echo "pairs where carestair and pgr_dijkstraCost differ: $differ"
awk -v a="$t_cs" -v b="$t_pgr" -v c="$t_dd" \
	'BEGIN { printf "speed ratio pgr_dijkstraCost/carestair: %.2f; pgr_drivingDistance/carestair: %.2f\n", b / a, c / a }'

# p-median: carestair vs the exact MILP on the same matrices.
"${P[@]}" -f data/location/load.sql >/dev/null
pmedian_case() {	# name p matrix_sql demand_sql
	local name=$1 p=$2 msql=$3 dsql=$4 t_c obj_c out
	t_c=$(time_best "SELECT count(*) FROM carestair.p_median(\$q\$$msql\$q\$, \$q\$$dsql\$q\$, $p)")
	obj_c=$("${P[@]}" -At -c "SELECT max(objective) || ' ' || min(method) FROM carestair.p_median(\$q\$$msql\$q\$, \$q\$$dsql\$q\$, $p)")
	out=$("${P[@]}" -At -F, -c "SELECT m.*, d.w FROM ($msql) m(i, j, c) JOIN ($dsql) d(i, w) USING (i)" | /usr/bin/python3 bench/pmedian_milp.py "$p")
	read -r obj_m t_m _ <<<"$out"
	read -r obj_cv method <<<"$obj_c"
	awk -v n="$name" -v p="$p" -v oc="$obj_cv" -v om="$obj_m" -v tc="$t_c" -v tm="$t_m" -v me="$method" \
		'BEGIN { g = 100 * (oc - om) / om; if (g < 0 && g > -1e-9) g = 0;
		         printf "%-28s p=%-3d carestair %.3f (%s) in %.1f ms; MILP optimum %.3f in %.1f ms; gap %.4f %%; speed ratio MILP/carestair %.1f\n",
		         n, p, oc, me, tc, om, tm * 1000, g, tm * 1000 / tc }'
}
echo "== p-median: carestair.p_median vs exact MILP (PuLP + CBC)"
# data/location/load.sql made temp tables in its own session: rebuild them as tables here.
"${P[@]}" -c '\i data/location/load.sql' -c 'CREATE TABLE sf AS SELECT * FROM sf_matrix' -c 'CREATE TABLE pm AS SELECT * FROM pm_dist' >/dev/null
pmedian_case "spopt San Francisco (205x16)" 4 "SELECT point_id, site_id, cost FROM sf" "SELECT DISTINCT point_id, demand FROM sf"
pmedian_case "OR-Library pmed1 (100x100)" 5 "SELECT i, j, c FROM pm WHERE inst = 'pmed1'" "SELECT i, 1.0 FROM pm WHERE inst = 'pmed1' AND i = j"
pmedian_case "OR-Library pmed5 (100x100)" 33 "SELECT i, j, c FROM pm WHERE inst = 'pmed5'" "SELECT i, 1.0 FROM pm WHERE inst = 'pmed5' AND i = j"
pmedian_case "grid points x sites (bench)" 5 "SELECT point_id, site_id, cost FROM carestair.network_costs('$E', 'SELECT point_id, node FROM points WHERE point_id % 7 = 0', 'SELECT site_id, node FROM sites') WHERE cost IS NOT NULL" "SELECT point_id, 1.0 FROM points WHERE point_id % 7 = 0"
pmedian_case "grid points x sites (bench)" 8 "SELECT point_id, site_id, cost FROM carestair.network_costs('$E', 'SELECT point_id, node FROM points WHERE point_id % 7 = 0', 'SELECT site_id, node FROM sites') WHERE cost IS NOT NULL" "SELECT point_id, 1.0 FROM points WHERE point_id % 7 = 0"
