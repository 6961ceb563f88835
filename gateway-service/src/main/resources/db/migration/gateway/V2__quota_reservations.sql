-- The cost service's reservation for each admitted request: named in its AiRequested event and given back if the
-- request is cancelled or could not be stored.
ALTER TABLE ai_requests ADD COLUMN reservation_id uuid;

-- A disabled user's key is refused; the user and their requests stay for the record.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
