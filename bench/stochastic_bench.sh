#!/usr/bin/env bash
# bench/stochastic_bench.sh [draws] [years]: the national stochastic run
# (every kommune x 106 ages x 2 sexes x years x draws) in carestair against a
# numpy implementation of the same model on the same inputs, in one
# invocation.  Prints wall time and cell-years per second of both, and the
# ratio.  The machine may be shared: compare ratios, not absolute numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
DRAWS=${1:-1000}
YEARS=${2:-30}
ALLK=${ALLK_CSV:-$(cd .. && pwd)/shared/data/population/ssb07459_all_kommuner_2015_2020_2025_2026.csv}
. tools/common.sh
build_and_stage >/dev/null
WORK=$(mktemp -d -t carestair-bench.XXXXXX)
trap 'rm -rf "$STAGE" "$WORK"' EXIT
chmod 777 "$WORK"
export DRAWS YEARS ALLK WORK
PGPORT=$((20000 + RANDOM % 20000)) staged_virtualenv bench/stochastic_bench_run.sh
