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
-- Modules not installed on this branch show a "not available" box.
SELECT count(*) AS not_available_boxes FROM s, unnest(xpath('//div[@class = "box unavailable"]', xmlparse(document html))) AS b;
-- Escaping.
SELECT carestair._html('<a href="x">Tom & Jerry''s</a>');
-- Bad input.
SELECT carestair.report_html(NULL);
SELECT carestair.report_html('5524', lang => 'de');
SELECT carestair.report_html('5524', draws => 5);
SELECT carestair.report_html('5524', beds_arrivals_per_day => 1.5);
SELECT carestair.report_html('5524', beds_arrivals_per_day => -1, beds_mean_stay_days => 5);
DELETE FROM carestair.region WHERE region = '9998';
