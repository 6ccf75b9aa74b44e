-- The coverage gaps (analyzer.coverage.Coverage#gaps), kept as the heartbeats are stored: one row per pair of
-- consecutive heartbeat instants of a cluster further apart than 2.5 times the larger of their intervals
-- (Coverage.TOLERANCE; an instant's interval is the largest of its rows'). A pod's history reads the gaps of its
-- life, which for a pod of a month were a quarter of a million heartbeats to read at every request; gaps are few.
-- The rows stay a function of the set of heartbeats, whatever their order of arrival: each newly stored heartbeat
-- re-derives the two pairs around its instant, under a per-cluster advisory lock, so two analyzers cannot interleave
-- (Coverage.keep). Like collector_heartbeat, not derived from facts: `podlife analyzer --rebuild` leaves it alone,
-- and retention deletes the gaps that start before its cutoff together with the heartbeats.
CREATE TABLE coverage_gap (
  cluster  text        NOT NULL,
  from_at  timestamptz NOT NULL,
  to_at    timestamptz NOT NULL,
  PRIMARY KEY (cluster, from_at)
);

-- the gaps of the heartbeats stored before this migration, derived as Coverage.keep derives them
INSERT INTO coverage_gap (cluster, from_at, to_at)
SELECT cluster, previous_at, sent_at
FROM (
  SELECT cluster, sent_at, interval_ms,
         lag(sent_at) OVER w AS previous_at, lag(interval_ms) OVER w AS previous_ms
  FROM (
    SELECT cluster, sent_at, max(extract(epoch FROM heartbeat_interval) * 1000) AS interval_ms
    FROM collector_heartbeat GROUP BY cluster, sent_at
  ) instants
  WINDOW w AS (PARTITION BY cluster ORDER BY sent_at)
) pairs
WHERE previous_at IS NOT NULL
  AND extract(epoch FROM sent_at - previous_at) * 1000 > round(greatest(interval_ms, previous_ms) * 2.5);
