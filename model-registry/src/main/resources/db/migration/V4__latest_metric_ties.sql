-- Of two values of a metric at one step and time, the latest is the larger, as in MLflow (a number
-- before a NaN, which PostgreSQL would rank above every number). Ties chosen before by the order
-- they were logged are chosen again by that rule.
UPDATE run_latest_metric l SET value = best.value
  FROM (SELECT DISTINCT ON (run_id, key, step, ts) run_id, key, step, ts, value FROM run_metric
         ORDER BY run_id, key, step, ts, (value = 'NaN'::float8), value DESC) best
 WHERE best.run_id = l.run_id AND best.key = l.key AND best.step = l.step AND best.ts = l.ts
   AND best.value IS DISTINCT FROM l.value;
