package dev.podlife.api.storage;

import java.util.Set;

import org.jdbi.v3.core.Jdbi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.analyzer.retention.StorageReport;
import dev.podlife.api.query.QueryParameters;

/**
 * The storage report ({@link StorageReport}): bytes, facts and pods per UTC day, totals, the oldest
 * day kept, and the latest retention runs. Read role; no parameters.
 */
public final class StorageRoutes {
  public static final String STORAGE = "/api/v1/storage";
  static final Set<String> PARAMETERS = Set.of();

  private final Jdbi jdbi;

  public StorageRoutes(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public void register(RoutesConfig routes) {
    routes.get(STORAGE, this::report);
  }

  private void report(Context ctx) {
    // refuses any parameter with a 400, as every route does for the ones it does not know
    new QueryParameters(ctx.queryParamMap(), PARAMETERS);
    ctx.jsonStream(jdbi.withHandle(StorageReport::read));
  }
}
