-- One row per condor: status, current legs, credit, cash and P&L. Money in dollars, prices per unit.
CREATE TABLE alvh_projection.condors (
    condor_id         uuid        NOT NULL PRIMARY KEY,
    portfolio         text        NOT NULL,
    underlying        text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('open', 'closed', 'expired')),
    close_reason      text,
    expiry            date        NOT NULL,
    long_put          numeric     NOT NULL,
    short_put         numeric     NOT NULL,
    short_call        numeric     NOT NULL,
    long_call         numeric     NOT NULL,
    contracts         integer     NOT NULL,
    multiplier        numeric     NOT NULL,
    opened_at         timestamptz NOT NULL,
    -- When it was closed or expired; NULL while open.
    ended_at          timestamptz,
    -- Net credit per unit when opened, and after every roll (index points).
    opening_credit    numeric     NOT NULL,
    cumulative_credit numeric     NOT NULL,
    rolls             integer     NOT NULL,
    deferrals         integer     NOT NULL,
    -- Dollars of fees paid.
    fees              numeric     NOT NULL,
    -- Dollars received less paid so far, fees included.
    cash              numeric     NOT NULL,
    -- Dollars: the final P&L once closed or expired; NULL while open.
    realized_pnl      numeric,
    -- The last mark (open condors only): when, the value to close per unit, the P&L if closed
    -- there (cash − value × multiplier × contracts), how it was valued, and the market model that
    -- valued it (the MarketModelSet event; NULL: the built-in model of a feed that recorded none).
    mark_at           timestamptz,
    mark_value        numeric,
    unrealized_pnl    numeric,
    valuation         text CHECK (valuation IN ('quotes', 'model', 'mixed')),
    model_id          uuid,
    last_event_at     timestamptz NOT NULL
);

CREATE INDEX condors_open ON alvh_projection.condors (condor_id) WHERE status = 'open';
