#!/usr/bin/env bash
# tools/release.sh VERSION NEXT: release VERSION and open NEXT for development.
#
#   1. Freeze the full extension script of VERSION (the concatenated
#      src/*.sql, as `make` builds it) as sql/updates/carestair--VERSION.sql.
#      It is the base of the update chain and is never edited again.
#   2. Bump default_version in carestair.control to NEXT
#      (and the version expected/00_setup.out prints).
#   3. Create sql/updates/carestair--VERSION--NEXT.sql, the step script to
#      which every later change of src/*.sql must be added (empty for a
#      C-only release).
#
# test/system/update_path.sh (make test) then installs the oldest frozen
# release, updates it through sql/updates/ to the current version and
# compares the catalogue with a fresh install.  The script does not commit
# or tag: review, commit, then `git tag vVERSION` (see DEVELOPER.md).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh

if [ $# -ne 2 ]; then
	echo "usage: tools/release.sh VERSION NEXT   (e.g. 0.1.0 0.2.0)" >&2
	exit 2
fi
version=$1 next=$2
for v in "$version" "$next"; do
	if ! [[ "$v" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
		echo "release.sh: version \"$v\" is not MAJOR.MINOR.PATCH" >&2
		exit 2
	fi
done
current=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" carestair.control)
if [ "$current" != "$version" ]; then
	echo "release.sh: carestair.control has default_version '$current', not '$version'" >&2
	exit 1
fi
if [ "$version" = "$next" ]; then
	echo "release.sh: NEXT must differ from VERSION" >&2
	exit 1
fi
frozen=sql/updates/carestair--$version.sql
step=sql/updates/carestair--$version--$next.sql
if [ -e "$frozen" ] || [ -e "$step" ]; then
	echo "release.sh: $frozen or $step exists already: $version was released" >&2
	exit 1
fi

# The script exactly as `make` builds it for this version.
make -s PG_CONFIG="$PG_CONFIG" "carestair--$version.sql"
mkdir -p sql/updates
cp "carestair--$version.sql" "$frozen"

sed -i "s/^default_version *= *'.*'/default_version = '$next'/" carestair.control
# pg_regress's setup test prints the installed version.
sed -i "s/^ carestair | $version\$/ carestair | $next/" expected/00_setup.out

cat > "$step" <<STEP
-- carestair $version -> $next.  Every change to src/*.sql after $version
-- also goes here, as the statements that turn a $version installation into
-- the $next one (CREATE OR REPLACE FUNCTION, ALTER TABLE, ...; qualified as
-- in src/).  make test checks the result against a fresh install.
\\echo Use "ALTER EXTENSION carestair UPDATE TO '$next'" to load this file. \\quit
STEP

echo "released $version: froze $frozen, default_version is now $next, step script $step"
echo "next: review, run make test, commit, then git tag v$version"
