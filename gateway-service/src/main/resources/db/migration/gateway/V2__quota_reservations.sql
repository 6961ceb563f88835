-- The cost service's reservation for each admitted request: named in its AiRequested event and given back if the
-- request is cancelled or could not be stored.
ALTER TABLE ai_requests ADD COLUMN reservation_id uuid;

-- A disabled user's key is refused; the user and their requests stay for the record.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;

-- Per-user token buckets of the rate limit, shared by every gateway instance: one row per user, refilled and
-- taken from in one conditional statement.
CREATE TABLE rate_limit_buckets (
    user_id     text             PRIMARY KEY,
    tokens      double precision NOT NULL,
    refilled_at timestamptz      NOT NULL
);
