-- ALVH Ledger event store, migration 0004: the live definition of every store function moves to
-- schema/functions/ (one function a file, applied by checksum), and the tables every append updates
-- keep their hot rows short.
--
-- Functions. From now on a function's current definition is its file in schema/functions/, not the
-- last migration that happened to replace it. After the migrations, `alvh db migrate` (and every
-- command that migrates) runs each file whose checksum differs from the one recorded here, all of
-- them in one transaction, and records the new checksums: an idempotent CREATE OR REPLACE, applied
-- exactly once per change. Migrations stay for what CREATE OR REPLACE cannot do (tables, indexes,
-- roles, a changed signature: drop the old one in a migration, define the new one in its file). The
-- files are applied in name order after every migration, so a migration may not rely on a function
-- that only its file defines.
--
-- Hot rows. Every append updates the single ledger_head row, and its stream's event_streams row.
-- PostgreSQL prunes the dead versions an update leaves behind only when a page is nearly full, so
-- with the default fill factor a lookup of the head walks a chain of up to ~100 dead versions of
-- it (measured: about a tenth of a single append's server time). A low fill factor makes the page
-- prune after a few updates. event_streams gets room on each page for its rows' updates to stay on
-- the page (HOT), so they do not touch its index. The settings take effect as pages are next written.

CREATE TABLE alvh_schema_functions (
    name       text        NOT NULL PRIMARY KEY,
    checksum   text        NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
);
REVOKE ALL ON alvh_schema_functions FROM PUBLIC;
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'alvh_app') THEN
        -- Commands run as the application role check that the ledger is up to date.
        GRANT SELECT ON alvh_schema_functions TO alvh_app;
    END IF;
END
$$;

ALTER TABLE ledger_head SET (fillfactor = 10);
ALTER TABLE event_streams SET (fillfactor = 70);
