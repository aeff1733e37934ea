\set SHOW_CONTEXT never
-- carestair.report_html: the page is built whatever is missing; text from the database is escaped.
-- (The full Målselv report on the demo data, its numbers, SVGs and rendering are checked by tools/check-report.sh.)
INSERT INTO carestair.region (region, name, valid_from) VALUES ('9998', '<script>alert(1)</script> & "Co"', 2024);
CREATE TEMP TABLE r AS SELECT carestair.report_html('9998') AS html;
SELECT xml_is_well_formed_document(html) AS well_formed, html LIKE '<!DOCTYPE html>%' AS doctype FROM r;
SELECT position('<script' IN html) AS script_tags, position('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Co&quot;' IN html) > 0 AS name_escaped FROM r;
-- Each missing input is a visible box, never an empty chart.
SELECT (xpath('count(//div[contains(@class, "box")])', xmlparse(document html)))[1]::text::integer AS boxes,
       (xpath('count(//*[local-name() = "svg"])', xmlparse(document html)))[1]::text::integer AS charts FROM r;
SELECT unnest(xpath('//div[contains(@class, "box")]/text()', xmlparse(document html)))::text AS box FROM r;
-- A scenario that does not exist: the population sections still draw, the projection ones say why not.
CREATE TEMP TABLE s AS SELECT carestair.report_html('5524', 'no such scenario', lang => 'en') AS html;
SELECT xml_is_well_formed_document(html) AS well_formed FROM s;
SELECT count(*) AS boxes_naming_the_scenario FROM s, unnest(xpath('//div[contains(@class, "box")]/text()', xmlparse(document html))) AS b
 WHERE b::text LIKE '%The scenario "no such scenario" does not exist.%';
-- The pyramid's numbers are the population's (latest year, males 0-4 and females 90+).
SELECT (xpath('//table[@id="tab-pyramid"]/tbody/tr[1]/td[2]/@data-value', xmlparse(document html)))[1]::text::bigint
     = (SELECT sum(persons) FROM carestair.population WHERE region = '5524' AND sex = 1 AND age < 5
           AND year = (SELECT max(year) FROM carestair.population WHERE region = '5524')) AS males_0_4,
       (xpath('//table[@id="tab-pyramid"]/tbody/tr[19]/td[3]/@data-value', xmlparse(document html)))[1]::text::bigint
     = (SELECT sum(persons) FROM carestair.population WHERE region = '5524' AND sex = 2 AND age >= 90
           AND year = (SELECT max(year) FROM carestair.population WHERE region = '5524')) AS females_90_plus
  FROM s;
-- Every SVG on its own is well-formed XML with a title.
SELECT bool_and(xml_is_well_formed_document(v::text)) AS svgs_well_formed, bool_and(v::text LIKE '%<title>%') AS svgs_titled
  FROM s, unnest(xpath('//*[local-name() = "svg"]', xmlparse(document html))) AS v;
-- Every module is installed: no "not available" box.
SELECT count(*) AS not_available_boxes FROM s, unnest(xpath('//div[@class = "box unavailable"]', xmlparse(document html))) AS b;
-- The merged modules' sections with real rows (5524, scenario main2024): SSB's 80+ beside carestair's, the SSB
-- comparison, dementia and the legevakt norm row; each number shown equals its query.
CREATE TEMP TABLE m AS SELECT carestair.report_html('5524', 'main2024', lang => 'en') AS html;
SELECT xml_is_well_formed_document(html) AS well_formed,
       (xpath('count(//figure[@id="fig-oldest"]//*[local-name() = "text"][starts-with(., "SSB 80+ (14746 2026 MMMM)")])', xmlparse(document html)))[1]::text AS ssb_80_in_chart
  FROM m;
