-- alvh_append(…): appends a batch of events to one or more streams, all or nothing, in one call.
-- The store's write path for batches (imports, backtests, bulk loads); one event to one stream goes
-- through alvh_append_one, which keeps the same rules with less work.
--
-- Streams: p_streams[i] with p_expected[i]: NULL = any version, 0 = the stream must not exist,
-- n = its version must be n. Events (parallel arrays, numbered in array order): p_stream_index (1-based
-- index into p_streams), p_event_ids, p_types, p_schema_versions, p_occurred_micros (occurred_at in µs
-- since 1970 UTC), p_data, p_metadata.
-- Returns one row per stream that has events: (stream index, 1-based; global positions; stream
-- version after the append; replayed).
--
-- Errors (SQLSTATE): AL001 wrong expected version (DETAIL {"stream","actual"}); AL002 an event id
-- exists with a different payload (DETAIL {"event_id","position"}); AL003 invalid batch. A batch whose
-- event ids all exist with the same stream, type, schema version, occurred_at and data is an
-- idempotent retry: nothing is written and the original positions return (alvh_append_replay).
--
-- How (the guarantees, in order):
-- 1. The shape of the batch, from expressions alone.
-- 2. The ledger head row is locked (FOR UPDATE) until commit: appends are serialised, positions are
--    numbered last + 1 … under the lock, gapless, and visible in commit order.
-- 3. One statement that starts after the lock is held (so it sees the last committed append) reads
--    the streams' versions and whether any event id of the batch exists. Checking the ids here, under
--    the lock, is what lets the insert run without a subtransaction: an EXCEPTION block would start
--    one on every call and, with the head row locked outside it and updated inside it, create a
--    MultiXact per append. Only a retry or a conflict takes the slower path (alvh_append_replay).
-- 4. One statement numbers the events and builds their canonical bytes (each jsonb printed once);
--    then the hash chain is a loop of expressions, one sha256 per event.
-- 5. One statement inserts the events, moves the stream heads and the ledger head. The unique
--    indexes on event_id and (stream_id, stream_version) stay the backstop.
-- 6. One notification per commit (delivered at commit), payload the last position.
-- Plans are generic (made once per session): every query here is an unnest of the batch arrays and
-- index look-ups, whose best plan does not depend on the values. But a session's plans may be made
-- while the tables are nearly empty (a new ledger, a bulk load's first batch), when a sequential scan
-- or a hash join looks cheapest, and then kept while the tables grow: each batch would scan all of
-- events and event_streams. So sequential scans, hash and merge joins are off in here: every table is
-- reached through its unique indexes, whatever its size when the plan was made.
CREATE OR REPLACE FUNCTION alvh_append(p_streams text[], p_expected bigint[], p_stream_index integer[], p_event_ids uuid[],
                                       p_types text[], p_schema_versions integer[], p_occurred_micros bigint[],
                                       p_data jsonb[], p_metadata jsonb[])
RETURNS TABLE (r_stream_index integer, r_positions bigint[], r_stream_version bigint, r_replayed boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
SET enable_hashjoin = off
SET enable_mergejoin = off
AS $$
DECLARE
    v_count     integer := coalesce(cardinality(p_event_ids), 0);
    v_streams   integer := coalesce(cardinality(p_streams), 0);
    v_last      bigint;
    v_hash      bytea;
    v_base      bigint[];
    v_bad_index bigint;
    v_seen      boolean;
    v_vers      bigint[];
    v_canon     bytea[];
    v_hashes    bytea[];
    v_prevs     bytea[];
BEGIN
    -- 1. The shape of the batch (expressions only: no queries for a well-formed batch of one stream).
    IF v_count = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'AL003', MESSAGE = 'events: a batch needs at least one event';
    END IF;
    IF cardinality(p_expected) IS DISTINCT FROM v_streams
       OR v_count <> ALL (ARRAY[cardinality(p_stream_index), cardinality(p_types), cardinality(p_schema_versions),
                                cardinality(p_occurred_micros), cardinality(p_data), cardinality(p_metadata)]) THEN
        RAISE EXCEPTION USING ERRCODE = 'AL003', MESSAGE = 'batch: the stream arrays and the event arrays must each have equal lengths';
    END IF;
    IF v_streams > 1 AND (SELECT count(DISTINCT s) FROM unnest(p_streams) AS s) <> v_streams THEN
        RAISE EXCEPTION USING ERRCODE = 'AL003', MESSAGE = 'streams: a stream may appear only once in a batch';
    END IF;
    IF array_position(p_streams, NULL) IS NOT NULL
       OR NOT coalesce(1 <= ALL (p_stream_index) AND v_streams >= ALL (p_stream_index), false) THEN
        RAISE EXCEPTION USING ERRCODE = 'AL003', MESSAGE = 'events: every event must name a stream of the batch';
    END IF;

    -- 2. The ledger head.
    SELECT h.last_position, h.last_hash INTO v_last, v_hash FROM ledger_head h WHERE h.id = 1 FOR UPDATE;

    -- 3. Expected versions and known ids, before anything is numbered.
    SELECT array_agg(coalesce(h.version, 0) ORDER BY s.idx),
           (array_agg(s.idx ORDER BY s.idx) FILTER (WHERE s.expected IS NOT NULL AND s.expected <> coalesce(h.version, 0)))[1],
           EXISTS (SELECT FROM events ev WHERE ev.event_id = ANY (p_event_ids))
      INTO v_base, v_bad_index, v_seen
      FROM unnest(p_streams, p_expected) WITH ORDINALITY AS s(sid, expected, idx)
      LEFT JOIN event_streams h ON h.stream_id = s.sid;
    IF v_seen OR v_bad_index IS NOT NULL THEN
        -- A retry of a batch that was appended finds its ids recorded (and its streams moved on).
        RETURN QUERY SELECT * FROM alvh_append_replay(p_stream_index, ARRAY(SELECT p_streams[i] FROM unnest(p_stream_index) WITH ORDINALITY AS u(i, o) ORDER BY o),
                                                      p_event_ids, p_types, p_schema_versions, p_occurred_micros, p_data);
        IF FOUND THEN
            RETURN;
        END IF;
        IF v_bad_index IS NOT NULL THEN
            RAISE EXCEPTION USING ERRCODE = 'AL001',
                MESSAGE = format('stream %s: expected version %s, but it is at version %s', p_streams[v_bad_index],
                                 CASE WHEN p_expected[v_bad_index] = 0 THEN 'no stream' ELSE p_expected[v_bad_index]::text END, v_base[v_bad_index]),
                DETAIL = json_build_object('stream', p_streams[v_bad_index], 'actual', v_base[v_bad_index])::text;
        END IF;
    END IF;

    -- 4. Number the events and build their canonical bytes, then chain the hashes.
    SELECT array_agg(n.ver ORDER BY n.ord),
           array_agg(alvh_canonical_text((v_last + n.ord)::text, n.sid, n.ver::text, n.eid::text, n.etype, n.sv::text, n.us::text,
                                         n.data_text, n.meta_text) ORDER BY n.ord)
      INTO v_vers, v_canon
      -- OFFSET 0 keeps the subquery whole, so each jsonb is printed once (the inlined canonical
      -- text uses each argument twice).
      FROM (SELECT b.ord, p_streams[b.sidx] AS sid, v_base[b.sidx] + row_number() OVER (PARTITION BY b.sidx ORDER BY b.ord) AS ver,
                   b.eid, b.etype, b.sv, b.us, b.data::text AS data_text, b.meta::text AS meta_text
              FROM unnest(p_stream_index, p_event_ids, p_types, p_schema_versions, p_occurred_micros, p_data, p_metadata)
                   WITH ORDINALITY AS b(sidx, eid, etype, sv, us, data, meta, ord)
            OFFSET 0) AS n;
    v_prevs := ARRAY[v_hash];
    v_hashes := '{}';
    FOR i IN 1 .. v_count LOOP
        v_hash := sha256(v_hash || v_canon[i]);
        v_hashes := v_hashes || v_hash;
        IF i < v_count THEN v_prevs := v_prevs || v_hash; END IF;
    END LOOP;

    -- 5. Insert the events, move the stream heads and the ledger head: one statement.
    WITH inserted AS (
        INSERT INTO events (global_position, stream_id, stream_version, event_id, type, schema_version,
                            data, metadata, occurred_at, prev_hash, hash)
        SELECT v_last + b.ord, p_streams[b.sidx], b.ver, b.eid, b.etype, b.sv, b.data, b.meta, alvh_timestamptz_from_micros(b.us), b.prev, b.hash
          FROM unnest(p_stream_index, v_vers, p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_occurred_micros, v_prevs, v_hashes)
               WITH ORDINALITY AS b(sidx, ver, eid, etype, sv, data, meta, us, prev, hash, ord)
    ), stream_heads AS (
        INSERT INTO event_streams AS h (stream_id, version)
        SELECT p_streams[b.sidx], max(b.ver) FROM unnest(p_stream_index, v_vers) AS b(sidx, ver) GROUP BY b.sidx
        ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version
    )
    UPDATE ledger_head SET last_position = v_last + v_count, last_hash = v_hash WHERE id = 1;

    -- 6. Wake readers (delivered at commit) and return the positions per stream.
    PERFORM pg_notify('alvh_events', (v_last + v_count)::text);
    RETURN QUERY
        SELECT b.sidx, array_agg(v_last + b.ord ORDER BY b.ord), v_base[b.sidx] + count(*), false
          FROM unnest(p_stream_index) WITH ORDINALITY AS b(sidx, ord)
         GROUP BY b.sidx ORDER BY b.sidx;
END
$$;

REVOKE ALL ON FUNCTION alvh_append(text[], bigint[], integer[], uuid[], text[], integer[], bigint[], jsonb[], jsonb[]) FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alvh_app') THEN
        GRANT EXECUTE ON FUNCTION alvh_append(text[], bigint[], integer[], uuid[], text[], integer[], bigint[], jsonb[], jsonb[]) TO alvh_app;
    END IF;
END
$$;
