#!/usr/bin/env bash
# Runs inside pg_virtualenv: pg_regress (installcheck) then pgTAP (pg_prove),
# and adds the two up into one closing line.
set -uo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh

rm -f regression.diffs regression.out
make -s PG_CONFIG="$PG_CONFIG" installcheck 2>&1 | tee regress.log
regress_rc=${PIPESTATUS[0]}
reg_pass=$(grep -cE '\.\.\. ok' regress.log)
reg_fail=$(grep -cE '\.\.\. FAILED|\.\.\. failed' regress.log)
if [ -s regression.diffs ]; then
	echo "---- regression.diffs ----"
	cat regression.diffs
	[ "$reg_fail" -eq 0 ] && reg_fail=1
fi
# pg_regress stopped early (a missing expected file, a crash): count it.
if [ "$regress_rc" -ne 0 ] && [ "$reg_fail" -eq 0 ]; then reg_fail=1; fi
[ "$reg_pass" -eq 0 ] && [ "$reg_fail" -eq 0 ] && reg_fail=1

tapdb=carestair_tap
dropdb --if-exists "$tapdb" >/dev/null 2>&1
createdb "$tapdb"
psql -X -q -v ON_ERROR_STOP=1 -d "$tapdb" \
	-c 'CREATE EXTENSION pgtap' -c 'CREATE EXTENSION carestair CASCADE' >/dev/null
pg_prove -d "$tapdb" --verbose --ext .sql -r test/ > tap.out 2>&1
prove_rc=$?
grep -vE '^\s*ok [0-9]+' tap.out
tap_pass=$(grep -cE '^\s*ok [0-9]+' tap.out)
tap_fail=$(grep -cE '^\s*not ok [0-9]+' tap.out)
if [ $prove_rc -ne 0 ] && [ "$tap_fail" -eq 0 ]; then
	tap_fail=1   # a file died or its plan did not match
fi

# Documentation examples must be verbatim excerpts of expected outputs.
tools/check-doc-examples.pl > doc-examples.out
grep '^not ok' doc-examples.out
doc_pass=$(grep -c '^ok ' doc-examples.out)
doc_fail=$(grep -c '^not ok ' doc-examples.out)

# The council report as a reader gets it (HTML, SVG, numbers, rendering).
tools/check-report.sh > report-check.out 2>&1
grep -v '^ok ' report-check.out
rep_pass=$(grep -c '^ok ' report-check.out)
rep_fail=$(grep -c '^not ok ' report-check.out)
[ "$rep_pass" -eq 0 ] && [ "$rep_fail" -eq 0 ] && rep_fail=1

passed=$((reg_pass + tap_pass + doc_pass + rep_pass))
failed=$((reg_fail + tap_fail + doc_fail + rep_fail))
echo "pg_regress: $reg_pass passed, $reg_fail failed; pgTAP: $tap_pass passed, $tap_fail failed; doc examples: $doc_pass passed, $doc_fail failed; report: $rep_pass passed, $rep_fail failed"
echo "$passed passed, $failed failed" | tee test-summary.txt
[ "$failed" -eq 0 ]
