package dev.podlife.cli.services;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import org.jdbi.v3.core.Jdbi;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import com.zaxxer.hikari.HikariDataSource;

import dev.podlife.api.ApiConfig;
import dev.podlife.api.ApiServer;
import dev.podlife.api.auth.ApiTokens;
import dev.podlife.api.auth.TokenConfigException;
import dev.podlife.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the REST API over the event store until stopped. */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the REST API (pods, histories, reports) over the PostgreSQL event store.",
      "Every route but /healthz, /readyz and /metrics needs a token (read or admin); 'podlife"
          + " token' makes one.",
      "Tokens are configured by hash: lines '<name> <read|admin> sha256:<hex>' in --api-tokens-file"
          + " and/or env "
          + ApiTokens.ENVIRONMENT_VARIABLE
          + " (entries separated by commas or newlines)."
    })
public final class ApiCommand implements Callable<Integer> {
  static final String NO_TOKENS =
      "no API tokens configured: run 'podlife token --name NAME --role admin' and put the printed"
          + " line in the file given by --api-tokens-file (env PODLIFE_API_TOKENS_FILE) or in env "
          + ApiTokens.ENVIRONMENT_VARIABLE;

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

  @Option(
      names = "--api-tokens-file",
      paramLabel = "FILE",
      defaultValue = "${env:PODLIFE_API_TOKENS_FILE}",
      description =
          "Tokens the API accepts, one '<name> <read|admin> sha256:<hex>' per line (env"
              + " PODLIFE_API_TOKENS_FILE).")
  Path tokensFile;

  @Override
  public Integer call() throws Exception {
    ApiTokens tokens = tokens(tokensFile, System.getenv(ApiTokens.ENVIRONMENT_VARIABLE));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Shutdown shutdown = Shutdown.onSignal();
        HikariDataSource dataSource = database.connectAndMigrate();
        ApiServer api =
            ApiServer.start(
                new ApiConfig(host, port, tokens, ApiConfig.DEFAULT_MAX_REQUEST_BYTES),
                Jdbi.create(dataSource),
                registry,
                () -> true,
                Clock.systemUTC())) {
      System.out.println("podlife api listening on " + api.url());
      shutdown.await();
    }
    return 0;
  }

  /**
   * The configured tokens; none, or a malformed entry, is a one-line user error before anything
   * starts.
   */
  static ApiTokens tokens(Path file, String environmentValue) {
    ApiTokens tokens;
    try {
      tokens = ApiTokens.load(file, environmentValue);
    } catch (TokenConfigException e) {
      throw new UserError(e.getMessage(), e);
    }
    if (tokens.isEmpty()) {
      throw new UserError(NO_TOKENS);
    }
    return tokens;
  }
}
