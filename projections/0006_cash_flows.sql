-- Dated capital-at-risk cash flows for IRR (docs/design.md, "Realized IRR"), one row per flow of a
-- condor or a hedge layer (the owner). Positive: into the account. Dates are New York calendar days.
CREATE TABLE alvh_projection.cash_flows (
    owner_kind text    NOT NULL CHECK (owner_kind IN ('condor', 'layer')),
    owner_id   uuid    NOT NULL,
    seq        integer NOT NULL,
    portfolio  text    NOT NULL,
    event_id   uuid    NOT NULL,
    flow_date  date    NOT NULL,
    amount     numeric NOT NULL,
    -- What the flow is: commit, roll, close, expiry, premium, proceeds, margin.
    what       text    NOT NULL,
    PRIMARY KEY (owner_id, seq)
);

