#!/usr/bin/env bash
# Concurrent identical writes (issue #17): two sessions refresh the travel
# times and run the example staffing plan at the same time.  They used to
# collide on primary keys (the second deleted nothing the first had not yet
# committed, then inserted the same keys); now the second waits for the
# first (carestair._serialise) and both succeed.
cd "$(dirname "$0")/../.."
. test/system/lib.bash
db=cs_concurrency
fresh_db $db
"${PSQL[@]}" -d $db -c 'CREATE EXTENSION carestair CASCADE' -c "
INSERT INTO carestair.demand_point (point_id, region, persons, geom)
SELECT k, '5524', 10, ST_SetSRID(ST_Point(600000 + 1000 * k, 7650000), 25833) FROM generate_series(1, 50) AS k;
INSERT INTO carestair.site (site_id, name, region, kind, geom)
SELECT k, 'site ' || k, '5524', 'candidate', ST_SetSRID(ST_Point(600000, 7650000 + 1000 * k), 25833) FROM generate_series(1, 5) AS k;" >/dev/null 2>&1
tap $? "set up 50 demand points and 5 sites"
a=$(mktemp); b=$(mktemp)
for what in "SELECT count(*) FROM carestair.refresh_travel_times()" "SELECT carestair.create_example_staffing_plan()"; do
	# The first holds its transaction open for 2 s after writing.
	"${PSQL[@]}" -d $db -c "BEGIN" -c "$what" -c "SELECT pg_sleep(2)" -c "COMMIT" > "$a" 2>&1 &
	first=$!
	sleep 0.7
	"${PSQL[@]}" -d $db -c "$what" > "$b" 2>&1
	rc2=$?
	wait $first
	rc1=$?
	if [[ "$what" == *create_example* ]]; then
		# Not idempotent: the second must wait and then say the unit exists.
		tap $([ $rc1 -eq 0 ] && grep -q 'staffing unit "example_24_7" exists already' "$b"; echo $?) \
			"two concurrent '$what': the first succeeds, the second reports the unit exists"
	else
		tap $([ $rc1 -eq 0 ] && [ $rc2 -eq 0 ]; echo $?) "two concurrent '$what' both succeed"
	fi
	cat "$a" "$b" | grep -m 3 ERROR | sed 's/^/# /'
done
n=$("${PSQL[@]}" -At -d $db -c "SELECT count(*) FROM carestair.travel_time")
tap $([ "$n" = 250 ]; echo $?) "travel_time holds each pair once (250 rows, got $n)"
rm -f "$a" "$b"
dropdb $db
