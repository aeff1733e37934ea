#!/usr/bin/env bash
# Benchmark: the decomposition aggregates (lmdi_additive, lmdi_multiplicative,
# shapley_decompose) on every kommune at once, against the floor of reading
# the same cells and summing their products (the gap) in one invocation and
# one throwaway cluster.
#
# Input: synthetic cells (a benchmark, not data): 357 groups ("kommuner") x
# 212 cells (106 ages x 2 sexes) x 3 factors = 75,684 cells.
# Usage: bench/decompose.sh [repeats]   (default 3; the best time of each is kept)
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
export REPEATS=${1:-3}
build_and_stage
trap 'rm -rf "$STAGE"' EXIT
staged_virtualenv bench/decompose_inner.sh
