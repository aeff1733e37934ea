-- ---------------------------------------------------------------------------
-- hardening: what keeps the user's data through pg_dump / pg_restore
-- (issue #17).  See doc/hardening.md.
--
-- Shipped rows (builtin = true) are written by the extension script and are
-- not dumped: a restore's CREATE EXTENSION writes them again.  So that the
-- user's changes to them survive, the triggers below make
--   * an edited shipped row the user's row (builtin = false): it is dumped,
--     and on restore (a COPY) replaces the freshly shipped row with the
--     same key;
--   * a deleted shipped row a tombstone in carestair.shipped_row_deleted
--     (dumped): on restore it deletes the freshly shipped row again.
-- The extension's own scripts (CREATE/ALTER EXTENSION) are not affected.
-- Tables whose key includes builtin (legevakt_contact_rate) keep the user's
-- rows beside the shipped ones instead and are not guarded.
-- ---------------------------------------------------------------------------

-- The rota ids: without the sequence in the dump, the first generate_rota
-- after a restore took id 1 again (duplicate key).
SELECT pg_catalog.pg_extension_config_dump(
    pg_catalog.pg_get_serial_sequence('carestair.rota', 'rota_id')::regclass, '');

CREATE FUNCTION carestair._creating_extension()
RETURNS boolean
AS 'MODULE_PATHNAME', 'carestair_creating_extension'
LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION carestair._creating_extension() IS 'Internal: true while an extension script runs (shipped rows stay shipped).';

CREATE TABLE carestair.shipped_row_deleted (
    table_name  text NOT NULL,
    key         jsonb NOT NULL,
    deleted_at  timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (table_name, key)
);
COMMENT ON TABLE carestair.shipped_row_deleted IS
  'Shipped rows the user deleted (table and primary key), kept through pg_dump/pg_restore so that they stay deleted. See doc/hardening.md.';
COMMENT ON COLUMN carestair.shipped_row_deleted.table_name IS 'Table in schema carestair.';
COMMENT ON COLUMN carestair.shipped_row_deleted.key IS 'Primary key of the deleted shipped row, as a JSON object.';
COMMENT ON COLUMN carestair.shipped_row_deleted.deleted_at IS 'When the row was deleted.';
SELECT pg_catalog.pg_extension_config_dump('carestair.shipped_row_deleted', '');

/*
 * _shipped_key(table, row): the primary key columns of a row of a carestair
 * table, as a JSON object.  Internal.
 */
CREATE FUNCTION carestair._shipped_key(tbl regclass, row_json jsonb)
RETURNS jsonb
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.jsonb_object_agg(a.attname, row_json OPERATOR(pg_catalog.->) a.attname::text)
      FROM pg_catalog.pg_index AS i
      JOIN pg_catalog.pg_attribute AS a
        ON a.attrelid OPERATOR(pg_catalog.=) i.indrelid AND a.attnum OPERATOR(pg_catalog.=) ANY (i.indkey)
     WHERE i.indrelid OPERATOR(pg_catalog.=) tbl AND i.indisprimary;
END;
COMMENT ON FUNCTION carestair._shipped_key(regclass, jsonb) IS 'Internal: the primary key of a row as a JSON object.';

/*
 * _shipped_row_guard(): BEFORE INSERT/UPDATE/DELETE row trigger of the
 * tables with shipped rows (see the head of this file).  Internal.
 */
CREATE FUNCTION carestair._shipped_row_guard()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    keys   text;
    cols   text;
    n      bigint;
BEGIN
    IF carestair._creating_extension() THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF OLD.builtin AND NEW.builtin THEN
            NEW.builtin := false;           -- edited: the user's row from now on
        END IF;
        RETURN NEW;
    ELSIF TG_OP = 'DELETE' THEN
        IF OLD.builtin THEN
            INSERT INTO carestair.shipped_row_deleted (table_name, key)
            VALUES (TG_TABLE_NAME, carestair._shipped_key(TG_RELID, to_jsonb(OLD)))
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN OLD;
    END IF;
    -- COPY of a user row whose key a shipped row holds (pg_restore, or psql
    -- reading a plain dump, of an edited shipped row): the user's row takes
    -- the shipped row's place.  An INSERT still fails on the duplicate key.
    IF NEW.builtin OR current_query() !~* '^\s*COPY\s' THEN
        RETURN NEW;
    END IF;
    SELECT string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) FILTER (WHERE a.attnum = ANY (i.indkey)),
           string_agg(format('%I', a.attname), ', ' ORDER BY a.attnum) FILTER (WHERE a.attgenerated = '' AND a.attidentity <> 'a')
      INTO keys, cols
      FROM pg_index AS i
      JOIN pg_attribute AS a ON a.attrelid = i.indrelid AND a.attnum > 0 AND NOT a.attisdropped
     WHERE i.indrelid = TG_RELID AND i.indisprimary;
    EXECUTE format('UPDATE %s AS t SET (%s) = (SELECT %s FROM (SELECT ($1).*) AS r)
                     WHERE (%s) = (SELECT %s FROM (SELECT ($1).*) AS r) AND t.builtin',
                   TG_RELID::regclass, cols, cols, keys, keys) USING NEW;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN CASE WHEN n > 0 THEN NULL ELSE NEW END;
