
-- ---------------------------------------------------------------------------
-- iplos: the IPLOS functional profile type (17 bistandsvariabler scored 1-5
-- or 9) and its derived measures.  See doc/iplos.md.
-- ---------------------------------------------------------------------------

CREATE TYPE carestair.iplos_profile;

CREATE FUNCTION carestair.iplos_profile_in(cstring) RETURNS carestair.iplos_profile
AS 'MODULE_PATHNAME', 'carestair_iplos_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION carestair.iplos_profile_out(carestair.iplos_profile) RETURNS cstring
AS 'MODULE_PATHNAME', 'carestair_iplos_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION carestair.iplos_profile_recv(internal) RETURNS carestair.iplos_profile
AS 'MODULE_PATHNAME', 'carestair_iplos_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION carestair.iplos_profile_send(carestair.iplos_profile) RETURNS bytea
AS 'MODULE_PATHNAME', 'carestair_iplos_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE carestair.iplos_profile (
    INPUT = carestair.iplos_profile_in,
    OUTPUT = carestair.iplos_profile_out,
    RECEIVE = carestair.iplos_profile_recv,
    SEND = carestair.iplos_profile_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE carestair.iplos_profile IS
  'IPLOS functional profile: 17 bistandsvariabler scored 1-5 or 9 (not relevant), written as 17 digits in the order of carestair.iplos_variables(). See doc/iplos.md.';
COMMENT ON FUNCTION carestair.iplos_profile_in(cstring) IS 'Internal: text input of iplos_profile.';
COMMENT ON FUNCTION carestair.iplos_profile_out(carestair.iplos_profile) IS 'Internal: text output of iplos_profile.';
COMMENT ON FUNCTION carestair.iplos_profile_recv(internal) IS 'Internal: binary input of iplos_profile (validated like text input).';
COMMENT ON FUNCTION carestair.iplos_profile_send(carestair.iplos_profile) IS 'Internal: binary output of iplos_profile.';

CREATE FUNCTION carestair.iplos_profile_eq(carestair.iplos_profile, carestair.iplos_profile) RETURNS boolean
AS 'MODULE_PATHNAME', 'carestair_iplos_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION carestair.iplos_profile_ne(carestair.iplos_profile, carestair.iplos_profile) RETURNS boolean
AS 'MODULE_PATHNAME', 'carestair_iplos_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION carestair.iplos_profile_hash(carestair.iplos_profile) RETURNS integer
AS 'MODULE_PATHNAME', 'carestair_iplos_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION carestair.iplos_profile_eq(carestair.iplos_profile, carestair.iplos_profile) IS 'Internal: = for iplos_profile.';
COMMENT ON FUNCTION carestair.iplos_profile_ne(carestair.iplos_profile, carestair.iplos_profile) IS 'Internal: <> for iplos_profile.';
COMMENT ON FUNCTION carestair.iplos_profile_hash(carestair.iplos_profile) IS 'Internal: hash support for iplos_profile.';

