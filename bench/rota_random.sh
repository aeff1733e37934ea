#!/usr/bin/env bash
# Benchmark: carestair.generate_rota on random plans of 20-25 positions against
# an exact MILP (PuLP + CBC), in one throwaway cluster (bench/rota_random.py
# describes the plans and the model).  Prints per plan the outcome and time of
# both, then: median time over the plans carestair rosters, plans it fails at
# its default budget, infeasible plans named by a relaxation, and CBC's times.
# Needs python3-pulp and coinor-cbc (Debian; run with /usr/bin/python3).
# Usage: bench/rota_random.sh [plans] [seed] [cbc_seconds]   (default 12 1 300;
#        cbc_seconds 0 skips CBC)
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
export PLANS=${1:-12} PLAN_SEED=${2:-1} CBC_SECONDS=${3:-300}
build_and_stage
trap 'rm -rf "$STAGE"' EXIT
staged_virtualenv bash -c 'createdb bench && psql -X -q -d bench -c "CREATE EXTENSION carestair CASCADE" 2>/dev/null &&
	/usr/bin/python3 bench/rota_random.py "$PLANS" "$PLAN_SEED" "$CBC_SECONDS"'
