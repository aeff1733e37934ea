#!/usr/bin/env bash
# Runs inside the throwaway cluster of bench/legevakt_national.sh.
set -euo pipefail
createdb bench
P=(psql -X -q -v ON_ERROR_STOP=1 -d bench)
"${P[@]}" -c 'CREATE EXTENSION carestair CASCADE' -c 'CREATE EXTENSION pgrouting' 2>/dev/null
# pg_read_file needs the files readable by the server: copy them to /tmp.
tmp=$(mktemp -d); chmod 755 "$tmp"; mkdir -p "$tmp/geo" "$tmp/roads"
cp "$SHARED"/geo/{kommuner_2024_S.geojson,ssb_befolkning_1km_2015_norge.csv,legevakter_2024.geojson} "$tmp/geo/"
cp "$SHARED"/roads/n1000_veglenke_norway_utm33.tsv "$tmp/roads/"
chmod -R a+r "$tmp"
"${P[@]}" -v shared="$tmp" -f bench/legevakt_national_load.sql
rm -rf "$tmp"

time_best() {
	for _ in $(seq "$REPEATS"); do
		printf 'SET jit = off;\n\\timing on\n%s;\n' "$1" | "${P[@]}" -At | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p'
	done | sort -n | head -n 1
}
# pgRouting's inputs: every cell and legevakt on its nearest graph vertex (not timed).
"${P[@]}" <<'SQL'
CREATE TABLE vtx AS SELECT DISTINCT ON (v) v, g AS geom FROM (
    SELECT source AS v, ST_StartPoint(geom) AS g FROM carestair.road_edge UNION ALL SELECT target, ST_EndPoint(geom) FROM carestair.road_edge) x ORDER BY v;
CREATE INDEX ON vtx USING gist (geom);
CREATE TABLE cell_v AS SELECT d.point_id, (SELECT v FROM vtx ORDER BY vtx.geom <-> d.geom LIMIT 1) AS v FROM carestair.demand_point d;
CREATE TABLE site_v AS SELECT s.site_id, (SELECT v FROM vtx ORDER BY vtx.geom <-> s.geom LIMIT 1) AS v FROM carestair.site s;
SQL
CS="SELECT count(minutes) FROM carestair.nearest_site_times('SELECT point_id, geom FROM carestair.demand_point', 'SELECT site_id, geom FROM carestair.site WHERE kind = ''existing''')"
PGR="SELECT count(*) FROM (SELECT end_vid, min(agg_cost) FROM pgr_dijkstraCost('SELECT id, source, target, reverse_minutes AS cost, minutes AS reverse_cost FROM carestair.road_edge', (SELECT array_agg(DISTINCT v) FROM site_v), (SELECT array_agg(DISTINCT v) FROM cell_v), true) GROUP BY end_vid) m"
t_cs=$(time_best "$CS")
t_pgr=$(time_best "$PGR")
t_norm=$(time_best "SELECT count(*) FROM carestair.legevakt_norm_check")
echo "== national legevakt times: $("${P[@]}" -At -c "SELECT count(*) || ' cells (' || sum(persons) || ' persons) x ' || (SELECT count(*) FROM carestair.site) || ' legevakter over ' || (SELECT count(*) FROM carestair.road_edge) || ' N1000 edges (Kartverket)' FROM carestair.demand_point")"
echo "carestair.nearest_site_times, one call (graph build + attach + multi-source Dijkstra): ${t_cs} ms"
echo "pgRouting pgr_dijkstraCost from every legevakt vertex, min per cell vertex (snapping not timed): ${t_pgr} ms"
echo "carestair.legevakt_norm_check (the view, all kommuner): ${t_norm} ms"
awk -v a="$t_cs" -v b="$t_pgr" 'BEGIN { printf "speed ratio pgRouting/carestair: %.1f (target >= 10); carestair under 10 s: %s\n", b / a, (a < 10000 ? "yes" : "NO") }'
# Same search, same answers: on the vertices, carestair's graph distances equal pgRouting's (vertices that are
# a legevakt's own are left out: pgr_dijkstraCost returns no row for a start equal to the end).
"${P[@]}" -At -c "
WITH ours AS (SELECT n.point_id AS v, n.minutes FROM carestair.nearest_site_times(
        'SELECT DISTINCT v, vtx.geom FROM cell_v JOIN vtx USING (v) WHERE v NOT IN (SELECT v FROM site_v)', 'SELECT DISTINCT v, vtx.geom FROM site_v JOIN vtx USING (v)') n),
     theirs AS (SELECT end_vid AS v, min(agg_cost) AS minutes FROM pgr_dijkstraCost('SELECT id, source, target, reverse_minutes AS cost, minutes AS reverse_cost FROM carestair.road_edge',
        (SELECT array_agg(DISTINCT v) FROM site_v), (SELECT array_agg(DISTINCT v) FROM cell_v WHERE v NOT IN (SELECT v FROM site_v)), true) GROUP BY end_vid)
SELECT 'cell vertices compared: ' || count(*) || ', reached by both: ' || count(t.v) || ', reached by carestair only: ' || count(o.minutes) FILTER (WHERE t.v IS NULL)
       || ', max |difference| in minutes: ' || coalesce(max(abs(o.minutes - t.minutes)), 0)
  FROM ours o LEFT JOIN theirs t USING (v)"
echo "== national norm check (NOU 2015:17: 90 % within 40 minutes; roads Kartverket N1000, speeds carestair's assumptions)"
"${P[@]}" -c "SET jit = off" -c "CREATE TABLE nc AS SELECT * FROM carestair.legevakt_norm_check" -c "
SELECT sum(persons) AS persons,
       round((100 * sum(share_20 * persons::float8) / sum(persons::float8))::numeric, 1)::text || ' %' AS within_20,
       round((100 * sum(share_40 * persons::float8) / sum(persons::float8))::numeric, 1)::text || ' %' AS within_40,
       round((100 * sum(share_60 * persons::float8) / sum(persons::float8))::numeric, 1)::text || ' %' AS within_60,
       sum(persons_unreachable) AS unreachable, sum(persons_fallback) AS fallback,
       count(*) AS kommuner, count(*) FILTER (WHERE NOT meets_norm) AS below_norm,
       sum(persons) FILTER (WHERE NOT meets_norm) AS persons_in_kommuner_below
  FROM nc" -c "
SELECT region, name, persons, round(100 * share_40::numeric, 1) AS \"% within 40\", round(mean_minutes::numeric, 1) AS mean_min, persons_unreachable
  FROM nc WHERE NOT meets_norm ORDER BY share_40, region LIMIT 15" -c "SELECT string_agg(name || ' ' || round(100 * share_40::numeric) || ' %', ', ' ORDER BY share_40, region) AS all_kommuner_below_norm FROM nc WHERE NOT meets_norm"
