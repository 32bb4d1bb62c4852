-- alvh_canonical_text(f1 … f9): the canonical bytes an event's hash covers, from its nine fields as
-- text: the UTF-8 bytes of `L1,L2,L3,L4,L5,L6,L7,L8,L9;F1F2F3F4F5F6F7F8F9`, where Li is the byte
-- length of Fi in decimal (so the split is unambiguous whatever the fields hold). The fields:
--   F1 global_position (decimal)       F4 event_id (lower-case hyphenated uuid)   F7 occurred_at in µs since 1970 UTC
--   F2 stream_id                       F5 type                                    F8 data (jsonb text form)
--   F3 stream_version (decimal)        F6 schema_version (decimal)                F9 metadata (jsonb text form)
-- hash = sha256(prev_hash ‖ canonical bytes); the first event's prev_hash is 32 zero bytes. These
-- bytes have never changed since schema/0001_events.sql (every stored hash depends on them); `alvh
-- verify` recomputes them in Swift (Sources/EventStore/CanonicalEventBytes.swift).
--
-- STABLE and not STRICT so that the planner inlines it into the callers' expressions (convert_to is
-- STABLE; a NULL field still yields NULL through ||).
CREATE OR REPLACE FUNCTION alvh_canonical_text(f1 text, f2 text, f3 text, f4 text, f5 text, f6 text, f7 text, f8 text, f9 text) RETURNS bytea
LANGUAGE sql STABLE PARALLEL SAFE
AS $$
    SELECT convert_to(concat_ws(',', octet_length(f1), octet_length(f2), octet_length(f3), octet_length(f4), octet_length(f5),
                                     octet_length(f6), octet_length(f7), octet_length(f8), octet_length(f9))
                      || ';' || f1 || f2 || f3 || f4 || f5 || f6 || f7 || f8 || f9, 'UTF8')
$$;
