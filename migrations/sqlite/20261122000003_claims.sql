-- The salesperson who claimed a lead from its alert.
ALTER TABLE leads ADD COLUMN claimed_by_id TEXT;
ALTER TABLE leads ADD COLUMN claimed_by_name TEXT;
ALTER TABLE leads ADD COLUMN claimed_at TEXT;
