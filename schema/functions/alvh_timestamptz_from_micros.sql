-- alvh_timestamptz_from_micros(p): the instant p microseconds after 1970-01-01 00:00:00 UTC, exactly
-- (integer interval arithmetic, no floating-point seconds). Appends store occurred_at with it.
CREATE OR REPLACE FUNCTION alvh_timestamptz_from_micros(p bigint) RETURNS timestamptz
LANGUAGE sql STABLE STRICT PARALLEL SAFE
AS $$ SELECT timestamptz 'epoch' + p * interval '1 microsecond' $$;
