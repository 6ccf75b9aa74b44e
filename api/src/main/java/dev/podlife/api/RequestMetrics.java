package dev.podlife.api;

import java.util.concurrent.TimeUnit;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Times every request as {@code http.server.requests} (Prometheus: {@code
 * http_server_requests_seconds}) by method, route template, status and outcome. Unmatched paths
 * share one {@code uri} tag so that scanners cannot blow up the number of series.
 */
final class RequestMetrics {
  private final MeterRegistry registry;

  RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void record(Context ctx, Float executionMillis) {
    int status = ctx.statusCode();
    Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
    String uri = endpoint != null ? endpoint.path : status == 404 ? "NOT_FOUND" : "UNMATCHED";
    Timer.builder("http.server.requests")
        .description("HTTP requests the podlife API served")
        .tag("method", ctx.method().name())
        .tag("uri", uri)
        .tag("status", Integer.toString(status))
        .tag("outcome", outcome(status))
        .register(registry)
        .record((long) (executionMillis * 1_000_000L), TimeUnit.NANOSECONDS);
  }

  private static String outcome(int status) {
    return switch (status / 100) {
      case 1 -> "INFORMATIONAL";
      case 2 -> "SUCCESS";
      case 3 -> "REDIRECTION";
      case 4 -> "CLIENT_ERROR";
      case 5 -> "SERVER_ERROR";
      default -> "UNKNOWN";
    };
  }
}
