#!/usr/bin/env bash
# Hostile schema (issue #17): operators and functions planted in public
# before CREATE EXTENSION (test/system/hostile_traps.psql) must never be
# called by carestair: the install succeeds, nothing carestair owns binds to
# them, and loading the bundled data and running the demo raises no alarm.
cd "$(dirname "$0")/../.."
. test/system/lib.bash
db=cs_hostile
out=$(mktemp)
fresh_db $db
"${PSQL[@]}" -d $db -c 'CREATE EXTENSION postgis' -f test/system/hostile_traps.psql >/dev/null 2>&1
planted=$("${PSQL[@]}" -At -d $db -c "SELECT count(*) FROM pg_catalog.pg_operator WHERE oprcode::text LIKE 'trap_op_%'")
tap $([ "${planted:-0}" -gt 100 ]; echo $?) "planted $planted operators and 18 functions in public"

"${PSQL[@]}" -d $db -c 'SET hostile.alarm = on' -c 'CREATE EXTENSION carestair' > "$out" 2>&1
rc=$?
tap $rc "CREATE EXTENSION carestair succeeds beside the traps"
hits=$(grep -c 'HIJACK' "$out")
tap $([ "$hits" -eq 0 ]; echo $?) "no trap called during CREATE EXTENSION ($hits calls)"
grep -m 5 HIJACK "$out" | sed 's/^/# /'

bound=$("${PSQL[@]}" -At -d $db -f test/system/hostile_deps.psql 2>&1)
tap $([ -z "$bound" ]; echo $?) "no carestair object bound to a planted operator or function"
[ -n "$bound" ] && echo "$bound" | head -20 | sed 's/^/# /'

# The whole demo: every module, its importers and the caller-query functions.
# Without ON_ERROR_STOP: the demo's own queries (the user's, under the
# user's path) may take a planted operator and fail; carestair's may not.
psql -X -q -P pager=off -d $db -f tools/demo.sql > "$out" 2>&1
errors=$(grep -c 'ERROR' "$out")
echo "# the demo ran to its end with $errors errors in its own (user) queries"
grep -m 3 'ERROR' "$out" | sed 's/^/# /'
hits=$(grep -c 'HIJACK' "$out")
tap $([ "$hits" -eq 0 ]; echo $?) "no trap called by the demo from carestair code ($hits calls)"
grep -A2 -m 5 HIJACK "$out" | sed 's/^/# /'

# Control: the alarm works (a caller's inner query runs under the caller's
# search_path by design, so its own 1 < 1.5 takes the planted operator).
"${PSQL[@]}" -d $db -c "SELECT count(*) FROM carestair.travel_time_matrix('SELECT 1::bigint, ST_Point(0, 0) WHERE 1 < 1.5', 'SELECT 1::bigint, ST_Point(0, 0)', NULL)" > "$out" 2>&1
hits=$(grep -c 'HIJACK' "$out")
tap $([ "$hits" -gt 0 ]; echo $?) "control: a planted operator in the caller's own query is seen ($hits calls)"
rm -f "$out"
dropdb $db
