-- ALVH Ledger event store, migration 0001: the append-only, hash-chained ledger of events.
--
-- Design (see DESIGN.md, "The store"):
-- * One ledger-head row (last position, last hash) is locked by every append (SELECT … FOR UPDATE
--   inside alvh_append). Appends are therefore serialised: positions are numbered last+1 … under the
--   lock, are gapless, and become visible in commit order (the lock is released only after the
--   commit is visible), so a reader following global_position never skips a late commit.
-- * Expected versions are checked against event_streams (one row per stream) before anything is
--   numbered; UNIQUE (stream_id, stream_version) is the backstop.
-- * Each event stores hash = sha256(prev_hash || canonical bytes), prev_hash of the first event is 32
--   zero bytes. The canonical bytes of an event are the concatenation, for each of these fields in
--   this order, of the field's UTF-8 byte length as a 4-byte big-endian integer followed by the bytes:
--     1 global_position   decimal text, e.g. 42
--     2 stream_id         text
--     3 stream_version    decimal text
--     4 event_id          lower-case hyphenated uuid text
--     5 type              text
--     6 schema_version    decimal text
--     7 occurred_at       microseconds since 1970-01-01 00:00:00 UTC, decimal text (may be negative)
--     8 data              jsonb text form (the server's canonical output of the jsonb value)
--     9 metadata          jsonb text form
--   `alvh verify` recomputes this in Swift (EventStore/CanonicalEventBytes.swift) from the rows read.
-- * UPDATE, DELETE and TRUNCATE of events raise (statement triggers), even for the owner; the
--   application role alvh_app may only SELECT and INSERT (and call alvh_append).

CREATE TABLE events (
    global_position bigint      NOT NULL PRIMARY KEY CHECK (global_position >= 1),
    stream_id       text        NOT NULL CHECK (stream_id ~ '^[a-z][a-z0-9_]*-[A-Za-z0-9._:-]+$' AND length(stream_id) <= 200),
    stream_version  bigint      NOT NULL CHECK (stream_version >= 1),
    event_id        uuid        NOT NULL UNIQUE,
    type            text        NOT NULL CHECK (type ~ '^[A-Za-z][A-Za-z0-9_.]*$' AND length(type) <= 100),
    schema_version  integer     NOT NULL CHECK (schema_version >= 1),
    data            jsonb       NOT NULL CHECK (jsonb_typeof(data) = 'object'),
    metadata        jsonb       NOT NULL CHECK (jsonb_typeof(metadata) = 'object'),
    occurred_at     timestamptz NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    -- The writing transaction's id: keeps visibility-based reader designs open.
    xact_id         xid8        NOT NULL DEFAULT pg_current_xact_id(),
    prev_hash       bytea       NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash            bytea       NOT NULL CHECK (octet_length(hash) = 32),
    CONSTRAINT events_stream_version_key UNIQUE (stream_id, stream_version)
);

COMMENT ON TABLE events IS 'ALVH Ledger: immutable, hash-chained events; append only through alvh_append().';

-- One row per stream: its current version (the version of its last event).
CREATE TABLE event_streams (
    stream_id text   NOT NULL PRIMARY KEY,
    version   bigint NOT NULL CHECK (version >= 1)
);

-- The single ledger-head row every append locks.
CREATE TABLE ledger_head (
    id            integer NOT NULL PRIMARY KEY CHECK (id = 1),
    last_position bigint  NOT NULL,
    last_hash     bytea   NOT NULL CHECK (octet_length(last_hash) = 32)
);
INSERT INTO ledger_head (id, last_position, last_hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'));

-- Canonical-bytes helpers (see the header). Immutable, inlined by the planner.
CREATE FUNCTION alvh_field(p text) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT int4send(octet_length(convert_to(p, 'UTF8'))) || convert_to(p, 'UTF8') $$;

CREATE FUNCTION alvh_unix_micros(p timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT (extract(epoch FROM p) * 1000000)::bigint $$;

CREATE FUNCTION alvh_canonical_bytes(p_position bigint, p_stream_id text, p_stream_version bigint, p_event_id uuid,
                                     p_type text, p_schema_version integer, p_occurred_at timestamptz,
                                     p_data jsonb, p_metadata jsonb) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT alvh_field(p_position::text) || alvh_field(p_stream_id) || alvh_field(p_stream_version::text)
        || alvh_field(p_event_id::text) || alvh_field(p_type) || alvh_field(p_schema_version::text)
        || alvh_field(alvh_unix_micros(p_occurred_at)::text) || alvh_field(p_data::text) || alvh_field(p_metadata::text)
$$;

-- Appends a batch of events to one or more streams, all or nothing, in one call.
--
-- p_batch: {"streams": [{"id": "condor-…", "expected": null | 0 | n}, …],
--           "events":  [{"s": <index into streams>, "id": "<uuid>", "type": "CondorOpened", "v": 1,
--                        "at": <occurred_at, µs since 1970 UTC>, "data": {…}, "meta": {…}}, …]}
-- "expected": null = any version, 0 = the stream must not exist, n = its version must be n.
-- Events are numbered in array order. Returns one row per stream that has events:
-- (stream index, global positions, stream version after the append, replayed).
--
-- Errors (SQLSTATE): AL001 wrong expected version (DETAIL {"stream","actual"}); AL002 an event id exists
-- with a different payload (DETAIL {"event_id","position"}); AL003 invalid batch. A batch whose event ids
-- all exist with the same stream, type, schema version, occurred_at and data (metadata may differ: it
-- describes the attempt) is an idempotent retry: nothing is written, the original positions return.
CREATE FUNCTION alvh_append(p_batch jsonb)
RETURNS TABLE (r_stream_index integer, r_positions bigint[], r_stream_version bigint, r_replayed boolean)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
AS $$
DECLARE
    v_last      bigint;
    v_hash      bytea;
    v_count     integer;
    v_existing  integer;
    v_sidx      integer[];
    v_sids      text[];
    v_eids      uuid[];
    v_types     text[];
    v_svs       integer[];
    v_ats       timestamptz[];
    v_data      jsonb[];
    v_meta      jsonb[];
    v_base      bigint[];
    v_vers      bigint[];
    v_canon     bytea[];
    v_hashes    bytea[];
    v_prevs     bytea[];
    v_bad       record;
BEGIN
    -- 1. The ledger head: serialises appends so positions are gapless and visible in commit order.
    SELECT h.last_position, h.last_hash INTO v_last, v_hash FROM ledger_head h WHERE h.id = 1 FOR UPDATE;

    -- 2. The batch as arrays, in order.
    SELECT count(*)::integer,
           array_agg((e.doc->>'s')::integer ORDER BY e.ord),
           array_agg(p_batch->'streams'->((e.doc->>'s')::integer)->>'id' ORDER BY e.ord),
           array_agg((e.doc->>'id')::uuid ORDER BY e.ord),
           array_agg(e.doc->>'type' ORDER BY e.ord),
           array_agg(coalesce((e.doc->>'v')::integer, 1) ORDER BY e.ord),
           array_agg(timestamptz 'epoch' + ((e.doc->>'at')::bigint / 1000000) * interval '1 second'
                                         + ((e.doc->>'at')::bigint % 1000000) * interval '1 microsecond' ORDER BY e.ord),
           array_agg(e.doc->'data' ORDER BY e.ord),
           array_agg(coalesce(e.doc->'meta', '{}'::jsonb) ORDER BY e.ord)
      INTO v_count, v_sidx, v_sids, v_eids, v_types, v_svs, v_ats, v_data, v_meta
      FROM jsonb_array_elements(p_batch->'events') WITH ORDINALITY AS e(doc, ord);
    IF v_count = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'AL003', MESSAGE = 'events: a batch needs at least one event';
    END IF;
    IF EXISTS (SELECT 1 FROM unnest(v_sids) AS s(sid) WHERE s.sid IS NULL) THEN
        RAISE EXCEPTION USING ERRCODE = 'AL003', MESSAGE = 'events: every event must name a stream of the batch';
    END IF;

    -- 3. Idempotent retry or conflicting event id.
    SELECT count(*)::integer INTO v_existing FROM events ev WHERE ev.event_id = ANY (v_eids);
    IF v_existing > 0 THEN
        SELECT ev.event_id, ev.global_position INTO v_bad
          FROM unnest(v_eids, v_sids, v_types, v_svs, v_ats, v_data) WITH ORDINALITY AS b(eid, sid, etype, sv, at, data, ord)
          JOIN events ev ON ev.event_id = b.eid
         WHERE (ev.stream_id, ev.type, ev.schema_version, ev.occurred_at, ev.data)
               IS DISTINCT FROM (b.sid, b.etype, b.sv, b.at, b.data)
         ORDER BY b.ord LIMIT 1;
        IF FOUND THEN
            RAISE EXCEPTION USING ERRCODE = 'AL002',
                MESSAGE = format('event %s already exists at position %s with a different payload', v_bad.event_id, v_bad.global_position),
                DETAIL = json_build_object('event_id', v_bad.event_id, 'position', v_bad.global_position)::text;
        END IF;
        IF v_existing < v_count THEN
            SELECT ev.event_id, ev.global_position INTO v_bad FROM events ev WHERE ev.event_id = ANY (v_eids)
             ORDER BY ev.global_position LIMIT 1;
            RAISE EXCEPTION USING ERRCODE = 'AL003',
                MESSAGE = format('events: the batch mixes new events with event %s, already recorded at position %s; retry the original batch or use new ids',
                                 v_bad.event_id, v_bad.global_position);
        END IF;
        RETURN QUERY
            SELECT b.sidx, array_agg(ev.global_position ORDER BY b.ord), max(ev.stream_version), true
              FROM unnest(v_eids, v_sidx) WITH ORDINALITY AS b(eid, sidx, ord)
              JOIN events ev ON ev.event_id = b.eid
             GROUP BY b.sidx ORDER BY b.sidx;
        RETURN;
    END IF;

    -- 4. Expected versions, before anything is numbered.
    SELECT s.ord - 1 AS idx, s.doc->>'id' AS sid, s.doc->'expected' AS expected, coalesce(h.version, 0) AS actual INTO v_bad
      FROM jsonb_array_elements(p_batch->'streams') WITH ORDINALITY AS s(doc, ord)
      LEFT JOIN event_streams h ON h.stream_id = s.doc->>'id'
     WHERE jsonb_typeof(s.doc->'expected') = 'number' AND (s.doc->>'expected')::bigint <> coalesce(h.version, 0)
     ORDER BY s.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'AL001',
            MESSAGE = format('stream %s: expected version %s, but it is at version %s',
                             v_bad.sid, CASE WHEN v_bad.expected::text = '0' THEN 'no stream' ELSE v_bad.expected::text END, v_bad.actual),
            DETAIL = json_build_object('stream', v_bad.sid, 'actual', v_bad.actual)::text;
    END IF;
    SELECT array_agg(coalesce(h.version, 0) ORDER BY s.ord) INTO v_base
      FROM jsonb_array_elements(p_batch->'streams') WITH ORDINALITY AS s(doc, ord)
      LEFT JOIN event_streams h ON h.stream_id = s.doc->>'id';

    -- 5. Number, then chain the hashes (the only per-event loop: one sha256 per event).
    SELECT array_agg(x.ver ORDER BY x.ord),
           array_agg(alvh_canonical_bytes(v_last + x.ord, x.sid, x.ver, x.eid, x.etype, x.sv, x.at, x.data, x.meta) ORDER BY x.ord)
      INTO v_vers, v_canon
      FROM (SELECT b.*, v_base[b.sidx + 1] + row_number() OVER (PARTITION BY b.sidx ORDER BY b.ord) AS ver
              FROM unnest(v_sidx, v_sids, v_eids, v_types, v_svs, v_ats, v_data, v_meta)
                   WITH ORDINALITY AS b(sidx, sid, eid, etype, sv, at, data, meta, ord)) AS x;
    v_prevs := ARRAY[v_hash];
    v_hashes := '{}';
    FOR i IN 1 .. v_count LOOP
        v_hash := sha256(v_hash || v_canon[i]);
        v_hashes := v_hashes || v_hash;
        IF i < v_count THEN v_prevs := v_prevs || v_hash; END IF;
    END LOOP;

    -- 6. Insert, move the stream heads and the ledger head, wake readers (delivered at commit).
    INSERT INTO events (global_position, stream_id, stream_version, event_id, type, schema_version,
                        data, metadata, occurred_at, prev_hash, hash)
    SELECT v_last + b.ord, b.sid, b.ver, b.eid, b.etype, b.sv, b.data, b.meta, b.at, b.prev, b.hash
      FROM unnest(v_sids, v_vers, v_eids, v_types, v_svs, v_data, v_meta, v_ats, v_prevs, v_hashes)
           WITH ORDINALITY AS b(sid, ver, eid, etype, sv, data, meta, at, prev, hash, ord);

    INSERT INTO event_streams AS h (stream_id, version)
    SELECT b.sid, max(b.ver) FROM unnest(v_sids, v_vers) AS b(sid, ver) GROUP BY b.sid
    ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version;

    UPDATE ledger_head SET last_position = v_last + v_count, last_hash = v_hash WHERE id = 1;
    PERFORM pg_notify('alvh_events', (v_last + v_count)::text);

    RETURN QUERY
        SELECT b.sidx, array_agg(v_last + b.ord ORDER BY b.ord), max(b.ver), false
          FROM unnest(v_sidx, v_vers) WITH ORDINALITY AS b(sidx, ver, ord)
         GROUP BY b.sidx ORDER BY b.sidx;
END
$$;

-- Immutability: no UPDATE, DELETE or TRUNCATE of events, for anyone (statement triggers fire even
-- when no row matches). Corrections are new events (EventVoided).
CREATE FUNCTION alvh_refuse_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'AL004',
        MESSAGE = format('%s is immutable: %s is refused (record a correcting event instead)', TG_TABLE_NAME, TG_OP);
END
$$;

CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events FOR EACH STATEMENT EXECUTE FUNCTION alvh_refuse_change();
CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events FOR EACH STATEMENT EXECUTE FUNCTION alvh_refuse_change();
CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON events FOR EACH STATEMENT EXECUTE FUNCTION alvh_refuse_change();

-- The application role: NOLOGIN (a DBA may grant LOGIN or make it a member of a login role),
-- SELECT and INSERT on events, SELECT on the heads, EXECUTE on alvh_append (which runs as the owner).
-- Roles are cluster-wide: it is created when absent and the migrating user may create roles
-- (superuser or CREATEROLE). Otherwise the migration goes on with a WARNING and no grants: a DBA
-- creates alvh_app before migrating (the grants then apply). Nothing else depends on the role.
REVOKE ALL ON events, event_streams, ledger_head FROM PUBLIC;
REVOKE ALL ON FUNCTION alvh_append(jsonb) FROM PUBLIC;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alvh_app') THEN
        BEGIN
            CREATE ROLE alvh_app NOLOGIN;
        EXCEPTION WHEN insufficient_privilege OR unique_violation OR duplicate_object THEN
            RAISE WARNING 'role alvh_app was not created (%): create it as a DBA to use the application role', SQLERRM;
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alvh_app') THEN
        GRANT SELECT, INSERT ON events TO alvh_app;
        GRANT SELECT ON event_streams, ledger_head TO alvh_app;
        GRANT EXECUTE ON FUNCTION alvh_append(jsonb) TO alvh_app;
    END IF;
END
$$;
