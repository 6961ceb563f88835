-- Users authenticate with API keys; only the SHA-256 (hex) of a key is stored.
CREATE TABLE users (
    id           text PRIMARY KEY,
    name         text NOT NULL,
    tier         text NOT NULL CHECK (tier IN ('free', 'starter', 'professional', 'business', 'enterprise')),
    roles        text NOT NULL,
    api_key_hash text NOT NULL UNIQUE,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- One row per AI request, from acceptance to its final outcome.
CREATE TABLE ai_requests (
    id                     uuid PRIMARY KEY,
    user_id                text NOT NULL REFERENCES users (id),
    type                   text NOT NULL CHECK (type IN ('sentiment', 'content', 'optimization')),
    status                 text NOT NULL
        CHECK (status IN ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'DEAD_LETTERED', 'CANCELLED')),
    lane                   text NOT NULL CHECK (lane IN ('high', 'normal', 'low')),
    priority_score         integer NOT NULL,
    input                  jsonb NOT NULL,
    result                 jsonb,
    error                  jsonb,
    idempotency_key        text,
    estimated_wait_seconds integer NOT NULL,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    completed_at           timestamptz,
    -- NULL keys never conflict, so requests without an Idempotency-Key are unconstrained.
    CONSTRAINT ai_requests_user_idempotency_key UNIQUE (user_id, idempotency_key)
);

CREATE INDEX ai_requests_queued_by_lane ON ai_requests (lane) WHERE status = 'QUEUED';
CREATE INDEX ai_requests_by_user ON ai_requests (user_id, created_at DESC);

-- Events written in the same transaction as the change they announce, published by the outbox relay.
CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic        text NOT NULL,
    record_key   text NOT NULL,
    payload      bytea NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX outbox_pending ON outbox (id) WHERE published_at IS NULL;
CREATE INDEX outbox_published ON outbox (published_at) WHERE published_at IS NOT NULL;
