-- Of two values of a metric at one step and time, the latest is the larger, as in MLflow (a number
-- before a NaN, which PostgreSQL would rank above every number). Ties chosen before by the order
-- they were logged are chosen again by that rule; each latest value reads only its own points,
-- through the (run_id, key, step, ts, value) index.
UPDATE run_latest_metric l SET value = (
    SELECT m.value FROM run_metric m
     WHERE m.run_id = l.run_id AND m.key = l.key AND m.step = l.step AND m.ts = l.ts
     ORDER BY (m.value = 'NaN'::float8), m.value DESC LIMIT 1)
 WHERE EXISTS (SELECT 1 FROM run_metric m
                WHERE m.run_id = l.run_id AND m.key = l.key AND m.step = l.step AND m.ts = l.ts
                  AND m.value IS DISTINCT FROM l.value);
