
-- ---------------------------------------------------------------------------
-- kostra: the KOSTRA data model for "why we run dearer": accounts by
-- function in long form, the pleie og omsorg function catalogue (with the
-- 2024 split of 254 into 257 + 258), KOSTRA groups with validity periods,
-- peer sets, recipients and resources by service, and the inntektssystem's
-- need index.  See doc/kostra.md.
-- ---------------------------------------------------------------------------

CREATE TABLE carestair.kostra_function (
    code        text PRIMARY KEY
                CONSTRAINT kostra_function_code_is_three_digits CHECK (code ~ '^[0-9]{3}$'),
    name        text NOT NULL,
    name_en     text NOT NULL,
    area        text NOT NULL
                CONSTRAINT kostra_function_area CHECK (area IN ('pleie_og_omsorg', 'kommunehelse')),
    service     text NOT NULL
                CONSTRAINT kostra_function_service CHECK (service IN ('aktivisering', 'behandling', 'institusjon', 'hjemmetjenester', 'akutt')),
    series      text NOT NULL,
    first_year  integer,
    last_year   integer CONSTRAINT kostra_function_years CHECK (last_year >= first_year),
    builtin     boolean NOT NULL DEFAULT false
);

COMMENT ON TABLE carestair.kostra_function IS
  'KOSTRA functions (kontoplan) of pleie og omsorg and kommunehelse that carestair analyses; 254 ended in 2023 and was split into 257 + 258. See doc/kostra.md.';
COMMENT ON COLUMN carestair.kostra_function.code IS 'KOSTRA function code, three digits, e.g. ''253''.';
COMMENT ON COLUMN carestair.kostra_function.name IS 'Name in Norwegian (KOSTRA kontoplan).';
COMMENT ON COLUMN carestair.kostra_function.name_en IS 'Name in English.';
COMMENT ON COLUMN carestair.kostra_function.area IS 'Sector: pleie_og_omsorg (need index sector pleie og omsorg) or kommunehelse.';
COMMENT ON COLUMN carestair.kostra_function.service IS 'Service the function finances: aktivisering, behandling, institusjon, hjemmetjenester or akutt.';
COMMENT ON COLUMN carestair.kostra_function.series IS 'Comparable series the function belongs to: 254, 257 and 258 form the series ''254'' (hjemmetjenester) so that time series run across the 2024 split.';
COMMENT ON COLUMN carestair.kostra_function.first_year IS 'First accounting year the function exists (NULL: before any year carestair covers).';
COMMENT ON COLUMN carestair.kostra_function.last_year IS 'Last accounting year the function exists (NULL: still in use).';
COMMENT ON COLUMN carestair.kostra_function.builtin IS 'True for rows shipped with the extension.';

INSERT INTO carestair.kostra_function (code, name, name_en, area, service, series, first_year, last_year, builtin) VALUES
  ('234', 'Aktiviserings- og servicetjenester overfor eldre og personer med funksjonsnedsettelser',
          'Activity and service provision for the elderly and the disabled', 'pleie_og_omsorg', 'aktivisering', '234', NULL, NULL, true),
  ('241', 'Diagnose, behandling, re-/habilitering', 'Diagnosis, treatment, rehabilitation',
          'kommunehelse', 'behandling', '241', NULL, NULL, true),
  ('253', 'Helse- og omsorgstjenester i institusjon', 'Health and care services in institutions',
          'pleie_og_omsorg', 'institusjon', '253', NULL, NULL, true),
  ('254', 'Helse- og omsorgstjenester til hjemmeboende', 'Health and care services to home-dwellers',
          'pleie_og_omsorg', 'hjemmetjenester', '254', NULL, 2023, true),
  ('256', 'Akuttberedskap i helse- og omsorgstjenesten', 'Emergency preparedness in health and care services',
          'pleie_og_omsorg', 'akutt', '256', NULL, NULL, true),
  ('257', 'Hjemmetjenester - personellbase knyttet til bofellesskap/samlokaliserte omsorgsboliger',
          'Home services - staff base attached to shared or co-located care housing', 'pleie_og_omsorg', 'hjemmetjenester', '254', 2024, NULL, true),
  ('258', 'Hjemmetjenester - ambulerende virksomhet med mer', 'Home services - ambulatory services and other',
          'pleie_og_omsorg', 'hjemmetjenester', '254', 2024, NULL, true),
  ('261', 'Institusjonslokaler', 'Institution premises', 'pleie_og_omsorg', 'institusjon', '261', NULL, NULL, true);

