package dev.podlife.api.alerts;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.core.mapper.PropagateNull;
import org.jdbi.v3.core.mapper.reflect.JdbiConstructor;

import tools.jackson.databind.JsonNode;

/**
 * One alert: a rule's condition holding for one group, from its first occurrence ({@code startsAt})
 * until it cleared ({@code endsAt}, null while firing).
 *
 * @param rule the rule as it was when the alert was raised (a rule renamed or deleted since keeps
 *     its id)
 * @param first the pod and container of the first occurrence; null for conditions without one pod
 *     (startup_p99)
 * @param last those of the latest occurrence
 * @param value the measured value where the condition has one (startup p99 in ms, restarts in the
 *     window)
 * @param labels the Alertmanager labels as sent
 * @param annotations the Alertmanager annotations as sent
 */
public record Alert(
    long id,
    RuleRef rule,
    String state,
    String severity,
    Group group,
    Instant startsAt,
    Instant endsAt,
    int occurrences,
    Instant lastAt,
    PodRef first,
    PodRef last,
    Double value,
    JsonNode labels,
    JsonNode annotations,
    Links links) {

  /** From a row of {@link AlertQueries#list}; the links follow from the rest. */
  @JdbiConstructor
  public Alert(
      long id,
      @Nested("rule") RuleRef rule,
      String state,
      String severity,
      @Nested("group") Group group,
      Instant startsAt,
      Instant endsAt,
      int occurrences,
      Instant lastAt,
      @Nested("first") PodRef first,
      @Nested("last") PodRef last,
      Double value,
      JsonNode labels,
      JsonNode annotations) {
    this(
        id,
        rule,
        state,
        severity,
        group,
        startsAt,
        endsAt,
        occurrences,
        lastAt,
        first,
        last,
        value,
        labels,
        annotations,
        new Links(
            RuleRoutes.RULES + "/" + rule.id(), timeline(group, first), timeline(group, last)));
  }

  private static String timeline(Group group, PodRef pod) {
    if (pod == null || pod.uid() == null) {
      return null;
    }
    return "/ui/pods/" + encode(pod.uid()) + "?cluster=" + encode(group.cluster());
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The rule that raised the alert, at the version that raised it. */
  public record RuleRef(long id, String name, int version) {}

  /**
   * What the alert is about: rule × cluster × namespace × workload × reason. A bare pod is its own
   * workload (Pod).
   */
  public record Group(
      String cluster, String namespace, String workloadKind, String workloadName, String reason) {}

  /** A pod and one of its containers (container null where the occurrence is the pod's). */
  @PropagateNull("uid")
  public record PodRef(String uid, String pod, String container) {}

  /**
   * Where to look next: the rule (it answers 404 once deleted), the timeline page of the first and
   * of the latest pod.
   */
  public record Links(String rule, String timeline, String lastTimeline) {}
}