SELECT unnest(xpath('//div[contains(@class, "box")]/text()', xmlparse(document html)))::text AS box FROM m;
SELECT (xpath('//table[@id="tab-ssb"]/tbody/tr[td[1] = "2040" and td[2] = "80+"]/td[4]/@data-value', xmlparse(document html)))[1]::text
     = (SELECT persons::text FROM carestair.ssb_projection WHERE table_id = '14746' AND vintage = 2026 AND alternative = 'MMMM' AND region = '5524'
           AND year = 2040 AND sex IS NULL AND age_from = 80 AND age_to IS NULL) AS ssb_80_2040,
       (xpath('//table[@id="tab-ssb"]/tbody/tr[td[1] = "2040" and td[2] = "80+"]/td[3]/@data-value', xmlparse(document html)))[1]::text
     = (SELECT round(carestair_persons, 1)::text FROM carestair.scenario_vs_ssb WHERE scenario = 'main2024' AND region = '5524' AND table_id = '14746'
           AND vintage = 2026 AND alternative = 'MMMM' AND year = 2040 AND sex IS NULL AND age_group = '80+') AS carestair_80_2040,
       (xpath('//table[@id="tab-dementia"]/tbody/tr[td[1] = "2040"]/td[2]/@data-value', xmlparse(document html)))[1]::text
     = (SELECT round(sum(with_dementia)::numeric)::text FROM carestair.dementia_estimate(
           'SELECT region, year, sex, age, persons FROM carestair.projection_result WHERE scenario = ''main2024'' AND region = ''5524''') WHERE year = 2040) AS dementia_2040,
       (xpath('//table[@id="tab-legevakt-norm"]/tbody/tr[1]/td[3]/@data-value', xmlparse(document html)))[1]::text
     = (SELECT round(100 * share_40::numeric, 1)::text FROM carestair.legevakt_norm_check WHERE region = '5524') AS norm_share_40
  FROM m;
-- The plans of a kommune (Hustadvika, example plan): indicators target against actual, and the 5 x 5 risk matrix.
CREATE TEMP TABLE h AS SELECT carestair.report_html('1579', lang => 'en') AS html;
SELECT xml_is_well_formed_document(html) AS well_formed,
       (xpath('count(//table[@id="tab-indicators-hustadvika_hop"]/tbody/tr)', xmlparse(document html)))[1]::text::integer
     = (SELECT count(*) FROM carestair.indicator_status AS i WHERE plan = 'hustadvika_hop'
           AND (actual IS NOT NULL OR year = (SELECT max(year) FROM carestair.indicator_status AS j WHERE j.plan = i.plan AND j.indicator = i.indicator))) AS indicator_rows,
       (xpath('count(//figure[@id="fig-risk-hustadvika_hop"]//*[local-name() = "rect"][@stroke = "#ffffff"])', xmlparse(document html)))[1]::text AS matrix_cells,
       (xpath('count(//table[@id="tab-risk-hustadvika_hop"]/tbody/tr)', xmlparse(document html)))[1]::text::integer
     = (SELECT count(*) FROM carestair.risk_matrix WHERE plan = 'hustadvika_hop' AND risks > 0) AS risk_rows
  FROM h;
SELECT unnest(xpath('//figure[@id="fig-indicators-hustadvika_hop"]//span[@class = "note"]/text()', xmlparse(document html)))::text AS note FROM h;
-- A section whose query fails becomes a box with the error; the other sections and the page are still built.
BEGIN;
ALTER VIEW carestair.legevakt_norm_check RENAME TO legevakt_norm_check_gone;
SELECT b::text AS box
  FROM (SELECT carestair.report_html('5524', 'main2024', lang => 'en') AS html) AS x,
       unnest(xpath('//div[contains(@class, "box")]', xmlparse(document x.html))) AS b
 WHERE b::text LIKE '%Error%';
ROLLBACK;
-- A chart spec whose series found no rows (JSON null points) draws nothing instead of failing.
SELECT carestair._svg_line_chart('t', 'x', 'y', '{"series": [{"label": "a", "points": null}], "bands": null}') IS NULL AS no_chart,
       carestair._svg_risk_matrix('t', 'null', 'en') IS NULL AS no_matrix;
-- Escaping.
SELECT carestair._html('<a href="x">Tom & Jerry''s</a>');
-- Bad input.
SELECT carestair.report_html(NULL);
SELECT carestair.report_html('5524', lang => 'de');
SELECT carestair.report_html('5524', draws => 5);
SELECT carestair.report_html('5524', beds_arrivals_per_day => 1.5);
SELECT carestair.report_html('5524', beds_arrivals_per_day => -1, beds_mean_stay_days => 5);
DELETE FROM carestair.region WHERE region = '9998';
