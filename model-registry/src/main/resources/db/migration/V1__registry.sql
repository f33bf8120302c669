-- The registry's own tables (the outbox table comes from db/common). Tags, params and metrics of a
-- version are JSONB so one row answers a search; runs keep metrics in a history table plus a
-- latest-value table, which is what metric filters on runs read.

CREATE TABLE model (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT        NOT NULL UNIQUE,
    description     TEXT,
    tags            JSONB       NOT NULL DEFAULT '{}'::jsonb,
    -- The last version number handed out; incremented under the row lock, never reused.
    version_seq     INTEGER     NOT NULL DEFAULT 0,
    -- Bumped on every change to the model's JSON; the ETag clients send back in If-Match.
    revision        BIGINT      NOT NULL DEFAULT 1,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    updated_by      TEXT        NOT NULL
);
CREATE INDEX model_created_at ON model (created_at);
CREATE INDEX model_updated_at ON model (updated_at);
CREATE INDEX model_tags ON model USING GIN (tags jsonb_path_ops);

CREATE TABLE experiment (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT        NOT NULL UNIQUE,
    description     TEXT,
    tags            JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT        NOT NULL
);

CREATE TABLE dataset (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name            TEXT        NOT NULL UNIQUE,
    latest_version  INTEGER     NOT NULL DEFAULT 0,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT        NOT NULL
);

CREATE TABLE dataset_version (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dataset_id      BIGINT      NOT NULL REFERENCES dataset (id),
    version         INTEGER     NOT NULL,
    digest          TEXT        NOT NULL,
    row_count       BIGINT      NOT NULL,
    schema_json     JSONB,
    location        TEXT,
    description     TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    created_by      TEXT        NOT NULL,
    UNIQUE (dataset_id, version)
);
CREATE INDEX dataset_version_digest ON dataset_version (dataset_id, digest);

CREATE TABLE run (
    id              UUID        PRIMARY KEY,
    experiment_id   BIGINT      NOT NULL REFERENCES experiment (id),
    name            TEXT,
    status          TEXT        NOT NULL CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED')),
    start_time      TIMESTAMPTZ NOT NULL,
    end_time        TIMESTAMPTZ,
    params          JSONB       NOT NULL DEFAULT '{}'::jsonb,
    tags            JSONB       NOT NULL DEFAULT '{}'::jsonb,
    created_by      TEXT        NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX run_experiment_start ON run (experiment_id, start_time DESC);
CREATE INDEX run_start_time ON run (start_time DESC);
CREATE INDEX run_params ON run USING GIN (params jsonb_path_ops);
CREATE INDEX run_tags ON run USING GIN (tags jsonb_path_ops);

CREATE TABLE run_dataset_input (
    run_id              UUID    NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    dataset_version_id  BIGINT  NOT NULL REFERENCES dataset_version (id),
    context             TEXT    NOT NULL,
    PRIMARY KEY (run_id, dataset_version_id, context)
);

-- Every logged value, for history charts.
CREATE TABLE run_metric (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    run_id          UUID        NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    key             TEXT        NOT NULL,
    value           DOUBLE PRECISION NOT NULL,
    step            BIGINT      NOT NULL,
    ts              TIMESTAMPTZ NOT NULL
);
CREATE INDEX run_metric_history ON run_metric (run_id, key, step, ts, id);

-- The value with the highest (step, timestamp) per run and key: what metrics.x means in a filter.
CREATE TABLE run_latest_metric (
    run_id          UUID        NOT NULL REFERENCES run (id) ON DELETE CASCADE,
    key             TEXT        NOT NULL,
    value           DOUBLE PRECISION NOT NULL,
    step            BIGINT      NOT NULL,
    ts              TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (run_id, key)
);
CREATE INDEX run_latest_metric_key_value ON run_latest_metric (key, value);

CREATE TABLE model_version (
    model_id            BIGINT      NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    version             INTEGER     NOT NULL,
    status              TEXT        NOT NULL CHECK (status IN ('READY', 'ARCHIVED')),
    sha256              CHAR(64)    NOT NULL,
    size_bytes          BIGINT      NOT NULL,
    artifact_key        TEXT        NOT NULL,
    run_id              UUID        REFERENCES run (id),
    dataset_version_id  BIGINT      REFERENCES dataset_version (id),
    description         TEXT,
    tags                JSONB       NOT NULL DEFAULT '{}'::jsonb,
    task                TEXT        NOT NULL,
    labels              JSONB       NOT NULL DEFAULT '[]'::jsonb,
    positive_label      TEXT,
    signature           JSONB       NOT NULL,
    feature_refs        JSONB       NOT NULL DEFAULT '[]'::jsonb,
    encodings           JSONB       NOT NULL DEFAULT '[]'::jsonb,
    metrics             JSONB       NOT NULL DEFAULT '{}'::jsonb,
    params              JSONB       NOT NULL DEFAULT '{}'::jsonb,
    revision            BIGINT      NOT NULL DEFAULT 1,
    created_at          TIMESTAMPTZ NOT NULL,
    created_by          TEXT        NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    updated_by          TEXT        NOT NULL,
    PRIMARY KEY (model_id, version)
);
CREATE INDEX model_version_created_at ON model_version (created_at DESC);
CREATE INDEX model_version_run ON model_version (run_id) WHERE run_id IS NOT NULL;
CREATE INDEX model_version_status ON model_version (status, created_at DESC);
CREATE INDEX model_version_tags ON model_version USING GIN (tags jsonb_path_ops);
CREATE INDEX model_version_params ON model_version USING GIN (params jsonb_path_ops);

-- Kept apart so lists and events never drag sketches and samples along.
CREATE TABLE model_version_profile (
    model_id    BIGINT  NOT NULL,
    version     INTEGER NOT NULL,
    profile     JSONB   NOT NULL,
    PRIMARY KEY (model_id, version),
    FOREIGN KEY (model_id, version) REFERENCES model_version (model_id, version) ON DELETE CASCADE
);

CREATE TABLE model_alias (
    model_id    BIGINT      NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    alias       TEXT        NOT NULL,
    version     INTEGER     NOT NULL,
    revision    BIGINT      NOT NULL DEFAULT 1,
    updated_at  TIMESTAMPTZ NOT NULL,
    updated_by  TEXT        NOT NULL,
    PRIMARY KEY (model_id, alias),
    -- An aliased version cannot be deleted, even by a bug above this table.
    FOREIGN KEY (model_id, version) REFERENCES model_version (model_id, version)
);
CREATE INDEX model_alias_version ON model_alias (model_id, version);

CREATE TABLE model_alias_history (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    model_id        BIGINT      NOT NULL REFERENCES model (id) ON DELETE CASCADE,
    alias           TEXT        NOT NULL,
    from_version    INTEGER,
    to_version      INTEGER,
    changed_at      TIMESTAMPTZ NOT NULL,
    changed_by      TEXT        NOT NULL
);
CREATE INDEX model_alias_history_lookup ON model_alias_history (model_id, alias, id DESC);
