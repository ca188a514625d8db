-- leadbot's initial schema (SQLite). Timestamps are RFC 3339 text in UTC.

-- One row per conversation, keyed by (channel, user): the lead, a summary of
-- where it stands (for listings and reports) and the full state as JSON.
CREATE TABLE leads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    user_id TEXT NOT NULL,
    display_name TEXT,
    language TEXT,
    source TEXT,
    stage TEXT,
    temperature TEXT NOT NULL DEFAULT 'cold',
    met_criteria TEXT NOT NULL DEFAULT '',
    step TEXT NOT NULL,
    current_question TEXT,
    consent_at TEXT,
    consent_version INTEGER,
    state TEXT NOT NULL,
    -- Optimistic concurrency: every update checks and bumps it.
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (channel, user_id)
);

-- Every answer ever given, raw and parsed; `current` marks the ones that
-- count (a later answer to the same question or /restart supersedes).
CREATE TABLE answers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    criterion TEXT NOT NULL,
    raw_text TEXT NOT NULL,
    value TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 1,
    answered_at TEXT NOT NULL
);
CREATE INDEX answers_by_lead ON answers (lead_id, current);

-- Funnel stages, each reached once per lead.
CREATE TABLE stage_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    at TEXT NOT NULL,
    UNIQUE (lead_id, stage)
);

-- Idempotency: a platform event's key, stored in the same transaction as its
-- effects, so that a redelivery changes nothing.
CREATE TABLE processed_events (
    channel TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    lead_id INTEGER REFERENCES leads (id) ON DELETE CASCADE,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (channel, idempotency_key)
);

-- The durable outbox: replies and alerts written with the turn that caused
-- them, delivered and retried by the channel until accepted.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    lead_id INTEGER REFERENCES leads (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    delivered_at TEXT
);
CREATE INDEX outbox_pending ON outbox (channel, delivered_at, next_attempt_at);
