package dev.podlife.api.startup;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.podlife.analyzer.startup.Grouping;
import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.openApi;
import static dev.podlife.api.ApiTestSupport.queryParameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document names exactly the query parameters each startup route accepts, and its
 * groupings.
 */
class StartupOpenApiTest {
  @Test
  void eachStartupRouteDocumentsTheQueryParametersItAccepts() throws Exception {
    JsonNode document = openApi();
    assertThat(queryParameters(document, StartupRoutes.REPORT))
        .isEqualTo(StartupRoutes.REPORT_PARAMETERS);
    assertThat(queryParameters(document, StartupRoutes.SLO))
        .isEqualTo(StartupRoutes.SLO_PARAMETERS);
    assertThat(queryParameters(document, StartupRoutes.POD))
        .isEqualTo(StartupRoutes.POD_PARAMETERS);
  }

  @Test
  void theDocumentedGroupingsAreTheOnesServed() throws Exception {
    Set<String> documented = new HashSet<>();
    for (JsonNode parameter :
        openApi().get("paths").get(StartupRoutes.REPORT).get("get").get("parameters")) {
      if (parameter.path("name").asString("").equals("groupBy")) {
        parameter.get("schema").get("enum").forEach(value -> documented.add(value.asString()));
      }
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(Grouping.parameterValues());
  }
}
