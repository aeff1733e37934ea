#!/usr/bin/env bash
# Benchmark: the legevakt C kernels against their baselines, in one
# invocation and one throwaway cluster.
#   1. travel-time matrix: carestair.network_costs vs pgRouting 3.4's
#      pgr_dijkstraCost (many to many, one call) and pgr_drivingDistance
#      (one call per site) on a generated grid road graph; results compared;
#   2. p-median: carestair.p_median vs an exact MILP (PuLP + CBC) on the same
#      instances; optimality gap and speed ratio.
# Needs postgresql-15-pgrouting, python3-pulp and coinor-cbc (Debian; run with
# /usr/bin/python3, where the Debian packages are).
# Usage: bench/legevakt.sh [grid_side] [sites] [repeats]   (default 120 25 3)
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
export GRID=${1:-120} SITES=${2:-25} REPEATS=${3:-3}
build_and_stage
trap 'rm -rf "$STAGE"' EXIT
staged_virtualenv bench/legevakt_inner.sh
