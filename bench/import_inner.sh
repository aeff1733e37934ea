#!/usr/bin/env bash
# Runs inside the throwaway cluster of bench/import.sh.
set -euo pipefail
REPEATS=${REPEATS:-3}
PY=${PYTHON:-/usr/bin/python3}   # Debian's python3, which has python3-pandas
createdb bench
P=(psql -X -q -v ON_ERROR_STOP=1 -d bench)
"${P[@]}" -c 'CREATE EXTENSION carestair CASCADE' 2>/dev/null
export_file=$(mktemp); flat_file=$(mktemp)
python3 bench/gen_07459_wide.py "$ALLK" "$NAMES" "$YEARS" > "$export_file"
$PY bench/import_pandas.py "$export_file" > "$flat_file"   # the same cells, parsed (checked below)
cells=$(wc -l < "$flat_file")
"${P[@]}" -c 'CREATE UNLOGGED TABLE plain (region text, year int, sex smallint, age smallint, persons int, is_open_age boolean)'

now() { date +%s.%N; }
# Best of REPEATS wall times (s) of a shell command, each after emptying the tables.
time_best() {
	for _ in $(seq "$REPEATS"); do
		"${P[@]}" -c 'TRUNCATE carestair.population, plain'
		t0=$(now); eval "$1" >/dev/null; t1=$(now)
		echo "$t1 - $t0" | bc -l
	done | sort -n | head -n 1
}
t_copy=$(time_best '"${P[@]}" -c "\\copy plain FROM $flat_file WITH (FORMAT csv)"')
t_copy_pop=$(time_best '"${P[@]}" -c "\\copy carestair.population (region, year, sex, age, persons, is_open_age) FROM $flat_file WITH (FORMAT csv)"')
t_pandas=$(time_best '$PY bench/import_pandas.py $export_file | "${P[@]}" -c "\\copy plain FROM STDIN WITH (FORMAT csv)"')
t_dry=$(time_best 'printf "\\\\lo_import %s\nSELECT count(*) FROM carestair.import_ssb_population(lo_get(:LASTOID), dry_run => true);\n" $export_file | "${P[@]}"')
t_import=$(time_best 'printf "\\\\lo_import %s\nSELECT count(*) FROM carestair.import_ssb_population(lo_get(:LASTOID));\n" $export_file | "${P[@]}"')
# The import and pandas + COPY must agree cell by cell.
"${P[@]}" -c "\\copy plain FROM $flat_file WITH (FORMAT csv)"
diff=$("${P[@]}" -At -c "SELECT count(*) FROM (SELECT region, year, sex, age, persons, is_open_age FROM carestair.population EXCEPT ALL SELECT * FROM plain) AS a")
loaded=$("${P[@]}" -At -c 'SELECT count(*) FROM carestair.population')
rm -f "$export_file" "$flat_file"

echo "SSB 07459 national export, wide layout, years $YEARS: $cells cells ($loaded rows loaded; rows differing from pandas: $diff)"
awk -v c="$cells" -v copy="$t_copy" -v copy_pop="$t_copy_pop" -v pandas="$t_pandas" -v dry="$t_dry" -v imp="$t_import" 'BEGIN {
	printf "%-70s %8s %12s %10s\n", "method (best of repeats, wall clock incl. psql start)", "s", "cells/s", "x COPY"
	printf "%-70s %8.3f %12.0f %10.2f\n", "COPY of the parsed cells into an unlogged table (floor)", copy, c / copy, 1
	printf "%-70s %8.3f %12.0f %10.2f\n", "COPY of the parsed cells into carestair.population (keys, FK, trigger)", copy_pop, c / copy_pop, copy_pop / copy
	printf "%-70s %8.3f %12.0f %10.2f\n", "pandas read_csv + melt + COPY into an unlogged table", pandas, c / pandas, pandas / copy
	printf "%-70s %8.3f %12.0f %10.2f\n", "import_ssb_population, dry run (decode, parse, check, map, sum)", dry, c / dry, dry / copy
	printf "%-70s %8.3f %12.0f %10.2f\n", "import_ssb_population into carestair.population", imp, c / imp, imp / copy
	printf "import / COPY into carestair.population: %.2f\n", imp / copy_pop
}'
