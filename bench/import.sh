#!/usr/bin/env bash
# Benchmark: carestair.import_ssb_population against the floor, an INSERT of
# the same rows already parsed, in one invocation and one throwaway cluster.
#
# Input: the bundled SSB 07459 extract (13 kommuner x 22 years x 2 sexes x 106
# ages = 60,632 cells) written out in the statbank's wide layout (semicolon,
# Latin-1, CRLF, "K-5524 Målselv", one column per year and sex).
# Usage: bench/import.sh [repeats]   (default 3; the best time of each is kept)
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
export REPEATS=${1:-3}
build_and_stage
trap 'rm -rf "$STAGE"' EXIT
staged_virtualenv bench/import_inner.sh
