#!/usr/bin/env bash
# Dump and restore (issue #17): a database with the user's work in every
# kind of table (test/system/dump_restore.psql) goes through pg_dump -Fc and
# pg_restore into a new database; every table of schema carestair must come
# back row for row (test/system/table_digest.psql), and generate_rota must
# work after the restore.  How shipped rows are kept: doc/hardening.md.
cd "$(dirname "$0")/../.."
. test/system/lib.bash
src=cs_dump dst=cs_restored
dump=$(mktemp); a=$(mktemp); b=$(mktemp)
fresh_db $src
"${PSQL[@]}" -d $src -c 'CREATE EXTENSION carestair CASCADE' -f test/system/dump_restore.psql >/dev/null 2>"$a"
tap $? "a database with data, edits, a projection and two rotas"
grep ERROR "$a" | sed 's/^/# /'
pg_dump -Fc -f "$dump" $src
tap $? "pg_dump -Fc"
fresh_db $dst
pg_restore -d $dst "$dump" 2>"$a"
tap $? "pg_restore into a new database"
grep -v '^$' "$a" | head -10 | sed 's/^/# /'
"${PSQL[@]}" -At -d $src -f test/system/table_digest.psql > "$a"
"${PSQL[@]}" -At -d $dst -f test/system/table_digest.psql > "$b"
diff "$a" "$b" > "$dump.diff"
tap $([ -s "$a" ] && [ ! -s "$dump.diff" ]; echo $?) "every table and sequence equal after the restore ($(wc -l < "$a") compared)"
sed 's/^/# /' "$dump.diff" | head -20
for check in "region 5524 keeps its boundary and edited name|SELECT name = 'Målselv (edited)' AND boundary IS NOT NULL FROM carestair.region WHERE region = '5524'" \
             "regions with boundaries|SELECT (SELECT count(*) FROM carestair.region WHERE boundary IS NOT NULL) = $("${PSQL[@]}" -At -d $src -c 'SELECT count(*) FROM carestair.region WHERE boundary IS NOT NULL')"; do
	got=$("${PSQL[@]}" -At -d $dst -c "${check#*|}")
	tap $([ "$got" = t ]; echo $?) "${check%%|*}"
done
ids=$("${PSQL[@]}" -At -d $dst -c "SELECT rota_id FROM carestair.generate_rota('example_24_7', seed => 3, max_iterations => 100000, allow_partial => true)" 2>&1)
tap $([ "$ids" = 3 ]; echo $?) "generate_rota after the restore takes the next id (got: $ids)"
rm -f "$dump" "$dump.diff" "$a" "$b"
dropdb $src; dropdb $dst
