-- Content suggestions (POST /api/v1/ai/suggestions): one request with several variants, stored under its own type.
ALTER TABLE ai_requests DROP CONSTRAINT ai_requests_type_check;
ALTER TABLE ai_requests
    ADD CONSTRAINT ai_requests_type_check CHECK (type IN ('sentiment', 'content', 'optimization', 'suggestions'));
