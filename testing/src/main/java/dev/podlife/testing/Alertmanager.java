package dev.podlife.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A running Alertmanager for tests, given by {@link AlertmanagerExtension}: {@code url} is its base
 * URL.
 */
public record Alertmanager(URI url) {

  /**
   * Alertmanager's own view, {@code GET /api/v2/alerts} with {@code query} (e.g. {@code
   * active=true&filter=x="y"}, already URL-encoded, or empty), as the JSON text it answers.
   */
  public String alerts(String query) {
    URI uri = url.resolve("/api/v2/alerts" + (query == null || query.isEmpty() ? "" : "?" + query));
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new FixtureException(
            "GET " + uri + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new FixtureException("GET " + uri + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FixtureException("Interrupted during GET " + uri, e);
    }
  }
}
