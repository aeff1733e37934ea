#!/usr/bin/env bash
# make demo [DB=<conninfo>]: load the bundled real data and run the main job.
# Without DB it runs in a throwaway cluster; with DB it installs the extension
# into the local PostgreSQL 15 and runs against that database.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh

DB=${1:-}
# The council reports (tools/demo_report.sql) are written here.
export CARESTAIR_REPORT_DIR=${CARESTAIR_REPORT_DIR:-$PWD/reports}
mkdir -p "$CARESTAIR_REPORT_DIR"
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -P pager=off)
if [ -n "$DB" ]; then
	build_and_install
	"${PSQL[@]}" -d "$DB" -c 'CREATE EXTENSION IF NOT EXISTS carestair CASCADE' -f tools/demo.sql
else
	build_and_stage
	trap 'rm -rf "$STAGE"' EXIT
	staged_virtualenv sh -c "createdb carestair_demo && ${PSQL[*]} -d carestair_demo -c 'CREATE EXTENSION carestair CASCADE' -f tools/demo.sql"
fi
