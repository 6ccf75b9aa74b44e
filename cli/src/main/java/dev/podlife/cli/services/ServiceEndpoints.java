package dev.podlife.cli.services;

import java.util.function.BooleanSupplier;

import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * /healthz, /readyz and /metrics for the collector and analyzer processes, which serve no API of
 * their own.
 */
final class ServiceEndpoints {
  private ServiceEndpoints() {}

  static Javalin start(int port, PrometheusMeterRegistry registry, BooleanSupplier ready) {
    return Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.jetty.port = port;
              config.routes.get("/healthz", ctx -> ctx.result("ok"));
              config.routes.get(
                  "/readyz",
                  ctx ->
                      ctx.status(ready.getAsBoolean() ? 200 : 503)
                          .result(ready.getAsBoolean() ? "ready" : "not ready"));
              config.routes.get(
                  "/metrics",
                  ctx ->
                      ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                          .result(registry.scrape()));
            })
        .start();
  }
}
