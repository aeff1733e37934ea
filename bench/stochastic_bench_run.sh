#!/usr/bin/env bash
# Inside the throwaway cluster of bench/stochastic_bench.sh (which sets
# DRAWS, YEARS, ALLK and WORK): set up, time carestair and numpy, print.
set -euo pipefail
psql -X -q -c "CREATE EXTENSION carestair CASCADE" 2>/dev/null
psql -X -q -c "CREATE TABLE bench_allk (kommunenummer text, sex text, age int, p2015 int, p2020 int, p2025 int, p2026 int)"
psql -X -q -c "\copy bench_allk FROM '$ALLK' WITH (FORMAT csv, HEADER true)"
psql -X -q -f bench/stochastic_setup.sql
LAST=$((2026 + YEARS))
psql -X -q -c "\copy (SELECT g.region, i.population, i.fertility, i.mortality, i.immigrants, i.emigration_rates FROM bench_regions AS b, unnest(b.r) AS g (region), carestair._stochastic_inputs('bench', g.region, 2026, $LAST) AS i ORDER BY g.region) TO '$WORK/inputs.csv' WITH (FORMAT csv)"
run() {  # run LABEL SQL: wall seconds of one statement
	local t0 t1
	t0=$(date +%s.%N)
	psql -X -q -At -c "$2" > "$WORK/out.txt"
	t1=$(date +%s.%N)
	echo "$1 $(echo "$t1 - $t0" | bc -l)"
}
Q="SELECT count(*), round(sum(quantile_values[3]) FILTER (WHERE year = $LAST AND sex IS NULL AND age_group = 'all ages')), round(sum(mean) FILTER (WHERE year = $LAST AND sex IS NULL AND age_group = 'all ages')) FROM carestair.project_population_intervals('bench', (SELECT r FROM bench_regions), $LAST, $DRAWS)"
read -r _ OVER_S < <(run overhead "SELECT count(*) FROM carestair.project_population_intervals('bench', (SELECT r FROM bench_regions), 2027, 1)")
echo "carestair: one draw of one year for every kommune (inputs and per-region overhead): $OVER_S s"
psql -X -At <<'SQL' | grep -E "Gather|Workers|Parallel" | sed "s/^/plan (short run): /" || true
CREATE FUNCTION pg_temp.plan() RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    l text;
    s carestair.projection_scenario := carestair._scenario('bench');
    p carestair.stochastic_parameters := carestair._stochastic_params('bench');
    r text[] := (SELECT b.r FROM bench_regions AS b);
BEGIN
    FOR l IN EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT * FROM carestair._stochastic_intervals_query($1, $2, $3, 2028, 10, 1, ''{0.5}'', ''{0}'', ''{NULL}'')' USING s, p, r LOOP
        RETURN NEXT l;
    END LOOP;
END
$$;
SELECT * FROM pg_temp.plan();
SQL
read -r _ SQL_S < <(run sql "$Q")
echo "carestair: $(cut -d"|" -f1 "$WORK/out.txt") result rows, $SQL_S s; last year: sum of medians $(cut -d"|" -f2 "$WORK/out.txt"), sum of means $(cut -d"|" -f3 "$WORK/out.txt")"
read -r _ SER_S < <(run serial "SET max_parallel_workers_per_gather = 0; ${Q}")
psql -X -q -c "UPDATE carestair.stochastic_parameters SET demographic_noise = true WHERE scenario = 'bench'"
read -r _ NOISE_S < <(run noise "$Q")
NOISE_SUMS=$(cut -d"|" -f2,3 "$WORK/out.txt")
/usr/bin/python3 bench/stochastic_numpy.py "$WORK/inputs.csv" "$DRAWS" "$YEARS" | tee "$WORK/numpy.txt"
NP_S=$(sed -n "s/^numpy_seconds=//p" "$WORK/numpy.txt")
N=$(wc -l < "$WORK/inputs.csv")
CELLS=$(echo "$N * 212 * $YEARS * $DRAWS" | bc)
printf "\n%s kommuner x 212 cells x %s years x %s draws = %s cell-years\n" "$N" "$YEARS" "$DRAWS" "$CELLS"
printf "%-46s %8.2f s %14.0f cell-years/s\n" "carestair, parallel (default settings)" "$SQL_S" "$(echo "$CELLS / $SQL_S" | bc -l)"
printf "%-46s %8.2f s %14.0f cell-years/s\n" "carestair, one process (no workers)" "$SER_S" "$(echo "$CELLS / $SER_S" | bc -l)"
printf "%-46s %8.2f s %14.0f cell-years/s\n" "carestair, parallel, with demographic noise" "$NOISE_S" "$(echo "$CELLS / $NOISE_S" | bc -l)"
printf "%-46s %8.2f s %14.0f cell-years/s\n" "numpy (one process, no demographic noise)" "$NP_S" "$(echo "$CELLS / $NP_S" | bc -l)"
printf "ratio numpy / carestair parallel: %.2fx; numpy / carestair one process: %.2fx\n" "$(echo "$NP_S / $SQL_S" | bc -l)" "$(echo "$NP_S / $SER_S" | bc -l)"
if [ "$DRAWS" = 1000 ] && [ "$YEARS" = 30 ]; then  # the issue's targets for the national run
	printf "targets (national run, parallel): under 10 s: %s; at least 3x numpy: %s\n" \
		"$(echo "$SQL_S < 10" | bc -l | sed 's/1/met/;s/0/MISSED/')" "$(echo "$NP_S / $SQL_S >= 3" | bc -l | sed 's/1/met/;s/0/MISSED/')"
fi
printf "national with demographic noise: %.2f s (target 10 s: %s); %.2fx the same run without noise, %.2fx numpy without noise; last year sum of medians|means %s\n" \
	"$NOISE_S" "$(echo "$NOISE_S < 10" | bc -l | sed 's/1/met/;s/0/MISSED/')" "$(echo "$NOISE_S / $SQL_S" | bc -l)" \
	"$(echo "$NP_S / $NOISE_S" | bc -l)" "$NOISE_SUMS"
echo "load average: $(cut -d" " -f1-3 /proc/loadavg) on $(nproc) cores (shared machine)"
