package dev.podlife.api.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.analyzer.audit.Audit;
import dev.podlife.analyzer.audit.Finding;
import dev.podlife.analyzer.audit.WorkloadAudit;
import dev.podlife.analyzer.pods.WorkloadPodFilter;
import dev.podlife.api.query.QueryParameters;
import dev.podlife.api.reports.ReportRequest;
import dev.podlife.api.reports.Tabular;

/**
 * {@code GET /api/v1/reports/audit}: the best-practice audit per workload, JSON or CSV (one line
 * per finding).
 */
public final class AuditRoutes {
  public static final String AUDIT = "/api/v1/reports/audit";
  static final List<String> GROUPINGS = List.of("workload");

  private final Audit audit;

  public AuditRoutes(Jdbi jdbi) {
    this.audit = new Audit(jdbi);
  }

  public void register(RoutesConfig routes) {
    routes.get(AUDIT, this::audit);
  }

  private void audit(Context ctx) {
    ReportRequest request =
        ReportRequest.from(
            new QueryParameters(ctx.queryParamMap(), ReportRequest.PARAMETERS), GROUPINGS);
    Audit.Result result =
        audit.run(
            new WorkloadPodFilter(
                request.cluster(),
                request.namespace(),
                request.workloadKind(),
                request.workloadName(),
                request.from(),
                request.to(),
                null));
    List<List<Object>> rows = new ArrayList<>();
    for (WorkloadAudit workload : result.workloads()) {
      for (Finding finding : workload.findings()) {
        rows.add(
            Arrays.asList(
                workload.cluster(),
                workload.namespace(),
                workload.workload().kind() + "/" + workload.workload().name(),
                finding.check(),
                String.join(" ", finding.containers()),
                finding.evidence().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")),
                finding.fix()));
      }
    }
    Tabular.respond(
        ctx,
        result,
        List.of("cluster", "namespace", "workload", "check", "containers", "evidence", "fix"),
        rows);
  }
}
