-- A warning raised when a user's settled usage of a metric first reaches 80 % or 100 % of its limit in a month.
-- The primary key makes it once per user, month, metric and threshold, decided in the transaction that updates
-- the ledger; the row is also the outbox the relay publishes QuotaWarningRaised from.
CREATE TABLE quota_warnings (
    user_id      text          NOT NULL,
    month        char(7)       NOT NULL,
    metric       text          NOT NULL,
    threshold    numeric(3, 2) NOT NULL,
    event_id     uuid          NOT NULL UNIQUE,
    tier         text          NOT NULL,
    used         numeric(20, 10) NOT NULL,
    quota_limit  numeric(20, 10) NOT NULL,
    raised_at    timestamptz   NOT NULL DEFAULT now(),
    published_at timestamptz,
    PRIMARY KEY (user_id, month, metric, threshold)
);

CREATE INDEX quota_warnings_unpublished ON quota_warnings (raised_at) WHERE published_at IS NULL;
