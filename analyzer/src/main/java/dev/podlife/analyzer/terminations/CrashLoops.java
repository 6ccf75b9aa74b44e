package dev.podlife.analyzer.terminations;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.SqlStatements;

import dev.podlife.analyzer.query.Windowed;

/**
 * The read side of the {@code crash_loop_episode} projection: CrashLoopBackOff episodes as {@link
 * CrashLoopEpisode}s. Every reader (API, alerts) reads episodes through this class.
 */
public final class CrashLoops {
  /**
   * The kubelet's maximum back-off between restarts of a crashing container, in seconds (its {@code
   * MaxContainerBackOff}, 5 minutes). An episode whose longest back-off reached it is stored with
   * {@code back_off_cap_reached}.
   */
  public static final int BACK_OFF_CAP_SECONDS = 300;

  private static final String COLUMNS =
      """
      SELECT id, cluster, namespace, pod_name AS pod, pod_uid AS uid, workload_kind, workload_name, node, container,
             container_kind, started_at, ended_at, end_reason, restarts_at_start, restarts_at_end,
             restarts_at_end - restarts_at_start AS restarts, max_back_off_seconds, back_off_cap_reached
      FROM crash_loop_episode
      """;

  private final Jdbi jdbi;
  private final Handle handle;

  /** Reads on a handle of its own per call. */
  public CrashLoops(Jdbi jdbi) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    this.handle = null;
  }

  /** Reads on {@code handle}, inside whatever transaction it is in. */
  public CrashLoops(Handle handle) {
    this.jdbi = null;
    this.handle = Objects.requireNonNull(handle, "handle");
  }

  /** Whether a back-off of {@code seconds} (null: none announced) is the kubelet's cap. */
  static boolean capReached(Integer seconds) {
    return seconds != null && seconds >= BACK_OFF_CAP_SECONDS;
  }

  /**
   * A page of at most {@code limit} episodes, newest first (by start, then id), after {@code
   * filter.after()}; the window applies to the episodes' start and {@code filter.reason()} is
   * ignored.
   */
  public List<CrashLoopEpisode> page(TerminationFilter filter, int limit) {
    return read(
        h ->
            h.createQuery(
                    COLUMNS + "WHERE <where>\nORDER BY started_at DESC, id DESC\nLIMIT :limit")
                .define("where", filter.whereClause("started_at", false))
                .bindMethods(filter)
                .bind("limit", limit)
                .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true))
                .registerRowMapper(ConstructorMapper.factory(CrashLoopEpisode.class))
                .mapTo(CrashLoopEpisode.class)
                .list());
  }

  /** The episodes that began in {@code [from, to)}, oldest first. */
  public List<CrashLoopEpisode> startedBetween(Instant from, Instant to) {
    return read(
        h ->
            h.createQuery(
                    COLUMNS
                        + "WHERE started_at >= :from AND started_at < :to ORDER BY started_at, id")
                .bind("from", Windowed.utc(from))
                .bind("to", Windowed.utc(to))
                .registerRowMapper(ConstructorMapper.factory(CrashLoopEpisode.class))
                .mapTo(CrashLoopEpisode.class)
                .list());
  }

  private <R> R read(HandleCallback<R, RuntimeException> query) {
    return handle != null ? query.withHandle(handle) : jdbi.withHandle(query);
  }
}
