-- Every record of the three dead-letter topics, kept for the ops desk: the bytes and headers exactly as read
-- (header values base64 in jsonb, since jsonb and text refuse NUL), the failure headers pulled out for filtering,
-- and what ops did with it. One row per topic position, so a redelivered record is stored once.
CREATE TABLE dead_letters (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic              text        NOT NULL,
    topic_partition    integer     NOT NULL,
    topic_offset       bigint      NOT NULL,
    record_key         text,
    payload            bytea,
    headers            jsonb       NOT NULL,
    reason_code        text        NOT NULL,
    message            text,
    exception_class    text,
    original_topic     text,
    original_partition integer,
    original_offset    bigint,
    attempts           integer,
    request_id         uuid,
    user_id            text,
    request_type       text,
    dead_lettered_at   timestamptz NOT NULL,
    stored_at          timestamptz NOT NULL,
    state              text        NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'REPLAYED', 'DISCARDED')),
    handled_at         timestamptz,
    handled_by         text,
    note               text,
    CONSTRAINT dead_letters_position UNIQUE (topic, topic_partition, topic_offset)
);

-- The desk lists newest first and pages by (dead_lettered_at, id).
CREATE INDEX dead_letters_newest ON dead_letters (dead_lettered_at DESC, id DESC);
CREATE INDEX dead_letters_by_reason ON dead_letters (reason_code, dead_lettered_at DESC);
CREATE INDEX dead_letters_by_user ON dead_letters (user_id, dead_lettered_at DESC);

-- Who did what to which dead letter, and when. Rows are only ever added.
CREATE TABLE ops_audit (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at             timestamptz NOT NULL,
    actor_id       text        NOT NULL,
    actor_name     text        NOT NULL,
    action         text        NOT NULL CHECK (action IN ('replay', 'discard')),
    dead_letter_id bigint      NOT NULL REFERENCES dead_letters (id),
    request_id     uuid,
    note           text
);

CREATE INDEX ops_audit_newest ON ops_audit (id DESC);

-- Headers of an outbox record (name and base64 value), for a replay that goes back to its lane with a header.
ALTER TABLE outbox ADD COLUMN headers jsonb;
