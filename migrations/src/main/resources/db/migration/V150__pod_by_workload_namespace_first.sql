-- A workload's pods by (namespace, kind, name) first, the cluster last: the workload history route names the
-- namespace, kind and name in its path and the cluster only optionally (?cluster=), and without it the old
-- (cluster, namespace, workload_kind, workload_name) index could only be walked whole. With the cluster given, it is
-- one more equality on the same range. Replaces pod_by_workload (no index more to maintain on pod updates); a filter
-- by cluster and workload without a namespace still has the pod primary key (cluster, uid) as before.
DROP INDEX pod_by_workload;
CREATE INDEX pod_by_workload ON pod (namespace, workload_kind, workload_name, cluster);