SELECT pg_catalog.pg_extension_config_dump('carestair.kostra_function', 'WHERE NOT builtin');

CREATE TABLE carestair.kostra_measure (
    measure     text PRIMARY KEY
                CONSTRAINT kostra_measure_is_identifier CHECK (measure ~ '^[a-z][a-z0-9_]*$'),
    name        text NOT NULL,
    labels      text[] NOT NULL,
    builtin     boolean NOT NULL DEFAULT false
);

COMMENT ON TABLE carestair.kostra_measure IS
  'Accounting measures (SSB "art" aggregates) and the labels SSB exports use for them, lower case. See doc/kostra.md.';
COMMENT ON COLUMN carestair.kostra_measure.measure IS 'Identifier, e.g. brutto_driftsutgifter.';
COMMENT ON COLUMN carestair.kostra_measure.name IS 'Name as SSB writes it.';
COMMENT ON COLUMN carestair.kostra_measure.labels IS 'Lower-case labels (after any leading code such as ''AGD2'') by which the importer recognises the measure.';
COMMENT ON COLUMN carestair.kostra_measure.builtin IS 'True for rows shipped with the extension.';

INSERT INTO carestair.kostra_measure (measure, name, labels, builtin) VALUES
  ('brutto_driftsutgifter', 'Brutto driftsutgifter',
   '{"brutto driftsutgifter","gross operating expenditure","gross operating expenditures"}', true),
  ('korrigerte_brutto_driftsutgifter', 'Korrigerte brutto driftsutgifter',
   '{"korrigerte brutto driftsutgifter","adjusted gross operating expenditure","adjusted gross operating expenditures","corrected gross operating expenditure","corrected gross operating expenditures"}', true),
  ('netto_driftsutgifter', 'Netto driftsutgifter',
   '{"netto driftsutgifter","net operating expenditure","net operating expenditures"}', true),
  ('lonnsutgifter', 'Lønnsutgifter',
   '{"lønnsutgifter","lonnsutgifter","salaries","salary expenditure","wages and salaries"}', true);

SELECT pg_catalog.pg_extension_config_dump('carestair.kostra_measure', 'WHERE NOT builtin');

CREATE TABLE carestair.kostra_figure (
    region        text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year          integer NOT NULL
                  CONSTRAINT kostra_figure_year_range CHECK (year BETWEEN 1990 AND 2200),
    function_code text NOT NULL REFERENCES carestair.kostra_function (code) ON UPDATE CASCADE,
    measure       text NOT NULL REFERENCES carestair.kostra_measure (measure) ON UPDATE CASCADE,
    value         numeric NOT NULL,
    unit          text NOT NULL
                  CONSTRAINT kostra_figure_unit CHECK (unit IN ('NOK 1000', 'NOK per inhabitant')),
    source_table  text NOT NULL,
    PRIMARY KEY (region, year, function_code, measure, unit)
);

COMMENT ON TABLE carestair.kostra_figure IS
  'KOSTRA accounts in long form: one value per kommune, year, function, measure and unit, with the SSB table it came from. See doc/kostra.md.';
