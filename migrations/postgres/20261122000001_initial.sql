-- leadbot's schema for PostgreSQL: the same tables as SQLite's migrations
-- 0001-0004, in PostgreSQL's types. Several replicas share it.

-- One row per conversation, keyed by (channel, user): the lead, a summary of
-- where it stands (for listings and reports) and the full state as JSON.
CREATE TABLE leads (
    id BIGSERIAL PRIMARY KEY,
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
    consent_at TIMESTAMPTZ,
    consent_version BIGINT,
    state TEXT NOT NULL,
    -- Optimistic concurrency: every update checks and bumps it, so two
    -- replicas racing on one conversation cannot lose an update.
    version BIGINT NOT NULL DEFAULT 1,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    unreachable_at TIMESTAMPTZ,
    claimed_by_id TEXT,
    claimed_by_name TEXT,
    claimed_at TIMESTAMPTZ,
    UNIQUE (channel, user_id)
);
CREATE INDEX leads_by_update ON leads (updated_at DESC, id DESC);
CREATE INDEX leads_by_creation ON leads (created_at);

-- Every answer ever given, raw and parsed; `current` marks the ones that
-- count (a later answer to the same question or /restart supersedes).
CREATE TABLE answers (
    id BIGSERIAL PRIMARY KEY,
    lead_id BIGINT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    criterion TEXT NOT NULL,
    raw_text TEXT NOT NULL,
    value TEXT NOT NULL,
    current BOOLEAN NOT NULL DEFAULT TRUE,
    answered_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX answers_by_lead ON answers (lead_id, current);

-- Funnel stages, each reached once per lead.
CREATE TABLE stage_events (
    id BIGSERIAL PRIMARY KEY,
    lead_id BIGINT NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    at TIMESTAMPTZ NOT NULL,
    UNIQUE (lead_id, stage)
);

-- Idempotency: a platform event's key, stored in the same transaction as its
-- effects. The primary key makes a duplicate delivered to another replica
-- wait for the first commit, then change nothing.
CREATE TABLE processed_events (
    channel TEXT NOT NULL,
    idempotency_key TEXT NOT NULL,
    lead_id BIGINT REFERENCES leads (id) ON DELETE CASCADE,
    processed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel, idempotency_key)
);

-- The durable outbox, shared by every replica's sender. A sender claims a
-- row by moving next_attempt_at to the end of its lease (claimed_by says who).
CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    lead_id BIGINT REFERENCES leads (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error TEXT,
    delivered_at TIMESTAMPTZ,
    given_up_at TIMESTAMPTZ,
    parts_sent BIGINT NOT NULL DEFAULT 0,
    claimed_by TEXT
);
CREATE INDEX outbox_pending_by_recipient ON outbox (channel, recipient, id)
    WHERE delivered_at IS NULL AND given_up_at IS NULL;

-- Where each platform's update stream was confirmed up to.
CREATE TABLE channel_offsets (
    channel TEXT PRIMARY KEY,
    next_offset BIGINT NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
