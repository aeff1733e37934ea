#!/usr/bin/env bash
# Benchmark: carestair.generate_rota (greedy start + simulated annealing +
# independent check) against its own greedy start alone (max_iterations => 1),
# for units of about 10, 30 and 60 positions, in one throwaway cluster.
# Reports generation time, iterations, coverage, checker violations and
# heltidsandel.  The units are the EXAMPLE plan of issue 8 scaled with
# carestair.staffing_plan_for_arsverk (illustrations, not real data).
# Usage: bench/rota.sh [seeds]   (default 3; seeds 1..N, times are medians)
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
export SEEDS=${1:-3}
build_and_stage
trap 'rm -rf "$STAGE"' EXIT
staged_virtualenv bench/rota_inner.sh
