package dev.podlife.alerts.rules;

import java.util.Map;

/**
 * Which pods a rule watches; an absent field matches everything. Workload kind/name are the pod's
 * owning workload as podlife resolves it (Deployment, StatefulSet, DaemonSet, Job, CronJob; a bare
 * pod is kind {@code Pod}); labels are the pod's labels.
 */
public record Selector(
    Matcher cluster,
    Matcher namespace,
    Matcher workloadKind,
    Matcher workloadName,
    Map<String, Matcher> labels) {

  public static final Selector ALL = new Selector(null, null, null, null, Map.of());

  public Selector {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
  }

  public boolean matches(
      String cluster,
      String namespace,
      String workloadKind,
      String workloadName,
      Map<String, String> podLabels) {
    return matches(this.cluster, cluster)
        && matches(this.namespace, namespace)
        && matches(this.workloadKind, workloadKind)
        && matches(this.workloadName, workloadName)
        && labels.entrySet().stream()
            .allMatch(e -> e.getValue().matches(podLabels.get(e.getKey())));
  }

  private static boolean matches(Matcher matcher, String value) {
    return matcher == null || matcher.matches(value);
  }
}
