-- alvh_append_replay(…): the idempotency rule of alvh_append and alvh_append_one, which call it only
-- when an expected version fails or an event id of the batch exists already (under the head lock).
-- When none of the batch's event ids exist, returns no rows; when all exist with the same stream,
-- type, schema version, occurred_at and data, returns the original result (replayed = true);
-- otherwise raises AL002 (same id, other payload) or AL003 (a batch mixing recorded and new ids).
-- Metadata may differ: it describes the attempt.
CREATE OR REPLACE FUNCTION alvh_append_replay(p_stream_index integer[], p_stream_ids text[], p_event_ids uuid[], p_types text[],
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

REVOKE ALL ON FUNCTION alvh_append_replay(integer[], text[], uuid[], text[], integer[], bigint[], jsonb[]) FROM PUBLIC;
