-- The roll chain of each condor: one row per roll with the legs after it and the cumulative credit.
CREATE TABLE alvh_projection.condor_rolls (
    condor_id         uuid        NOT NULL,
    seq               integer     NOT NULL,
    event_id          uuid        NOT NULL,
    rolled_at         timestamptz NOT NULL,
    side              text        NOT NULL,
    expiry            date        NOT NULL,
    long_put          numeric     NOT NULL,
    short_put         numeric     NOT NULL,
    short_call        numeric     NOT NULL,
    long_call         numeric     NOT NULL,
    -- Per unit: this roll's net credit (negative: a debit) and the opening credit plus every roll so far.
    net_credit        numeric     NOT NULL,
    cumulative_credit numeric     NOT NULL,
    -- Dollars.
    fees              numeric     NOT NULL,
    PRIMARY KEY (condor_id, seq)
);
