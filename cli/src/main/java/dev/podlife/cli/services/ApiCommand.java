package dev.podlife.cli.services;

import com.zaxxer.hikari.HikariDataSource;
import dev.podlife.api.ApiConfig;
import dev.podlife.api.ApiServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.Callable;
import org.jdbi.v3.core.Jdbi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the REST API over the event store until stopped. */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the REST API (pods, histories, reports) over the PostgreSQL event store.",
      "Set PODLIFE_API_TOKEN to require 'Authorization: Bearer <token>' on /api/*."
    })
public final class ApiCommand implements Callable<Integer> {
  @Mixin DatabaseOptions database;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "${env:PODLIFE_API_HOST:-0.0.0.0}",
      description = "Address to listen on (env PODLIFE_API_HOST; default: ${DEFAULT-VALUE}).")
  String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "${env:PODLIFE_API_PORT:-8080}",
      description = "Port to listen on (env PODLIFE_API_PORT; default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Shutdown shutdown = Shutdown.onSignal();
        HikariDataSource dataSource = database.connectAndMigrate();
        ApiServer api =
            ApiServer.start(
                new ApiConfig(host, port, System.getenv("PODLIFE_API_TOKEN"), ApiConfig.DEFAULT_MAX_REQUEST_BYTES),
                Jdbi.create(dataSource),
                registry,
                () -> true)) {
      System.out.println("podlife api listening on " + api.url());
      shutdown.await();
    }
    return 0;
  }
}
