-- The transactional outbox every service writes its events to, in the same transaction as the
-- change they describe. The relay publishes rows in id order and stamps sent_at.
CREATE TABLE outbox_event (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    topic       TEXT        NOT NULL,
    event_key   TEXT,
    event_type  TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ
);

CREATE INDEX outbox_event_pending ON outbox_event (id) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_sent_at ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;
