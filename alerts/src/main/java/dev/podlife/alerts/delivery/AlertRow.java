package dev.podlife.alerts.delivery;

import java.time.Instant;

/**
 * What a notification says about its alert, read when it is sent (so a late retry tells the latest
 * state).
 */
record AlertRow(
    long id,
    long ruleId,
    int ruleVersion,
    String ruleName,
    String state,
    String cluster,
    String namespace,
    Instant startsAt,
    Instant endsAt,
    int occurrences,
    Instant lastAt,
    String podUid,
    String podName,
    String container,
    String labels,
    String annotations,
    String ruleSpec) {

  static final String SELECT =
      """
      SELECT a.id, a.rule_id, a.rule_version, a.rule_name, a.state, a.cluster, a.namespace, a.starts_at, a.ends_at,
             a.occurrences, a.last_at, a.pod_uid, a.pod_name, a.container, a.labels::text AS labels,
             a.annotations::text AS annotations, r.spec::text AS rule_spec
      FROM alert a JOIN alert_rule r ON r.id = a.rule_id
      WHERE a.id IN (<ids>)
      """;
}
