-- Sales destinations the platform moved (a Telegram group upgraded to a
-- supergroup answers with its new id): alerts follow the move from then on.
CREATE TABLE destination_moves (
    channel TEXT NOT NULL,
    old_recipient TEXT NOT NULL,
    new_recipient TEXT NOT NULL,
    moved_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (channel, old_recipient)
);
