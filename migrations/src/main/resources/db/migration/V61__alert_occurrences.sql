-- Alert evaluation reads killed_after_grace occurrences by the deletion deadline (an evaluation every few seconds
-- must not scan every shutdown ever recorded).
CREATE INDEX shutdown_pod_by_deadline ON shutdown_pod (deletion_timestamp);
