-- Demographic noise (doc/stochastic.md): unbiased against the deterministic
-- projection, and a draw independent of the other draws of the run.
-- Run from the repository root (make test does): paths are relative to it.
\set QUIET on
\o /dev/null
\i data/load.sql
\o
\set mx `cat data/mortality/hmd_norway_Mx_1x1_1990_2023.txt`
BEGIN;
SELECT plan(4);

-- Bardu (4,004 persons on 1 January 2026), rates of 2019-2023 held constant.
INSERT INTO carestair.projection_scenario (scenario, description, base_year, last_year) VALUES ('noise', 'demographic noise only', 2026, 2034);
INSERT INTO carestair.mortality (scenario, region, year, sex, age, q) SELECT 'noise', '0000', 2026, sex, age, q FROM carestair.mortality_from_hmd(:'mx', 2019, 2023);
INSERT INTO carestair.fertility (scenario, region, year, age, rate) SELECT 'noise', '5520', 2026, f.age, f.rate FROM carestair.fertility_indirect('5520', 2019, 2023) AS f;
INSERT INTO carestair.migration (scenario, region, year, sex, age, immigrants, emigration_rate) SELECT 'noise', '5520', 2026, m.sex, m.age, m.immigrants, m.emigration_rate FROM carestair.migration_residual('5520', 2019, 2023, 'noise') AS m;
INSERT INTO carestair.stochastic_parameters VALUES ('noise', 0, 0.95, 0, 0, 0, 0.7, 0, 0.7, false, 'level noise off');
INSERT INTO carestair.age_grouping (scheme, age_from, age_to, label) VALUES ('noise80', 80, NULL, '80+');

-- The deterministic path: no noise at all.
CREATE TEMP TABLE det AS
SELECT year, age_group, mean FROM carestair.project_population_intervals('noise', ARRAY['5520'], 2034, 1, 1, '{0.5}', 'noise80') WHERE sex IS NULL;
UPDATE carestair.stochastic_parameters SET demographic_noise = true WHERE scenario = 'noise';

-- Unbiased: the expected value of every event count is that of the
-- deterministic step, and the step is linear, so the mean of the draws equals
-- the deterministic projection in every year.  60,000 draws; the standard
-- deviation of a draw from the interquartile range (IQR / 1.349, the draws
-- are close to normal).  A bias of one standard error of the mean of 2,000
-- draws (sd / sqrt(2000)) is 5.5 standard errors of this mean, and the
-- tolerance 0.6 of it (3.3 standard errors here): such a bias fails, chance
-- does not.  The former model (trial counts rounded half up, deaths capped at
-- the cohort) fails it for the 80+ from the second year on.
CREATE TEMP TABLE sto AS
SELECT year, age_group, mean, (quantile_values[2] - quantile_values[1]) / 1.349 AS sd
  FROM carestair.project_population_intervals('noise', ARRAY['5520'], 2034, 60000, 7, '{0.25,0.75}', 'noise80') WHERE sex IS NULL;
SELECT is((SELECT count(*) FROM sto JOIN det USING (year, age_group)), 16::bigint, 'bias test: 8 years x (total, 80+)');
SELECT is((SELECT string_agg(format('%s %s: mean %s, deterministic %s, %s se(2000)', year, age_group, round(sto.mean::numeric, 3), round(det.mean::numeric, 3),
                                    round(((sto.mean - det.mean) / (sto.sd / sqrt(2000)))::numeric, 2)), '; ' ORDER BY age_group, year)
             FROM sto JOIN det USING (year, age_group)
            WHERE abs(sto.mean - det.mean) > 0.6 * sto.sd / sqrt(2000)),
          NULL, 'mean of 60,000 draws with demographic noise within 0.6 standard errors (of 2,000 draws) of the deterministic path, every year, total and 80+');
SELECT ok((SELECT bool_and(sd > 0) FROM sto), 'the noise is there');

-- A draw does not depend on how many draws the run has.
SELECT is((SELECT array_agg(persons ORDER BY draw, year, sex, age) FROM carestair.project_population_draws('noise', '5520', 2030, 3, 5)),
          (SELECT array_agg(persons ORDER BY draw, year, sex, age) FROM carestair.project_population_draws('noise', '5520', 2030, 11, 5) WHERE draw <= 3),
          'draws 1-3 alone equal draws 1-3 of 11');

SELECT * FROM finish();
ROLLBACK;
