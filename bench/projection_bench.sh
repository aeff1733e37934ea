#!/usr/bin/env bash
# bench/projection_bench.sh: the same deterministic projection of every
# kommune (SSB 07459, 1 January 2025, all 357 kommuner on 2024 borders) over
# 30 years, three ways in one invocation, each ending with its results in a
# table, plus the floor:
#   carestair  CREATE TABLE AS SELECT * FROM carestair.project_population(...)
#   plpgsql    the same method in PL/pgSQL on arrays (bench/projection_plpgsql.sql)
#   numpy      a Python/numpy pipeline reading from and writing back to the
#              database with psycopg2 (bench/projection_numpy.py)
#   floor      CREATE TABLE AS of the same number of rows and columns from
#              generate_series
# It prints the best of REPEAT (default 3) timed runs of each, ratios and
# cell-years per second, and checks that the three projections agree.  Runs in a throwaway cluster (like make test).
# Needs: python3-numpy and python3-psycopg2 (Debian), and the shared SSB
# extract ../shared/data/population/ssb07459_all_kommuner_2015_2020_2025_2026.csv
# (or CARESTAIR_ALL_KOMMUNER=<path>).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh

export CARESTAIR_ALL_KOMMUNER=${CARESTAIR_ALL_KOMMUNER:-$(cd .. && pwd)/shared/data/population/ssb07459_all_kommuner_2015_2020_2025_2026.csv}
if [ ! -r "$CARESTAIR_ALL_KOMMUNER" ]; then
	echo "bench: cannot read $CARESTAIR_ALL_KOMMUNER (set CARESTAIR_ALL_KOMMUNER)" >&2
	exit 1
fi
if ! /usr/bin/python3 -c 'import numpy, psycopg2' 2>/dev/null; then
	echo "bench: installing python3-numpy python3-psycopg2" >&2
	"${SUDO[@]}" apt-get install -y -q python3-numpy python3-psycopg2 >/dev/null
fi

build_and_stage
trap 'rm -rf "$STAGE"' EXIT
mkdir -p bench/out
staged_virtualenv bench/projection_bench_run.sh 2>&1 | grep -v -E '^(Creating new|Dropping cluster)' | tee bench/out/projection_bench.txt
