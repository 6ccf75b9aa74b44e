-- The collector's heartbeats (events CollectorHeartbeat): one row per heartbeat a leading collector with synced
-- informers sent for a cluster. The analyzer's coverage (analyzer.coverage.Coverage) derives the observed intervals
-- and the gaps ("not observed between A and B") from these rows when read: heartbeats closer than 2.5 intervals
-- belong to one observed interval. Keeping the heartbeats themselves (not maintained intervals) makes redelivery and
-- two analyzers harmless: a heartbeat stored twice is the same row, and no order of arrival can split an interval.
-- Not derived from facts, so `podlife analyzer --rebuild` leaves it alone.
CREATE TABLE collector_heartbeat (
  cluster            text        NOT NULL,
  sent_at            timestamptz NOT NULL,
  instance           text        NOT NULL,
  heartbeat_interval interval    NOT NULL,
  started_at         timestamptz NOT NULL,
  resumed            boolean     NOT NULL,
  received_at        timestamptz NOT NULL,
  PRIMARY KEY (cluster, sent_at, instance)
);
