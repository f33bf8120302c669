-- Pending predictions are written in bulk on the hot path and mostly expire unread: keep their
-- features packed (FeatureCodec: typed values, names as indexes into the version's reference
-- features) and their probabilities as text; both become jsonb when a label joins them.
ALTER TABLE pending_prediction
    ALTER COLUMN features TYPE BYTEA USING convert_to(features::text, 'UTF8'),
    ALTER COLUMN probabilities TYPE TEXT;

-- Rows are copied in with the checkpoint's transaction time.
ALTER TABLE pending_prediction ALTER COLUMN received_at SET DEFAULT now();
