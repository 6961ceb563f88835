-- A content-suggestions request asks for several variants, and each counts as one content generation. Its
-- reservation holds that many requests of its type, and its usage events say how many to count (once, with the
-- request's first event), so the fault suite can tell a request's own calls from calls made twice.
ALTER TABLE reservations
    ADD COLUMN requests integer NOT NULL DEFAULT 1 CHECK (requests >= 1);

ALTER TABLE usage_records
    ADD COLUMN request_count integer NOT NULL DEFAULT 1 CHECK (request_count >= 1);
