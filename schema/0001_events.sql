-- ALVH Ledger event store, migration 0001: the append-only, hash-chained ledger of events.
--
-- Design (see DESIGN.md, "The store"):
-- * One ledger-head row (last position, last hash) is locked by every append (SELECT … FOR UPDATE
--   inside alvh_append). Appends are therefore serialised: positions are numbered last+1 … under the
--   lock, are gapless, and become visible in commit order (the lock is released only after the
--   commit is visible), so a reader following global_position never skips a late commit.
-- * Expected versions are checked against event_streams (one row per stream) before anything is
--   numbered; UNIQUE (stream_id, stream_version) is the backstop.
-- * Each event stores hash = sha256(prev_hash || canonical bytes); prev_hash of the first event is 32
--   zero bytes. The canonical bytes of an event are the UTF-8 bytes of the text
--       L1,L2,L3,L4,L5,L6,L7,L8,L9;F1F2F3F4F5F6F7F8F9
--   where F1…F9 are these fields as text and Li is the byte length of Fi in decimal (so the split is
--   unambiguous whatever the fields hold):
--     F1 global_position   decimal, e.g. 42
--     F2 stream_id
--     F3 stream_version    decimal
--     F4 event_id          lower-case hyphenated uuid
--     F5 type
--     F6 schema_version    decimal
--     F7 occurred_at       microseconds since 1970-01-01 00:00:00 UTC, decimal (may be negative)
--     F8 data              jsonb text form (the server's canonical output of the jsonb value)
--     F9 metadata          jsonb text form
--   `alvh verify` recomputes this in Swift (EventStore/CanonicalEventBytes.swift) from the rows read.
--   The database must be UTF8-encoded (checked below) so that text bytes are UTF-8.
-- * UPDATE, DELETE and TRUNCATE of events raise (statement triggers), even for the owner; the
--   application role alvh_app may only SELECT and INSERT (and call alvh_append).

DO $$
BEGIN
    IF getdatabaseencoding() <> 'UTF8' THEN
        RAISE EXCEPTION 'the ledger database must be UTF8-encoded, this one is %', getdatabaseencoding()
            USING HINT = 'create it with ENCODING ''UTF8'' (TEMPLATE template0)';
    END IF;
END
$$;

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

-- Canonical-bytes helpers (see the header); alvh_append computes the same expression inline.
CREATE FUNCTION alvh_unix_micros(p timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT (extract(epoch FROM p) * 1000000)::bigint $$;

-- The instant `p` microseconds after 1970-01-01 00:00:00 UTC, exactly (no floating-point seconds).
CREATE FUNCTION alvh_timestamptz_from_micros(p bigint) RETURNS timestamptz
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$ SELECT timestamptz 'epoch' + p * interval '1 microsecond' $$;

CREATE FUNCTION alvh_canonical_text(f1 text, f2 text, f3 text, f4 text, f5 text, f6 text, f7 text, f8 text, f9 text) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT convert_to(concat_ws(',', octet_length(f1), octet_length(f2), octet_length(f3), octet_length(f4), octet_length(f5),
                                     octet_length(f6), octet_length(f7), octet_length(f8), octet_length(f9))
                      || ';' || f1 || f2 || f3 || f4 || f5 || f6 || f7 || f8 || f9, 'UTF8')
$$;

CREATE FUNCTION alvh_canonical_bytes(p_position bigint, p_stream_id text, p_stream_version bigint, p_event_id uuid,
                                     p_type text, p_schema_version integer, p_occurred_at timestamptz,
                                     p_data jsonb, p_metadata jsonb) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT alvh_canonical_text(p_position::text, p_stream_id, p_stream_version::text, p_event_id::text, p_type,
                               p_schema_version::text, alvh_unix_micros(p_occurred_at)::text, p_data::text, p_metadata::text)
$$;

-- The idempotency rule of alvh_append: when none of the batch's event ids exist, returns no rows;
-- when all exist with the same stream, type, schema version, occurred_at and data, returns the
-- original result (replayed = true); otherwise raises AL002 (same id, other payload) or AL003 (a
-- batch mixing recorded and new ids).
CREATE FUNCTION alvh_append_replay(p_stream_index integer[], p_stream_ids text[], p_event_ids uuid[], p_types text[],
                                   p_schema_versions integer[], p_occurred_micros bigint[], p_data jsonb[])
RETURNS TABLE (r_stream_index integer, r_positions bigint[], r_stream_version bigint, r_replayed boolean)
LANGUAGE plpgsql STABLE
-- Custom plans: a generic plan cannot see how many ids `= ANY (…)` holds and may scan all events.
SET search_path = public, pg_temp SET plan_cache_mode = force_custom_plan
AS $$
DECLARE
    v_existing integer;
    v_bad      record;
BEGIN
    SELECT count(*)::integer INTO v_existing FROM events ev WHERE ev.event_id = ANY (p_event_ids);
    IF v_existing = 0 THEN
        RETURN;
    END IF;
    SELECT ev.event_id, ev.global_position INTO v_bad
      FROM unnest(p_event_ids, p_stream_ids, p_types, p_schema_versions, p_occurred_micros, p_data)
           WITH ORDINALITY AS b(eid, sid, etype, sv, us, data, ord)
      JOIN events ev ON ev.event_id = b.eid
     WHERE (ev.stream_id, ev.type, ev.schema_version, alvh_unix_micros(ev.occurred_at), ev.data)
           IS DISTINCT FROM (b.sid, b.etype, b.sv, b.us, b.data)
     ORDER BY b.ord LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION USING ERRCODE = 'AL002',
            MESSAGE = format('event %s already exists at position %s with a different payload', v_bad.event_id, v_bad.global_position),
            DETAIL = json_build_object('event_id', v_bad.event_id, 'position', v_bad.global_position)::text;
    END IF;
    IF v_existing < cardinality(p_event_ids) THEN
        SELECT ev.event_id, ev.global_position INTO v_bad FROM events ev WHERE ev.event_id = ANY (p_event_ids)
         ORDER BY ev.global_position LIMIT 1;
        RAISE EXCEPTION USING ERRCODE = 'AL003',
            MESSAGE = format('events: the batch mixes new events with event %s, already recorded at position %s; retry the original batch or use new ids',
                             v_bad.event_id, v_bad.global_position);
    END IF;
    RETURN QUERY
        SELECT b.sidx, array_agg(ev.global_position ORDER BY b.ord), max(ev.stream_version), true
          FROM unnest(p_event_ids, p_stream_index) WITH ORDINALITY AS b(eid, sidx, ord)
          JOIN events ev ON ev.event_id = b.eid
         GROUP BY b.sidx ORDER BY b.sidx;
END
$$;

-- Appends a batch of events to one or more streams, all or nothing, in one call.
--
-- Streams: p_streams[i] with p_expected[i]: NULL = any version, 0 = the stream must not exist,
-- n = its version must be n. Events (parallel arrays, numbered in array order): p_stream_index (1-based
-- index into p_streams), p_event_ids, p_types, p_schema_versions, p_occurred_micros (occurred_at in µs since
-- 1970 UTC), p_data, p_metadata.
-- Returns one row per stream that has events: (stream index, 1-based; global positions; stream version
-- after the append; replayed).
--
-- Errors (SQLSTATE): AL001 wrong expected version (DETAIL {"stream","actual"}); AL002 an event id exists
-- with a different payload (DETAIL {"event_id","position"}); AL003 invalid batch. A batch whose event ids
-- all exist with the same stream, type, schema version, occurred_at and data (metadata may differ: it
-- describes the attempt) is an idempotent retry: nothing is written, the original positions return
-- (see alvh_append_replay; it is consulted when an expected version fails or an event id exists).
CREATE FUNCTION alvh_append(p_streams text[], p_expected bigint[], p_stream_index integer[], p_event_ids uuid[],
                            p_types text[], p_schema_versions integer[], p_occurred_micros bigint[],
                            p_data jsonb[], p_metadata jsonb[])
RETURNS TABLE (r_stream_index integer, r_positions bigint[], r_stream_version bigint, r_replayed boolean)
LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
DECLARE
    v_last      bigint;
    v_hash      bytea;
    v_count     integer := coalesce(cardinality(p_event_ids), 0);
    v_sids      text[];
    v_base      bigint[];
    v_vers      bigint[];
    v_canon     bytea[];
    v_hashes    bytea[];
    v_prevs     bytea[];
    v_bad_index bigint;
BEGIN
    -- 1. The shape of the batch.
    IF v_count = 0 THEN
        RAISE EXCEPTION USING ERRCODE = 'AL003', MESSAGE = 'events: a batch needs at least one event';
    END IF;
    IF cardinality(p_expected) IS DISTINCT FROM cardinality(p_streams)
       OR v_count <> ALL (ARRAY[cardinality(p_stream_index), cardinality(p_types), cardinality(p_schema_versions),
                                cardinality(p_occurred_micros), cardinality(p_data), cardinality(p_metadata)]) THEN
        RAISE EXCEPTION USING ERRCODE = 'AL003', MESSAGE = 'batch: the stream arrays and the event arrays must each have equal lengths';
    END IF;
    IF cardinality(p_streams) > 1 AND (SELECT count(DISTINCT s) FROM unnest(p_streams) AS s) <> cardinality(p_streams) THEN
        RAISE EXCEPTION USING ERRCODE = 'AL003', MESSAGE = 'streams: a stream may appear only once in a batch';
    END IF;
    SELECT array_agg(s.sid ORDER BY e.ord) INTO v_sids
      FROM unnest(p_stream_index) WITH ORDINALITY AS e(sidx, ord)
      LEFT JOIN unnest(p_streams) WITH ORDINALITY AS s(sid, idx) ON s.idx = e.sidx;
    IF array_position(v_sids, NULL) IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'AL003', MESSAGE = 'events: every event must name a stream of the batch';
    END IF;

    -- 2. The ledger head: serialises appends so positions are gapless and visible in commit order.
    SELECT h.last_position, h.last_hash INTO v_last, v_hash FROM ledger_head h WHERE h.id = 1 FOR UPDATE;

    -- 4. Expected versions, before anything is numbered (one look-up of the stream heads).
    SELECT array_agg(coalesce(h.version, 0) ORDER BY s.idx),
           (array_agg(s.idx ORDER BY s.idx) FILTER (WHERE s.expected IS NOT NULL AND s.expected <> coalesce(h.version, 0)))[1]
      INTO v_base, v_bad_index
      FROM unnest(p_streams, p_expected) WITH ORDINALITY AS s(sid, expected, idx)
      LEFT JOIN event_streams h ON h.stream_id = s.sid;
    IF v_bad_index IS NOT NULL THEN
        -- A retry of a batch that was appended finds its streams moved on: that is a replay.
        RETURN QUERY SELECT * FROM alvh_append_replay(p_stream_index, v_sids, p_event_ids, p_types, p_schema_versions, p_occurred_micros, p_data);
        IF FOUND THEN
            RETURN;
        END IF;
        RAISE EXCEPTION USING ERRCODE = 'AL001',
            MESSAGE = format('stream %s: expected version %s, but it is at version %s', p_streams[v_bad_index],
                             CASE WHEN p_expected[v_bad_index] = 0 THEN 'no stream' ELSE p_expected[v_bad_index]::text END, v_base[v_bad_index]),
            DETAIL = json_build_object('stream', p_streams[v_bad_index], 'actual', v_base[v_bad_index])::text;
    END IF;

    -- 5. Number, then chain the hashes (the only per-event loop: one sha256 per event).
    SELECT array_agg(c.ver ORDER BY c.ord),
           array_agg(alvh_canonical_text(c.f1, c.f2, c.f3, c.f4, c.f5, c.f6, c.f7, c.f8, c.f9) ORDER BY c.ord)
      INTO v_vers, v_canon
      FROM (SELECT x.ord, x.ver, (v_last + x.ord)::text AS f1, x.sid AS f2, x.ver::text AS f3, x.eid::text AS f4, x.etype AS f5,
                   x.sv::text AS f6, x.us::text AS f7, x.data::text AS f8, x.meta::text AS f9
              FROM (SELECT b.*, v_base[b.sidx] + row_number() OVER (PARTITION BY b.sidx ORDER BY b.ord) AS ver
                      FROM unnest(p_stream_index, v_sids, p_event_ids, p_types, p_schema_versions, p_occurred_micros, p_data, p_metadata)
                           WITH ORDINALITY AS b(sidx, sid, eid, etype, sv, us, data, meta, ord)) AS x
             OFFSET 0) AS c;
    v_prevs := ARRAY[v_hash];
    v_hashes := '{}';
    FOR i IN 1 .. v_count LOOP
        v_hash := sha256(v_hash || v_canon[i]);
        v_hashes := v_hashes || v_hash;
        IF i < v_count THEN v_prevs := v_prevs || v_hash; END IF;
    END LOOP;

    -- 6. Insert, move the stream heads and the ledger head, wake readers (delivered at commit).
    --    An event id that exists already fails the unique index: then the batch is either an
    --    idempotent retry (return the original result) or a conflict (raise). Checking this only on
    --    failure spares every normal append a probe per event.
    BEGIN
        INSERT INTO events (global_position, stream_id, stream_version, event_id, type, schema_version,
                            data, metadata, occurred_at, prev_hash, hash)
        SELECT v_last + b.ord, b.sid, b.ver, b.eid, b.etype, b.sv, b.data, b.meta, alvh_timestamptz_from_micros(b.us), b.prev, b.hash
          FROM unnest(v_sids, v_vers, p_event_ids, p_types, p_schema_versions, p_data, p_metadata, p_occurred_micros, v_prevs, v_hashes)
               WITH ORDINALITY AS b(sid, ver, eid, etype, sv, data, meta, us, prev, hash, ord);
    EXCEPTION WHEN unique_violation THEN
        RETURN QUERY SELECT * FROM alvh_append_replay(p_stream_index, v_sids, p_event_ids, p_types, p_schema_versions, p_occurred_micros, p_data);
        IF NOT FOUND THEN
            RAISE;
        END IF;
        RETURN;
    END;

    INSERT INTO event_streams AS h (stream_id, version)
    SELECT b.sid, max(b.ver) FROM unnest(v_sids, v_vers) AS b(sid, ver) GROUP BY b.sid
    ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version;

    UPDATE ledger_head SET last_position = v_last + v_count, last_hash = v_hash WHERE id = 1;
    PERFORM pg_notify('alvh_events', (v_last + v_count)::text);

    RETURN QUERY
        SELECT b.sidx, array_agg(v_last + b.ord ORDER BY b.ord), max(b.ver), false
          FROM unnest(p_stream_index, v_vers) WITH ORDINALITY AS b(sidx, ver, ord)
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
REVOKE ALL ON FUNCTION alvh_append_replay(integer[], text[], uuid[], text[], integer[], bigint[], jsonb[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION alvh_append(text[], bigint[], integer[], uuid[], text[], integer[], bigint[], jsonb[], jsonb[]) FROM PUBLIC;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alvh_app') THEN
        BEGIN
            CREATE ROLE alvh_app NOLOGIN;
            -- Sessions of the role cannot hold the ledger head for long, whatever the client sets.
            ALTER ROLE alvh_app SET lock_timeout = '5s';
            ALTER ROLE alvh_app SET idle_in_transaction_session_timeout = '30s';
        EXCEPTION WHEN insufficient_privilege OR unique_violation OR duplicate_object THEN
            RAISE WARNING 'role alvh_app was not created (%): create it as a DBA to use the application role', SQLERRM;
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alvh_app') THEN
        GRANT SELECT, INSERT ON events TO alvh_app;
        GRANT SELECT ON event_streams, ledger_head TO alvh_app;
        GRANT EXECUTE ON FUNCTION alvh_append(text[], bigint[], integer[], uuid[], text[], integer[], bigint[], jsonb[], jsonb[]) TO alvh_app;
    END IF;
END
$$;
