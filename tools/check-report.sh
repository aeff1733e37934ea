#!/usr/bin/env bash
# Runs inside the test cluster (tools/run-suites.sh): build the demo database,
# write the council reports as `make demo` does, and check them as a reader
# gets them: each file parses as HTML, every inline SVG is well-formed XML
# (xmllint), the numbers in Målselv's report equal the queries they come
# from, and, where chromium is installed, the page renders to a PNG that is
# not blank.  Prints TAP-style "ok"/"not ok" lines.
set -uo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d -t carestair-report.XXXXXX)
trap 'rm -rf "$work"' EXIT
export CARESTAIR_REPORT_DIR=$work
db=carestair_report
PSQL=(psql -X -q -v ON_ERROR_STOP=1 -d "$db")
dropdb --if-exists "$db" >/dev/null 2>&1
createdb "$db"
if ! "${PSQL[@]}" -c 'CREATE EXTENSION carestair CASCADE' -f tools/demo.sql > "$work/demo.out" 2>&1; then
	echo "not ok - make demo's job failed: $(grep -m1 ERROR "$work/demo.out")"
	exit 1
fi
grep '^report: ' "$work/demo.out" | sed 's/^/# /'
malselv=$work/carestair-report-5524.html
if [ "$(grep -c '^report: ' "$work/demo.out")" -ge 2 ] && [ -s "$malselv" ]; then
	echo "ok - the demo wrote $(grep -c '^report: ' "$work/demo.out") reports, Målselv's first"
else
	echo "not ok - the demo did not write the reports"
	exit 1
fi

python3 tools/check_report.py html "$work"/carestair-report-*.html

