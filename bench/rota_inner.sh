#!/usr/bin/env bash
# Runs inside the throwaway cluster of bench/rota.sh.
set -euo pipefail
SEEDS=${SEEDS:-3}
createdb bench
P=(psql -X -q -v ON_ERROR_STOP=1 -d bench)
"${P[@]}" -c 'CREATE EXTENSION carestair CASCADE' 2>/dev/null
"${P[@]}" -At <<'SQL' >/dev/null
SELECT carestair.create_example_staffing_plan('bench_template');
SELECT carestair.staffing_plan_for_arsverk('bench_template', 'u10', 7.5);
SELECT carestair.staffing_plan_for_arsverk('bench_template', 'u30', 16.83);
SELECT carestair.staffing_plan_for_arsverk('bench_template', 'u60', 34);
SELECT count(*) FROM carestair.propose_positions('u10', 2);
SELECT count(*) FROM carestair.propose_positions('u30', 3);
SELECT count(*) FROM carestair.propose_positions('u60', 3);
SQL

# One generate_rota call: prints "wall_ms iterations coverage% status positions heltid% findings night_sd" (8 fields).
run() {
	local t0 t1 out
	t0=$(date +%s%N)
	out=$("${P[@]}" -At -F' ' \
		-c "SELECT r.iterations, r.coverage_pct, r.status, r.positions, r.heltidsandel_pct FROM carestair.generate_rota($1, allow_partial => true) AS r")
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000000 )) $out $("${P[@]}" -At -F' ' -f bench/rota_quality.sql)"
}

printf '%-4s %9s %8s | %-41s | %-51s | %7s\n' unit positions heltid% "greedy start alone" "annealing (median of $SEEDS seeds)" ratio
printf '%-4s %9s %8s | %9s %10s %10s %9s | %9s %10s %9s %10s %9s | %7s\n' "" "" "" wall_ms coverage% findings night_sd wall_ms iterations coverage% findings night_sd time
for spec in "u10 2 4" "u30 3 6" "u60 3 6"; do
	set -- $spec
	unit=$1 k=$2 weeks=$3
	greedy=$(run "'$unit', $weeks, $k, max_iterations => 1")
	rows=""
	for seed in $(seq "$SEEDS"); do
		rows+="$(run "'$unit', $weeks, $k, seed => $seed")"$'\n'
	done
	echo "$rows" | awk -v u="$unit" -v g="$greedy" 'NF {
			t[n] = $1; it[n] = $2; cov += $3; f += $7; sd += $8; if ($4 != "feasible") bad++; pos = $5; hel = $6; n++
		}
		END {
			split(g, G, " ")
			for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (t[j] < t[i]) { x = t[i]; t[i] = t[j]; t[j] = x; y = it[i]; it[i] = it[j]; it[j] = y }
			m = int(n / 2)
			printf "%-4s %9d %8.1f | %9d %10.1f %10d %9.2f | %9d %10d %9.1f %10.1f %9.2f | %7.1f\n", u, pos, hel, G[1], G[3], G[7], G[8], t[m], it[m], cov / n, f / n, sd / n, t[m] / G[1]
			if (bad) printf "     %d of %d seeds did not reach a feasible rota\n", bad, n
		}'
done
echo "findings: rules broken according to the independent checker (carestair.check_rota); coverage%: persons needed"
echo "that the rota covers, any competence. night_sd: fairness, the standard deviation of nights per 100 % position"
echo "within a competence, averaged over competences with nights (lower is fairer)."
echo "ratio: annealing wall time / greedy-start wall time (same call path)."
