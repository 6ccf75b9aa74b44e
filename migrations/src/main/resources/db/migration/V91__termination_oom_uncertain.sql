-- OOMKilled is the runtime's cgroup-wide flag: containerd/CRI-O report it when the container's cgroup saw an OOM
-- kill of any of its processes, not necessarily of the main one. A container reported OOMKilled that exited 143 (it
-- ended on SIGTERM) after an earlier OOMKilled of the same container of the pod is flagged uncertain: the exit was
-- the SIGTERM's, the OOM flag may be a child's. The analyzer's TerminationProjection decides it as it stores a
-- termination (the same condition in its INSERT); this backfill spells it out once for the rows already stored.
ALTER TABLE termination ADD COLUMN oom_uncertain boolean NOT NULL DEFAULT false;

UPDATE termination t
SET oom_uncertain = true
WHERE t.reason = 'OOMKilled' AND t.exit_code = 143
  AND EXISTS (
    SELECT 1 FROM termination e
    WHERE e.cluster = t.cluster AND e.pod_uid = t.pod_uid AND e.container = t.container
      AND e.reason = 'OOMKilled' AND e.at < t.at);
