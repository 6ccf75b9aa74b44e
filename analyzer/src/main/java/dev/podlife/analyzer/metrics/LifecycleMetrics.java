package dev.podlife.analyzer.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jdbi.v3.core.Handle;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.podlife.events.PodRef;

/**
 * The lifecycle counters on {@code /metrics}, tagged cluster, namespace, workload ({@code
 * Kind/name}; a bare pod is {@code Pod/<name>}) and, for terminations, reason:
 *
 * <ul>
 *   <li>{@value #TERMINATIONS} ({@code podlife_container_terminations_total}): terminations stored
 *       for the first time;
 *   <li>{@value #CRASH_LOOPS} ({@code podlife_crash_loops_total}): CrashLoopBackOff episodes that
 *       began;
 *   <li>{@value #KILLED_AFTER_GRACE} ({@code podlife_shutdowns_killed_after_grace_total}):
 *       containers SIGKILLed at the end of their pod's grace period.
 * </ul>
 *
 * <p>Cardinality is bounded: once {@code maxTagSets} distinct tag sets exist, a new one is counted
 * with workload {@value #OTHER}. Counts reach the registry only when the transaction that stored
 * the rows commits, so a batch retried after a rollback is not counted twice.
 */
public final class LifecycleMetrics {
  public static final String TERMINATIONS = "podlife.container.terminations";
  public static final String CRASH_LOOPS = "podlife.crash.loops";
  public static final String KILLED_AFTER_GRACE = "podlife.shutdowns.killed.after.grace";
  public static final String OTHER = "_other";
  public static final int DEFAULT_MAX_TAG_SETS = 2000;

  private static final LifecycleMetrics NONE = new LifecycleMetrics(null, 0);

  private final MeterRegistry registry;
  private final int maxTagSets;
  private final Set<Key> known = ConcurrentHashMap.newKeySet();

  public LifecycleMetrics(MeterRegistry registry) {
    this(Objects.requireNonNull(registry, "registry"), DEFAULT_MAX_TAG_SETS);
  }

  public LifecycleMetrics(MeterRegistry registry, int maxTagSets) {
    if (registry != null && maxTagSets <= 0) {
      throw new IllegalArgumentException("maxTagSets must be positive, not " + maxTagSets);
    }
    this.registry = registry;
    this.maxTagSets = maxTagSets;
  }

  /**
   * Counts nothing: offline analysis and rebuilds, where nothing scrapes and a replay would recount
   * history.
   */
  public static LifecycleMetrics none() {
    return NONE;
  }

  /** The counts of one transaction on {@code handle}, added to the counters when it commits. */
  public Tally tally(Handle handle) {
    Tally tally = new Tally();
    if (registry != null) {
      handle.afterCommit(tally::apply);
    }
    return tally;
  }

  private record Key(
      String name, String cluster, String namespace, String workload, String reason) {}

  /** What one transaction found; see {@link LifecycleMetrics}. */
  public final class Tally {
    private final List<Key> counted = new ArrayList<>();

    private Tally() {}

    public void termination(PodRef pod, String reason) {
      add(TERMINATIONS, pod, reason == null ? "" : reason);
    }

    public void crashLoop(PodRef pod) {
      add(CRASH_LOOPS, pod, null);
    }

    public void killedAfterGrace(PodRef pod) {
      add(KILLED_AFTER_GRACE, pod, null);
    }

    private void add(String name, PodRef pod, String reason) {
      if (registry == null) {
        return;
      }
      String workload =
          pod.workload() != null
              ? pod.workload().kind() + "/" + pod.workload().name()
              : "Pod/" + nonNull(pod.name());
      synchronized (counted) {
        counted.add(
            new Key(name, nonNull(pod.cluster()), nonNull(pod.namespace()), workload, reason));
      }
    }

    private void apply() {
      List<Key> keys;
      synchronized (counted) {
        keys = List.copyOf(counted);
        counted.clear();
      }
      for (Key key : keys) {
        counter(bounded(key)).increment();
      }
    }
  }

  private Key bounded(Key key) {
    if (known.contains(key)) {
      return key;
    }
    // racing threads may pass the bound by a few: a bound, not an exact quota
    if (known.size() < maxTagSets) {
      known.add(key);
      return key;
    }
    return new Key(key.name(), key.cluster(), key.namespace(), OTHER, key.reason());
  }

  private Counter counter(Key key) {
    Counter.Builder builder =
        Counter.builder(key.name())
            .tag("cluster", key.cluster())
            .tag("namespace", key.namespace())
            .tag("workload", key.workload());
    if (key.reason() != null) {
      builder.tag("reason", key.reason());
    }
    return builder.description(description(key.name())).register(registry);
  }

  private static String description(String name) {
    return switch (name) {
      case TERMINATIONS -> "container and pod terminations stored for the first time";
      case CRASH_LOOPS -> "CrashLoopBackOff episodes that began";
      default -> "containers SIGKILLed at the end of their pod's grace period";
    };
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
