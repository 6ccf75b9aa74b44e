package dev.podlife.api.pods;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.openApi;
import static dev.podlife.api.ApiTestSupport.queryParameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document names exactly the query parameters each pod route accepts, and their limits.
 */
class OpenApiParametersTest {
  @Test
  void eachPodRouteDocumentsTheQueryParametersItAccepts() throws Exception {
    JsonNode document = openApi();
    assertThat(queryParameters(document, PodRoutes.PODS)).isEqualTo(PodRoutes.LIST_PARAMETERS);
    assertThat(queryParameters(document, PodRoutes.POD)).isEqualTo(PodRoutes.POD_PARAMETERS);
    assertThat(queryParameters(document, PodRoutes.HISTORY))
        .isEqualTo(PodRoutes.HISTORY_PARAMETERS);
  }

  @Test
  void theDocumentedLimitsAndPhasesAreTheOnesEnforced() throws Exception {
    JsonNode document = openApi();
    for (JsonNode parameter :
        document.get("paths").get(PodRoutes.PODS).get("get").get("parameters")) {
      JsonNode schema = parameter.path("schema");
      switch (parameter.path("name").asString("")) {
        case "limit" -> {
          assertThat(schema.get("maximum").asInt()).isEqualTo(PodRoutes.MAX_LIMIT);
          assertThat(schema.get("default").asInt()).isEqualTo(PodRoutes.DEFAULT_LIMIT);
        }
        case "phase" -> {
          Set<String> phases = new HashSet<>();
          schema.get("enum").forEach(p -> phases.add(p.asString()));
          assertThat(phases).isEqualTo(PodRoutes.PHASES);
        }
        default -> {}
      }
    }
    for (JsonNode parameter :
        document.get("paths").get(PodRoutes.HISTORY).get("get").get("parameters")) {
      if (parameter.path("name").asString("").equals("limit")) {
        assertThat(parameter.get("schema").get("maximum").asInt())
            .isEqualTo(PodRoutes.MAX_HISTORY_LIMIT);
        assertThat(parameter.get("schema").get("default").asInt())
            .isEqualTo(PodRoutes.DEFAULT_HISTORY_LIMIT);
      }
    }
  }
}
