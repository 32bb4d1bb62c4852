-- alvh_unix_micros(p): the instant p as microseconds since 1970-01-01 00:00:00 UTC (may be negative).
-- Field F7 of an event's canonical bytes (see alvh_canonical_text.sql).
CREATE OR REPLACE FUNCTION alvh_unix_micros(p timestamptz) RETURNS bigint
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT (extract(epoch FROM p) * 1000000)::bigint $$;
