-- alvh_canonical_bytes(…): an event's canonical bytes from its typed columns (see alvh_canonical_text.sql),
-- e.g. to recompute a stored hash in SQL:
--   sha256(prev_hash || alvh_canonical_bytes(global_position, stream_id, stream_version, event_id, type,
--                                            schema_version, occurred_at, data, metadata)) = hash
CREATE OR REPLACE FUNCTION alvh_canonical_bytes(p_position bigint, p_stream_id text, p_stream_version bigint, p_event_id uuid,
                                                p_type text, p_schema_version integer, p_occurred_at timestamptz,
                                                p_data jsonb, p_metadata jsonb) RETURNS bytea
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT alvh_canonical_text(p_position::text, p_stream_id, p_stream_version::text, p_event_id::text, p_type,
                               p_schema_version::text, alvh_unix_micros(p_occurred_at)::text, p_data::text, p_metadata::text)
$$;
