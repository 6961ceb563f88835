-- The cost service's own record of each user's tier. The gateway, which owns users, registers a user here and
-- tells of every tier change; admission and summaries read the tier from here, never from the caller.
CREATE TABLE quota_accounts (
    user_id    text        PRIMARY KEY,
    tier       text        NOT NULL CHECK (tier IN ('FREE', 'STARTER', 'PROFESSIONAL', 'BUSINESS', 'ENTERPRISE')),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- What admitted requests hold of the month's quota until their usage settles them or they are released.
-- Admission checks settled + reserved + the new request against the limits in one conditional UPDATE of the row.
ALTER TABLE usage_ledger
    ADD COLUMN reserved_content_generation   bigint          NOT NULL DEFAULT 0 CHECK (reserved_content_generation >= 0),
    ADD COLUMN reserved_sentiment_analysis   bigint          NOT NULL DEFAULT 0 CHECK (reserved_sentiment_analysis >= 0),
    ADD COLUMN reserved_content_optimization bigint          NOT NULL DEFAULT 0 CHECK (reserved_content_optimization >= 0),
    ADD COLUMN reserved_tokens               bigint          NOT NULL DEFAULT 0 CHECK (reserved_tokens >= 0),
    ADD COLUMN reserved_cost_usd             numeric(20, 10) NOT NULL DEFAULT 0 CHECK (reserved_cost_usd >= 0);

-- One reservation per admitted request. Only a RESERVED row holds quota; SETTLED (its usage arrived), RELEASED
-- (failed, dead-lettered, cancelled or never stored) and EXPIRED (swept) are final, and each move out of RESERVED
-- is a conditional UPDATE, so redelivered events and competing instances give the quota back exactly once.
CREATE TABLE reservations (
    id           uuid            PRIMARY KEY,
    request_id   text            NOT NULL UNIQUE,
    user_id      text            NOT NULL,
    month        char(7)         NOT NULL,
    request_type text            NOT NULL,
    tokens       bigint          NOT NULL CHECK (tokens >= 0),
    cost_usd     numeric(20, 10) NOT NULL CHECK (cost_usd >= 0),
    status       text            NOT NULL CHECK (status IN ('RESERVED', 'SETTLED', 'RELEASED', 'EXPIRED')),
    created_at   timestamptz     NOT NULL DEFAULT now(),
    finished_at  timestamptz
);

CREATE INDEX reservations_open ON reservations (created_at) WHERE status = 'RESERVED';
