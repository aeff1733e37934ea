# Shared by the system tests (sourced by test/system/*.sh): TAP output and a
# psql that stops on the first error.  Each test runs inside the throwaway
# cluster of `make test` (pg_virtualenv sets PGHOST, PGPORT, PGUSER).
n_tap=0
tap() {	# tap CONDITION-EXIT-CODE DESCRIPTION
	n_tap=$((n_tap + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n_tap - $2"; else echo "not ok $n_tap - $2"; fi
}
skip() {
	n_tap=$((n_tap + 1))
	echo "ok $n_tap - # SKIP $1"
}
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -P pager=off)
fresh_db() {	# fresh_db NAME: an empty database
	dropdb --if-exists "$1" >/dev/null 2>&1
	createdb "$1"
}
