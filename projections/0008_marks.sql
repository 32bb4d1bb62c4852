-- Every market snapshot that counts (voided ones removed), for valuing positions and paths.
CREATE TABLE alvh_projection.marks (
    event_id  uuid        NOT NULL PRIMARY KEY,
    position  bigint      NOT NULL,
    feed      text        NOT NULL,
    marked_at timestamptz NOT NULL,
    spx       numeric     NOT NULL,
    vix       numeric     NOT NULL,
    vix9d     numeric,
    vix3m     numeric,
    -- The VIX futures curve and option quotes as recorded (MarketObserved payload fields).
    futures   jsonb       NOT NULL,
    quotes    jsonb       NOT NULL
);

CREATE INDEX marks_time ON alvh_projection.marks (marked_at, position);
-- Each feed's latest mark (open positions are valued per portfolio's feed: MarkChoice).
CREATE INDEX marks_feed_time ON alvh_projection.marks (feed, marked_at, position);
