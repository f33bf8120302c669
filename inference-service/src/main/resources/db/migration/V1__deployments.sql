-- One row per model whose traffic split was set; a model without a row serves its champion alias only.
-- Replicas read this table when a deployment event arrives, so the row, not the event, is the truth.
CREATE TABLE deployment (
    model               TEXT        PRIMARY KEY,
    champion            TEXT        NOT NULL,
    challenger          TEXT,
    challenger_percent  INTEGER     NOT NULL CHECK (challenger_percent BETWEEN 0 AND 100),
    shadow              BOOLEAN     NOT NULL,
    missing_features    TEXT        CHECK (missing_features IN ('fail', 'impute')),
    revision            BIGINT      NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    updated_by          TEXT        NOT NULL,
    CHECK (challenger IS NOT NULL OR (challenger_percent = 0 AND NOT shadow))
);
