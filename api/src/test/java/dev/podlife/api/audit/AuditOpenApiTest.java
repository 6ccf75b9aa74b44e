package dev.podlife.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlife.api.reports.ReportRequest;
import dev.podlife.events.FactSerde;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document names the audit's query parameters and every check it makes. */
class AuditOpenApiTest {
  private static JsonNode document() throws Exception {
    try (InputStream in = AuditRoutes.class.getResourceAsStream("/dev/podlife/api/openapi.json")) {
      return FactSerde.mapper().readTree(in);
    }
  }

  @Test
  void theAuditRouteDocumentsItsParametersAndChecks() throws Exception {
    JsonNode document = document();
    Set<String> parameters = new HashSet<>();
    document.get("paths").get(AuditRoutes.AUDIT).get("get").get("parameters").forEach(p -> parameters.add(p.get("name").asString()));
    assertThat(parameters).isEqualTo(ReportRequest.PARAMETERS);
    Set<String> checks = new HashSet<>();
    document.get("components").get("schemas").get("Audit").get("properties").get("workloads").get("items")
        .get("properties").get("findings").get("items").get("properties").get("check").get("enum")
        .forEach(c -> checks.add(c.asString()));
    assertThat(checks).containsExactlyInAnyOrderElementsOf(Audit.CHECKS);
  }
}
