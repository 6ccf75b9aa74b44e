-- GET /api/v1/pods/{uid} looks a pod up by its UID alone (the cluster is optional): without this index that is a
-- scan of every pod, since the primary key starts with cluster.
CREATE INDEX pod_by_uid ON pod (uid);
