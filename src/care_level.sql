
-- ---------------------------------------------------------------------------
-- care_level: the omsorgstrapp (care staircase) as an ordered type, its
-- labels, IPLOS service types per step, and each kommune's own step names.
-- See doc/care_level.md.
-- ---------------------------------------------------------------------------

CREATE TYPE carestair.care_level AS ENUM (
    'forebygging',
    'velferdsteknologi',
    'praktisk_bistand',
    'hjemmesykepleie',
    'omsorgsbolig',
    'omsorgsbolig_heldogn',
    'korttidsopphold',
    'langtidsopphold'
);

COMMENT ON TYPE carestair.care_level IS
  'A step of the omsorgstrapp, ordered from least to most intensive (forebygging < ... < langtidsopphold); compare, sort, index with btree or hash. See doc/care_level.md.';

CREATE TABLE carestair.care_level_label (
    level          carestair.care_level PRIMARY KEY,
    step           integer NOT NULL UNIQUE CONSTRAINT care_level_label_step_range CHECK (step BETWEEN 1 AND 8),
    label          text NOT NULL,
    includes       text NOT NULL,
    iplos_services text[] NOT NULL DEFAULT '{}',
    is_place       boolean NOT NULL
);

COMMENT ON TABLE carestair.care_level_label IS
  'The omsorgstrapp steps with their Norwegian names, what each includes, and the IPLOS service types (tjenestetyper) that belong to it. See doc/care_level.md.';
COMMENT ON COLUMN carestair.care_level_label.level IS 'The step (carestair.care_level).';
COMMENT ON COLUMN carestair.care_level_label.step IS 'Position on the staircase, 1 (lowest) to 8.';
COMMENT ON COLUMN carestair.care_level_label.label IS 'Norwegian name of the step.';
COMMENT ON COLUMN carestair.care_level_label.includes IS 'Services the step includes.';
COMMENT ON COLUMN carestair.care_level_label.iplos_services IS 'IPLOS/KPR tjenestetype codes (Helsedirektoratet, Volven 9151) counted on this step.';
COMMENT ON COLUMN carestair.care_level_label.is_place IS 'True for steps that occupy a place (a home or a bed) rather than hours.';

INSERT INTO carestair.care_level_label (level, step, label, includes, iplos_services, is_place) VALUES
  ('forebygging', 1, 'Forebygging / selvhjulpen', 'Information, prevention, activity offers; no individual service', '{}', false),
  ('velferdsteknologi', 2, 'Velferdsteknologi', 'Trygghetsalarm, medisindispenser, digitalt tilsyn, lokaliseringsteknologi (GPS)', '{06,26,27,28}', false),
  ('praktisk_bistand', 3, 'Praktisk bistand', 'Hjemmehjelp (daglige gjøremål), BPA, matombringing, dagaktivitetstilbud, støttekontakt', '{01,02,03,04,05,09,17}', false),
  ('hjemmesykepleie', 4, 'Hjemmesykepleie / hverdagsrehabilitering', 'Helsetjenester i hjemmet, hverdagsrehabilitering, avlastning utenfor institusjon', '{07,15}', false),
  ('omsorgsbolig', 5, 'Omsorgsbolig', 'Bolig kommunen disponerer for helse- og omsorgsformål, without round-the-clock staff', '{29}', true),
  ('omsorgsbolig_heldogn', 6, 'Omsorgsbolig med heldøgns bemanning', 'Bolig with staff present day and night', '{}', true),
  ('korttidsopphold', 7, 'Korttidsopphold', 'Tidsbegrenset opphold (utredning, behandling, rehabilitering, annet), avlastning i institusjon, KAD (kommunal øyeblikkelig hjelp døgnopphold), nattopphold', '{08,18,19,20,22,25}', true),
  ('langtidsopphold', 8, 'Langtidsopphold', 'Langtidsopphold i institusjon, incl. skjermet demensplass', '{21}', true);

/*
 * care_level_step(level, steps, clamp): the step `steps` places up (negative:
 * down) the staircase.  Beyond either end: an error, or the end itself when
 * clamp is true.
 */
CREATE FUNCTION carestair.care_level_step(level carestair.care_level, steps integer DEFAULT 1, clamp boolean DEFAULT false)
RETURNS carestair.care_level
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    levels carestair.care_level[] := enum_range(NULL::carestair.care_level);
    pos    integer := array_position(levels, level) + steps;
BEGIN
    IF pos BETWEEN 1 AND cardinality(levels) THEN
        RETURN levels[pos];
    ELSIF clamp THEN
        RETURN levels[CASE WHEN pos < 1 THEN 1 ELSE cardinality(levels) END];
    END IF;
    RAISE EXCEPTION 'care level % has no step % places %', level, abs(steps), CASE WHEN steps > 0 THEN 'above it' ELSE 'below it' END
        USING ERRCODE = 'invalid_parameter_value',
              DETAIL = 'The omsorgstrapp runs from forebygging (1) to langtidsopphold (8).',
              HINT = 'Pass clamp => true to stay at the end of the staircase.';
END
$$;

COMMENT ON FUNCTION carestair.care_level_step(carestair.care_level, integer, boolean) IS
  'The care level `steps` places up (negative: down) the omsorgstrapp; error beyond the ends unless clamp. See doc/care_level.md.';

/* The kommune's own names for its steps (kommuner name and split steps differently). */
CREATE TABLE carestair.care_level_local_name (
    region     text NOT NULL REFERENCES carestair.region (region) ON UPDATE CASCADE,
    local_name text NOT NULL CONSTRAINT care_level_local_name_not_blank CHECK (btrim(local_name) <> ''),
    level      carestair.care_level NOT NULL,
    PRIMARY KEY (region, local_name)
);

COMMENT ON TABLE carestair.care_level_local_name IS
  'A kommune''s own names for its services, each mapped to a step of the omsorgstrapp (several names may share a step). See doc/care_level.md.';
COMMENT ON COLUMN carestair.care_level_local_name.region IS 'Kommunenummer.';
COMMENT ON COLUMN carestair.care_level_local_name.local_name IS 'The kommune''s name for the service, e.g. ''Helsetunet, skjermet avdeling''.';
COMMENT ON COLUMN carestair.care_level_local_name.level IS 'The step it belongs to.';

SELECT pg_catalog.pg_extension_config_dump('carestair.care_level_local_name', '');

CREATE FUNCTION carestair.care_level_for(region text, local_name text)
RETURNS carestair.care_level
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    found_level carestair.care_level;
BEGIN
    SELECT m.level INTO found_level FROM carestair.care_level_local_name AS m
     WHERE m.region = care_level_for.region AND m.local_name = care_level_for.local_name;
    IF NOT FOUND THEN
        BEGIN
            RETURN local_name::carestair.care_level;
        EXCEPTION WHEN invalid_text_representation THEN
            RAISE EXCEPTION 'unknown care step "%" for region %', local_name, region
                USING ERRCODE = 'invalid_parameter_value',
                      DETAIL = 'The name is neither a carestair.care_level nor in carestair.care_level_local_name for that region.',
                      HINT = 'Add the kommune''s name: INSERT INTO carestair.care_level_local_name VALUES (region, name, level).';
        END;
    END IF;
    RETURN found_level;
END
$$;

COMMENT ON FUNCTION carestair.care_level_for(text, text) IS
  'The omsorgstrapp step of a kommune''s own service name (or of a care_level name). See doc/care_level.md.';
