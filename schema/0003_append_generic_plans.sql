-- ALVH Ledger event store, migration 0003: the same append, at a fraction of the server time.
--
-- What a recorded command costs the store is one alvh_append call and its commit. Measured with one
-- event per call (pgbench, synchronous_commit off to take the WAL flush out): a plain one-row INSERT
-- costs 0.02 ms, the 0001 alvh_append 0.35 ms. The time went to
-- * custom plans: plpgsql re-planned every statement with its parameters on every call (the plan
--   cache keeps choosing custom plans for queries over unnest(array parameters));
-- * nine SQL statements per call (stream ids, head lock, versions, canonical text, insert, stream
--   heads, ledger head, notify, result), each a round through SPI;
-- * alvh_canonical_text, declared IMMUTABLE STRICT over STABLE functions, so the planner could not
--   inline it: each call ran the SQL-function executor.
-- This migration replaces alvh_append with one that behaves identically (same signature, result,
-- errors, numbering, hashes; the tests of 0001 hold unchanged) and
-- * runs with generic plans (plan_cache_mode = force_generic_plan: plans made once per session;
--   every query here is an unnest of the batch arrays and index look-ups, whose best plan does not
--   depend on the values);
-- * runs five statements: the head lock; the stream versions (a statement of its own that starts
--   after the lock is held, so it sees the last committed append); the numbering and canonical
--   text; one statement that inserts the events and moves both heads; the notification (plus the
--   result rows). The hash chain stays a loop of expressions over the canonical texts;
-- * makes alvh_canonical_text inlinable (STABLE, not STRICT: every argument is NOT NULL in the
--   ledger, and a NULL argument still yields NULL through ||, as before).
-- The canonical bytes are unchanged (see 0001's header; `alvh verify` recomputes them in Swift).

CREATE OR REPLACE FUNCTION alvh_canonical_text(f1 text, f2 text, f3 text, f4 text, f5 text, f6 text, f7 text, f8 text, f9 text) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT convert_to(concat_ws(',', octet_length(f1), octet_length(f2), octet_length(f3), octet_length(f4), octet_length(f5),
                                     octet_length(f6), octet_length(f7), octet_length(f8), octet_length(f9))
                      || ';' || f1 || f2 || f3 || f4 || f5 || f6 || f7 || f8 || f9, 'UTF8')
$$;

-- Appends a batch of events to one or more streams, all or nothing, in one call. Contract as in 0001:
-- streams p_streams[i] with p_expected[i] (NULL = any version, 0 = no stream, n = exactly n); events as
-- parallel arrays numbered in array order; one result row per stream that has events (stream index,
-- global positions, stream version after the append, replayed). Errors AL001 (wrong expected version,
-- DETAIL {"stream","actual"}), AL002 (an event id exists with another payload), AL003 (invalid batch);
-- a batch whose ids all exist with the same payloads is an idempotent retry (see alvh_append_replay).
CREATE OR REPLACE FUNCTION alvh_append(p_streams text[], p_expected bigint[], p_stream_index integer[], p_event_ids uuid[],
                                       p_types text[], p_schema_versions integer[], p_occurred_micros bigint[],
                                       p_data jsonb[], p_metadata jsonb[])
RETURNS TABLE (r_stream_index integer, r_positions bigint[], r_stream_version bigint, r_replayed boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
SET plan_cache_mode = force_generic_plan
AS $$
DECLARE
    v_count     integer := coalesce(cardinality(p_event_ids), 0);
    v_streams   integer := coalesce(cardinality(p_streams), 0);
    v_last      bigint;
    v_hash      bytea;
    v_base      bigint[];
    v_bad_index bigint;
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

    -- 2. The ledger head: serialises appends so positions are gapless and visible in commit order.
    SELECT h.last_position, h.last_hash INTO v_last, v_hash FROM ledger_head h WHERE h.id = 1 FOR UPDATE;

    -- 3. Expected versions, before anything is numbered (a statement of its own, started after the
    --    lock is held, so it sees the stream heads of the last committed append).
    SELECT array_agg(coalesce(h.version, 0) ORDER BY s.idx),
           (array_agg(s.idx ORDER BY s.idx) FILTER (WHERE s.expected IS NOT NULL AND s.expected <> coalesce(h.version, 0)))[1]
      INTO v_base, v_bad_index
      FROM unnest(p_streams, p_expected) WITH ORDINALITY AS s(sid, expected, idx)
      LEFT JOIN event_streams h ON h.stream_id = s.sid;
    IF v_bad_index IS NOT NULL THEN
        -- A retry of a batch that was appended finds its streams moved on: that is a replay.
        RETURN QUERY SELECT * FROM alvh_append_replay(p_stream_index, ARRAY(SELECT p_streams[i] FROM unnest(p_stream_index) WITH ORDINALITY AS u(i, o) ORDER BY o),
                                                      p_event_ids, p_types, p_schema_versions, p_occurred_micros, p_data);
        IF FOUND THEN
            RETURN;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'AL001',
            MESSAGE = format('stream %s: expected version %s, but it is at version %s', p_streams[v_bad_index],
                             CASE WHEN p_expected[v_bad_index] = 0 THEN 'no stream' ELSE p_expected[v_bad_index]::text END, v_base[v_bad_index]),
            DETAIL = json_build_object('stream', p_streams[v_bad_index], 'actual', v_base[v_bad_index])::text;
    END IF;

    -- 4. Number the events and build their canonical bytes (one statement), then chain the hashes
    --    (the only per-event loop: one sha256 per event).
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

    -- 5. Insert the events, move the stream heads and the ledger head: one statement. An event id
    --    that exists already fails the unique index: then the batch is either an idempotent retry
    --    (return the original result) or a conflict (raise); checking only on failure spares every
    --    normal append a probe per event.
    BEGIN
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
    EXCEPTION WHEN unique_violation THEN
        RETURN QUERY SELECT * FROM alvh_append_replay(p_stream_index, ARRAY(SELECT p_streams[i] FROM unnest(p_stream_index) WITH ORDINALITY AS u(i, o) ORDER BY o),
                                                      p_event_ids, p_types, p_schema_versions, p_occurred_micros, p_data);
        IF NOT FOUND THEN
            RAISE;
        END IF;
        RETURN;
    END;

    -- 6. Wake readers (delivered at commit) and return the positions per stream.
    PERFORM pg_notify('alvh_events', (v_last + v_count)::text);
    RETURN QUERY
        SELECT b.sidx, array_agg(v_last + b.ord ORDER BY b.ord), v_base[b.sidx] + count(*), false
          FROM unnest(p_stream_index) WITH ORDINALITY AS b(sidx, ord)
         GROUP BY b.sidx ORDER BY b.sidx;
END
$$;
