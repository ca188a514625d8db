-- The groups whose "open the private chat" button carries a code in its
-- deep link: a lead started from it records the group as its source. A
-- group's id and title, nothing about any person.
CREATE TABLE group_codes (
    code TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    chat_id TEXT NOT NULL,
    title TEXT
);
