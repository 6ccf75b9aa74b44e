package dev.podlife.api.alerts;

import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.analyzer.query.KeysetCursor;
import dev.podlife.api.auth.Role;
import dev.podlife.api.problem.ProblemException;
import dev.podlife.api.query.CursorToken;
import dev.podlife.api.query.KeysetPage;
import dev.podlife.api.query.QueryParameters;
import dev.podlife.api.query.TimeWindow;

/**
 * The alert history ({@code /api/v1/alerts}) and the notifications sent for it ({@code
 * /api/v1/alerts/deliveries}).
 */
public final class AlertRoutes {
  public static final String ALERTS = "/api/v1/alerts";
  public static final String DELIVERIES = "/api/v1/alerts/deliveries";

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  static final Set<String> STATES = Set.of("firing", "resolved");
  static final Set<String> ALERT_PARAMETERS =
      Set.of("state", "rule", "cluster", "namespace", "from", "to", "limit", "cursor");
  static final Set<String> DELIVERY_PARAMETERS = Set.of("failed", "alert", "limit", "cursor");

  private final Jdbi jdbi;

  public AlertRoutes(Jdbi jdbi) {
    this.jdbi = jdbi;
    jdbi.installPlugin(new SqlObjectPlugin());
  }

  public void register(RoutesConfig routes) {
    routes.get(ALERTS, this::alerts, Role.READ);
    routes.get(DELIVERIES, this::deliveries, Role.READ);
  }

  private void alerts(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), ALERT_PARAMETERS);
    TimeWindow window = query.window();
    AlertFilter filter =
        new AlertFilter(
            query.choice("state", STATES).orElse(null),
            id(query, "rule"),
            query.optional("cluster").orElse(null),
            query.optional("namespace").orElse(null),
            window.from(),
            window.to(),
            query.optional("cursor").map(CursorToken::keysetCursor).orElse(null));
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    // one row more than asked tells whether a next page exists without a count
    List<Alert> rows =
        jdbi.withExtension(
            AlertQueries.class, q -> q.list(filter.whereClause(), filter, limit + 1));
    ctx.jsonStream(
        KeysetPage.of(rows, limit, last -> new KeysetCursor(last.startsAt(), last.id())));
  }

  private void deliveries(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), DELIVERY_PARAMETERS);
    DeliveryFilter filter =
        new DeliveryFilter(
            query.choice("failed", Set.of("true", "false")).map(Boolean::parseBoolean).orElse(null),
            id(query, "alert"),
            query.optional("cursor").map(CursorToken::keysetCursor).orElse(null));
    int limit = query.limit(DEFAULT_LIMIT, MAX_LIMIT);
    List<Delivery> rows =
        jdbi.withExtension(
            AlertQueries.class, q -> q.deliveries(filter.whereClause(), filter, limit + 1));
    ctx.jsonStream(
        KeysetPage.of(rows, limit, last -> new KeysetCursor(last.createdAt(), last.id())));
  }

  /** An id parameter (a rule's, an alert's): a positive integer. */
  private static Long id(QueryParameters query, String name) {
    return query
        .optional(name)
        .map(
            value -> {
              try {
                long id = Long.parseLong(value);
                if (id > 0) {
                  return id;
                }
              } catch (NumberFormatException e) {
                // answered below
              }
              throw ProblemException.invalidParameter(
                  name,
                  "Query parameter '"
                      + name
                      + "' must be an id (a positive integer), not '"
                      + value
                      + "'");
            })
        .orElse(null);
  }
}
