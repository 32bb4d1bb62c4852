-- Every market model that counts (MarketModelSet events not voided): the model of a mark is the
-- latest one of its feed at or before the mark's instant (MarketModels), else the built-in one.
CREATE TABLE alvh_projection.market_models (
    event_id     uuid        NOT NULL PRIMARY KEY,
    position     bigint      NOT NULL,
    feed         text        NOT NULL,
    effective_at timestamptz NOT NULL,
    -- The MarketModelSet payload's `model` as recorded (decimals as strings).
    parameters   jsonb       NOT NULL
);
