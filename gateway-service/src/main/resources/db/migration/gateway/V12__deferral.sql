-- Off-peak deferral (ADR 0011): a deferrable request submitted outside DeepSeek's off-peak window is SCHEDULED until
-- not_before, its lane event held in held_topic/held_event, and put on the low lane by the release job then.
ALTER TABLE ai_requests DROP CONSTRAINT ai_requests_status_check;
ALTER TABLE ai_requests ADD CONSTRAINT ai_requests_status_check
    CHECK (status IN ('SCHEDULED', 'QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED', 'DEAD_LETTERED', 'CANCELLED'));
ALTER TABLE ai_requests ADD COLUMN not_before timestamptz;

CREATE INDEX ai_requests_scheduled ON ai_requests (not_before) WHERE status = 'SCHEDULED';