mkdir "$work/svg"
n=$(python3 tools/check_report.py svgs "$malselv" "$work/svg")
if [ "$n" -ge 8 ] && xmllint --noout "$work"/svg/*.svg; then
	echo "ok - Målselv's report has $n inline SVGs, each well-formed XML (xmllint)"
else
	echo "not ok - Målselv's report: $n SVGs, or one is not well-formed XML"
fi

# Numbers shown = numbers queried (data-value holds the value the query returned, rounded as shown).
"${PSQL[@]}" -At -v file="$malselv" -f - <<'SQL'
\set html `cat :file`
INSERT INTO carestair.care_shift VALUES ('demo-dreining', 'langtidsopphold', 'omsorgsbolig_heldogn', 0.02, 2027, 'as tools/demo_report.sql') ON CONFLICT DO NOTHING;
SELECT pg_catalog.set_config('carestair.check_html', :'html', false) AS _ \gset
CREATE TEMP VIEW doc AS SELECT xmlparse(document current_setting('carestair.check_html')) AS x;
CREATE TEMP VIEW v AS
SELECT 'pyramid: males 0-4 now' AS what,
       (SELECT (xpath('//table[@id="tab-pyramid"]/tbody/tr[1]/td[2]/@data-value', x))[1]::text FROM doc) AS shown,
       (SELECT sum(persons)::text FROM carestair.population WHERE region = '5524' AND sex = 1 AND age < 5
           AND year = (SELECT max(year) FROM carestair.population WHERE region = '5524')) AS queried
UNION ALL
SELECT 'pyramid: females 90+ in 2040',
       (SELECT (xpath('//table[@id="tab-pyramid"]/tbody/tr[19]/td[5]/@data-value', x))[1]::text FROM doc),
       (SELECT round(sum(persons))::text FROM carestair.projection_result WHERE scenario = 'demo2026' AND region = '5524' AND sex = 2 AND age >= 90 AND year = 2040)
UNION ALL
SELECT 'oldest: 80+ in 2040',
       (SELECT (xpath('//table[@id="tab-oldest"]/tbody/tr[td[1] = "2040"]/td[3]/@data-value', x))[1]::text FROM doc),
       (SELECT round(persons_80_plus, 1)::text FROM carestair.projection_indicators WHERE scenario = 'demo2026' AND region = '5524' AND year = 2040)
UNION ALL
SELECT 'omsorgstrapp: hjemmesykepleie users 2040 without dreining',
       (SELECT (xpath('//table[@id="tab-care-users"]/tbody/tr[td[1] = "hjemmesykepleie" and td[2] = "2040"]/td[3]/@data-value', x))[1]::text FROM doc),
       (SELECT round(users::numeric, 1)::text FROM carestair.care_demand('5524', carestair._bi_coverage_base('5524') - 2, carestair._bi_coverage_base('5524'), carestair._bi_population_sql('demo2026', '5524'))
         WHERE year = 2040 AND level = 'hjemmesykepleie')
UNION ALL
SELECT 'omsorgstrapp: langtidsopphold places 2040 with dreining',
       (SELECT (xpath('//table[@id="tab-care-places"]/tbody/tr[starts-with(td[1], "langtidsopphold (") and td[2] = "2040"]/td[3]/@data-value', x))[1]::text FROM doc),
       (SELECT round(places::numeric, 1)::text FROM carestair.care_demand('5524', carestair._bi_coverage_base('5524') - 2, carestair._bi_coverage_base('5524'), carestair._bi_population_sql('demo2026', '5524'), 'demo-dreining')
         WHERE year = 2040 AND level = 'langtidsopphold')
UNION ALL
SELECT 'legevakt: share within 40 min, B Andslimoen alone',
       (SELECT (xpath('//table[@id="tab-legevakt-coverage"]/tbody/tr[td[1] = "B Andslimoen alone"]/td[2]/@data-value', x))[1]::text FROM doc),
       (SELECT round(100 * share_within_norm::numeric, 1)::text FROM carestair.compare_legevakt_scenarios(40) WHERE region = '5524' AND scenario = 'B Andslimoen alone')
UNION ALL
SELECT 'why dearer: gap per 1000 inhabitants',
       (SELECT (xpath('//table[@id="tab-why"]/tbody/tr[td[1] = "gap"]/td[4]/@data-value', x))[1]::text FROM doc),
       (SELECT round(per_inhabitant, 4)::text FROM carestair.why_dearer('5524', 2025, 'peer_set:Midt-Troms', 'nurse_arsverk', need_year => 2026)
         WHERE service = 'all' AND effect = 'gap')
UNION ALL
SELECT 'weekend knot: fewest staff, first unit, every 3rd weekend',
       (SELECT (xpath('//table[@id="tab-knot"]/tbody/tr[2]/td[3]/@data-value', x))[1]::text FROM doc),
       (SELECT min_headcount::text FROM carestair.weekend_knot('malselv_example', ARRAY[3]))
UNION ALL
SELECT 'beds: beds needed in 2040 (illustrative arrivals)',
       (SELECT (xpath('//table[@id="tab-beds"]/tbody/tr[td[1] = "2040"]/td[4]/@data-value', x))[1]::text FROM doc),
       (SELECT beds::text FROM carestair.short_stay_beds('5524', 2026, 1.5, 5, carestair._bi_population_sql('demo2026', '5524')) WHERE year = 2040);
SELECT CASE WHEN shown IS NOT NULL AND shown = queried THEN 'ok' ELSE 'not ok' END
       || ' - report number equals its query: ' || what || ' (report ' || coalesce(shown, 'missing') || ', query ' || coalesce(queried, 'NULL') || ')'
  FROM v;
SQL

if command -v chromium >/dev/null 2>&1; then
	if timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=800,3000 \
		--screenshot="$work/report.png" "file://$malselv" >"$work/chromium.log" 2>&1 && [ -s "$work/report.png" ]; then
		python3 tools/check_report.py png "$work/report.png"
	else
		echo "not ok - chromium could not render Målselv's report: $(tail -1 "$work/chromium.log")"
	fi
else
	echo "ok - # SKIP chromium is not installed"
fi
dropdb "$db" >/dev/null 2>&1
exit 0
