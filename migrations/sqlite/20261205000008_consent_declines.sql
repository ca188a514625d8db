-- Prospects who declined the privacy notice, counted and nothing else: no
-- user id, no lead. One row per day (the business's calendar), source and
-- language; `source` and `language` are '' when unknown.
CREATE TABLE consent_declines (
    day TEXT NOT NULL,
    source TEXT NOT NULL,
    language TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (day, source, language)
);
