package dev.podlife.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlife.events.FactSerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/** A small HTTP client for tests against a started {@link ApiServer}. */
public final class Http {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String token;

  public Http(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  public Http(ApiServer server) {
    this(server.url(), null);
  }

  public Http withToken(String token) {
    return new Http(baseUrl, token);
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
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      HttpResponse<String> response = CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
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

    @Override
    public String toString() {
      return status + " " + contentType + " " + body;
    }
  }
}
