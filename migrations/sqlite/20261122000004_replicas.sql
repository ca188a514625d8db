-- The sender holding an outbox row: it sets next_attempt_at to the end of its
-- lease, so nobody else takes the row until it is marked or the lease ends.
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
