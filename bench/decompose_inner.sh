#!/usr/bin/env bash
# Runs inside the throwaway cluster of bench/decompose.sh.
set -euo pipefail
REPEATS=${REPEATS:-3}
createdb bench
P=(psql -X -q -v ON_ERROR_STOP=1 -d bench)
"${P[@]}" -c 'CREATE EXTENSION carestair CASCADE' 2>/dev/null
"${P[@]}" -c "CREATE TABLE cells AS
    SELECT g, c, ARRAY[1 + abs(sin(g * 7 + c)), 0.05 + abs(cos(g + c)), 1000 + (g * c) % 97]::float8[] AS x0,
                 ARRAY[1 + abs(cos(g * 3 + c)), 0.05 + abs(sin(g + 2 * c)), 1000 + (g + c) % 89]::float8[] AS x1
      FROM generate_series(1, 357) AS g, generate_series(1, 212) AS c" -c 'ANALYZE cells'
cells=$("${P[@]}" -At -c 'SELECT count(*) FROM cells')

# Best of REPEATS wall times (ms) of one query, with the given settings.
time_best() {
	for _ in $(seq "$REPEATS"); do
		printf '%s\n\\timing on\n%s;\n' "$1" "$2" | "${P[@]}" -At | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
	done | sort -n | head -n 1
}
serial='SET jit = off; SET max_parallel_workers_per_gather = 0;'
parallel='SET jit = off; SET max_parallel_workers_per_gather = 2; SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;'
t_floor=$(time_best "$serial" 'SELECT count(e) FROM (SELECT g, sum(x1[1] * x1[2] * x1[3]) - sum(x0[1] * x0[2] * x0[3]) AS e FROM cells GROUP BY g) AS q')
t_add=$(time_best "$serial" 'SELECT count(e) FROM (SELECT g, carestair.lmdi_additive(x0, x1) AS e FROM cells GROUP BY g) AS q')
t_mul=$(time_best "$serial" 'SELECT count(e) FROM (SELECT g, carestair.lmdi_multiplicative(x0, x1) AS e FROM cells GROUP BY g) AS q')
t_sha=$(time_best "$serial" 'SELECT count(e) FROM (SELECT g, carestair.shapley_decompose(x0, x1) AS e FROM cells GROUP BY g) AS q')
t_sql=$(time_best "$serial" 'SELECT count(e) FROM (SELECT g, k, sum(CASE WHEN x1[1] * x1[2] * x1[3] = x0[1] * x0[2] * x0[3] THEN x0[1] * x0[2] * x0[3] ELSE (x1[1] * x1[2] * x1[3] - x0[1] * x0[2] * x0[3]) / ln((x1[1] * x1[2] * x1[3]) / (x0[1] * x0[2] * x0[3])) END * ln(x1[k] / x0[k])) AS e FROM cells, generate_series(1, 3) AS k GROUP BY g, k) AS q')
t_one_s=$(time_best "$serial" 'SELECT carestair.shapley_decompose(x0, x1) IS NOT NULL FROM cells')
t_one_p=$(time_best "$parallel" 'SELECT carestair.shapley_decompose(x0, x1) IS NOT NULL FROM cells')

echo "cells: $cells (357 groups x 212 cells x 3 factors, synthetic)"
echo "floor: the gap per group in SQL (sum of products): ${t_floor} ms"
echo "carestair.lmdi_additive per group: ${t_add} ms"
echo "carestair.lmdi_multiplicative per group: ${t_mul} ms"
echo "carestair.shapley_decompose per group: ${t_sha} ms"
echo "LMDI-I additive written in plain SQL (textbook formula), per group: ${t_sql} ms"
echo "shapley_decompose over all cells, one group: serial ${t_one_s} ms, 2 parallel workers ${t_one_p} ms"
awk -v f="$t_floor" -v a="$t_add" -v m="$t_mul" -v s="$t_sha" -v q="$t_sql" -v c="$cells" -v o="$t_one_s" -v p="$t_one_p" 'BEGIN {
	printf "ratios to the floor: lmdi_additive %.2f, lmdi_multiplicative %.2f, shapley_decompose %.2f, SQL LMDI %.2f\n", a / f, m / f, s / f, q / f
	printf "SQL LMDI / lmdi_additive: %.1f; parallel speed-up (2 workers, shared machine): %.2f; lmdi_additive throughput: %.0f cells/s\n", q / a, o / p, c / (a / 1000)
}'
