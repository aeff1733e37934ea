#!/usr/bin/env bash
# No-crash battery (issue #17): test/system/battery.psql generates the calls
# from the catalogue; each runs as its own statement (statement_timeout 30 s,
# a guard, not a measurement) in a database holding the bundled data.
# Passes when no call crashes the server, none returns NaN/Infinity, none
# fails with an internal error (SQLSTATE class XX) and every call finished.
cd "$(dirname "$0")/../.."
. test/system/lib.bash
db=cs_battery
out=$(mktemp); script=$(mktemp)
fresh_db $db
"${PSQL[@]}" -d $db -c 'CREATE EXTENSION carestair CASCADE' -f data/load.sql -f test/system/battery.psql >/dev/null 2>"$out"
tap $? "set up the battery database"
"${PSQL[@]}" -At -d $db -c "SELECT pg_catalog.format('SELECT battery.try(%s);', id) FROM battery.call ORDER BY id" > "$script"
# No ON_ERROR_STOP: a timeout is one failed statement, the run goes on; a
# crash ends the connection and psql stops.
psql -X -q -P pager=off -d $db -c 'SET statement_timeout = 30000' -c "SET client_min_messages = error" -f "$script" > "$out" 2>&1
rc=$?
tap $([ $rc -eq 0 ] && ! grep -q 'server closed the connection\|terminated abnormally' "$out"; echo $?) "no call crashed the server"
q() { "${PSQL[@]}" -At -d $db -c "$1"; }
calls=$(q "SELECT count(*) FROM battery.call")
fns=$(q "SELECT count(*) FROM battery.fn")
done_=$(q "SELECT count(*) FROM battery.result")
errs=$(q "SELECT count(*) FROM battery.result WHERE sqlstate IS NOT NULL")
echo "# $calls calls over $fns functions ($(q "SELECT count(*) FROM battery.fn WHERE NOT internal") user-facing): $((done_ - errs)) returned, $errs failed with a SQLSTATE"
q "SELECT '#   SQLSTATE ' || sqlstate || ': ' || count(*) FROM battery.result WHERE sqlstate IS NOT NULL GROUP BY sqlstate ORDER BY count(*) DESC"
tap $([ "$done_" -eq "$calls" ]; echo $?) "every call finished within the guard ($((calls - done_)) did not)"
[ "$done_" -ne "$calls" ] && q "SELECT '#   ' || c.call FROM battery.call AS c WHERE NOT EXISTS (SELECT FROM battery.result AS r WHERE r.id = c.id) LIMIT 10"
bad=$(q "SELECT count(*) FROM battery.result AS r JOIN battery.call AS c USING (id) WHERE r.bad_rows > 0 AND NOT c.internal")
tap $([ "$bad" -eq 0 ]; echo $?) "no call of a user-facing function returned NaN or Infinity ($bad did)"
q "SELECT '#   ' || pg_catalog.left(c.call, 300) FROM battery.result AS r JOIN battery.call AS c USING (id) WHERE r.bad_rows > 0 AND NOT c.internal LIMIT 20"
q "SELECT '#   (internal helpers passing a NaN through: ' || count(*) || ')' FROM battery.result AS r JOIN battery.call AS c USING (id) WHERE r.bad_rows > 0 AND c.internal"
internal=$(q "SELECT count(*) FROM battery.result WHERE sqlstate LIKE 'XX%' OR sqlstate LIKE '58%'")
tap $([ "$internal" -eq 0 ]; echo $?) "no internal error (class XX/58): every failure a clean SQLSTATE ($internal were not)"
q "SELECT '#   ' || r.sqlstate || ' ' || r.message || ' <- ' || pg_catalog.left(c.call, 200) FROM battery.result AS r JOIN battery.call AS c USING (id) WHERE r.sqlstate LIKE 'XX%' OR r.sqlstate LIKE '58%' LIMIT 20"
rm -f "$out" "$script"
dropdb $db
