-- A window that opened in the middle of a batched event (the previous one closed on its size
-- there) starts at that event's first_row: a replay after a restart skips the rows before it,
-- which the closed window has counted already.
ALTER TABLE open_window ADD COLUMN first_row INT NOT NULL DEFAULT 0;
