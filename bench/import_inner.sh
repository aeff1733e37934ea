#!/usr/bin/env bash
# Runs inside the throwaway cluster of bench/import.sh.
set -euo pipefail
REPEATS=${REPEATS:-3}
createdb bench
P=(psql -X -q -v ON_ERROR_STOP=1 -d bench)
"${P[@]}" -c 'CREATE EXTENSION carestair CASCADE' 2>/dev/null
"${P[@]}" -c 'CREATE TABLE src (region text, year int, sex text, age int, persons int)' \
	-c '\copy src FROM data/population/ssb07459_seed_kommuner_2005_2026.csv WITH (FORMAT csv, HEADER true)'
export_file=$(mktemp)
"${P[@]}" -At -f bench/import_export.sql | iconv -f UTF-8 -t LATIN1//TRANSLIT > "$export_file"
cells=$("${P[@]}" -At -c 'SELECT count(*) FROM src')

# Best of REPEATS wall times (ms) of one statement, each after a TRUNCATE.
time_best() {
	for _ in $(seq "$REPEATS"); do
		"${P[@]}" -c 'TRUNCATE carestair.population'
		printf '\\lo_import %s\n\\timing on\n%s;\n' "$export_file" "$1" | "${P[@]}" -At | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
	done | sort -n | head -n 1
}
t_floor=$(time_best "INSERT INTO carestair.population (region, year, sex, age, persons, is_open_age)
                     SELECT region, year, CASE sex WHEN 'M' THEN 1 ELSE 2 END, age, persons, age = 105 FROM src")
t_import=$(time_best 'SELECT count(*) FROM carestair.import_ssb_population(lo_get(:LASTOID))')
loaded=$("${P[@]}" -At -c 'SELECT count(*) FROM carestair.population')
rm -f "$export_file"

echo "cells in the export: $cells (rows loaded by the import: $loaded)"
echo "floor: INSERT ... SELECT of the same rows, already parsed: ${t_floor} ms"
echo "carestair.import_ssb_population (decode, detect, parse, validate, map codes, upsert): ${t_import} ms"
awk -v a="$t_import" -v b="$t_floor" -v c="$cells" \
	'BEGIN { printf "ratio import/floor: %.2f; import throughput: %.0f cells/s\n", a / b, c / (a / 1000) }'
