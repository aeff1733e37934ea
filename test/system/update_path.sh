#!/usr/bin/env bash
# Update path (issue #17, the pgvector/hll practice): install the oldest
# frozen release (sql/updates/carestair--X.sql, written by tools/release.sh),
# ALTER EXTENSION ... UPDATE through the step scripts to the current version,
# and compare the whole catalogue (test/system/catalogue.psql: functions,
# views, tables, columns, constraints, comments, ...) and the shipped rows'
# counts with a fresh install.  A clearly reported skip until a release exists.
cd "$(dirname "$0")/../.."
. test/system/lib.bash
current=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" carestair.control)
oldest=$(ls sql/updates/ 2>/dev/null | sed -n 's/^carestair--\([0-9.]*\)\.sql$/\1/p' | sort -V | head -n 1)
if [ -z "$oldest" ]; then
	skip "update path: no frozen release in sql/updates yet (tools/release.sh makes the first)"
	exit 0
fi
if [ "$oldest" = "$current" ]; then
	echo "not ok 1 - frozen release $oldest equals default_version $current: bump it (tools/release.sh)"
	exit 0
fi
fresh_db cs_updated
fresh_db cs_fresh
"${PSQL[@]}" -d cs_updated -c 'CREATE EXTENSION postgis' -c "CREATE EXTENSION carestair VERSION '$oldest'"
tap $? "install the oldest release $oldest"
"${PSQL[@]}" -d cs_updated -c 'ALTER EXTENSION carestair UPDATE'
tap $? "ALTER EXTENSION carestair UPDATE from $oldest"
v=$("${PSQL[@]}" -At -d cs_updated -c "SELECT extversion FROM pg_extension WHERE extname = 'carestair'")
tap $([ "$v" = "$current" ]; echo $?) "the update reaches $current (got $v)"
"${PSQL[@]}" -d cs_fresh -c 'CREATE EXTENSION carestair CASCADE'
a=$(mktemp); b=$(mktemp)
"${PSQL[@]}" -At -d cs_updated -f test/system/catalogue.psql > "$a" &&
	"${PSQL[@]}" -At -d cs_fresh -f test/system/catalogue.psql > "$b"
tap $? "read both catalogues"
diff -u "$b" "$a" > "$a.diff"
tap $([ -s "$b" ] && [ ! -s "$a.diff" ]; echo $?) "catalogue after $oldest -> $current equals a fresh $current install ($(wc -l < "$b") facts)"
head -40 "$a.diff" | sed 's/^/# /'
rm -f "$a" "$b" "$a.diff"
dropdb cs_updated; dropdb cs_fresh
