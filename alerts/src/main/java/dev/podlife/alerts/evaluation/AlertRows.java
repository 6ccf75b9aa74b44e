package dev.podlife.alerts.evaluation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Handle;

/** The alert table as the evaluator reads and writes it, all on the evaluation's handle. */
final class AlertRows {
  /** A firing alert, as much of it as reconciling needs. */
  record Firing(
      long id,
      long ruleId,
      String fingerprint,
      String severity,
      Instant startsAt,
      Instant lastAt,
      int occurrences,
      Double value) {}

  /** A row to insert: an alert that starts firing, or an episode recorded only after it ended. */
  record NewAlert(
      long ruleId,
      int ruleVersion,
      String ruleName,
      Episode episode,
      String severity,
      String state,
      Instant endsAt,
      String labels,
      String annotations) {}

  private final Handle h;

  AlertRows(Handle h) {
    this.h = h;
  }

  List<Firing> firing() {
    return h.createQuery(
            "SELECT id, rule_id, fingerprint, severity, starts_at, last_at, occurrences, value FROM"
                + " alert WHERE state = 'firing' ORDER BY id")
        .map(
            (rs, ctx) -> {
              double value = rs.getDouble("value");
              Double boxed = rs.wasNull() ? null : value;
              return new Firing(
                  rs.getLong("id"),
                  rs.getLong("rule_id"),
                  rs.getString("fingerprint"),
                  rs.getString("severity"),
                  rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                  rs.getObject("last_at", OffsetDateTime.class).toInstant(),
                  rs.getInt("occurrences"),
                  boxed);
            })
        .list();
  }

  long insert(NewAlert a, Instant now) {
    Episode e = a.episode();
    Group g = e.group();
    return h.createUpdate(
            """
            INSERT INTO alert (rule_id, rule_version, rule_name, fingerprint, cluster, namespace, workload_kind,
                               workload_name, reason, severity, state, starts_at, ends_at, occurrences, last_at,
                               pod_uid, pod_name, container, last_pod_uid, last_pod_name, last_container, value,
                               labels, annotations, created_at, updated_at)
            VALUES (:ruleId, :ruleVersion, :ruleName, :fingerprint, :cluster, :namespace, :kind, :workload, :reason,
                    :severity, :state, :startsAt, :endsAt, :occurrences, :lastAt, :podUid, :podName, :container,
                    :lastPodUid, :lastPodName, :lastContainer, :value, CAST(:labels AS jsonb),
                    CAST(:annotations AS jsonb), :now, :now)\
            """)
        .bind("ruleId", a.ruleId())
        .bind("ruleVersion", a.ruleVersion())
        .bind("ruleName", a.ruleName())
        .bind("fingerprint", g.fingerprint())
        .bind("cluster", g.cluster())
        .bind("namespace", g.namespace())
        .bind("kind", g.workloadKind())
        .bind("workload", g.workloadName())
        .bind("reason", g.reason())
        .bind("severity", a.severity())
        .bind("state", a.state())
        .bind("startsAt", utc(e.startsAt()))
        .bind("endsAt", a.endsAt() == null ? null : utc(a.endsAt()))
        .bind("occurrences", e.occurrences())
        .bind("lastAt", utc(e.last().at()))
        .bind("podUid", e.first().podUid())
        .bind("podName", e.first().podName())
        .bind("container", e.first().container())
        .bind("lastPodUid", e.last().podUid())
        .bind("lastPodName", e.last().podName())
        .bind("lastContainer", e.last().container())
        .bind("value", e.value())
        .bind("labels", a.labels())
        .bind("annotations", a.annotations())
        .bind("now", utc(now))
        .executeAndReturnGeneratedKeys("id")
        .mapTo(Long.class)
        .one();
  }

