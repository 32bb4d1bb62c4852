-- The roll chain of each condor: one row per roll with the legs after it and the cumulative credit.
CREATE TABLE alvh_projection.condor_rolls (
    condor_id         uuid        NOT NULL,
    seq               integer     NOT NULL,
    event_id          uuid        NOT NULL,
    rolled_at         timestamptz NOT NULL,
    side              text        NOT NULL,
    expiry            date        NOT NULL,
    -- Strikes: NULL for the side a credit spread lacks (both put strikes, or both call strikes).
    long_put          numeric,
    short_put         numeric,
    short_call        numeric,
    long_call         numeric,
    -- Per unit: this roll's net credit (negative: a debit) and the opening credit plus every roll so far.
    net_credit        numeric     NOT NULL,
    cumulative_credit numeric     NOT NULL,
    -- Dollars.
    fees              numeric     NOT NULL,
    PRIMARY KEY (condor_id, seq)
);
