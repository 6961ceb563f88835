-- SHA-256 (hex) of the endpoint and the body a request was accepted with: a repeat of its Idempotency-Key with
-- another endpoint or body is refused (422 idempotency_key_reused) instead of answered with the first request.
-- NULL for requests accepted before it existed; their keys keep the old, lenient behaviour.
ALTER TABLE ai_requests ADD COLUMN request_fingerprint text;
