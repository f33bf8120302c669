-- Revisions, which the API serves as ETags, come from one sequence instead of a counter per row
-- that starts at 1: a model, version or alias deleted and created again must never repeat a
-- revision that a client's If-Match from before the deletion could still carry.
CREATE SEQUENCE revision_seq;
SELECT setval('revision_seq', GREATEST(
    (SELECT COALESCE(max(revision), 0) FROM model),
    (SELECT COALESCE(max(revision), 0) FROM model_version),
    (SELECT COALESCE(max(revision), 0) FROM model_alias)) + 1);
ALTER TABLE model ALTER COLUMN revision SET DEFAULT nextval('revision_seq');
ALTER TABLE model_version ALTER COLUMN revision SET DEFAULT nextval('revision_seq');
ALTER TABLE model_alias ALTER COLUMN revision SET DEFAULT nextval('revision_seq');
