#!/usr/bin/env bash
# Install what carestair needs to build and test on Debian 12, if missing.
# Runs apt-get directly as root, through sudo otherwise; does nothing when
# every package is already there.
set -euo pipefail

PACKAGES=(
	build-essential
	postgresql-15
	postgresql-server-dev-15
	postgresql-15-postgis-3
	postgresql-15-pgtap
	libtap-parser-sourcehandler-pgtap-perl
	libxml2-utils
	python3
	chromium
	postgresql-15-pgrouting
)

missing=()
for p in "${PACKAGES[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		missing+=("$p")
	fi
done

if [ ${#missing[@]} -eq 0 ]; then
	exit 0
fi

echo "carestair: installing missing packages: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
	SUDO=()
elif command -v sudo >/dev/null 2>&1; then
	SUDO=(sudo)
else
	echo "carestair: need root or sudo to install: ${missing[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
