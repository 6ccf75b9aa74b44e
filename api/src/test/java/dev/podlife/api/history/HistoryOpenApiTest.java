package dev.podlife.api.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlife.events.FactSerde;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document names exactly the query parameters each history route accepts, and its limits. */
class HistoryOpenApiTest {
  private static JsonNode document() throws Exception {
    try (InputStream in = HistoryRoutes.class.getResourceAsStream("/dev/podlife/api/openapi.json")) {
      return FactSerde.mapper().readTree(in);
    }
  }

  private static Set<String> queryParameters(JsonNode document, String path) {
    Set<String> names = new HashSet<>();
    for (JsonNode parameter : document.get("paths").get(path).get("get").get("parameters")) {
      if (parameter.has("$ref")) {
        String name = parameter.get("$ref").asString().substring("#/components/parameters/".length());
        parameter = document.get("components").get("parameters").get(name);
      }
      if (parameter.get("in").asString().equals("query")) {
        names.add(parameter.get("name").asString());
      }
    }
    return names;
  }

  @Test
  void eachHistoryRouteDocumentsTheQueryParametersItAccepts() throws Exception {
    JsonNode document = document();
    assertThat(queryParameters(document, HistoryRoutes.BY_NAME)).isEqualTo(HistoryRoutes.BY_NAME_PARAMETERS);
    assertThat(queryParameters(document, HistoryRoutes.BY_WORKLOAD)).isEqualTo(HistoryRoutes.MERGED_PARAMETERS);
    assertThat(queryParameters(document, HistoryRoutes.BY_NODE)).isEqualTo(HistoryRoutes.MERGED_PARAMETERS);
  }

  @Test
  void theDocumentedLimitsAreTheOnesEnforced() throws Exception {
    JsonNode document = document();
    for (String path : new String[] {HistoryRoutes.BY_WORKLOAD, HistoryRoutes.BY_NODE, HistoryRoutes.BY_NAME}) {
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
