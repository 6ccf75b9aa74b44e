-- Lifecycle history beyond one UID: every incarnation of a namespace/name (a StatefulSet's web-0, a recreated bare
-- pod), the pods of a node, and history rows by time across pods.
CREATE INDEX pod_by_namespace_name ON pod (namespace, name, created_at DESC);
CREATE INDEX pod_by_node ON pod (node, cluster);
CREATE INDEX pod_history_by_time ON pod_history (at, fact_id);
