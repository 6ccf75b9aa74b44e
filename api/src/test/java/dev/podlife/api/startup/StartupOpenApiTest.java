package dev.podlife.api.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlife.events.FactSerde;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document names exactly the query parameters each startup route accepts, and its groupings. */
class StartupOpenApiTest {
  private static JsonNode document() throws Exception {
    try (InputStream in = StartupRoutes.class.getResourceAsStream("/dev/podlife/api/openapi.json")) {
      return FactSerde.mapper().readTree(in);
    }
  }

  private static Set<String> queryParameters(JsonNode document, String path) {
    Set<String> names = new HashSet<>();
    for (JsonNode parameter : document.get("paths").get(path).get("get").get("parameters")) {
      JsonNode resolved = parameter;
      if (parameter.has("$ref")) {
        String name = parameter.get("$ref").asString().substring("#/components/parameters/".length());
        resolved = document.get("components").get("parameters").get(name);
      }
      if (resolved.get("in").asString().equals("query")) {
        names.add(resolved.get("name").asString());
      }
    }
    return names;
  }

  @Test
  void eachStartupRouteDocumentsTheQueryParametersItAccepts() throws Exception {
    JsonNode document = document();
    assertThat(queryParameters(document, StartupRoutes.REPORT)).isEqualTo(StartupRoutes.REPORT_PARAMETERS);
    assertThat(queryParameters(document, StartupRoutes.SLO)).isEqualTo(StartupRoutes.SLO_PARAMETERS);
    assertThat(queryParameters(document, StartupRoutes.POD)).isEqualTo(StartupRoutes.POD_PARAMETERS);
  }

  @Test
  void theDocumentedGroupingsAreTheOnesServed() throws Exception {
    Set<String> documented = new HashSet<>();
    for (JsonNode parameter : document().get("paths").get(StartupRoutes.REPORT).get("get").get("parameters")) {
      if (parameter.path("name").asString("").equals("groupBy")) {
        parameter.get("schema").get("enum").forEach(value -> documented.add(value.asString()));
      }
    }
    assertThat(documented).containsExactlyInAnyOrderElementsOf(Grouping.parameterValues());
  }
}