END
$$;
COMMENT ON FUNCTION carestair._shipped_row_guard() IS 'Internal: keeps user edits and deletions of shipped rows through pg_dump/pg_restore.';

/*
 * _shipped_row_redelete(): AFTER INSERT trigger of shipped_row_deleted.  On
 * restore (a tombstone inserted at trigger depth 1, not by the guard), the
 * shipped row CREATE EXTENSION wrote again is deleted.  Internal.
 */
CREATE FUNCTION carestair._shipped_row_redelete()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF pg_trigger_depth() = 1 AND to_regclass(format('carestair.%I', NEW.table_name)) IS NOT NULL THEN
        EXECUTE format('DELETE FROM carestair.%I AS t WHERE to_jsonb(t) @> $1 AND t.builtin', NEW.table_name)
          USING NEW.key;
    END IF;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION carestair._shipped_row_redelete() IS 'Internal: on restore, deletes again the shipped rows the user had deleted.';

CREATE TRIGGER shipped_row_redelete AFTER INSERT ON carestair.shipped_row_deleted
    FOR EACH ROW EXECUTE FUNCTION carestair._shipped_row_redelete();

-- The tables with shipped rows (see the head of this file).
DO $$
DECLARE
    t text;
BEGIN
    PERFORM pg_catalog.set_config('search_path', 'pg_catalog, pg_temp', true);
    FOREACH t IN ARRAY ARRAY['region', 'region_code_history', 'beon_rule', 'kostra_function',
                             'kostra_measure', 'fertility_standard', 'age_grouping'] LOOP
        EXECUTE pg_catalog.format('CREATE TRIGGER shipped_row_guard BEFORE INSERT OR UPDATE OR DELETE ON carestair.%I
                                   FOR EACH ROW EXECUTE FUNCTION carestair._shipped_row_guard()', t);
    END LOOP;
END
$$;

-- ---------------------------------------------------------------------------
-- Caller queries: one rule (issue #17).  A query a caller passes in (the
-- population_sql of care_demand, the records_sql of beon_gap, the inner
-- queries of p_median or travel_time_matrix) runs with the caller's
-- search_path, as pgRouting's do, so that it finds the caller's tables.
-- carestair's own statements around it keep their secure path.
-- ---------------------------------------------------------------------------

CREATE FUNCTION carestair._caller_search_path()
RETURNS text
AS 'MODULE_PATHNAME', 'carestair_caller_search_path'
LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION carestair._caller_search_path() IS 'Internal: the search_path of the caller of the outermost carestair function.';

CREATE FUNCTION carestair._caller_query(sql text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'carestair_caller_query'
LANGUAGE C VOLATILE PARALLEL RESTRICTED;
COMMENT ON FUNCTION carestair._caller_query(text) IS 'Internal: the rows of a caller''s query run under the caller''s search_path (wrap it so that it casts to the columns declared at the call).';

/*
 * _caller_population(population_sql, region): the wrapper of a caller's
 * population query (region, year, age, persons) for _caller_query, cast to
 * text, integer, integer, float8 and kept to one region inside the query.
 * Every name is qualified: it runs under the caller's path.  Internal.
 */
CREATE FUNCTION carestair._caller_population(population_sql text, region text)
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN pg_catalog.format(
    'SELECT q.region::pg_catalog.text, q.year::pg_catalog.int4, q.age::pg_catalog.int4, q.persons::pg_catalog.float8'
    ' FROM (%s) AS q WHERE q.region::pg_catalog.text OPERATOR(pg_catalog.=) %L', population_sql, region);
COMMENT ON FUNCTION carestair._caller_population(text, text) IS 'Internal: a caller''s population query wrapped for carestair._caller_query.';

/*
 * _serialise(what): wait for any other transaction writing the same thing
 * (a transaction-scoped advisory lock on 'carestair:' || what), so that
 * concurrent identical writes (two runs of one scenario, two refreshes of
 * the travel times) run one after the other instead of colliding on keys.
 * Internal.
 */
CREATE FUNCTION carestair._serialise(what text)
RETURNS void
LANGUAGE sql VOLATILE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(pg_catalog.concat('carestair:', what), 0));
END;
COMMENT ON FUNCTION carestair._serialise(text) IS 'Internal: serialises concurrent writers of the same data (transaction advisory lock).';

/*
 * _caller_text(sql, columns): a caller's query wrapped to be read under the
 * caller's search_path through carestair._caller_query, its columns (by
 * name) as text, for functions that cast them themselves.  Internal.
 */
CREATE FUNCTION carestair._caller_text(sql text, columns text[])
RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
BEGIN ATOMIC
    SELECT pg_catalog.format('SELECT * FROM carestair._caller_query(%L) AS q(%s)',
               pg_catalog.format('SELECT %s FROM (%s) AS q',
                   pg_catalog.string_agg(pg_catalog.format('q.%I::pg_catalog.text', c), ', ' ORDER BY i), sql),
               pg_catalog.string_agg(pg_catalog.format('%I text', c), ', ' ORDER BY i))
      FROM pg_catalog.unnest(columns) WITH ORDINALITY AS u(c, i);
END;
COMMENT ON FUNCTION carestair._caller_text(text, text[]) IS 'Internal: a caller''s query wrapped for carestair._caller_query, its columns as text.';
