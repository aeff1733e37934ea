# Shared settings for the tools/ scripts (sourced, not run).
PG_CONFIG=${PG_CONFIG:-$(test -x /usr/lib/postgresql/15/bin/pg_config && echo /usr/lib/postgresql/15/bin/pg_config || echo pg_config)}
export PG_CONFIG
if [ "$(id -u)" -eq 0 ]; then SUDO=(); else SUDO=(sudo); fi

# Build and install the extension into the local PostgreSQL 15.
build_and_install() {
	make -s PG_CONFIG="$PG_CONFIG" all || return 1
	"${SUDO[@]}" make -s PG_CONFIG="$PG_CONFIG" install || return 1
}
