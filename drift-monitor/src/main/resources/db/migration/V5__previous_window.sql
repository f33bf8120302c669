-- Where the window before each version's current one started, kept while a duplicate of one of its
-- events may still arrive: a restart replays it (without counting it) to know its prediction ids.
CREATE TABLE previous_window (
    cluster_id       TEXT        NOT NULL,
    group_id         TEXT        NOT NULL,
    model            TEXT        NOT NULL,
    version          INT         NOT NULL,
    kafka_partition  INT         NOT NULL,
    first_offset     BIGINT      NOT NULL,
    closed_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cluster_id, group_id, model, version, kafka_partition)
);
