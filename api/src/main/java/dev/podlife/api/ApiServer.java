package dev.podlife.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.router.EndpointNotFound;
import io.javalin.router.InternalRouter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.podlife.api.alerts.AlertRoutes;
import dev.podlife.api.alerts.RuleRoutes;
import dev.podlife.api.audit.AuditRoutes;
import dev.podlife.api.auth.AccessControl;
import dev.podlife.api.coverage.CoverageRoutes;
import dev.podlife.api.deadletters.DeadLetterRoutes;
import dev.podlife.api.history.HistoryRoutes;
import dev.podlife.api.pods.PodRoutes;
import dev.podlife.api.probes.ProbeRoutes;
import dev.podlife.api.problem.Problem;
import dev.podlife.api.problem.ProblemException;
import dev.podlife.api.problem.ProblemType;
import dev.podlife.api.shutdown.ShutdownRoutes;
import dev.podlife.api.startup.StartupRoutes;
import dev.podlife.api.storage.StorageRoutes;
import dev.podlife.api.terminations.TerminationRoutes;
import dev.podlife.api.ui.UiRoutes;
import dev.podlife.events.FactSerde;
import tools.jackson.databind.json.JsonMapper;

/**
 * The podlife REST API over the analyzer's projections, with health, readiness, Prometheus metrics
 * and its OpenAPI document. Every error is answered as RFC 9457 problem JSON.
 */
