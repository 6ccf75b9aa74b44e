package dev.podlife.analyzer.probes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import dev.podlife.analyzer.query.WorkloadRef;
import dev.podlife.events.FactSerde;
import tools.jackson.core.type.TypeReference;

/**
 * The read side of the probes projection: per container, probe failures by type, restarts by their
 * stored {@link RestartCause}, readiness flaps and time not ready, next to the probe configuration;
 * or the same counters summed per workload, per namespace or over everything. Read by the REST API
 * and by {@code podlife analyze --report probes}; its records are what they serialize.
 */
public final class ProbesReport {
  private static final TypeReference<LinkedHashMap<String, Long>> COUNTS = new TypeReference<>() {};

  private final Jdbi jdbi;

  public ProbesReport(Jdbi jdbi) {
    this.jdbi = jdbi;
    jdbi.installPlugin(new SqlObjectPlugin());
  }

  /** A probe as configured, or null in {@link Probes} when the container has none. */
  public record ProbeConfig(
      String handler,
      Integer initialDelaySeconds,
      Integer periodSeconds,
      Integer timeoutSeconds,
      Integer failureThreshold) {

    static ProbeConfig of(
        String handler, Integer delay, Integer period, Integer timeout, Integer threshold) {
      return handler == null ? null : new ProbeConfig(handler, delay, period, timeout, threshold);
    }

    /**
     * e.g. {@code httpGet delay=5s period=10s timeout=1s failureThreshold=3}, for CSV and tables.
     */
    public String compact() {
      return handler
          + " delay="
          + orDefault(initialDelaySeconds, 0)
          + "s period="
          + orDefault(periodSeconds, 10)
          + "s timeout="
          + orDefault(timeoutSeconds, 1)
          + "s failureThreshold="
          + orDefault(failureThreshold, 3);
    }

    /** Kubernetes' defaults for fields the spec left out. */
    private static int orDefault(Integer value, int fallback) {
      return value == null ? fallback : value;
    }
  }

  public record Probes(ProbeConfig liveness, ProbeConfig readiness, ProbeConfig startup) {}

  /**
   * One container's counters in the window.
   *
   * @param kind INIT, SIDECAR or REGULAR; null when the pod's spec was never seen
   * @param restartsByReason restarts neither attributed to a probe nor unobserved, by termination
   *     reason
   * @param firstFailureAfterStartSeconds from the start of the run to its first probe failure in
   *     the window, or null
   */
  public record Container(
      String cluster,
      String namespace,
      String pod,
      String uid,
      WorkloadRef workload,
      String container,
      String kind,
      long livenessFailures,
      long readinessFailures,
      long startupFailures,
      long restarts,
      long livenessRestarts,
      long startupProbeRestarts,
      long unobservedRestarts,
      Map<String, Long> restartsByReason,
      long readinessFlaps,
      double notReadySeconds,
      Double firstFailureAfterStartSeconds,
      Probes probes) {}

  /**
   * Counters summed over a group; keys not grouped by are null (all four for the summary).
   *
   * @param podReadyFlaps Ready True→False of the pods while Running
   * @param containersReadyFlaps ContainersReady True→False of the pods while Running
   * @param podNotReadySeconds time the pods were Running but not Ready
   */
  public record Group(
      String cluster,
      String namespace,
      WorkloadRef workload,
      long pods,
      long containers,
      long livenessFailures,
      long readinessFailures,
      long startupFailures,
      long restarts,
      long livenessRestarts,
      long startupProbeRestarts,
      long unobservedRestarts,
      Map<String, Long> restartsByReason,
      long readinessFlaps,
      double notReadySeconds,
      long podReadyFlaps,
      long containersReadyFlaps,
      double podNotReadySeconds) {}

  /** How groups are formed. */
  public enum Grouping {
    WORKLOAD(ProbeQueries.Grouping.WORKLOAD),
    NAMESPACE(ProbeQueries.Grouping.NAMESPACE);

    private final ProbeQueries.Grouping sql;

    Grouping(ProbeQueries.Grouping sql) {
      this.sql = sql;
    }
  }

  public List<Container> containers(ProbeFilter filter) {
    return jdbi
        .withExtension(ProbeQueries.class, q -> q.containers(filter.whereClause(), filter))
        .stream()
        .map(ProbesReport::container)
        .toList();
  }

  public List<Group> groups(ProbeFilter filter, Grouping grouping) {
    return groups(filter, grouping.sql);
  }

  /** The counters over every pod in scope. */
  public Group summary(ProbeFilter filter) {
    return groups(filter, ProbeQueries.Grouping.ALL).getFirst();
  }

  private List<Group> groups(ProbeFilter filter, ProbeQueries.Grouping grouping) {
    return jdbi
        .withExtension(
            ProbeQueries.class,
            q -> q.groups(filter.whereClause(), grouping.key, grouping.groupBy, filter))
        .stream()
        .map(ProbesReport::group)
        .toList();
  }

  private static Container container(ProbeQueries.ContainerRow r) {
    ProbeQueries.Counters c = r.counters();
    return new Container(
        r.cluster(),
        r.namespace(),
        r.pod(),
        r.uid(),
        workload(r.workloadKind(), r.workloadName()),
        r.container(),
        r.kind(),
        c.livenessFailures(),
        c.readinessFailures(),
        c.startupFailures(),
        c.restarts(),
        c.livenessRestarts(),
        c.startupProbeRestarts(),
        c.unobservedRestarts(),
        counts(c.restartsByReason()),
        c.readinessFlaps(),
        seconds(c.notReadySeconds()),
        r.firstFailureAfterStartSeconds() == null
            ? null
            : seconds(r.firstFailureAfterStartSeconds()),
        r.settings().probes());
  }

  private static Group group(ProbeQueries.GroupRow r) {
    ProbeQueries.Counters c = r.counters();
    return new Group(
        r.cluster(),
        r.namespace(),
        workload(r.workloadKind(), r.workloadName()),
        r.pods(),
        r.containers(),
        c.livenessFailures(),
        c.readinessFailures(),
        c.startupFailures(),
        c.restarts(),
        c.livenessRestarts(),
        c.startupProbeRestarts(),
        c.unobservedRestarts(),
        counts(c.restartsByReason()),
        c.readinessFlaps(),
        seconds(c.notReadySeconds()),
        r.podReadyFlaps(),
        r.containersReadyFlaps(),
        seconds(r.podNotReadySeconds()));
  }

  private static WorkloadRef workload(String kind, String name) {
    return kind == null ? null : new WorkloadRef(kind, name);
  }

  private static Map<String, Long> counts(String json) {
    return FactSerde.mapper().readValue(json, COUNTS);
  }

  /** Milliseconds are all the timestamps hold. */
  private static double seconds(double value) {
    return Math.round(value * 1000.0) / 1000.0;
  }
}
