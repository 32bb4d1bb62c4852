-- alvh_restore(…): how `alvh import-ledger` writes an export into an empty ledger, through the same
-- head lock as the appends (the immutability triggers stay in force: it only INSERTs). Restores a
-- batch of exported events (parallel arrays, in position order). The first position must be the
-- ledger head's last position + 1 and the positions consecutive; each stream version must be the
-- stream's version + 1; each prev_hash must be the previous hash and each hash sha256(prev_hash ‖
-- canonical bytes) as recomputed here. Errors: AL005 with the offending position in the message.
-- Returns the ledger's last position after the batch.
CREATE OR REPLACE FUNCTION alvh_restore(p_positions bigint[], p_stream_ids text[], p_stream_versions bigint[], p_event_ids uuid[],
                                        p_types text[], p_schema_versions integer[], p_occurred_micros bigint[], p_recorded_micros bigint[],
                                        p_data jsonb[], p_metadata jsonb[], p_prev_hashes bytea[], p_hashes bytea[])
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
    v_last    bigint;
    v_hash    bytea;
    v_count   integer := coalesce(cardinality(p_positions), 0);
    v_version bigint;
    v_canon   bytea;
BEGIN
    IF v_count = 0 OR v_count <> ALL (ARRAY[cardinality(p_stream_ids), cardinality(p_stream_versions), cardinality(p_event_ids),
                                            cardinality(p_types), cardinality(p_schema_versions), cardinality(p_occurred_micros),
                                            cardinality(p_recorded_micros), cardinality(p_data), cardinality(p_metadata),
                                            cardinality(p_prev_hashes), cardinality(p_hashes)]) THEN
        RAISE EXCEPTION USING ERRCODE = 'AL005', MESSAGE = 'restore: a batch needs at least one event and arrays of equal lengths';
    END IF;
    SELECT h.last_position, h.last_hash INTO v_last, v_hash FROM ledger_head h WHERE h.id = 1 FOR UPDATE;
    FOR i IN 1 .. v_count LOOP
        IF p_positions[i] IS DISTINCT FROM v_last + i THEN
            RAISE EXCEPTION USING ERRCODE = 'AL005',
                MESSAGE = format('restore: position %s found where position %s comes next', p_positions[i], v_last + i);
        END IF;
        IF p_prev_hashes[i] IS DISTINCT FROM v_hash THEN
            RAISE EXCEPTION USING ERRCODE = 'AL005',
                MESSAGE = format('restore: position %s: prev_hash is not the hash of position %s', p_positions[i], p_positions[i] - 1);
        END IF;
        v_canon := alvh_canonical_text(p_positions[i]::text, p_stream_ids[i], p_stream_versions[i]::text, p_event_ids[i]::text,
                                       p_types[i], p_schema_versions[i]::text, p_occurred_micros[i]::text,
                                       p_data[i]::text, p_metadata[i]::text);
        v_hash := sha256(v_hash || v_canon);
        IF p_hashes[i] IS DISTINCT FROM v_hash THEN
            RAISE EXCEPTION USING ERRCODE = 'AL005',
                MESSAGE = format('restore: position %s: hash does not match the event''s contents', p_positions[i]);
        END IF;
        SELECT s.version INTO v_version FROM event_streams s WHERE s.stream_id = p_stream_ids[i];
        IF p_stream_versions[i] IS DISTINCT FROM coalesce(v_version, 0) + 1 THEN
            RAISE EXCEPTION USING ERRCODE = 'AL005',
                MESSAGE = format('restore: position %s: stream %s version %s found where version %s comes next',
                                 p_positions[i], p_stream_ids[i], p_stream_versions[i], coalesce(v_version, 0) + 1);
        END IF;
        INSERT INTO event_streams AS s (stream_id, version) VALUES (p_stream_ids[i], p_stream_versions[i])
        ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version;
    END LOOP;
    INSERT INTO events (global_position, stream_id, stream_version, event_id, type, schema_version,
                        data, metadata, occurred_at, recorded_at, prev_hash, hash)
    SELECT b.pos, b.sid, b.ver, b.eid, b.etype, b.sv, b.data, b.meta,
           alvh_timestamptz_from_micros(b.occ), alvh_timestamptz_from_micros(b.rec), b.prev, b.hash
      FROM unnest(p_positions, p_stream_ids, p_stream_versions, p_event_ids, p_types, p_schema_versions,
                  p_data, p_metadata, p_occurred_micros, p_recorded_micros, p_prev_hashes, p_hashes)
           AS b(pos, sid, ver, eid, etype, sv, data, meta, occ, rec, prev, hash);
    UPDATE ledger_head SET last_position = v_last + v_count, last_hash = v_hash WHERE id = 1;
    PERFORM pg_notify('alvh_events', (v_last + v_count)::text);
    RETURN v_last + v_count;
END
$$;

REVOKE ALL ON FUNCTION alvh_restore(bigint[], text[], bigint[], uuid[], text[], integer[], bigint[], bigint[], jsonb[], jsonb[], bytea[], bytea[]) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alvh_app') THEN
        GRANT EXECUTE ON FUNCTION alvh_restore(bigint[], text[], bigint[], uuid[], text[], integer[], bigint[], bigint[], jsonb[], jsonb[], bytea[], bytea[]) TO alvh_app;
    END IF;
END
$$;
