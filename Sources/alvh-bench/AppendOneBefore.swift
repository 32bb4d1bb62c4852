/// `alvh_append_one` as it was before issue 19's second pass (`schema/functions/alvh_append_one.sql` at
/// main 1015006), installed by the benches so that one run measures "before" and "after" against the
/// same server, database and load: `alvh-bench store` under a bench-only name beside the current
/// function, `alvh-bench load` under its own name in the "before" databases. Never applied by `alvh`.
enum AppendOneBefore {
    /// The function under `name` (its grants included): `alvh_append_one` replaces the current
    /// definition in that database until the function files are next applied.
    static func sql(named name: String) -> String {
        text.replacingOccurrences(of: "alvh_append_one(", with: "\(name)(")
    }

    /// The bench-only name `alvh-bench store` installs it under.
    static let benchName = "alvh_bench_append_one_before"

    private static let text = #"""
-- alvh_append_one(…): appends one event to one stream: what most recorded commands write. The same
-- contract as alvh_append for a batch of one stream and one event (p_expected: NULL = any version,
-- 0 = the stream must not exist, n = its version must be n; occurred_at in µs since 1970 UTC), the
-- same result row (1, {position}, stream version, replayed), the same errors (AL001, AL002, AL003)
-- and the same idempotent retry (alvh_append_replay), with scalar arguments and no arrays to unnest.
--
-- The work of one append, each step one statement or expression:
-- 1. Lock the ledger head row until commit (positions gapless, visible in commit order).
-- 2. One statement started after the lock: the stream's version and whether the event id exists.
--    Checking the id here, under the lock, spares the insert a subtransaction (see alvh_append.sql).
-- 3. The hash: sha256(prev_hash ‖ canonical bytes), each jsonb printed once.
-- 4. One statement: insert the event, move the stream head and the ledger head.
-- 5. One notification, delivered at commit.
-- Every query is an index look-up, whatever the values; sequential scans are off so that a plan
-- made while the tables are nearly empty (a new ledger) stays an index look-up as they grow.
CREATE OR REPLACE FUNCTION alvh_append_one(p_stream text, p_expected bigint, p_event_id uuid, p_type text, p_schema_version integer,
                                           p_occurred_micros bigint, p_data jsonb, p_metadata jsonb)
RETURNS TABLE (r_stream_index integer, r_positions bigint[], r_stream_version bigint, r_replayed boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
SET enable_seqscan = off
AS $$
DECLARE
    v_last    bigint;
    v_prev    bytea;
    v_hash    bytea;
    v_version bigint;
    v_seen    boolean;
    v_data    text;
    v_meta    text;
BEGIN
    IF p_stream IS NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'AL003', MESSAGE = 'events: every event must name a stream of the batch';
    END IF;

    -- 1. The ledger head.
    SELECT h.last_position, h.last_hash INTO v_last, v_prev FROM ledger_head h WHERE h.id = 1 FOR UPDATE;

    -- 2. The expected version and the event id, before anything is numbered.
    SELECT coalesce((SELECT s.version FROM event_streams s WHERE s.stream_id = p_stream), 0),
           EXISTS (SELECT FROM events ev WHERE ev.event_id = p_event_id)
      INTO v_version, v_seen;
    IF v_seen OR p_expected <> v_version THEN
        RETURN QUERY SELECT * FROM alvh_append_replay(ARRAY[1], ARRAY[p_stream], ARRAY[p_event_id], ARRAY[p_type], ARRAY[p_schema_version],
                                                      ARRAY[p_occurred_micros], ARRAY[p_data]);
        IF FOUND THEN
            RETURN;
        END IF;
        IF p_expected <> v_version THEN
            RAISE EXCEPTION USING ERRCODE = 'AL001',
                MESSAGE = format('stream %s: expected version %s, but it is at version %s', p_stream,
                                 CASE WHEN p_expected = 0 THEN 'no stream' ELSE p_expected::text END, v_version),
                DETAIL = json_build_object('stream', p_stream, 'actual', v_version)::text;
        END IF;
    END IF;

    -- 3. The hash.
    v_data := p_data::text;
    v_meta := p_metadata::text;
    v_hash := sha256(v_prev || alvh_canonical_text((v_last + 1)::text, p_stream, (v_version + 1)::text, p_event_id::text, p_type,
                                                   p_schema_version::text, p_occurred_micros::text, v_data, v_meta));

    -- 4. The event, the stream head and the ledger head.
    WITH inserted AS (
        INSERT INTO events (global_position, stream_id, stream_version, event_id, type, schema_version,
                            data, metadata, occurred_at, prev_hash, hash)
        VALUES (v_last + 1, p_stream, v_version + 1, p_event_id, p_type, p_schema_version,
                p_data, p_metadata, alvh_timestamptz_from_micros(p_occurred_micros), v_prev, v_hash)
    ), stream_head AS (
        INSERT INTO event_streams AS h (stream_id, version) VALUES (p_stream, v_version + 1)
        ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version
    )
    UPDATE ledger_head SET last_position = v_last + 1, last_hash = v_hash WHERE id = 1;

    -- 5. Wake readers (delivered at commit).
    PERFORM pg_notify('alvh_events', (v_last + 1)::text);
    r_stream_index := 1;
    r_positions := ARRAY[v_last + 1];
    r_stream_version := v_version + 1;
    r_replayed := false;
    RETURN NEXT;
END
$$;

REVOKE ALL ON FUNCTION alvh_append_one(text, bigint, uuid, text, integer, bigint, jsonb, jsonb) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alvh_app') THEN
        GRANT EXECUTE ON FUNCTION alvh_append_one(text, bigint, uuid, text, integer, bigint, jsonb, jsonb) TO alvh_app;
    END IF;
END
$$;
"""#
}