CREATE OPERATOR carestair.= (
    LEFTARG = carestair.iplos_profile, RIGHTARG = carestair.iplos_profile,
    FUNCTION = carestair.iplos_profile_eq,
    COMMUTATOR = OPERATOR(carestair.=), NEGATOR = OPERATOR(carestair.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES
);
CREATE OPERATOR carestair.<> (
    LEFTARG = carestair.iplos_profile, RIGHTARG = carestair.iplos_profile,
    FUNCTION = carestair.iplos_profile_ne,
    COMMUTATOR = OPERATOR(carestair.<>), NEGATOR = OPERATOR(carestair.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR CLASS carestair.iplos_profile_hash_ops
    DEFAULT FOR TYPE carestair.iplos_profile USING hash AS
    OPERATOR 1 carestair.= (carestair.iplos_profile, carestair.iplos_profile),
    FUNCTION 1 carestair.iplos_profile_hash(carestair.iplos_profile);

CREATE FUNCTION carestair.iplos_variables()
RETURNS TABLE (var_no integer, variable text, label text, in_adl_mean boolean)
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT * FROM (VALUES
    (1, 'sosial_deltakelse', 'Sosial deltakelse', true),
    (2, 'beslutninger', 'Beslutninger i dagliglivet', true),
    (3, 'egen_helse', 'Ivareta egen helse', true),
    (4, 'hukommelse', 'Hukommelse', true),
    (5, 'atferd', 'Styre atferd', true),
    (6, 'kommunikasjon', 'Kommunikasjon', true),
    (7, 'husarbeid', 'Alminnelig husarbeid', true),
    (8, 'varer_tjenester', 'Skaffe seg varer og tjenester', true),
    (9, 'personlig_hygiene', 'Personlig hygiene', true),
    (10, 'kle_seg', 'Av- og påkledning', true),
    (11, 'spise', 'Spise', true),
    (12, 'lage_mat', 'Lage mat', true),
    (13, 'bevege_inne', 'Bevege seg innendørs', true),
    (14, 'bevege_ute', 'Bevege seg utendørs', true),
    (15, 'toalett', 'Toalett', true),
    (16, 'syn', 'Syn', false),
    (17, 'horsel', 'Hørsel', false)) AS v(var_no, variable, label, in_adl_mean)
  ORDER BY 1;
END;

COMMENT ON FUNCTION carestair.iplos_variables() IS
  'The 17 IPLOS variables of carestair.iplos_profile in text order, with Norwegian labels and whether they count in the mean ADL score. See doc/iplos.md.';

CREATE FUNCTION carestair.iplos_score(profile carestair.iplos_profile, variable text) RETURNS integer
AS 'MODULE_PATHNAME', 'carestair_iplos_score' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION carestair.iplos_score(carestair.iplos_profile, text) IS
  'Score (1-5, or 9 = not relevant) of one IPLOS variable by name, e.g. ''hukommelse''. See doc/iplos.md.';

CREATE FUNCTION carestair.iplos_mean_adl(profile carestair.iplos_profile) RETURNS float8
AS 'MODULE_PATHNAME', 'carestair_iplos_mean_adl_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION carestair.iplos_mean_adl(carestair.iplos_profile) IS
  'Mean score over the 15 ADL/IADL and cognitive variables scored 1-5 (9 and vision/hearing left out); NULL if none is relevant. See doc/iplos.md.';

CREATE FUNCTION carestair.iplos_personbistand_count(profile carestair.iplos_profile) RETURNS integer
AS 'MODULE_PATHNAME', 'carestair_iplos_personbistand_count' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION carestair.iplos_personbistand_count(carestair.iplos_profile) IS
  'Number of variables scored 3-5, i.e. where personbistand (personal assistance) is needed. See doc/iplos.md.';

CREATE FUNCTION carestair.iplos_cognitive_impairment(profile carestair.iplos_profile) RETURNS boolean
AS 'MODULE_PATHNAME', 'carestair_iplos_cognitive_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION carestair.iplos_cognitive_impairment(carestair.iplos_profile) IS
  'True when memory (hukommelse) or behaviour (atferd) is scored 3-5. See doc/iplos.md.';

/*
 * iplos_bistandsbehov(profile, middels_from, omfattende_from): the three
 * groups SSB publishes (noe/avgrenset, middels til stort, omfattende), cut on
 * the mean ADL score.  The cut points are parameters: carestair's defaults,
 * not Helsedirektoratet's weighted samlemål (see doc/iplos.md).
 */
CREATE FUNCTION carestair.iplos_bistandsbehov(profile carestair.iplos_profile,
                                              middels_from float8 DEFAULT 2.5,
                                              omfattende_from float8 DEFAULT 3.5)
RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    m float8 := coalesce(carestair.iplos_mean_adl(profile), 1);
BEGIN
    IF NOT (1 <= middels_from AND middels_from <= omfattende_from AND omfattende_from <= 5) THEN
        RAISE EXCEPTION 'invalid cut points middels_from % and omfattende_from %', middels_from, omfattende_from
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The cut points must satisfy 1 <= middels_from <= omfattende_from <= 5.',
                  HINT = 'The defaults are 2.5 and 3.5.';
    END IF;
    RETURN CASE WHEN m >= omfattende_from THEN 'omfattende'
                WHEN m >= middels_from THEN 'middels til stort'
                ELSE 'noe/avgrenset' END;
END
$$;

COMMENT ON FUNCTION carestair.iplos_bistandsbehov(carestair.iplos_profile, float8, float8) IS
  'Bistandsbehov group (noe/avgrenset, middels til stort, omfattende) from the mean ADL score with documented cut points (defaults 2.5 and 3.5, carestair''s, not the official samlemål). See doc/iplos.md.';
