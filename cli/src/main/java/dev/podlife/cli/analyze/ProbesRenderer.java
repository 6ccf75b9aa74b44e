package dev.podlife.cli.analyze;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.podlife.analyzer.probes.ProbeFilter;
import dev.podlife.analyzer.probes.ProbesReport;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code probes} report of {@code podlife analyze}: per container, probe failures, restarts by
 * cause and readiness, read through the analyzer's {@link ProbesReport} as {@code GET
 * /api/v1/reports/probes} is. The JSON shape is a contract: keep it stable.
 */
final class ProbesRenderer {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ProbesRenderer() {}

  /** The counters of one container, or summed over all (then without the identifying fields). */
  @JsonPropertyOrder({
    "liveness_failures",
    "readiness_failures",
    "startup_failures",
    "restarts",
    "liveness_restarts",
    "startup_probe_restarts",
    "unobserved_restarts",
    "readiness_flaps",
    "not_ready_seconds"
  })
  record Counters(
      @JsonProperty("liveness_failures") long livenessFailures,
      @JsonProperty("readiness_failures") long readinessFailures,
      @JsonProperty("startup_failures") long startupFailures,
      @JsonProperty("restarts") long restarts,
      @JsonProperty("liveness_restarts") long livenessRestarts,
      @JsonProperty("startup_probe_restarts") long startupProbeRestarts,
      @JsonProperty("unobserved_restarts") long unobservedRestarts,
      @JsonProperty("readiness_flaps") long readinessFlaps,
      @JsonProperty("not_ready_seconds") double notReadySeconds) {}

  /** One container: who it is, then its counters at the same level (not nested). */
  @JsonPropertyOrder({"namespace", "pod", "uid", "container"})
  record Container(
      String namespace,
      String pod,
      String uid,
      String container,
      @JsonUnwrapped Counters counters) {}

  @JsonPropertyOrder({"containers", "summary"})
  record Json(List<Container> containers, Counters summary) {}

  /** What the report holds: the containers and their detail rows for the table, and the summary. */
  record Result(List<ProbesReport.Container> containers, ProbesReport.Group summary) {}

  /**
   * The report for the pods of one cluster with these UIDs.
   *
   * @param now the end of intervals still open: the capture's last moment, not this machine's clock
   */
  static Result read(Jdbi jdbi, String cluster, Collection<String> uids, Instant now) {
    ProbesReport report = new ProbesReport(jdbi);
    ProbeFilter filter =
        new ProbeFilter(cluster, null, null, null, uids.toArray(String[]::new), null, null, now);
    return new Result(report.containers(filter), report.summary(filter));
  }

  static String json(Result result) {
    List<Container> containers =
        result.containers().stream()
            .map(
                c ->
                    new Container(
                        c.namespace(),
                        c.pod(),
                        c.uid(),
                        c.container(),
                        new Counters(
                            c.livenessFailures(),
                            c.readinessFailures(),
                            c.startupFailures(),
                            c.restarts(),
                            c.livenessRestarts(),
                            c.startupProbeRestarts(),
                            c.unobservedRestarts(),
                            c.readinessFlaps(),
                            c.notReadySeconds())))
            .toList();
    ProbesReport.Group s = result.summary();
    Counters summary =
        new Counters(
            s.livenessFailures(),
            s.readinessFailures(),
            s.startupFailures(),
            s.restarts(),
            s.livenessRestarts(),
            s.startupProbeRestarts(),
            s.unobservedRestarts(),
            s.readinessFlaps(),
            s.notReadySeconds());
    return JSON.writeValueAsString(new Json(containers, summary));
  }

  /**
   * One line per container, the probes that failed next to their configuration, and a total line.
   */
  static String table(Result result) {
    List<String[]> lines = new ArrayList<>();
    lines.add(
        new String[] {
          "NAMESPACE",
          "POD",
          "CONTAINER",
          "LIVENESS",
          "READINESS",
          "STARTUP",
          "RESTARTS",
          "CAUSES",
          "FLAPS",
          "NOT-READY",
          "PROBES"
        });
    for (ProbesReport.Container c : result.containers()) {
      lines.add(
          new String[] {
            c.namespace(),
            c.pod(),
            c.container(),
            Long.toString(c.livenessFailures()),
            Long.toString(c.readinessFailures()),
            Long.toString(c.startupFailures()),
            Long.toString(c.restarts()),
            causes(
                c.livenessRestarts(),
                c.startupProbeRestarts(),
                c.unobservedRestarts(),
                c.restartsByReason()),
            Long.toString(c.readinessFlaps()),
            seconds(c.notReadySeconds()),
            probes(c.probes())
          });
    }
    ProbesReport.Group s = result.summary();
    lines.add(
        new String[] {
          "TOTAL",
          s.pods() + " pod(s)",
          s.containers() + " container(s)",
          Long.toString(s.livenessFailures()),
          Long.toString(s.readinessFailures()),
          Long.toString(s.startupFailures()),
          Long.toString(s.restarts()),
          causes(
              s.livenessRestarts(),
              s.startupProbeRestarts(),
              s.unobservedRestarts(),
              s.restartsByReason()),
          Long.toString(s.readinessFlaps()),
          seconds(s.notReadySeconds()),
          ""
        });
    return TextTable.alignStripped(lines);
  }

  private static String causes(
      long liveness, long startup, long unobserved, java.util.Map<String, Long> byReason) {
    List<String> parts = new ArrayList<>();
    if (liveness > 0) {
      parts.add("liveness=" + liveness);
    }
    if (startup > 0) {
      parts.add("startup=" + startup);
    }
    byReason.forEach((reason, n) -> parts.add(reason + "=" + n));
    if (unobserved > 0) {
      parts.add("unobserved=" + unobserved);
    }
    return parts.isEmpty() ? "-" : String.join(",", parts);
  }

  private static String probes(ProbesReport.Probes probes) {
    List<String> parts = new ArrayList<>();
    if (probes.liveness() != null) {
      parts.add("liveness " + probes.liveness().compact());
    }
    if (probes.readiness() != null) {
      parts.add("readiness " + probes.readiness().compact());
    }
    if (probes.startup() != null) {
      parts.add("startup " + probes.startup().compact());
    }
    return parts.isEmpty() ? "<none>" : String.join("; ", parts);
  }

  private static String seconds(double value) {
    return String.format(Locale.ROOT, "%.1fs", value);
  }
}
