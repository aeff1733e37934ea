-- The Målselv legevakt scenarios of issue 6 (used by sql/legevakt.sql and
-- tools/demo_legevakt.sql).  Sites: 1 Bardu (Setermoen), 2 Finnsnes,
-- 11 Andslimoen (candidate), 12 Forsvaret Bardufoss (data/legevakt_load.sql).
-- The Forsvaret contribution of 2 MNOK is an ILLUSTRATIVE assumption: no
-- agreement or figure exists in the data.
\set QUIET on
DELETE FROM carestair.legevakt_scenario;
INSERT INTO carestair.legevakt_scenario (scenario, description, equal_share, population_share, use_share, contribution) VALUES
 ('A Bardu cooperation', 'Today: interkommunal legevakt in Bardu (Setermoen) for Ibestad, Lavangen, Bardu, Salangen, Målselv, Dyrøy; key 10 % equal / 90 % population', 0.1, 0.9, 0, 0),
 ('B Andslimoen alone', 'Målselv runs its own legevakt at the health centre at Andslimoen', 0.1, 0.9, 0, 0),
 ('C Finnsnes cooperation', 'Målselv joins Senja and Sørreisa at Finnsnes; key 10 % equal / 90 % population', 0.1, 0.9, 0, 0),
 ('D Andslimoen with Forsvaret', 'Andslimoen for Målselv with an ILLUSTRATIVE Forsvaret contribution of 2 MNOK a year (an assumption, not an agreement)', 0.1, 0.9, 0, 2000000),
 ('E Bardu without Målselv', 'The Bardu cooperation if Målselv leaves', 0.1, 0.9, 0, 0);
INSERT INTO carestair.legevakt_scenario_site (scenario, site_id) VALUES
 ('A Bardu cooperation', 1), ('B Andslimoen alone', 11), ('C Finnsnes cooperation', 2),
 ('D Andslimoen with Forsvaret', 11), ('E Bardu without Målselv', 1);
INSERT INTO carestair.legevakt_scenario_member (scenario, region)
SELECT 'A Bardu cooperation', r FROM unnest(ARRAY['5514', '5518', '5520', '5522', '5524', '5528']) AS r
UNION ALL SELECT 'B Andslimoen alone', '5524'
UNION ALL SELECT 'C Finnsnes cooperation', r FROM unnest(ARRAY['5524', '5526', '5530']) AS r
UNION ALL SELECT 'D Andslimoen with Forsvaret', '5524'
UNION ALL SELECT 'E Bardu without Målselv', r FROM unnest(ARRAY['5514', '5518', '5520', '5522', '5528']) AS r;
\set QUIET off
