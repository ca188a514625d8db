-- Whose update a dead letter is, where it can be told: /forget erases the
-- prospect's dead letters with the rest of their data.
ALTER TABLE dead_letters ADD COLUMN user_id TEXT;
CREATE INDEX dead_letters_by_user ON dead_letters (channel, user_id);
