package dev.podlife.api.audit;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.podlife.analyzer.audit.Audit;
import dev.podlife.api.reports.ReportRequest;
import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.openApi;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document names the audit's query parameters and every check it makes. */
class AuditOpenApiTest {
  @Test
  void theAuditRouteDocumentsItsParametersAndChecks() throws Exception {
    JsonNode document = openApi();
    Set<String> parameters = new HashSet<>();
    document
        .get("paths")
        .get(AuditRoutes.AUDIT)
        .get("get")
        .get("parameters")
        .forEach(p -> parameters.add(p.get("name").asString()));
    assertThat(parameters).isEqualTo(ReportRequest.PARAMETERS);
    Set<String> checks = new HashSet<>();
    document
        .get("components")
        .get("schemas")
        .get("Audit")
        .get("properties")
        .get("workloads")
        .get("items")
        .get("properties")
        .get("findings")
        .get("items")
        .get("properties")
        .get("check")
        .get("enum")
        .forEach(c -> checks.add(c.asString()));
    assertThat(checks).containsExactlyInAnyOrderElementsOf(Audit.CHECKS);
  }
}
