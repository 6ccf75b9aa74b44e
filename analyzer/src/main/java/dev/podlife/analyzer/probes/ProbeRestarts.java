package dev.podlife.analyzer.probes;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Container restarts one by one with their stored {@link RestartCause}, on the caller's handle (the
 * restart alerts read them inside their evaluation transaction). The probes report counts the same
 * rows.
 */
public final class ProbeRestarts {

  /**
   * One restartCount increment.
   *
   * @param at the finishedAt of the termination that ended the run; for an unobserved restart, the
   *     time of the status that revealed it
   */
  public record Restart(
      String cluster,
      String podUid,
      String container,
      int restartNumber,
      Instant at,
      RestartCause cause) {}

  private final Handle handle;

  public ProbeRestarts(Handle handle) {
    this.handle = handle;
  }

  /**
   * The restarts with one of {@code causes} at {@code [from, to)}, in time order, read by the time
   * index.
   */
  public List<Restart> between(Instant from, Instant to, Set<RestartCause> causes) {
    return handle
        .createQuery(
            """
            SELECT r.cluster, r.pod_uid, r.container, r.restart_number, r.at, upper(r.cause) AS cause
            FROM probe_restart r
            WHERE r.at >= :from AND r.at < :to AND r.cause = ANY(:causes)
            ORDER BY r.at, r.cluster, r.pod_uid, r.container, r.restart_number\
            """)
        .bind("from", from.atOffset(ZoneOffset.UTC))
        .bind("to", to.atOffset(ZoneOffset.UTC))
        .bindArray("causes", String.class, causes.stream().map(RestartCause::column).toList())
        .map(ConstructorMapper.of(Restart.class))
        .list();
  }

  /** Every restart at {@code [from, to)}, whatever its cause. */
  public List<Restart> between(Instant from, Instant to) {
    return between(from, to, EnumSet.allOf(RestartCause.class));
  }
}
