package dev.podlife.api.terminations;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.podlife.api.reports.ReportRequest;
import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.openApi;
import static dev.podlife.api.ApiTestSupport.queryParameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document names exactly the query parameters and groupings each termination route
 * accepts.
 */
class TerminationOpenApiTest {
  @Test
  void eachTerminationRouteDocumentsTheQueryParametersItAccepts() throws Exception {
    JsonNode document = openApi();
    Set<String> report = new HashSet<>(ReportRequest.PARAMETERS);
    report.addAll(TerminationRoutes.REPORT_EXTRA);
    assertThat(queryParameters(document, TerminationRoutes.TERMINATIONS))
        .isEqualTo(TerminationRoutes.LIST_PARAMETERS);
    assertThat(queryParameters(document, TerminationRoutes.CRASH_LOOPS))
        .isEqualTo(TerminationRoutes.CRASH_LOOP_PARAMETERS);
    assertThat(queryParameters(document, TerminationRoutes.REPORT)).isEqualTo(report);
  }

  @Test
  void theDocumentedGroupingsAreTheOnesServed() throws Exception {
    Set<String> documented = new HashSet<>();
    for (JsonNode parameter :
        openApi().get("paths").get(TerminationRoutes.REPORT).get("get").get("parameters")) {
      if (parameter.path("name").asString("").equals("groupBy")) {
        parameter.get("schema").get("enum").forEach(g -> documented.add(g.asString()));
      }
    }
    assertThat(documented).isEqualTo(Set.copyOf(TerminationRoutes.GROUPINGS));
  }
}
