-- alvh_refuse_change(): the trigger function behind the immutability of events. Statement triggers
-- (BEFORE UPDATE, DELETE, TRUNCATE on events, created in schema/0001_events.sql) call it; it always
-- raises AL004, for every role, the owner included, and even when no row matches. Corrections are
-- new events (EventVoided).
CREATE OR REPLACE FUNCTION alvh_refuse_change() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'AL004',
        MESSAGE = format('%s is immutable: %s is refused (record a correcting event instead)', TG_TABLE_NAME, TG_OP);
END
$$;
