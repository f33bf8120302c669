-- drift-monitor: model versions and their reference profiles, per-model settings, stream
-- checkpoints, window results, alerts, and the label join.

-- Versions resolved with the registry; profile NULL means the version was registered without one.
CREATE TABLE monitored_version (
    model         TEXT        NOT NULL,
    version       INT         NOT NULL,
    version_json  JSONB       NOT NULL,
    profile       JSONB,
    profile_note  TEXT,
    resolved_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (model, version)
);

CREATE TABLE model_settings (
    model       TEXT PRIMARY KEY,
    settings    JSONB       NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    updated_by  TEXT        NOT NULL
);

-- The consumer's positions, committed in the same transaction as the window results they led to.
-- Keyed by Kafka cluster id so a database reused with another cluster never seeks to foreign offsets.
CREATE TABLE stream_position (
    cluster_id       TEXT        NOT NULL,
    group_id         TEXT        NOT NULL,
    topic            TEXT        NOT NULL,
    kafka_partition  INT         NOT NULL,
    next_offset      BIGINT      NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cluster_id, group_id, topic, kafka_partition)
);

-- Windows open at the last checkpoint (and versions whose events wait for the registry, held = true):
-- where on each partition to replay them from after a restart.
CREATE TABLE open_window (
    cluster_id       TEXT    NOT NULL,
    group_id         TEXT    NOT NULL,
    model            TEXT    NOT NULL,
    version          INT     NOT NULL,
    kafka_partition  INT     NOT NULL,
    first_offset     BIGINT  NOT NULL,
    sequence         BIGINT  NOT NULL,
    held             BOOLEAN NOT NULL,
    PRIMARY KEY (cluster_id, group_id, model, version, kafka_partition)
);

CREATE TABLE window_result (
    id             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model          TEXT             NOT NULL,
    version        INT              NOT NULL,
    sequence       BIGINT           NOT NULL,
    window_start   TIMESTAMPTZ      NOT NULL,
    window_end     TIMESTAMPTZ      NOT NULL,
    row_count      BIGINT           NOT NULL,
    dataset_drift  BOOLEAN          NOT NULL,
    drifted_share  DOUBLE PRECISION NOT NULL,
    result         JSONB            NOT NULL,
    closed_at      TIMESTAMPTZ      NOT NULL,
    UNIQUE (model, version, sequence)
);
CREATE INDEX window_result_by_model ON window_result (model, window_end DESC);

-- Hysteresis: whether an alert subject is active and how many windows in a row argued for a change.
CREATE TABLE alert_state (
    model       TEXT        NOT NULL,
    version     INT         NOT NULL,
    scope       TEXT        NOT NULL,
    subject     TEXT        NOT NULL,
    active      BOOLEAN     NOT NULL,
    streak      INT         NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (model, version, scope, subject)
);

CREATE TABLE alert (
    alert_id    UUID PRIMARY KEY,
    event_type  TEXT        NOT NULL,
    model       TEXT        NOT NULL,
    version     INT         NOT NULL,
    scope       TEXT        NOT NULL,
    body        JSONB       NOT NULL,
    raised_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX alert_by_model ON alert (model, raised_at DESC);
CREATE INDEX alert_by_time ON alert (raised_at DESC);

-- Predictions waiting for their label (single-row predictions only), expired after a TTL.
CREATE TABLE pending_prediction (
    prediction_id    TEXT             NOT NULL,
    arm              TEXT             NOT NULL,
    model            TEXT             NOT NULL,
    version          INT              NOT NULL,
    predicted_at     TIMESTAMPTZ      NOT NULL,
    predicted_label  TEXT,
    score            DOUBLE PRECISION,
    probabilities    JSONB,
    features         JSONB,
    received_at      TIMESTAMPTZ      NOT NULL
);
CREATE INDEX pending_prediction_id ON pending_prediction (prediction_id);
CREATE INDEX pending_prediction_received ON pending_prediction (received_at);

-- Labels that arrived before their prediction.
CREATE TABLE early_label (
    prediction_id  TEXT PRIMARY KEY,
    label          TEXT        NOT NULL,
    labelled_at    TIMESTAMPTZ NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX early_label_received ON early_label (received_at);

-- Predictions joined with their labels: live performance and the retraining data set.
CREATE TABLE labelled_prediction (
    prediction_id    TEXT             NOT NULL,
    arm              TEXT             NOT NULL,
    model            TEXT             NOT NULL,
    version          INT              NOT NULL,
    predicted_at     TIMESTAMPTZ      NOT NULL,
    features         JSONB,
    predicted_label  TEXT,
    score            DOUBLE PRECISION,
    probabilities    JSONB,
    label            TEXT             NOT NULL,
    labelled_at      TIMESTAMPTZ      NOT NULL,
    joined_at        TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (prediction_id, arm)
);
CREATE INDEX labelled_by_model_time ON labelled_prediction (model, predicted_at);
CREATE INDEX labelled_by_version_recent ON labelled_prediction (model, version, joined_at DESC);
CREATE INDEX labelled_joined ON labelled_prediction (joined_at);
