package dev.podlife.api.probes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.openApi;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document names exactly the parameters and groupings the probes report accepts. */
class ProbeRoutesOpenApiTest {
  private static JsonNode parameters() {
    return openApi().get("paths").get(ProbeRoutes.PROBES).get("get").get("parameters");
  }

  @Test
  void theProbesReportDocumentsItsParametersAndGroupings() throws Exception {
    Set<String> names = new HashSet<>();
    List<String> groupings = new ArrayList<>();
    for (JsonNode parameter : parameters()) {
      names.add(parameter.get("name").asString());
      if (parameter.get("name").asString().equals("groupBy")) {
        parameter.get("schema").get("enum").forEach(g -> groupings.add(g.asString()));
        assertThat(parameter.get("schema").get("default").asString())
            .isEqualTo(ProbeRoutes.GROUPINGS.getFirst());
      }
    }
    assertThat(names).isEqualTo(ProbeRoutes.PARAMETERS);
    assertThat(groupings).isEqualTo(ProbeRoutes.GROUPINGS);
  }
}
