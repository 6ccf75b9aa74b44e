package dev.podlife.api.auth;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import static dev.podlife.api.ApiTestSupport.openApi;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI document says which token each route needs and what happens without one. */
class AuthOpenApiTest {
  private static final Set<String> OPEN = Set.of("/healthz", "/readyz", "/metrics");

  @Test
  void everyRouteButTheProbesNeedsABearerTokenAndDocuments401And403() {
    JsonNode document = openApi();
    assertThat(document.get("security").toString()).isEqualTo("[{\"bearer\":[]}]");
    assertThat(
            document
                .get("components")
                .get("securitySchemes")
                .get("bearer")
                .get("scheme")
                .asString())
        .isEqualTo("bearer");
    for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        String route = operation.getKey() + " " + path.getKey();
        JsonNode op = operation.getValue();
        if (OPEN.contains(path.getKey())) {
          assertThat(op.get("security").isEmpty()).as(route).isTrue();
          continue;
        }
        assertThat(op.get("responses").has("401")).as(route).isTrue();
        assertThat(op.get("responses").has("403")).as(route).isTrue();
        if (path.getKey().startsWith("/ui")) {
          assertThat(op.get("security").toString())
              .as(route)
              .isEqualTo("[{\"bearer\":[]},{\"basic\":[]}]");
        } else {
          assertThat(op.has("security"))
              .as(route + " inherits the document's bearer requirement")
              .isFalse();
        }
      }
    }
  }
}
