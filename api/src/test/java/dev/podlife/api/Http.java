package dev.podlife.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.podlife.api.auth.GeneratedToken;
import dev.podlife.events.FactSerde;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small HTTP client for tests against a started {@link ApiServer}; the one place tests put
 * credentials on a request. {@link #Http(ApiServer)} calls as {@link ApiTestSupport#READ}.
 */
public final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String authorization;

  private Http(String baseUrl, String authorization) {
    this.baseUrl = baseUrl;
    this.authorization = authorization;
  }

  /** Calls {@code server} with the read token. */
  public Http(ApiServer server) {
    this(server.url(), bearer(ApiTestSupport.READ.token()));
  }

  /** Calls {@code server} without credentials. */
  public static Http anonymous(ApiServer server) {
    return new Http(server.url(), null);
  }

  /** The same server, as the holder of {@code token}. */
  public Http as(GeneratedToken token) {
    return withToken(token.token());
  }

  /** The same server with {@code Authorization: Bearer <token>}. */
  public Http withToken(String token) {
    return new Http(baseUrl, bearer(token));
  }

  /**
   * The same server with HTTP Basic credentials, as a browser sends them after a Basic challenge.
   */
  public Http withBasic(String user, String password) {
    String credentials =
        Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return new Http(baseUrl, "Basic " + credentials);
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  public Response get(String pathAndQuery) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery)).GET());
  }

  /** The JSON answer to GET {@code pathAndQuery}, which must be 200. */
  public JsonNode ok(String pathAndQuery) {
    Response response = get(pathAndQuery);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  public Response send(HttpRequest.Builder request) {
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response =
          CLIENT.send(
              request.timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofString());
      return new Response(
          response.statusCode(),
          response.headers().firstValue("Content-Type").orElse(""),
          response.body(),
          response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public URI uri(String pathAndQuery) {
    return URI.create(baseUrl + pathAndQuery);
  }

  /** One answer: status, content type and body. */
  public record Response(int status, String contentType, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      return FactSerde.mapper().readTree(body);
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }
}
