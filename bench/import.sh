#!/usr/bin/env bash
# Benchmark: carestair.import_ssb_population on a national SSB 07459 export in
# the statbank's wide layout, against COPY of the same cells already parsed
# and against pandas (read_csv + melt) + COPY, in one invocation and one
# throwaway cluster.  Prints seconds, cells per second and ratios.
#
# Input: built by bench/gen_07459_wide.py from the shared extract of all 357
# kommuner (ALLK_CSV, NAMES_CSV to point elsewhere): by default the four real
# years 2015, 2020, 2025, 2026 (302,736 cells); YEARS=2005-2026 writes 22 year
# columns (1.67 million cells) in which the years outside the extract are
# SYNTHETIC copies of the nearest real year (for timing only).
# Needs python3-pandas (Debian) and bc.
# Usage: bench/import.sh [repeats]   (default 3; the best time of each is kept)
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
export REPEATS=${1:-3}
export YEARS=${YEARS:-2015,2020,2025,2026}
# The shared data beside the checkout (../shared, or ../../shared from a worktree).
shared=$(cd .. && pwd)/shared; [ -d "$shared" ] || shared=$(cd ../.. && pwd)/shared
export ALLK=${ALLK_CSV:-$shared/data/population/ssb07459_all_kommuner_2015_2020_2025_2026.csv}
export NAMES=${NAMES_CSV:-$shared/data/population/kommuner_2024.csv}
build_and_stage
trap 'rm -rf "$STAGE"' EXIT
staged_virtualenv bench/import_inner.sh