public final class ApiServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

  static final String HEALTH = "/healthz";
  static final String READY = "/readyz";
  static final String METRICS = "/metrics";
  static final String OPENAPI = "/api/v1/openapi.json";
  private static final String OPENAPI_RESOURCE = "/dev/podlife/api/openapi.json";
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final Duration DATABASE_PROBE_DEADLINE = Duration.ofSeconds(2);

  private final Javalin app;
  private final ApiConfig config;
  private final DatabaseProbe databaseProbe;

  private ApiServer(Javalin app, ApiConfig config, DatabaseProbe databaseProbe) {
    this.app = app;
    this.config = config;
    this.databaseProbe = databaseProbe;
  }

  /**
   * Binds and serves the API until {@link #close()}.
   *
   * @param jdbi the database holding the projections (the SqlObject plugin is installed on it)
   * @param registry where request metrics go and what {@code /metrics} shows
   * @param ready the rest of readiness besides the database, e.g. the analyzer's health
   * @param clock "now" for the routes that need it (a report's default window, a rule's version
   *     time)
   * @throws ApiException when the server cannot start, e.g. the port is taken
   */
  public static ApiServer start(
      ApiConfig config,
      Jdbi jdbi,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready,
      Clock clock) {
    return start(config, jdbi, registry, ready, clock, routes -> {});
  }

  /**
   * As {@link #start(ApiConfig, Jdbi, PrometheusMeterRegistry, BooleanSupplier, Clock)}, plus
   * routes a test registers.
   */
  static ApiServer start(
      ApiConfig config,
      Jdbi jdbi,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready,
      Clock clock,
      Consumer<RoutesConfig> more) {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(jdbi, "jdbi");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(ready, "ready");
    JsonMapper mapper = jsonMapper();
    byte[] openApi = openApiDocument();
    DatabaseProbe databaseProbe = new DatabaseProbe(jdbi, DATABASE_PROBE_DEADLINE);
    PodRoutes pods = new PodRoutes(jdbi, clock);
    TerminationRoutes terminations = new TerminationRoutes(jdbi);
    HistoryRoutes histories = new HistoryRoutes(jdbi);
    AuditRoutes audit = new AuditRoutes(jdbi);
    UiRoutes ui = new UiRoutes(jdbi, clock);
    StartupRoutes startup = new StartupRoutes(jdbi, clock);
    ShutdownRoutes shutdown = new ShutdownRoutes(jdbi);
    ProbeRoutes probes = new ProbeRoutes(jdbi, clock);
    RuleRoutes alertRules = new RuleRoutes(jdbi, clock);
    AlertRoutes alerts = new AlertRoutes(jdbi);
    RequestMetrics metrics = new RequestMetrics(registry);
    AccessControl access = new AccessControl(config.tokens(), Set.of(HEALTH, READY, METRICS));
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.jsonMapper(new Utf8JsonMapper(mapper));
              cfg.http.maxRequestSize = config.maxRequestBytes();
              // a known path with another method says 405 and which methods it has, not 404
              cfg.http.prefer405over404 = true;
              cfg.requestLogger.http(metrics::record);
              cfg.jetty.modifyServer(
                  jetty -> jetty.setErrorHandler(new JettyProblemErrorHandler(mapper)));
              RoutesConfig routes = cfg.routes;
              routes.before(ctx -> refuseLargeBodies(ctx, config.maxRequestBytes()));
              routes.before(access::authenticate);
              routes.beforeMatched(access::authorize);
              routes.get(HEALTH, ctx -> ctx.jsonStream(Map.of("status", "alive")));
              routes.get(READY, ctx -> ready(ctx, databaseProbe, ready));
              routes.get(
                  METRICS, ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
              routes.get(OPENAPI, ctx -> ctx.contentType("application/json").result(openApi));
              pods.register(routes);
              startup.register(routes);
              shutdown.register(routes);
              probes.register(routes);
              terminations.register(routes);
              histories.register(routes);
              audit.register(routes);
              ui.register(routes);
              new DeadLetterRoutes(jdbi).register(routes);
              new CoverageRoutes(jdbi, clock).register(routes);
              new StorageRoutes(jdbi).register(routes);
              alertRules.register(routes);
              alerts.register(routes);
              more.accept(routes);
              routes.exception(
                  ProblemException.class,
                  (e, ctx) -> problem(ctx, mapper, e.toProblem(ctx.path())));
              var state = cfg.unsafe;
              routes.exception(
                  HttpResponseException.class,
                  (e, ctx) ->
                      problem(
                          ctx,
                          mapper,
                          httpProblem(e, ctx, allowedMethods(state.internalRouter, ctx.path()))));
              routes.exception(
                  ConnectionException.class, (e, ctx) -> databaseUnavailable(ctx, mapper, e));
              routes.exception(Exception.class, (e, ctx) -> internalError(ctx, mapper, e));
            });
    try {
      app.start(config.host(), config.port());
    } catch (RuntimeException e) {
      databaseProbe.close();
      throw new ApiException("Couldn't start the API on " + config.host() + ":" + config.port(), e);
    }
    ApiServer server = new ApiServer(app, config, databaseProbe);
    LOG.info("podlife API listening on {} (tokens: {})", server.url(), config.tokens());
    return server;
  }

  /** The bound port; the one picked when the configured port was 0. */
  public int port() {
    return app.port();
  }

  /** e.g. {@code http://127.0.0.1:8080}; a wildcard host is shown as localhost. */
  public String url() {
    String host = config.host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
      host = "localhost";
    } else if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** The routes served, as {@code "GET /api/v1/pods"}; the OpenAPI document must list each one. */
  List<String> routes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream()
        .map(parsed -> parsed.endpoint)
        .filter(endpoint -> endpoint.method.isHttpMethod())
        .map(endpoint -> endpoint.method.name() + " " + endpoint.path)
        .toList();
  }

  @Override
  public void close() {
    int port = port();
    try {
      app.stop();
    } finally {
      databaseProbe.close();
    }
    LOG.info("podlife API on port {} stopped", port);
  }

  /**
   * FactSerde's settings (ISO-8601 instants, unknown fields ignored), but nulls written: API fields
   * are always there.
   */
  static JsonMapper jsonMapper() {
    return ((JsonMapper) FactSerde.mapper())
        .rebuild()
        .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.ALWAYS))
        .build();
  }

  private static byte[] openApiDocument() {
    try (InputStream in = ApiServer.class.getResourceAsStream(OPENAPI_RESOURCE)) {
      if (in == null) {
        throw new ApiException(
            "The OpenAPI document " + OPENAPI_RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Couldn't read the OpenAPI document " + OPENAPI_RESOURCE, e);
    }
  }

  private static void refuseLargeBodies(Context ctx, long maxRequestBytes) {
    long length = ctx.req().getContentLengthLong();
    if (length > maxRequestBytes) {
      throw new ProblemException(
          ProblemType.CONTENT_TOO_LARGE,
          "The request body has " + length + " bytes; this API accepts at most " + maxRequestBytes);
    }
  }

  private static void ready(Context ctx, DatabaseProbe databaseProbe, BooleanSupplier ready) {
    Map<String, String> checks = new LinkedHashMap<>();
    Optional<String> database = databaseProbe.failure();
    checks.put("database", database.isEmpty() ? "up" : "down");
    String pipeline;
    try {
      pipeline = ready.getAsBoolean() ? "ready" : "not ready";
    } catch (RuntimeException e) {
      LOG.warn("The readiness check failed; reporting not ready", e);
      pipeline = "not ready (check failed: " + e.getClass().getSimpleName() + ")";
    }
    checks.put("pipeline", pipeline);
    if (database.isEmpty() && pipeline.equals("ready")) {
      ctx.jsonStream(Map.of("status", "ready", "checks", checks));
      return;
    }
    String detail =
        "Not ready: " + database.orElse("the database is up") + "; the pipeline is " + pipeline;
    throw new ProblemException(ProblemType.NOT_READY, 503, detail, Map.of("checks", checks));
  }

  /** The methods routed for {@code path}, for a 405's Allow header. */
  private static List<String> allowedMethods(InternalRouter router, String path) {
    return router.allHttpHandlers().stream()
        .filter(parsed -> parsed.endpoint.method.isHttpMethod() && parsed.matches(path))
        .map(parsed -> parsed.endpoint.method.name())
        .distinct()
        .toList();
  }

  private static Problem httpProblem(HttpResponseException e, Context ctx, List<String> allowed) {
    int status = e.getStatus();
    if (e instanceof EndpointNotFound || status == 404) {
      return new Problem(
          ProblemType.NOT_FOUND.uri(),
          ProblemType.NOT_FOUND.title(),
          404,
          "No route "
              + ctx.method().name()
              + " "
              + ctx.path()
              + "; the routes are listed at "
              + OPENAPI,
          ctx.path(),
          Map.of());
    }
    if (status == 405 && !allowed.isEmpty()) {
      ctx.header("Allow", String.join(", ", allowed));
      return new Problem(
          ProblemType.METHOD_NOT_ALLOWED.uri(),
          ProblemType.METHOD_NOT_ALLOWED.title(),
          405,
          ctx.method().name()
              + " is not served on "
              + ctx.path()
              + "; allowed: "
              + String.join(", ", allowed),
          ctx.path(),
          Map.of());
    }
    ProblemType type =
        switch (status) {
          case 405 -> ProblemType.METHOD_NOT_ALLOWED;
          case 413 -> ProblemType.CONTENT_TOO_LARGE;
          default -> ProblemType.HTTP_ERROR;
        };
    String title =
        type == ProblemType.HTTP_ERROR ? HttpStatus.forStatus(status).getMessage() : type.title();
    int problemStatus = status >= 400 && status <= 599 ? status : 500;
    return new Problem(type.uri(), title, problemStatus, e.getMessage(), ctx.path(), Map.of());
  }

  private static void databaseUnavailable(Context ctx, JsonMapper mapper, Exception e) {
    // one line per request: the stack trace would repeat for every request while the database is
    // down
    LOG.warn(
        "Couldn't reach the database for {} {}: {}",
        ctx.method().name(),
        ctx.path(),
        rootMessage(e));
    problem(
        ctx,
        mapper,
        new ProblemException(
                ProblemType.DATABASE_UNAVAILABLE,
                503,
                "The database is unreachable; try again later",
                Map.of())
            .toProblem(ctx.path()));
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.toString();
  }

  private static void internalError(Context ctx, JsonMapper mapper, Exception e) {
    // the client gets a reference to quote, never the exception: its text may name tables, hosts or
    // values
    String reference = UUID.randomUUID().toString();
    LOG.error("Request {} {} failed (reference {})", ctx.method().name(), ctx.path(), reference, e);
    problem(
        ctx,
        mapper,
        new ProblemException(
                ProblemType.INTERNAL_ERROR,
                500,
                "The server failed to answer this request; quote reference "
                    + reference
                    + " when reporting it",
                Map.of("reference", reference))
            .toProblem(ctx.path()));
  }

  private static void problem(Context ctx, JsonMapper mapper, Problem problem) {
    if (problem.status() == 401) {
      ctx.header("WWW-Authenticate", AccessControl.challenge(ctx.path()));
    }
    ctx.status(problem.status())
        .contentType(Problem.CONTENT_TYPE)
        .result(mapper.writeValueAsBytes(problem.toJsonObject()));
  }
}
