package dev.podlife.api.shutdown;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.openApi;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document names exactly the parameters and groupings the shutdown report accepts. */
class ShutdownOpenApiTest {
  @Test
  void theShutdownReportDocumentsItsParametersAndGroupings() throws Exception {
    JsonNode document = openApi();
    Set<String> names = new HashSet<>();
    List<String> groupings = new ArrayList<>();
    for (JsonNode parameter :
        document.get("paths").get(ShutdownRoutes.SHUTDOWN).get("get").get("parameters")) {
      names.add(parameter.get("name").asString());
      if (parameter.get("name").asString().equals("groupBy")) {
        parameter.get("schema").get("enum").forEach(g -> groupings.add(g.asString()));
        assertThat(parameter.get("schema").get("default").asString())
            .isEqualTo(ShutdownRoutes.groupings().getFirst());
      }
    }
    assertThat(names).isEqualTo(ShutdownRoutes.parameters());
    assertThat(groupings).containsExactlyElementsOf(ShutdownRoutes.groupings());
  }
}
