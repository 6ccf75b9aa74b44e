package dev.podlife.cli.services;

import java.util.function.Supplier;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * /healthz, /readyz and /metrics for the collector and analyzer processes, which serve no API of
 * their own.
 */
final class ServiceEndpoints {
  private ServiceEndpoints() {}

  /**
   * Serves the endpoints; {@code problem} says why the process is not ready, empty when it is (the
   * body of a 503 from /readyz).
   */
  static Javalin start(int port, PrometheusMeterRegistry registry, Supplier<String> problem) {
    return Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.port = port;
              config.routes.get("/healthz", ctx -> ctx.result("ok"));
              config.routes.get(
                  "/readyz",
                  ctx -> {
                    String why = problem.get();
                    ctx.status(why.isEmpty() ? 200 : 503)
                        .result(why.isEmpty() ? "ready" : "not ready: " + why);
                  });
              config.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(registry.scrape()));
            })
        .start();
  }
}
