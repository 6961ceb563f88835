-- The requests already counted against a monthly request quota. The worker publishes one UsageRecorded per
-- DeepSeek call, so a request retried after a blank answer (or an event redelivered under a new id) has several
-- usage records; its tokens and cost add up per record, but the request is counted once: for the first record.
-- The primary key makes that decision in the recording transaction (INSERT ... ON CONFLICT DO NOTHING).
CREATE TABLE counted_requests (
    request_id text        PRIMARY KEY,
    user_id    text        NOT NULL,
    month      char(7)     NOT NULL,
    counted_at timestamptz NOT NULL DEFAULT now()
);

-- Requests recorded before this table existed were counted already; a late retry of one must not count it again.
INSERT INTO counted_requests (request_id, user_id, month, counted_at)
SELECT DISTINCT ON (request_id) request_id, user_id, month, recorded_at
FROM usage_records
ORDER BY request_id, occurred_at, recorded_at;
