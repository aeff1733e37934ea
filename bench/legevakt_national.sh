#!/usr/bin/env bash
# Benchmark: the national legevakt norm check.  Every inhabited SSB 1 km cell
# of Norway (55,213) to the nearest of the 167 legevakter over Kartverket's
# N1000 road network (CC BY 4.0, credit "Kartverket"), in one call of
# carestair.nearest_site_times (graph built from the loaded links, cells and
# sites attached to the nearest road, one multi-source Dijkstra in C),
# against pgRouting 3.4 doing the same search (pgr_dijkstraCost from every
# site's vertex on the reversed graph, min per cell vertex; its snapping to
# vertices is done beforehand and NOT timed, which favours pgRouting), in
# the same run.  Then the national numbers of carestair.legevakt_norm_check.
# Reads the shared data (not bundled): SHARED=/path/to/shared/data.
# Usage: bench/legevakt_national.sh [repeats]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/common.sh
export REPEATS=${1:-3}
if [ -z "${SHARED:-}" ]; then
	for d in ../shared/data ../../shared/data /work/shared/data; do
		if [ -f "$d/roads/n1000_veglenke_norway_utm33.tsv" ]; then SHARED=$(cd "$d" && pwd); break; fi
	done
fi
export SHARED
build_and_stage
trap 'rm -rf "$STAGE"' EXIT
staged_virtualenv bench/legevakt_national_inner.sh
