-- One row per UsageRecorded event (a DeepSeek call or a response-cache hit). The event id is the primary key,
-- so a redelivered event is recognised and changes nothing.
CREATE TABLE usage_records (
    event_id                 uuid           PRIMARY KEY,
    request_id               text           NOT NULL,
    user_id                  text           NOT NULL,
    tier                     text           NOT NULL,
    request_type             text           NOT NULL,
    model                    text           NOT NULL,
    prompt_tokens            integer        NOT NULL CHECK (prompt_tokens >= 0),
    completion_tokens        integer        NOT NULL CHECK (completion_tokens >= 0),
    total_tokens             integer        NOT NULL CHECK (total_tokens >= 0),
    prompt_cache_hit_tokens  integer        NOT NULL CHECK (prompt_cache_hit_tokens >= 0),
    prompt_cache_miss_tokens integer        NOT NULL CHECK (prompt_cache_miss_tokens >= 0),
    latency_ms               bigint         NOT NULL CHECK (latency_ms >= 0),
    cache_hit                boolean        NOT NULL,
    occurred_at              timestamptz    NOT NULL,
    month                    char(7)        NOT NULL,
    cost_usd                 numeric(20, 10) NOT NULL CHECK (cost_usd >= 0),
    recorded_at              timestamptz    NOT NULL DEFAULT now()
);

CREATE INDEX usage_records_request_id ON usage_records (request_id);
CREATE INDEX usage_records_user_month ON usage_records (user_id, month);

-- Running totals per user and UTC calendar month, so a quota check reads one row. Reservations will add
-- reserved_* columns beside these settled ones (admission checks settled + reserved against the limits), and
-- warnings a table of (user_id, month, metric, threshold) raised once each.
CREATE TABLE usage_ledger (
    user_id              text            NOT NULL,
    month                char(7)         NOT NULL,
    tier                 text            NOT NULL,
    content_generation   bigint          NOT NULL DEFAULT 0,
    sentiment_analysis   bigint          NOT NULL DEFAULT 0,
    content_optimization bigint          NOT NULL DEFAULT 0,
    total_tokens         bigint          NOT NULL DEFAULT 0,
    cost_usd             numeric(20, 10) NOT NULL DEFAULT 0,
    updated_at           timestamptz     NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, month)
);
