-- GET /api/v1/queue and the estimated wait read, once a second, each lane's requests in flight and those finished in
-- the measuring window; these partial indexes keep that read small however many finished requests the table holds.
CREATE INDEX ai_requests_processing_by_lane ON ai_requests (lane) WHERE status = 'PROCESSING';
CREATE INDEX ai_requests_completed_at ON ai_requests (completed_at) WHERE completed_at IS NOT NULL;
