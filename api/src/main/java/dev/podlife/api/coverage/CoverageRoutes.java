package dev.podlife.api.coverage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Jdbi;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import dev.podlife.analyzer.coverage.Coverage;
import dev.podlife.analyzer.coverage.CoverageReport;
import dev.podlife.analyzer.coverage.ObservedInterval;
import dev.podlife.api.problem.ProblemException;
import dev.podlife.api.problem.ProblemType;
import dev.podlife.api.query.QueryParameters;
import dev.podlife.api.query.TimeWindow;

/**
 * {@code GET /api/v1/clusters/{cluster}/coverage}: the observed intervals and the gaps of a cluster
 * in a window (default: the last 24 hours), the share of it observed and the latest heartbeat.
 */
public final class CoverageRoutes {
  public static final String COVERAGE = "/api/v1/clusters/{cluster}/coverage";
  public static final Set<String> PARAMETERS = Set.of("from", "to");
  static final Duration DEFAULT_WINDOW = Duration.ofHours(24);

  private final Coverage coverage;
  private final Clock clock;

  public CoverageRoutes(Jdbi jdbi, Clock clock) {
    this.coverage = new Coverage(jdbi);
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    routes.get(COVERAGE, this::coverage);
  }

  /**
   * The response: the report, and how long the cluster has gone unobserved as of the answer.
   *
   * @param unobservedSeconds seconds since the latest heartbeat
   */
  record ClusterCoverage(
      String cluster,
      Instant from,
      Instant to,
      Instant since,
      Instant lastHeartbeat,
      double unobservedSeconds,
      Double observedFraction,
      List<ObservedInterval> intervals,
      List<GapEntry> gaps) {}

  /** A gap with how a user reads it ("not observed between … and …"). */
  record GapEntry(Instant from, Instant to, boolean ongoing, String summary) {}

  private void coverage(Context ctx) {
    QueryParameters query = new QueryParameters(ctx.queryParamMap(), PARAMETERS);
    String cluster = ctx.pathParam("cluster");
    TimeWindow window = query.window();
    Instant now = clock.instant();
    Instant to = window.to() != null ? window.to() : now;
    Instant from = window.from() != null ? window.from() : to.minus(DEFAULT_WINDOW);
    if (!from.isBefore(to)) {
      throw ProblemException.invalidParameter(
          "from",
          "The window [from, to) is empty: 'from' ("
              + from
              + ") must be before 'to' ("
              + to
              + (window.to() == null ? ", now" : "")
              + ")");
    }
    CoverageReport report =
        coverage
            .report(cluster, from, to, now)
            .orElseThrow(
                () ->
                    new ProblemException(
                        ProblemType.NOT_FOUND,
                        "No collector ever sent a heartbeat for cluster "
                            + cluster
                            + " (a collector older than heartbeats sends none)"));
    ctx.jsonStream(
        new ClusterCoverage(
            report.cluster(),
            report.from(),
            report.to(),
            report.since(),
            report.lastHeartbeat(),
            Math.max(0, Duration.between(report.lastHeartbeat(), now).toMillis() / 1e3),
            report.observedFraction(),
            report.intervals(),
            report.gaps().stream()
                .map(g -> new GapEntry(g.from(), g.to(), g.ongoing(), g.summary()))
                .toList()));
  }
}
