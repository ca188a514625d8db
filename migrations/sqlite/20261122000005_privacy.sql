-- Where each sales alert was posted (platform message ids), so that an
-- erasure can edit the alert to say the lead withdrew.
CREATE TABLE alert_messages (
    lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    message_id TEXT NOT NULL,
    posted_at TEXT NOT NULL,
    PRIMARY KEY (channel, recipient, message_id)
);
CREATE INDEX alert_messages_by_lead ON alert_messages (lead_id);

-- Erasure and retention delete by lead.
CREATE INDEX outbox_by_lead ON outbox (lead_id);
CREATE INDEX processed_events_by_lead ON processed_events (lead_id);
