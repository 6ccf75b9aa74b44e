package dev.podlife.analyzer.startup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * The pods the Kubernetes pod startup SLO counts, one by one, on the caller's handle (the
 * startup_p99 alert reads them inside its evaluation transaction). Which pods count is the
 * projection's stored verdict {@code slo_eligible} (see {@link PodStartup#sloEligible()}), the same
 * the SLO report of {@link StartupReports} aggregates.
 */
public final class StartupSlo {

  /** One SLO-eligible pod: when it was created (the time it counts at) and its SLI in ms. */
  public record SliSample(String cluster, String uid, Instant created, long sliMs) {}

  private final Handle handle;

  public StartupSlo(Handle handle) {
    this.handle = handle;
  }

  /**
   * The eligible pods created in {@code [from, to)}, in creation order, read by the creation index.
   */
  public List<SliSample> createdBetween(Instant from, Instant to) {
    return handle
        .createQuery(
            """
            SELECT s.cluster, s.uid, s.created, s.sli_ms FROM pod_startup s
            WHERE s.slo_eligible AND s.created >= :from AND s.created < :to
            ORDER BY s.created, s.cluster, s.uid\
            """)
        .bind("from", from.atOffset(ZoneOffset.UTC))
        .bind("to", to.atOffset(ZoneOffset.UTC))
        .map(ConstructorMapper.of(SliSample.class))
        .list();
  }
}
