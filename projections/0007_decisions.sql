-- The decision facts (docs/design.md, "Decisions"): one row per roll, deferral, ALVH close, and hedge
-- layer add/reduce/close per condor it protects. Both paths' P&L are computed at query time from
-- these facts and the marks, so that the fixed rule's parameters can vary per report.
CREATE TABLE alvh_projection.decisions (
    owner_id    uuid        NOT NULL,
    event_id    uuid        NOT NULL,
    -- The condor the decision concerns; NULL for a layer protecting a whole portfolio.
    condor_id   uuid,
    portfolio   text        NOT NULL,
    decided_at  timestamptz NOT NULL,
    position    bigint      NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('roll', 'defer', 'close', 'layer-add', 'layer-reduce', 'layer-close')),
    -- What ALVH did, in words, and what the trader noted the fixed rule said (verbatim, optional).
    alvh_choice text        NOT NULL,
    fixed_said  text,
    signals     jsonb,
    layer_id    uuid
);

CREATE INDEX decisions_owner ON alvh_projection.decisions (owner_id);
