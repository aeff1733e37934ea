#!/usr/bin/env bash
# make test: build, stage-install, and run pg_regress and pgTAP in a
# throwaway cluster (pg_virtualenv).  Ends with one line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh

if ! build_and_stage; then
	echo "build failed"
	echo "0 passed, 1 failed"
	exit 1
fi
trap 'rm -rf "$STAGE"' EXIT
rm -f test-summary.txt
staged_virtualenv tools/run-suites.sh
rc=$?
# Repeat the summary last: pg_virtualenv prints server logs after a failure.
if [ -s test-summary.txt ]; then
	tail -n 1 test-summary.txt
else
	echo "0 passed, 1 failed"
	rc=1
fi
exit $rc
