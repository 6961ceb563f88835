-- Answers DeepSeek gave, served again to identical requests until they expire (ADR 0011). The key is a SHA-256 of the
-- type, normalised input, generation parameters, model and scope; the result is stored as the REST API shows it.
CREATE TABLE response_cache (
    cache_key  text PRIMARY KEY,
    type       text NOT NULL CHECK (type IN ('sentiment', 'content', 'optimization')),
    model      text NOT NULL,
    result     jsonb NOT NULL,
    stored_at  timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);

CREATE INDEX response_cache_expiry ON response_cache (expires_at);

-- The key under which a request's answer is cached (NULL when it bypasses the cache), and whether it was answered
-- from the cache: such a request never went on its lane, so the lane figures leave it out.
ALTER TABLE ai_requests ADD COLUMN cache_key text;
ALTER TABLE ai_requests ADD COLUMN cached boolean NOT NULL DEFAULT false;

-- In-flight dedup: a request identical to one still QUEUED or PROCESSING is a follower of that leader. It goes on no
-- lane; it completes with its leader's answer. Its lane event is held here so that it can go on its lane after all
-- if the leader is cancelled before it was called.
ALTER TABLE ai_requests ADD COLUMN leader_id uuid;
ALTER TABLE ai_requests ADD COLUMN held_topic text;
ALTER TABLE ai_requests ADD COLUMN held_event bytea;

CREATE INDEX ai_requests_in_flight_by_cache_key ON ai_requests (cache_key)
    WHERE status IN ('QUEUED', 'PROCESSING') AND leader_id IS NULL;
CREATE INDEX ai_requests_followers ON ai_requests (leader_id) WHERE leader_id IS NOT NULL;
