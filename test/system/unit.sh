#!/usr/bin/env bash
# make unit inside make test: the kernels' unit tests in plain C (no server),
# their TAP lines passed through.
cd "$(dirname "$0")/../.."
. tools/common.sh
out=$(make -s PG_CONFIG="$PG_CONFIG" unit 2>&1)
rc=$?
echo "$out" | grep -E '^(not )?ok|^#'
[ $rc -eq 0 ] || echo "not ok - make unit failed: $(echo "$out" | grep -v '^ok' | tail -3 | tr '\n' ' ')"
