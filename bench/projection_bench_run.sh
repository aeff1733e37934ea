#!/usr/bin/env bash
# Runs inside pg_virtualenv (see bench/projection_bench.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
LAST_YEAR=2055
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d postgres)
export PGOPTIONS="-c client_min_messages=warning"

"${PSQL[@]}" -c 'CREATE EXTENSION carestair CASCADE' 2>/dev/null
"${PSQL[@]}" -c 'CREATE SCHEMA bench' \
	-c 'CREATE TABLE bench.raw (kommunenummer text, sex text, age int, p2015 int, p2020 int, p2025 int, p2026 int)' \
	-c "\\copy bench.raw FROM '$CARESTAIR_ALL_KOMMUNER' WITH (FORMAT csv, HEADER true)"
"${PSQL[@]}" -f bench/projection_setup.sql
"${PSQL[@]}" -f bench/projection_plpgsql.sql

now() { date +%s.%N; }
declare -A T
REPEAT=${REPEAT:-3}
run() {	# run NAME COMMAND...: the best of $REPEAT timed runs, in seconds
	local name=$1 i t0 t; shift
	T[$name]=
	for ((i = 0; i < REPEAT; i++)); do
		"${PSQL[@]}" -c 'DROP TABLE IF EXISTS bench.result_'"$name"
		"${PSQL[@]}" -c 'CHECKPOINT'
		t0=$(now)
		"$@"
		t=$(awk -v a="$(now)" -v b="$t0" 'BEGIN { printf "%.3f", a - b }')
		T[$name]=$(awk -v t="$t" -v m="${T[$name]}" 'BEGIN { print (m == "" || t < m) ? t : m }')
	done
}

Q="carestair.project_population('TABLE bench.population', 'TABLE bench.fertility', 'TABLE bench.mortality', 'TABLE bench.migration', $LAST_YEAR)"
ROWS=$("${PSQL[@]}" -At -c "SELECT count(DISTINCT region) * 2 * 106 * ($LAST_YEAR - 2025) FROM bench.population")

run carestair "${PSQL[@]}" -c "CREATE TABLE bench.result_carestair AS SELECT * FROM $Q"
run plpgsql "${PSQL[@]}" -c "CREATE TABLE bench.result_plpgsql AS SELECT * FROM bench.plpgsql_project($LAST_YEAR)"
run numpy /usr/bin/python3 bench/projection_numpy.py "$LAST_YEAR"
# The floor: writing the same number of rows of the same column types, with
# next to no computation per row.
run floor "${PSQL[@]}" -c "CREATE TABLE bench.result_floor AS
    SELECT '0301'::text AS region, g AS year, 1 AS sex, 0 AS age,
           g::float8 AS persons, g::float8 AS deaths, g::float8 AS emigrants, g::float8 AS immigrants
      FROM generate_series(1, $ROWS) AS g"

"${PSQL[@]}" -f bench/projection_check.sql

echo
echo "best of $REPEAT runs each; projection of $("${PSQL[@]}" -At -c 'SELECT count(DISTINCT region) FROM bench.population') kommuner x 2 sexes x 106 ages x $((LAST_YEAR - 2025)) years = $ROWS cell-years (rows), work_mem $("${PSQL[@]}" -At -c 'SHOW work_mem')"
printf '%-10s %9s %12s %12s %16s\n' way seconds 'x floor' 'x carestair' 'cell-years/s'
for w in floor carestair plpgsql numpy; do
	awk -v w="$w" -v t="${T[$w]}" -v f="${T[floor]}" -v c="${T[carestair]}" -v n="$ROWS" \
		'BEGIN { printf "%-10s %9.2f %12.2f %12.2f %16.0f\n", w, t, t / f, t / c, n / t }'
done
