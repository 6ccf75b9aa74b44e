package dev.podlife.cli.analyze;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;

import dev.podlife.analyzer.audit.Audit;
import dev.podlife.analyzer.audit.Finding;
import dev.podlife.analyzer.audit.WorkloadAudit;
import dev.podlife.analyzer.pods.WorkloadPodFilter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The {@code audit} report: the analyzer's best-practice {@link Audit} over the captured pods. */
final class AuditReport {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private AuditReport() {}

  static Audit.Result of(Jdbi jdbi, String cluster, Collection<String> uids) {
    return new Audit(jdbi)
        .run(new WorkloadPodFilter(cluster, null, null, null, null, null, List.copyOf(uids)));
  }

  /**
   * {@code {"workloads":[…],"byCheck":{…},"notChecked":[…]}}, as {@code GET /api/v1/reports/audit}
   * answers.
   */
  static String json(Audit.Result result) {
    return JSON.writeValueAsString(result);
  }

  /** One line per finding with its evidence, then each check's fix once. */
  static String table(Audit.Result result) {
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"NAMESPACE", "WORKLOAD", "CHECK", "CONTAINERS", "EVIDENCE"});
    Map<String, String> fixes = new LinkedHashMap<>();
    for (WorkloadAudit workload : result.workloads()) {
      for (Finding finding : workload.findings()) {
        lines.add(
            new String[] {
              workload.namespace(),
              workload.workload().kind() + "/" + workload.workload().name(),
              finding.check(),
              finding.containers().isEmpty() ? "-" : String.join(",", finding.containers()),
              finding.evidence().entrySet().stream()
                  .map(e -> e.getKey() + "=" + e.getValue())
                  .collect(Collectors.joining(" "))
            });
        fixes.putIfAbsent(finding.check(), finding.fix());
      }
    }
    StringBuilder out = new StringBuilder(TextTable.alignStripped(lines));
    if (!fixes.isEmpty()) {
      out.append("\nFixes:\n");
      fixes.forEach(
          (check, fix) -> out.append("  ").append(check).append(": ").append(fix).append('\n'));
    }
    for (String notChecked : result.notChecked()) {
      out.append("Not checked: ").append(notChecked).append('\n');
    }
    return out.toString();
  }
}