COMMENT ON COLUMN carestair.kostra_figure.region IS 'Kommunenummer (carestair.region), current borders.';
COMMENT ON COLUMN carestair.kostra_figure.year IS 'Accounting year.';
COMMENT ON COLUMN carestair.kostra_figure.function_code IS 'KOSTRA function (carestair.kostra_function).';
COMMENT ON COLUMN carestair.kostra_figure.measure IS 'Accounting measure (carestair.kostra_measure), e.g. brutto_driftsutgifter.';
COMMENT ON COLUMN carestair.kostra_figure.value IS 'The figure, in unit; current NOK of the accounting year.';
COMMENT ON COLUMN carestair.kostra_figure.unit IS '''NOK 1000'' (SSB "1 000 kr") or ''NOK per inhabitant''.';
COMMENT ON COLUMN carestair.kostra_figure.source_table IS 'SSB statbank table (or other source) the value came from, e.g. ''SSB 12362''.';

SELECT pg_catalog.pg_extension_config_dump('carestair.kostra_figure', '');

/*
 * kostra_series: comparable series by region, year, measure and unit.  The
 * series '254' is function 254 up to 2023 and 257 + 258 from 2024; it is
 * complete only when every function of the series that exists that year is
 * present.  Both units are additive across functions.
 */
CREATE VIEW carestair.kostra_series AS
SELECT f.region, f.year, k.series, f.measure, f.unit,
       pg_catalog.sum(f.value) AS value,
       pg_catalog.array_agg(f.function_code ORDER BY f.function_code) AS functions,
       pg_catalog.count(*) OPERATOR(pg_catalog.=)
         (SELECT pg_catalog.count(*) FROM carestair.kostra_function AS e
           WHERE e.series OPERATOR(pg_catalog.=) k.series
             AND (e.first_year IS NULL OR e.first_year OPERATOR(pg_catalog.<=) f.year)
             AND (e.last_year IS NULL OR e.last_year OPERATOR(pg_catalog.>=) f.year)) AS complete
  FROM carestair.kostra_figure AS f
  JOIN carestair.kostra_function AS k ON k.code OPERATOR(pg_catalog.=) f.function_code
 GROUP BY f.region, f.year, k.series, f.measure, f.unit;

COMMENT ON VIEW carestair.kostra_series IS
  'KOSTRA figures summed into comparable series: ''254'' = 254 to 2023, 257 + 258 from 2024. See doc/kostra.md.';
COMMENT ON COLUMN carestair.kostra_series.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.kostra_series.year IS 'Accounting year.';
COMMENT ON COLUMN carestair.kostra_series.series IS 'Series code (carestair.kostra_function.series).';
COMMENT ON COLUMN carestair.kostra_series.measure IS 'Accounting measure.';
COMMENT ON COLUMN carestair.kostra_series.unit IS '''NOK 1000'' or ''NOK per inhabitant''.';
COMMENT ON COLUMN carestair.kostra_series.value IS 'Sum over the functions of the series present for that year.';
COMMENT ON COLUMN carestair.kostra_series.functions IS 'The function codes summed.';
COMMENT ON COLUMN carestair.kostra_series.complete IS 'True when every function of the series that exists in that year is present (for 254 from 2024: both 257 and 258).';

-- KOSTRA groups (SSB kommunegrupper) and who belongs to which, when.
CREATE TABLE carestair.kostra_group (
    code            text PRIMARY KEY,
    name            text NOT NULL,
    classification  text NOT NULL
);

COMMENT ON TABLE carestair.kostra_group IS
  'SSB KOSTRA groups (kommunegrupper), e.g. code ''EKA11'' in classification ''SSB 2024''. Not shipped (not available offline). See doc/kostra.md.';
COMMENT ON COLUMN carestair.kostra_group.code IS 'SSB''s code for the group, e.g. ''EKA11''.';
COMMENT ON COLUMN carestair.kostra_group.name IS 'SSB''s name of the group.';
COMMENT ON COLUMN carestair.kostra_group.classification IS 'Which version of SSB''s grouping the group belongs to, e.g. ''SSB 2024''.';

CREATE TABLE carestair.kostra_group_member (
    region          text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    kostra_group    text NOT NULL REFERENCES carestair.kostra_group (code) ON UPDATE CASCADE,
    valid_from_year integer NOT NULL,
    valid_to_year   integer CONSTRAINT kostra_group_member_years CHECK (valid_to_year >= valid_from_year),
    source          text,
    PRIMARY KEY (region, valid_from_year)
);

