# Shared settings for the tools/ scripts (sourced, not run).
PG_CONFIG=${PG_CONFIG:-$(test -x /usr/lib/postgresql/15/bin/pg_config && echo /usr/lib/postgresql/15/bin/pg_config || echo pg_config)}
export PG_CONFIG
if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi

# Build and install the extension into the local PostgreSQL 15.
build_and_install() {
	make -s PG_CONFIG="$PG_CONFIG" all || return 1
	"${SUDO[@]}" make -s PG_CONFIG="$PG_CONFIG" install || return 1
}

# Build and install into a private staging directory ($STAGE) that a
# throwaway cluster reads through Debian's extension_destdir setting, so
# that tests never touch (or race on) the system's extension directory.
build_and_stage() {
	make -s PG_CONFIG="$PG_CONFIG" all || return 1
	STAGE=$(mktemp -d -t carestair-stage.XXXXXX) || return 1
	chmod 755 "$STAGE"
	make -s PG_CONFIG="$PG_CONFIG" install DESTDIR="$STAGE" >/dev/null || return 1
	export STAGE
}

# A port whose Unix socket is free, so that several throwaway clusters (two
# developers, or a developer and a helper) can run at once without racing for
# the same default port.
free_port() {
	local port
	for _ in $(seq 50); do
		port=$((20000 + RANDOM % 20000))
		if [ ! -e "/var/run/postgresql/.s.PGSQL.$port" ] && [ ! -e "/tmp/.s.PGSQL.$port" ]; then
			echo "$port"
			return 0
		fi
	done
	echo 5432
}

# pg_virtualenv arguments for a cluster that sees the staged build.
staged_virtualenv() {
	PGPORT=$(free_port) pg_virtualenv -t -v 15 \
		-o "extension_destdir=$STAGE" \
		-o "dynamic_library_path=$STAGE$($PG_CONFIG --pkglibdir):\$libdir" \
		"$@"
}
