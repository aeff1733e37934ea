#!/usr/bin/env bash
# make valgrind [VALGRIND_TESTS="..."]: the regression tests' C paths under
# memcheck.  A throwaway cluster whose postmaster (and so every backend) runs
# under valgrind reads the staged build; pg_regress runs the listed tests
# (default: the tests of the C modules); then every memcheck error whose stack
# passes through carestair.so is reported (no suppressions: PostgreSQL's
# own padding reports have no carestair frame and are not counted).  Ends
# "valgrind: N carestair errors (M errors in total)"; exit status 1 when
# N > 0.  Slow (the server runs ~30x slower): not part of make test.
set -uo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh

if ! command -v valgrind >/dev/null; then
	"${SUDO[@]}" apt-get install -y -qq --no-install-recommends valgrind || exit 1
fi
tests=${VALGRIND_TESTS:-"00_setup iplos beds beon decompose stochastic location travel_time hardening"}
build_and_stage || exit 1
work=$(mktemp -d -t cs-valgrind.XXXXXX)
chmod 777 "$work"
mkdir -p "$work/out"
trap 'pg_ctl_stop; rm -rf "$STAGE" "$work"' EXIT
bindir=$($PG_CONFIG --bindir)
run_as=()
[ "$(id -u)" -eq 0 ] && run_as=(runuser -u postgres --)
port=$(free_port)
"${run_as[@]}" "$bindir/initdb" -D "$work/data" -U postgres -A trust >/dev/null || exit 1
cat >> "$work/data/postgresql.conf" <<CONF
port = $port
unix_socket_directories = '$work'
listen_addresses = ''
extension_destdir = '$STAGE'
dynamic_library_path = '$STAGE$($PG_CONFIG --pkglibdir):\$libdir'
max_parallel_workers_per_gather = 0
jit = off
CONF
pg_ctl_stop() { "${run_as[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1; }

# The postmaster under memcheck; children are forked, not exec'd, so
# --trace-children is not needed for the backends.
"${run_as[@]}" valgrind --tool=memcheck --leak-check=no --error-limit=no --num-callers=30 \
	--gen-suppressions=no \
	--log-file="$work/vg.%p.log" --trace-children=no \
	"$bindir/postgres" -D "$work/data" > "$work/server.log" 2>&1 &
vg=$!
for _ in $(seq 300); do
	"$bindir/pg_isready" -h "$work" -p "$port" -q && break
	if ! kill -0 $vg 2>/dev/null; then
		echo "the server did not start under valgrind:"; cat "$work"/vg.*.log "$work/server.log" | tail -20
		exit 1
	fi
	sleep 2
done
PGHOST=$work PGPORT=$port PGUSER=postgres \
	make -s PG_CONFIG="$PG_CONFIG" installcheck REGRESS="$tests" \
	REGRESS_OPTS="--load-extension=postgis --outputdir=$work/out" 2>&1 | grep -E '^test |tests'
pg_ctl_stop
sleep 2

# Each valgrind error block starts at "==PID== <kind>" and ends at a blank
# "==PID== " line; count the blocks, and those with a frame in carestair.so.
total=0 ours=0
for log in "$work"/vg.*.log; do
	read -r t o < <(awk '
		/^==[0-9]+== [A-Z][a-z]/ && !inblock && $0 !~ /HEAP SUMMARY|LEAK SUMMARY|ERROR SUMMARY|Memcheck|Copyright|Using Valgrind|Command:|Parent PID|For lists|To see|All heap|in use at exit|total heap usage|definitely|indirectly|possibly|still reachable|suppressed|Rerun|Process terminating|If you believe|Use --track-origins|Warning: set address range/ { inblock = 1; hit = 0; t++ }
		inblock && /carestair\.so|: carestair_/ { hit = 1 }
		inblock && /^==[0-9]+== $/ { if (hit) o++; inblock = 0 }
		END { print t + 0, o + 0 }' "$log")
	total=$((total + t)); ours=$((ours + o))
	if [ "$o" -gt 0 ]; then
		mkdir -p valgrind-out && cp "$log" valgrind-out/
	fi
done
echo "valgrind: $ours carestair errors ($total errors in total) over tests: $tests"
[ "$ours" -gt 0 ] && echo "logs with carestair errors: valgrind-out/"
[ "$ours" -eq 0 ]
