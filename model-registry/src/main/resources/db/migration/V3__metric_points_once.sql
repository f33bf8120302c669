-- A metric point is (run, key, step, timestamp, value), as in MLflow: a client retrying a batch
-- after a timeout must not double the history. Duplicates logged before are removed first
-- (PostgreSQL's index equality treats NaN as equal to NaN, so they go too).
DELETE FROM run_metric a USING run_metric b
 WHERE a.run_id = b.run_id AND a.key = b.key AND a.step = b.step AND a.ts = b.ts AND a.value = b.value
   AND a.id > b.id;
CREATE UNIQUE INDEX run_metric_point ON run_metric (run_id, key, step, ts, value);
DROP INDEX run_metric_history;