  /**
   * A firing alert's episode goes on: new occurrences since its last one, the latest pod, the
   * value.
   */
  void extend(
      long id, int newOccurrences, Occurrence last, double value, String annotations, Instant now) {
    h.createUpdate(
            """
            UPDATE alert SET occurrences = occurrences + :newer, last_at = :lastAt, last_pod_uid = :lastPodUid,
                             last_pod_name = :lastPodName, last_container = :lastContainer, value = :value,
                             annotations = CAST(:annotations AS jsonb), updated_at = :now
            WHERE id = :id AND state = 'firing'\
            """)
        .bind("id", id)
        .bind("newer", newOccurrences)
        .bind("lastAt", utc(last.at()))
        .bind("lastPodUid", last.podUid())
        .bind("lastPodName", last.podName())
        .bind("lastContainer", last.container())
        .bind("value", value)
        .bind("annotations", annotations)
        .bind("now", utc(now))
        .execute();
  }

  void resolve(long id, Instant endsAt, Instant now) {
    h.createUpdate(
            "UPDATE alert SET state = 'resolved', ends_at = :endsAt, updated_at = :now WHERE id ="
                + " :id AND state = 'firing'")
        .bind("id", id)
        .bind("endsAt", utc(endsAt))
        .bind("now", utc(now))
        .execute();
  }

  /**
   * The resolved alert of the same rule and group that this episode continues (same start, or a
   * span that overlaps it: the rule was disabled meanwhile, or late facts extended an episode
   * already resolved).
   */
  Optional<Long> resolvedOverlapping(long ruleId, Episode e) {
    return h.createQuery(
            """
            SELECT id FROM alert
            WHERE rule_id = :ruleId AND fingerprint = :fingerprint AND state = 'resolved'
              AND (starts_at = :startsAt OR (starts_at < :endsAt AND ends_at > :startsAt))
            ORDER BY starts_at DESC LIMIT 1\
            """)
        .bind("ruleId", ruleId)
        .bind("fingerprint", e.group().fingerprint())
        .bind("startsAt", utc(e.startsAt()))
        .bind("endsAt", utc(e.endsAt()))
        .mapTo(Long.class)
        .findOne();
  }

  /**
   * Any alert of the rule and group whose span overlaps the episode's: the episode was recorded
   * already.
   */
  boolean anyOverlapping(long ruleId, Episode e) {
    return h.createQuery(
            """
            SELECT EXISTS (SELECT 1 FROM alert
                           WHERE rule_id = :ruleId AND fingerprint = :fingerprint
                             AND (starts_at = :startsAt
                                  OR (starts_at < :endsAt AND coalesce(ends_at, 'infinity') > :startsAt)))\
            """)
        .bind("ruleId", ruleId)
        .bind("fingerprint", e.group().fingerprint())
        .bind("startsAt", utc(e.startsAt()))
        .bind("endsAt", utc(e.endsAt()))
        .mapTo(Boolean.class)
        .one();
  }

  /** Fires again an alert resolved too early, with its episode's latest state. */
  void reopen(long id, Episode e, String annotations, Instant now) {
    h.createUpdate(
            """
            UPDATE alert SET state = 'firing', ends_at = NULL, occurrences = greatest(occurrences, :occurrences),
                             last_at = :lastAt, last_pod_uid = :lastPodUid, last_pod_name = :lastPodName,
                             last_container = :lastContainer, value = :value,
                             annotations = CAST(:annotations AS jsonb), updated_at = :now
            WHERE id = :id\
            """)
        .bind("id", id)
        .bind("occurrences", e.occurrences())
        .bind("lastAt", utc(e.last().at()))
        .bind("lastPodUid", e.last().podUid())
        .bind("lastPodName", e.last().podName())
        .bind("lastContainer", e.last().container())
        .bind("value", e.value())
        .bind("annotations", annotations)
        .bind("now", utc(now))
        .execute();
  }

  /** The stored spec of a rule, also of a deleted or disabled one (its alerts still resolve). */
  Optional<String> storedSpec(long ruleId) {
    return h.createQuery("SELECT spec::text FROM alert_rule WHERE id = :id")
        .bind("id", ruleId)
        .mapTo(String.class)
        .findOne();
  }

  List<SeverityCount> firingBySeverity() {
    return h.createQuery(
            "SELECT severity, count(*) AS n FROM alert WHERE state = 'firing' GROUP BY severity")
        .map((rs, ctx) -> new SeverityCount(rs.getString("severity"), rs.getLong("n")))
        .list();
  }

  record SeverityCount(String severity, long count) {}

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
