-- ALVH Ledger projections, object 0001: the schema that holds every projection and its checkpoint.
--
-- Projections are disposable: they are folded from the events and can be rebuilt at any time. The
-- whole schema is therefore dropped and recreated (then rebuilt from position zero) whenever the
-- SQL in projections/ changes; `meta` records the checksum of the SQL that built it.
CREATE SCHEMA alvh_projection;

CREATE TABLE alvh_projection.meta (
    id         integer NOT NULL PRIMARY KEY CHECK (id = 1),
    -- sha256 of the projection SQL (all files in name order) that built this schema.
    checksum   text    NOT NULL,
    -- Global position of the last event folded into every table below; written in the same
    -- transaction as the rows.
    checkpoint bigint  NOT NULL CHECK (checkpoint >= 0)
);
