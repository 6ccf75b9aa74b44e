package dev.podlife.api;

import dev.podlife.events.FactSerde;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.jdbi.v3.core.Jdbi;
import tools.jackson.databind.JsonNode;

/** What the API's tests share: a started server over a test database, JSON field lists, the OpenAPI document. */
public final class ApiTestSupport {
  private static final String COMPONENT_PARAMETER = "#/components/parameters/";

  private ApiTestSupport() {}

  /** An API server on a free loopback port, without a token, reporting the pipeline ready. */
  public static ApiServer start(Jdbi jdbi) {
    return ApiServer.start(
        new ApiConfig("127.0.0.1", 0, null, ApiConfig.DEFAULT_MAX_REQUEST_BYTES),
        jdbi,
        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
        () -> true);
  }

  /** Closes a server a failed {@code @BeforeAll} may not have started. */
  public static void stop(ApiServer server) {
    if (server != null) {
      server.close();
    }
  }

  /** The text of field {@code name} of each element of a JSON array. */
  public static List<String> field(JsonNode array, String name) {
    return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(name).asString()).toList();
  }

  /** The OpenAPI document the server serves. */
  public static JsonNode openApi() {
    try (InputStream in = ApiServer.class.getResourceAsStream("/dev/podlife/api/openapi.json")) {
      return FactSerde.mapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A documented parameter, with a reference to a shared component resolved. */
  public static JsonNode resolve(JsonNode document, JsonNode parameter) {
    if (!parameter.has("$ref")) {
      return parameter;
    }
    String name = parameter.get("$ref").asString().substring(COMPONENT_PARAMETER.length());
    return document.get("components").get("parameters").get(name);
  }

  /** The names of the query parameters the document gives GET {@code path}. */
  public static Set<String> queryParameters(JsonNode document, String path) {
    Set<String> names = new HashSet<>();
    for (JsonNode parameter : document.get("paths").get(path).get("get").get("parameters")) {
      JsonNode resolved = resolve(document, parameter);
      if (resolved.get("in").asString().equals("query")) {
        names.add(resolved.get("name").asString());
      }
    }
    return names;
  }
}
