package dev.podlife.cli.analyze;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jdbi.v3.core.Jdbi;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import dev.podlife.analyzer.terminations.Terminations;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code terminations} report: every abnormal termination of the captured pods once, read
 * through the analyzer's {@link Terminations}, and a count per reason. The JSON shape is a
 * contract: keep it stable.
 */
final class TerminationsReport {
  private static final JsonMapper JSON =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .changeDefaultPropertyInclusion(
              incl ->
                  incl.withValueInclusion(
                      com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS))
          .build();

  private TerminationsReport() {}

  /**
   * One termination. {@code container} is null when the pod itself ended (Evicted, Preempted,
   * DeadlineExceeded), and {@code finishedAt} then says when that was observed; {@code signal} is
   * its name (SIGKILL…), {@code restartCount} the container's restarts before this run, {@code
   * disruption} what disrupted the pod before it (preemption, eviction, node_shutdown…) or null,
   * {@code oomUncertain} an OOMKilled that exited on SIGTERM after an earlier OOM of the container.
   */
  @JsonPropertyOrder({
    "namespace",
    "pod",
    "uid",
    "container",
    "init",
    "reason",
    "exitCode",
    "signal",
    "startedAt",
    "finishedAt",
    "message",
    "restartCount",
    "disruption",
    "oomUncertain"
  })
  record Termination(
      String namespace,
      String pod,
      String uid,
      String container,
      boolean init,
      String reason,
      Integer exitCode,
      String signal,
      Instant startedAt,
      Instant finishedAt,
      String message,
      Integer restartCount,
      String disruption,
      boolean oomUncertain) {}

  record Summary(Map<String, Long> byReason) {}

  @JsonPropertyOrder({"terminations", "summary"})
  record Report(List<Termination> terminations, Summary summary) {}

  static Report of(Jdbi jdbi, String cluster, Collection<String> uids) {
    List<Termination> terminations =
        new Terminations(jdbi)
            .ofPods(cluster, uids).stream()
                .map(
                    t ->
                        new Termination(
                            t.namespace(),
                            t.pod(),
                            t.uid(),
                            t.container().isEmpty() ? null : t.container(),
                            "INIT".equals(t.containerKind()),
                            t.reason(),
                            t.exitCode(),
                            t.signal(),
                            t.startedAt(),
                            // the pod itself ending has no finishedAt: when it was observed
                            t.finishedAt() != null ? t.finishedAt() : t.at(),
                            t.message(),
                            t.restartCount(),
                            t.disruption(),
                            t.oomUncertain()))
                .toList();
    Map<String, Long> byReason = new TreeMap<>();
    terminations.forEach(t -> byReason.merge(t.reason(), 1L, Long::sum));
    return new Report(terminations, new Summary(new LinkedHashMap<>(byReason)));
  }

  static String json(Report report) {
    return JSON.writeValueAsString(report);
  }

  /** One line per termination, the message's first line cut short, then the count per reason. */
  static String table(Report report) {
    List<String[]> lines = new ArrayList<>();
    lines.add(
        new String[] {
          "FINISHED",
          "NAMESPACE",
          "POD",
          "CONTAINER",
          "REASON",
          "EXIT",
          "SIGNAL",
          "DISRUPTION",
          "RESTARTS",
          "MESSAGE"
        });
    for (Termination t : report.terminations()) {
      lines.add(
          new String[] {
            t.finishedAt() == null ? "<unknown>" : t.finishedAt().toString(),
            t.namespace(),
            t.pod(),
            t.container() == null ? "<pod>" : t.container() + (t.init() ? " (init)" : ""),
            t.oomUncertain() ? t.reason() + " (uncertain)" : t.reason(),
            t.exitCode() == null ? "" : t.exitCode().toString(),
            t.signal() == null ? "" : t.signal(),
            t.disruption() == null ? "" : t.disruption(),
            t.restartCount() == null ? "" : t.restartCount().toString(),
            firstLine(t.message())
          });
    }
    StringBuilder out = new StringBuilder(TextTable.alignStripped(lines));
    out.append('\n').append(report.terminations().size()).append(" termination(s)");
    if (!report.summary().byReason().isEmpty()) {
      out.append(": ");
      List<String> counts = new ArrayList<>();
      report.summary().byReason().forEach((reason, n) -> counts.add(reason + " " + n));
      out.append(String.join(", ", counts));
    }
    return out.append('\n').toString();
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    String line = message.strip().lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 59) + "…" : line;
  }
}
