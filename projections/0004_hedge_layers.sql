-- One row per hedge layer. Money in dollars; cost basis is average cost of what is still held.
CREATE TABLE alvh_projection.hedge_layers (
    layer_id       uuid        NOT NULL PRIMARY KEY,
    portfolio      text        NOT NULL,
    -- Condors protected, comma separated; empty when the layer protects the whole portfolio.
    protects       text        NOT NULL,
    instrument     text        NOT NULL,
    -- vix-future, vix-option or etp; dollars per unit of price; the fill per unit when added.
    instrument_kind text       NOT NULL,
    multiplier     numeric     NOT NULL,
    entry_price    numeric     NOT NULL,
    tier           integer,
    status         text        NOT NULL CHECK (status IN ('open', 'closed')),
    quantity       integer     NOT NULL,
    initial_quantity integer   NOT NULL,
    cost_basis     numeric     NOT NULL,
    realized_pnl   numeric     NOT NULL,
    opened_at      timestamptz NOT NULL,
    ended_at       timestamptz,
    -- The last mark (open layers only): value per unit, P&L of what is held if sold there, source,
    -- and the market model that valued it (NULL: the built-in model).
    mark_at        timestamptz,
    mark_value     numeric,
    unrealized_pnl numeric,
    valuation      text,
    model_id       uuid,
    last_event_at  timestamptz NOT NULL
);

CREATE INDEX hedge_layers_open ON alvh_projection.hedge_layers (layer_id) WHERE status = 'open';
