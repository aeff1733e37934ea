
-- ---------------------------------------------------------------------------
-- decompose: exact decompositions of a gap between two periods or units into
-- factor effects, as parallel aggregates over cells whose value is the
-- product of their factors.  See doc/decompose.md.
-- ---------------------------------------------------------------------------

CREATE FUNCTION carestair._lmdi_trans(internal, float8[], float8[])
RETURNS internal
AS 'MODULE_PATHNAME', 'carestair_lmdi_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION carestair._shapley_trans(internal, float8[], float8[])
RETURNS internal
AS 'MODULE_PATHNAME', 'carestair_shapley_trans'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION carestair._decomp_combine(internal, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'carestair_decomp_combine'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION carestair._decomp_serial(internal)
RETURNS bytea
AS 'MODULE_PATHNAME', 'carestair_decomp_serial'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION carestair._decomp_deserial(bytea, internal)
RETURNS internal
AS 'MODULE_PATHNAME', 'carestair_decomp_deserial'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE FUNCTION carestair._lmdi_additive_final(internal)
RETURNS float8[]
AS 'MODULE_PATHNAME', 'carestair_lmdi_additive_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION carestair._lmdi_multiplicative_final(internal)
RETURNS float8[]
AS 'MODULE_PATHNAME', 'carestair_lmdi_multiplicative_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE FUNCTION carestair._shapley_final(internal)
RETURNS float8[]
AS 'MODULE_PATHNAME', 'carestair_shapley_final'
LANGUAGE C IMMUTABLE PARALLEL SAFE;

COMMENT ON FUNCTION carestair._lmdi_trans(internal, float8[], float8[]) IS 'Internal: transition of the LMDI aggregates. See doc/decompose.md.';
COMMENT ON FUNCTION carestair._shapley_trans(internal, float8[], float8[]) IS 'Internal: transition of shapley_decompose. See doc/decompose.md.';
COMMENT ON FUNCTION carestair._decomp_combine(internal, internal) IS 'Internal: combine function of the decomposition aggregates.';
COMMENT ON FUNCTION carestair._decomp_serial(internal) IS 'Internal: serialize a decomposition aggregate state.';
COMMENT ON FUNCTION carestair._decomp_deserial(bytea, internal) IS 'Internal: deserialize a decomposition aggregate state.';
COMMENT ON FUNCTION carestair._lmdi_additive_final(internal) IS 'Internal: final function of lmdi_additive.';
COMMENT ON FUNCTION carestair._lmdi_multiplicative_final(internal) IS 'Internal: final function of lmdi_multiplicative.';
COMMENT ON FUNCTION carestair._shapley_final(internal) IS 'Internal: final function of shapley_decompose.';

CREATE AGGREGATE carestair.lmdi_additive(x0 float8[], x1 float8[]) (
    SFUNC = carestair._lmdi_trans,
    STYPE = internal,
    FINALFUNC = carestair._lmdi_additive_final,
    COMBINEFUNC = carestair._decomp_combine,
    SERIALFUNC = carestair._decomp_serial,
    DESERIALFUNC = carestair._decomp_deserial,
    PARALLEL = SAFE
);

CREATE AGGREGATE carestair.lmdi_multiplicative(x0 float8[], x1 float8[]) (
    SFUNC = carestair._lmdi_trans,
    STYPE = internal,
    FINALFUNC = carestair._lmdi_multiplicative_final,
    COMBINEFUNC = carestair._decomp_combine,
    SERIALFUNC = carestair._decomp_serial,
    DESERIALFUNC = carestair._decomp_deserial,
    PARALLEL = SAFE
);

CREATE AGGREGATE carestair.shapley_decompose(x0 float8[], x1 float8[]) (
    SFUNC = carestair._shapley_trans,
    STYPE = internal,
    FINALFUNC = carestair._shapley_final,
    COMBINEFUNC = carestair._decomp_combine,
    SERIALFUNC = carestair._decomp_serial,
    DESERIALFUNC = carestair._decomp_deserial,
    PARALLEL = SAFE
);

COMMENT ON AGGREGATE carestair.lmdi_additive(float8[], float8[]) IS
  'Additive LMDI-I decomposition (Ang): one effect per factor over cells whose value is the product of the factors (x0 reference, x1 compared); effects sum to the gap. See doc/decompose.md.';
COMMENT ON AGGREGATE carestair.lmdi_multiplicative(float8[], float8[]) IS
  'Multiplicative LMDI-I decomposition (Ang): one ratio per factor; their product is the ratio of the totals. See doc/decompose.md.';
COMMENT ON AGGREGATE carestair.shapley_decompose(float8[], float8[]) IS
  'Shapley / Das Gupta symmetric decomposition (Kitagawa for two factors), any sign: one effect per factor, summing to the gap. At most 32 factors. See doc/decompose.md.';
