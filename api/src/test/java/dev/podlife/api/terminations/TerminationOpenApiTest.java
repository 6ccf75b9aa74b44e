package dev.podlife.api.terminations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlife.api.reports.ReportRequest;
import dev.podlife.events.FactSerde;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The OpenAPI document names exactly the query parameters and groupings each termination route accepts. */
class TerminationOpenApiTest {
  private static JsonNode document() throws Exception {
    try (InputStream in = TerminationRoutes.class.getResourceAsStream("/dev/podlife/api/openapi.json")) {
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
  void eachTerminationRouteDocumentsTheQueryParametersItAccepts() throws Exception {
    JsonNode document = document();
    Set<String> report = new HashSet<>(ReportRequest.PARAMETERS);
    report.addAll(TerminationRoutes.REPORT_EXTRA);
    assertThat(queryParameters(document, TerminationRoutes.TERMINATIONS)).isEqualTo(TerminationRoutes.LIST_PARAMETERS);
    assertThat(queryParameters(document, TerminationRoutes.CRASH_LOOPS)).isEqualTo(TerminationRoutes.CRASH_LOOP_PARAMETERS);
    assertThat(queryParameters(document, TerminationRoutes.REPORT)).isEqualTo(report);
  }

  @Test
  void theDocumentedGroupingsAreTheOnesServed() throws Exception {
    Set<String> documented = new HashSet<>();
    for (JsonNode parameter : document().get("paths").get(TerminationRoutes.REPORT).get("get").get("parameters")) {
      if (parameter.path("name").asString("").equals("groupBy")) {
        parameter.get("schema").get("enum").forEach(g -> documented.add(g.asString()));
      }
    }
    assertThat(documented).isEqualTo(TerminationRoutes.GROUPINGS.keySet());
  }
}