COMMENT ON TABLE carestair.kostra_group_member IS
  'Which KOSTRA group a kommune belongs to, by year (periods of one kommune may not overlap). See doc/kostra.md.';
COMMENT ON COLUMN carestair.kostra_group_member.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.kostra_group_member.kostra_group IS 'KOSTRA group code (carestair.kostra_group).';
COMMENT ON COLUMN carestair.kostra_group_member.valid_from_year IS 'First accounting year of the membership.';
COMMENT ON COLUMN carestair.kostra_group_member.valid_to_year IS 'Last accounting year; NULL while current.';
COMMENT ON COLUMN carestair.kostra_group_member.source IS 'Where the assignment comes from, e.g. ''SSB KOSTRA-gruppering 2024''.';

SELECT pg_catalog.pg_extension_config_dump('carestair.kostra_group', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.kostra_group_member', '');

/*
 * _check_kostra_group_member(): a kommune is in at most one KOSTRA group in
 * any year.  Internal, statement-level trigger.
 */
CREATE FUNCTION carestair._check_kostra_group_member()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    bad record;
BEGIN
    SELECT a.region, a.kostra_group AS g1, b.kostra_group AS g2, greatest(a.valid_from_year, b.valid_from_year) AS y
      INTO bad
      FROM carestair.kostra_group_member AS a
      JOIN carestair.kostra_group_member AS b
        ON b.region = a.region AND b.valid_from_year > a.valid_from_year
       AND (a.valid_to_year IS NULL OR b.valid_from_year <= a.valid_to_year)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'kommune % is in KOSTRA groups % and % in %', bad.region, bad.g1, bad.g2, bad.y
            USING ERRCODE = 'exclusion_violation',
                  DETAIL = 'A kommune belongs to one KOSTRA group at a time.',
                  HINT = 'Close the earlier membership with valid_to_year before the new one starts.';
    END IF;
    RETURN NULL;
END
$$;

COMMENT ON FUNCTION carestair._check_kostra_group_member() IS 'Internal: trigger that keeps KOSTRA group memberships of a kommune from overlapping.';

CREATE TRIGGER kostra_group_member_no_overlap
    AFTER INSERT OR UPDATE ON carestair.kostra_group_member
    FOR EACH STATEMENT EXECUTE FUNCTION carestair._check_kostra_group_member();

-- User-defined peer sets (sammenligningskommuner), e.g. 'Midt-Troms'.
CREATE TABLE carestair.peer_set (
    name        text PRIMARY KEY CONSTRAINT peer_set_name_not_blank CHECK (btrim(name) <> ''),
    description text
);

COMMENT ON TABLE carestair.peer_set IS 'User-defined sets of kommuner to compare with (sammenligningskommuner). See doc/kostra.md.';
COMMENT ON COLUMN carestair.peer_set.name IS 'Name of the set, e.g. ''Midt-Troms''.';
COMMENT ON COLUMN carestair.peer_set.description IS 'What the set is and why it was chosen.';

CREATE TABLE carestair.peer_set_member (
    peer_set    text NOT NULL REFERENCES carestair.peer_set (name) ON UPDATE CASCADE ON DELETE CASCADE,
    region      text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    PRIMARY KEY (peer_set, region)
);

COMMENT ON TABLE carestair.peer_set_member IS 'The kommuner of each peer set. See doc/kostra.md.';
COMMENT ON COLUMN carestair.peer_set_member.peer_set IS 'Peer set (carestair.peer_set).';
COMMENT ON COLUMN carestair.peer_set_member.region IS 'Kommunenummer of a member.';

SELECT pg_catalog.pg_extension_config_dump('carestair.peer_set', '');
SELECT pg_catalog.pg_extension_config_dump('carestair.peer_set_member', '');

-- Recipients, residents, hours and staff by service (SSB 04686/12292, 11645, 11924/14534).
CREATE TABLE carestair.care_service_stat (
    region      text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year        integer NOT NULL
                CONSTRAINT care_service_stat_year_range CHECK (year BETWEEN 1990 AND 2200),
    service     text NOT NULL
                CONSTRAINT care_service_stat_service CHECK (service IN ('hjemmetjenester', 'helsetjenester_i_hjemmet', 'bolig_heldogns', 'institusjon_langtid', 'sykepleiere')),
    measure     text NOT NULL
                CONSTRAINT care_service_stat_measure CHECK (measure IN ('recipients', 'residents', 'hours_per_week_per_recipient', 'arsverk', 'places', 'days')),
    age_group   text NOT NULL DEFAULT 'all'
                CONSTRAINT care_service_stat_age_group CHECK (age_group IN ('all', '0-66', '67-79', '80+', '0-79')),
    value       numeric NOT NULL CONSTRAINT care_service_stat_value_not_negative CHECK (value >= 0::numeric AND value < 'Infinity'::numeric),
    derived     boolean NOT NULL DEFAULT false,
    source      text NOT NULL,
    PRIMARY KEY (region, year, service, measure, age_group)
);

COMMENT ON TABLE carestair.care_service_stat IS
  'Recipients, residents, hours and årsverk by kommune, year, service and age group (SSB omsorgstjenester). See doc/kostra.md.';
COMMENT ON COLUMN carestair.care_service_stat.region IS 'Kommunenummer, current borders.';
COMMENT ON COLUMN carestair.care_service_stat.year IS 'Year (SSB counts recipients at 31 December / during the year as the table says).';
COMMENT ON COLUMN carestair.care_service_stat.service IS 'hjemmetjenester (home services), helsetjenester_i_hjemmet (home nursing), bolig_heldogns (housing with 24-hour staff), institusjon_langtid (long-term institution stays), sykepleiere (nurses).';
COMMENT ON COLUMN carestair.care_service_stat.measure IS 'recipients, residents, hours_per_week_per_recipient, arsverk (årsverk), places or days.';
COMMENT ON COLUMN carestair.care_service_stat.age_group IS 'all, 0-66, 67-79, 80+ (SSB''s bands) or 0-79.';
COMMENT ON COLUMN carestair.care_service_stat.value IS 'The number, in the unit the measure names.';
COMMENT ON COLUMN carestair.care_service_stat.derived IS 'True when carestair computed the value from published ones (e.g. 0-79 = all - 80+), not published by SSB as such.';
COMMENT ON COLUMN carestair.care_service_stat.source IS 'SSB table(s) and compiler the value came from.';

SELECT pg_catalog.pg_extension_config_dump('carestair.care_service_stat', '');

-- The inntektssystem's need index (utgiftsbehov), 1.0 = national average.
CREATE TABLE carestair.need_index (
    region      text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    year        integer NOT NULL
                CONSTRAINT need_index_year_range CHECK (year BETWEEN 1990 AND 2200),
    sector      text NOT NULL
                CONSTRAINT need_index_sector CHECK (sector IN ('samlet', 'pleie_og_omsorg', 'kommunehelse')),
    value       numeric NOT NULL CONSTRAINT need_index_positive CHECK (value > 0::numeric AND value < 'Infinity'::numeric),
    derived     boolean NOT NULL,
    source      text NOT NULL,
    PRIMARY KEY (region, year, sector)
);

COMMENT ON TABLE carestair.need_index IS
  'Expenditure-need index (utgiftsbehovsindeks) per kommune, year and sector from the inntektssystem (Grønt hefte); 1.0 = national average. See doc/kostra.md.';
COMMENT ON COLUMN carestair.need_index.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.need_index.year IS 'Budget year of the Grønt hefte the index belongs to.';
COMMENT ON COLUMN carestair.need_index.sector IS 'samlet (total, KMD Tabell A-k), pleie_og_omsorg or kommunehelse (sector indices).';
COMMENT ON COLUMN carestair.need_index.value IS 'Index, 1.0 = national average need per inhabitant.';
COMMENT ON COLUMN carestair.need_index.derived IS 'True when the value is computed from KMD''s weights and criteria rather than published by KMD (the 2026 sector indices).';
COMMENT ON COLUMN carestair.need_index.source IS 'Where the value comes from.';

SELECT pg_catalog.pg_extension_config_dump('carestair.need_index', '');
