-- carestair demo, report section (issue 16): the council report for Målselv
-- and each seed kommune (data/SOURCES.md; also any projected or in a peer set), written as self-contained HTML files.  Expects the
-- demo data (tools/demo.sql).  Files go to $CARESTAIR_REPORT_DIR, default
-- reports/ in the current directory; one line "report: PATH" per file.
\echo
\echo '== Report. The council report (carestair.report_html): one self-contained HTML page per kommune'
\getenv repdir CARESTAIR_REPORT_DIR
\if :{?repdir}
\else
\set repdir reports
\! mkdir -p reports
\endif
\set QUIET on
INSERT INTO carestair.care_shift VALUES
  ('demo-dreining', 'langtidsopphold', 'omsorgsbolig_heldogn', 0.02, 2027, 'Example: 2 % a year from long-term places to staffed housing')
ON CONFLICT DO NOTHING;
SELECT count(*) AS _ FROM carestair.refresh_bi() \gset
\pset tuples_only on
\pset format unaligned
\o :repdir/.write_reports.psql
SELECT format(E'SELECT carestair.report_html(%L, dreining => %L) \\g (format=unaligned tuples_only=on) %s\n\\echo report: %s',
              k.region, 'demo-dreining', p.path, p.path)
  FROM (SELECT unnest(regions) AS region FROM carestair.projection_run
        UNION SELECT region FROM carestair.peer_set_member
        UNION SELECT unnest('{5524,5520,5532,5526,5530,5518,5522,5528,5514,5028,5610,5601,1579}'::text[])) AS k,
       LATERAL (SELECT :'repdir' || '/carestair-report-' || k.region || '.html' AS path) AS p
 ORDER BY k.region <> '5524', k.region;
\o
\i :repdir/.write_reports.psql
\! rm -f "$CARESTAIR_REPORT_DIR/.write_reports.psql" reports/.write_reports.psql
\pset tuples_only off
\pset format aligned
DELETE FROM carestair.care_shift WHERE scenario = 'demo-dreining';
\set QUIET off
