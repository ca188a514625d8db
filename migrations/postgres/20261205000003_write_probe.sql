-- One row the readiness probe rewrites: proves the database takes a
-- committed write (a full disk or a stuck write lock fails it), not only
-- that it answers a read.
CREATE TABLE write_probe (
    id INTEGER PRIMARY KEY,
    checked_at TIMESTAMPTZ NOT NULL
);
