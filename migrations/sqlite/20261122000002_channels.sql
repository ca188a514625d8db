-- Channel adapters: where each platform's update stream was confirmed up to,
-- deliveries given up on, and leads that cannot be reached any more.

CREATE TABLE channel_offsets (
    channel TEXT PRIMARY KEY,
    next_offset INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- Set when the platform refused a message for good (the user blocked the
-- bot): the row is not retried.
ALTER TABLE outbox ADD COLUMN given_up_at TEXT;

ALTER TABLE leads ADD COLUMN unreachable_at TEXT;
