-- Definitions: entities, versioned feature views, feature services.

CREATE TABLE entity (
    name        TEXT        PRIMARY KEY,
    join_key    TEXT        NOT NULL,
    value_type  TEXT        NOT NULL CHECK (value_type IN ('INT64', 'STRING')),
    description TEXT,
    tags        JSONB       NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT        NOT NULL
);

CREATE TABLE feature_view (
    name           TEXT        PRIMARY KEY,
    latest_version INT         NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);

-- Versions are immutable snapshots. The entities are copied in (name, join key, type) so a
-- version stays readable exactly as it was defined.
CREATE TABLE feature_view_version (
    view_name   TEXT        NOT NULL REFERENCES feature_view (name),
    version     INT         NOT NULL,
    entities    JSONB       NOT NULL,
    features    JSONB       NOT NULL,
    ttl_seconds BIGINT      NOT NULL CHECK (ttl_seconds >= 0),
    description TEXT,
    tags        JSONB       NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT        NOT NULL,
    PRIMARY KEY (view_name, version)
);

-- References are stored pinned (view@N:feature), so a later view version never changes what a
-- feature service returns.
CREATE TABLE feature_service (
    name        TEXT        PRIMARY KEY,
    features    JSONB       NOT NULL,
    description TEXT,
    tags        JSONB       NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL,
    created_by  TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    updated_by  TEXT        NOT NULL
);

-- Offline store: every row ever ingested. Replaying the same (key, event time) overwrites
-- instead of duplicating, which makes at-least-once ingestion idempotent.
CREATE TABLE offline_row (
    view_name      TEXT        NOT NULL,
    entity_key     TEXT        NOT NULL,
    event_ts       TIMESTAMPTZ NOT NULL,
    feature_values JSONB       NOT NULL,
    view_version   INT         NOT NULL,
    written_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (view_name, entity_key, event_ts)
);

-- Incremental materialization reads a narrow time window of one view.
CREATE INDEX offline_row_view_time ON offline_row (view_name, event_ts);

-- Online store: the newest row per key. fillfactor leaves room for HOT updates, since every
-- newer value rewrites the row in place without touching the primary key.
CREATE TABLE online_row (
    view_name      TEXT        NOT NULL,
    entity_key     TEXT        NOT NULL,
    event_ts       TIMESTAMPTZ NOT NULL,
    feature_values JSONB       NOT NULL,
    view_version   INT         NOT NULL,
    written_at     TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (view_name, entity_key)
) WITH (fillfactor = 80);

-- Freshness and materialization progress per view, updated after each write.
CREATE TABLE view_stats (
    view_name               TEXT        PRIMARY KEY REFERENCES feature_view (name),
    online_newest_event_ts  TIMESTAMPTZ,
    offline_newest_event_ts TIMESTAMPTZ,
    last_write_at           TIMESTAMPTZ,
    materialized_until      TIMESTAMPTZ
);
