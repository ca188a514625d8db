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

-- A long reply goes out in several Telegram messages: a retry resumes after
-- the parts already accepted instead of sending them again.
ALTER TABLE outbox ADD COLUMN parts_sent INTEGER NOT NULL DEFAULT 0;

-- The sender asks for each recipient's oldest pending row, all the time.
CREATE INDEX outbox_pending_by_recipient ON outbox (channel, recipient, id)
    WHERE delivered_at IS NULL AND given_up_at IS NULL;
