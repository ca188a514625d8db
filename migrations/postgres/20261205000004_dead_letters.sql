-- Updates that can never be applied (unreadable, or refused by the
-- database for their own data), kept with their raw JSON for the operator
-- (`leadbot dead-letters`) instead of being dropped. A storage failure never
-- lands here: it stops confirming updates until the store works again.
CREATE TABLE dead_letters (
    id BIGSERIAL PRIMARY KEY,
    channel TEXT NOT NULL,
    reason TEXT NOT NULL,
    raw TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
