package dev.podlife.api.history;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.openApi;
import static dev.podlife.api.ApiTestSupport.queryParameters;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document names exactly the query parameters each history route accepts, and its
 * limits.
 */
class HistoryOpenApiTest {
  @Test
  void eachHistoryRouteDocumentsTheQueryParametersItAccepts() throws Exception {
    JsonNode document = openApi();
    assertThat(queryParameters(document, HistoryRoutes.BY_NAME))
        .isEqualTo(HistoryRoutes.BY_NAME_PARAMETERS);
    assertThat(queryParameters(document, HistoryRoutes.BY_WORKLOAD))
        .isEqualTo(HistoryRoutes.MERGED_PARAMETERS);
    assertThat(queryParameters(document, HistoryRoutes.BY_NODE))
        .isEqualTo(HistoryRoutes.MERGED_PARAMETERS);
  }

  @Test
  void theDocumentedLimitsAreTheOnesEnforced() throws Exception {
    JsonNode document = openApi();
    for (String path :
        new String[] {HistoryRoutes.BY_WORKLOAD, HistoryRoutes.BY_NODE, HistoryRoutes.BY_NAME}) {
      for (JsonNode parameter : document.get("paths").get(path).get("get").get("parameters")) {
        if (parameter.path("name").asString("").equals("limit")) {
          boolean byName = path.equals(HistoryRoutes.BY_NAME);
          assertThat(parameter.get("schema").get("maximum").asInt())
              .isEqualTo(byName ? HistoryRoutes.MAX_INCARNATIONS : HistoryRoutes.MAX_LIMIT);
          assertThat(parameter.get("schema").get("default").asInt())
              .isEqualTo(byName ? HistoryRoutes.DEFAULT_INCARNATIONS : HistoryRoutes.DEFAULT_LIMIT);
        }
      }
    }
  }
}
