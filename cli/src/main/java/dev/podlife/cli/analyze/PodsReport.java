package dev.podlife.cli.analyze;

import java.util.Collection;
import java.util.List;

import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.podlife.analyzer.pods.PodSummary;
import dev.podlife.analyzer.pods.Pods;
import dev.podlife.analyzer.query.WorkloadRef;
import dev.podlife.events.Workload;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code pods} report: each pod's last state with the columns {@code kubectl get pods} shows.
 */
final class PodsReport {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private PodsReport() {}

  /**
   * One pod; {@code workload} is null for a bare pod. The JSON shape is a contract: keep it stable.
   */
  @JsonPropertyOrder({
    "cluster",
    "namespace",
    "name",
    "uid",
    "phase",
    "node",
    "workload",
    "status",
    "ready",
    "restarts"
  })
  record Row(
      String cluster,
      String namespace,
      String name,
      String uid,
      String phase,
      String node,
      Workload workload,
      String status,
      String ready,
      int restarts) {}

  static List<Row> rows(Jdbi jdbi, String cluster, Collection<String> uids) {
    return new Pods(jdbi).inCluster(cluster, uids).stream().map(PodsReport::row).toList();
  }

  private static Row row(PodSummary pod) {
    WorkloadRef workload = pod.workload();
    return new Row(
        pod.cluster(),
        pod.namespace(),
        pod.name(),
        pod.uid(),
        pod.phase(),
        pod.node(),
        workload == null ? null : new Workload(workload.kind(), workload.name()),
        pod.status(),
        pod.ready(),
        pod.restarts());
  }

  static String json(List<Row> rows) {
    return JSON.writeValueAsString(rows);
  }

  /** Columns as kubectl prints them, plus the node and workload. */
  static String table(List<Row> rows) {
    List<String[]> lines = new java.util.ArrayList<>();
    lines.add(
        new String[] {"NAMESPACE", "NAME", "READY", "STATUS", "RESTARTS", "NODE", "WORKLOAD"});
    for (Row row : rows) {
      lines.add(
          new String[] {
            row.namespace(),
            row.name(),
            row.ready(),
            row.status(),
            Integer.toString(row.restarts()),
            row.node() == null ? "<none>" : row.node(),
            row.workload() == null ? "<none>" : row.workload().toString()
          });
    }
    return TextTable.align(lines);
  }
}
