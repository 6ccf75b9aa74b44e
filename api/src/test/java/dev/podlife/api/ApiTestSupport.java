package dev.podlife.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;

import org.jdbi.v3.core.Jdbi;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.api.auth.ApiTokens;
import dev.podlife.api.auth.GeneratedToken;
import dev.podlife.api.auth.Role;
import dev.podlife.events.FactSerde;
import tools.jackson.databind.JsonNode;

/**
 * What the tests that call the API share (here and in the cli module, through this module's test
 * jar): the test tokens and a server configured with them, JSON field lists, the OpenAPI document.
 * {@link Http} sends {@link #READ} unless told otherwise.
 */
public final class ApiTestSupport {
  private static final String COMPONENT_PARAMETER = "#/components/parameters/";

  /** A read token, new for each test JVM. */
  public static final GeneratedToken READ = GeneratedToken.generate("test-read", Role.READ);

  /** An admin token, new for each test JVM. */
  public static final GeneratedToken ADMIN = GeneratedToken.generate("test-admin", Role.ADMIN);

  private ApiTestSupport() {}

  /** {@link #READ} and {@link #ADMIN}, hashed as a tokens file would configure them. */
  public static ApiTokens tokens() {
    return ApiTokens.of(READ.entry(), ADMIN.entry());
  }

  /** A free loopback port, the test tokens, the default body limit. */
  public static ApiConfig config() {
    return config(0, ApiConfig.DEFAULT_MAX_REQUEST_BYTES);
  }

  public static ApiConfig config(int port, long maxRequestBytes) {
    return new ApiConfig("127.0.0.1", port, tokens(), maxRequestBytes);
  }

  /** An API server on a free loopback port with the test tokens, reporting the pipeline ready. */
  public static ApiServer start(Jdbi jdbi) {
    return start(jdbi, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true);
  }

  /** An API server on a free loopback port with the test tokens. */
  public static ApiServer start(
      Jdbi jdbi, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    return ApiServer.start(config(), jdbi, registry, ready, Clock.systemUTC());
  }

  /** Closes a server a failed {@code @BeforeAll} may not have started. */
  public static void stop(ApiServer server) {
    if (server != null) {
      server.close();
    }
  }

  /** The text of field {@code name} of each element of a JSON array. */
  public static List<String> field(JsonNode array, String name) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.get(name).asString())
        .toList();
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
