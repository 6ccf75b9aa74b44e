package dev.podlife.alerts.evaluation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import dev.podlife.alerts.rules.AlertRule;
import dev.podlife.alerts.rules.ConditionType;
import dev.podlife.alerts.rules.Durations;
import dev.podlife.alerts.rules.RuleSpec;
import dev.podlife.alerts.rules.RuleSpecs;
import dev.podlife.alerts.rules.RuleStore;
import dev.podlife.alerts.rules.Severity;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Evaluates the enabled rules against the projections and keeps the {@code alert} table in step:
 * one alert per rule and group episode (see {@link Episodes}), announced through the {@link
 * NotificationSink} once when it fires and once when it resolves. Runs on its own thread every tick
 * and when {@link #nudge() nudged} (the analyzer nudges after each stored batch), at most once per
 * {@link #MIN_SPACING}.
 *
 * <p>One evaluation is one transaction under a transaction-scoped advisory lock: when another
 * evaluator (another analyzer) holds it, this one skips, and the holder's result is what the next
 * tick sees. Per rule, it reads the occurrences of the last two windows (the lookback), folds them
 * into episodes, then:
 *
 * <ul>
 *   <li>an episode open now without a firing alert fires (or an alert of the same episode that was
 *       resolved too early, e.g. while the rule was disabled, fires again);
 *   <li>an episode open now with its firing alert extends it: occurrences newer than its last one
 *       are added, the latest pod and the value updated, and nothing is sent;
 *   <li>a firing alert whose episode ended resolves with the episode's end (when its episode is not
 *       within the lookback any more: a window after its last occurrence, at the latest now);
 *       alerts of a deleted or disabled rule resolve now;
 *   <li>an episode that ended before any evaluation saw it (late facts) is recorded once, resolved,
 *       and announced as resolved.
 * </ul>
 *
 * Every step checks what the table holds, so an evaluation repeated, after a restart, or by a
 * second evaluator changes nothing.
 */
public final class AlertEvaluator implements AutoCloseable {
  public static final Duration DEFAULT_TICK = Duration.ofSeconds(2);

  /**
   * The least time between two evaluations: under a steady stream of batches the nudges would
   * otherwise chain evaluations back to back, each re-reading every rule's window.
   */
  static final Duration MIN_SPACING = Duration.ofMillis(250);

  /**
   * The advisory lock all evaluators of one database share ("podlife-alerts" in ASCII, truncated to
   * 8 bytes).
   */
  static final long LOCK_KEY = 0x706f646c6966652dL;

  private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final Jdbi jdbi;
  private final Clock clock;
  private final NotificationSink sink;
  private final Duration tick;
  private final Counter evaluations;
  private final Counter skipped;
  private final Counter failures;
  private final Counter fired;
  private final Counter resolved;
  private final Map<Severity, AtomicLong> firingBySeverity = new EnumMap<>(Severity.class);
  private final Object signal = new Object();

  private final List<Runnable> announcedListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private boolean nudged; // guarded by signal
  private boolean closed; // guarded by signal
  private Thread thread;

  public AlertEvaluator(Jdbi jdbi, Clock clock, MeterRegistry registry, NotificationSink sink) {
    this(jdbi, clock, registry, sink, DEFAULT_TICK);
  }

  /**
   * @param tick how often to evaluate when not nudged
   */
  public AlertEvaluator(
      Jdbi jdbi, Clock clock, MeterRegistry registry, NotificationSink sink, Duration tick) {
    this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    jdbi.installPlugin(new SqlObjectPlugin()); // the read models attach to the evaluation's handle
    this.clock = Objects.requireNonNull(clock, "clock");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.tick = Objects.requireNonNull(tick, "tick");
    if (tick.isNegative() || tick.isZero()) {
      throw new IllegalArgumentException("The evaluation tick must be positive, not " + tick);
    }
    this.evaluations =
        Counter.builder("podlife.alerts.evaluations")
            .description("rule evaluations run")
            .register(registry);
    this.skipped =
        Counter.builder("podlife.alerts.evaluations.skipped")
            .description("evaluations skipped because another evaluator held the lock")
            .register(registry);
    this.failures =
        Counter.builder("podlife.alerts.evaluations.failed")
            .description("evaluations that failed (retried at the next tick)")
            .register(registry);
    this.fired =
        Counter.builder("podlife.alerts.fired")
            .description("alerts that started firing")
            .register(registry);
    this.resolved =
        Counter.builder("podlife.alerts.resolved")
            .description("alerts that resolved")
            .register(registry);
    for (Severity severity : Severity.values()) {
      AtomicLong count = new AtomicLong();
      firingBySeverity.put(severity, count);
      Gauge.builder("podlife.alerts.firing", count, AtomicLong::get)
          .description("alerts firing, as of the last evaluation")
          .tag("severity", severity.label())
          .register(registry);
    }
  }

  /** Starts the evaluation thread: it evaluates at once, then every tick and whenever nudged. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("The alert evaluator is already started");
    }
    thread = new Thread(this::run, "podlife-alert-evaluator");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs {@code listener} after each evaluation that committed notifications (an alert fired or
   * resolved): the deliverer's cue to send them now rather than at its next poll.
   */
  public void onAnnounced(Runnable listener) {
    announcedListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Asks for an evaluation soon; nudges that arrive while one is pending make no second one. */
  public void nudge() {
    synchronized (signal) {
      nudged = true;
      signal.notifyAll();
    }
  }

  @Override
  public void close() {
    synchronized (signal) {
      closed = true;
      signal.notifyAll();
    }
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null && t != Thread.currentThread()) {
      try {
        if (!t.join(Duration.ofSeconds(30))) {
          LOG.warn("The alert evaluator did not stop within 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void run() {
    while (true) {
      try {
        evaluateOnce();
      } catch (RuntimeException e) {
        // a database outage: the next tick tries again, the table is as the last successful
        // evaluation left it
        failures.increment();
        LOG.warn("Alert evaluation failed; retrying in {} ms", tick.toMillis(), e);
      }
      synchronized (signal) {
        long evaluated = System.nanoTime();
        long deadline = evaluated + tick.toNanos();
        long earliest = evaluated + MIN_SPACING.toNanos();
        while (!closed) {
          long now = System.nanoTime();
          if (now >= deadline || (nudged && now >= earliest)) {
            break;
          }
          try {
            signal.wait(Math.max(1, ((nudged ? earliest : deadline) - now) / 1_000_000));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (closed) {
          return;
        }
        nudged = false;
      }
    }
  }

  /**
   * Evaluates every enabled rule once, in one transaction; skipped when another evaluator is at it.
   */
  public Evaluation evaluateOnce() {
    Evaluation result =
        jdbi.inTransaction(
            h -> {
              if (!h.createQuery("SELECT pg_try_advisory_xact_lock(:key)")
                  .bind("key", LOCK_KEY)
                  .mapTo(Boolean.class)
                  .one()) {
                return Evaluation.SKIPPED;
              }
              Pass pass = new Pass(h, clock.instant());
              pass.run();
              Map<String, Long> counts =
                  new AlertRows(h)
                      .firingBySeverity().stream()
                          .collect(
                              Collectors.toMap(
                                  AlertRows.SeverityCount::severity,
                                  AlertRows.SeverityCount::count));
              firingBySeverity.forEach(
                  (severity, gauge) -> gauge.set(counts.getOrDefault(severity.label(), 0L)));
              return new Evaluation(true, pass.fired, pass.updated, pass.resolved);
            });
    if (result.evaluated()) {
      evaluations.increment();
      fired.increment(result.fired());
      resolved.increment(result.resolved());
      if (result.fired() + result.resolved() > 0) {
        announcedListeners.forEach(Runnable::run);
      }
    } else {
      skipped.increment();
    }
    return result;
  }

  /** One evaluation's work on its handle. */
  private final class Pass {
    final Handle h;
    final AlertRows rows;
    final Instant now;
    int fired;
    int updated;
    int resolved;

    Pass(Handle h, Instant now) {
      this.h = h;
      this.rows = new AlertRows(h);
      this.now = now;
    }

    void run() {
      List<AlertRule> rules = RuleStore.enabled(h);
      Map<Long, AlertRule> byId = new HashMap<>();
      rules.forEach(r -> byId.put(r.id(), r));
      Map<Long, Map<String, AlertRows.Firing>> firing = new HashMap<>();
      for (AlertRows.Firing f : rows.firing()) {
        if (byId.containsKey(f.ruleId())) {
          firing.computeIfAbsent(f.ruleId(), id -> new HashMap<>()).put(f.fingerprint(), f);
        } else {
          // the rule was deleted or disabled: its alerts end now
          rows.resolve(f.id(), now, now);
          rows.storedSpec(f.ruleId())
              .map(RuleSpecs::fromStoredJson)
              .ifPresent(spec -> announce(f.id(), NotificationSink.RESOLVED, spec));
          resolved++;
        }
      }
      for (AlertRule rule : rules) {
        evaluate(rule, firing.getOrDefault(rule.id(), Map.of()));
      }
    }

    private void evaluate(AlertRule rule, Map<String, AlertRows.Firing> firing) {
      RuleSpec spec = rule.spec();
      Duration window = spec.window();
      // ≤ now: the bound is exclusive and Postgres keeps microseconds
      List<Occurrence> occurrences =
          Occurrences.read(
              h, spec, now.minus(window.multipliedBy(2)), now.plus(1, ChronoUnit.MICROS));
      Map<String, List<Episode>> episodes = new LinkedHashMap<>();
      for (Episode e : Episodes.of(spec, occurrences)) {
        episodes.computeIfAbsent(e.group().fingerprint(), k -> new ArrayList<>()).add(e);
      }
      Map<String, List<Occurrence>> byGroup =
          occurrences.stream().collect(Collectors.groupingBy(o -> o.group().fingerprint()));

      Map<String, Long> stillFiring = new HashMap<>();
      for (AlertRows.Firing alert : firing.values()) {
        List<Episode> group = episodes.getOrDefault(alert.fingerprint(), List.of());
        Optional<Episode> endedSince =
            group.stream()
                .filter(e -> !e.isOpenAt(now) && e.endsAt().isAfter(alert.lastAt()))
                .min(Comparator.comparing(Episode::endsAt));
        Optional<Episode> open = group.stream().filter(e -> e.isOpenAt(now)).findFirst();
        if (endedSince.isPresent()) {
          resolve(alert, endedSince.get().endsAt(), spec);
        } else if (open.isPresent()) {
          extend(alert, open.get(), byGroup.getOrDefault(alert.fingerprint(), List.of()), spec);
          stillFiring.put(alert.fingerprint(), alert.id());
        } else {
          Instant end = alert.lastAt().plus(window);
          resolve(alert, end.isBefore(now) ? end : now, spec);
        }
      }

      for (List<Episode> group : episodes.values()) {
        for (Episode e : group) {
          if (e.isOpenAt(now)) {
            if (!stillFiring.containsKey(e.group().fingerprint())) {
              fire(rule, e);
            }
          } else if (e.endsAt().isAfter(rule.updatedAt()) && !rows.anyOverlapping(rule.id(), e)) {
            // late facts: an episode that ended before it was seen, announced once as resolved; one
            // that ended
            // before this version of the rule existed is history, for backtests, not news
            long id = rows.insert(newAlert(rule, e, NotificationSink.RESOLVED, e.endsAt()), now);
            announce(id, NotificationSink.RESOLVED, spec);
            resolved++;
          }
        }
      }
    }

    private void fire(AlertRule rule, Episode e) {
      Optional<Long> earlier = rows.resolvedOverlapping(rule.id(), e);
      long id;
      if (earlier.isPresent()) {
        id = earlier.get();
        rows.reopen(id, e, json(annotations(rule.spec(), e, e.occurrences())), now);
      } else {
        id = rows.insert(newAlert(rule, e, NotificationSink.FIRING, null), now);
      }
      announce(id, NotificationSink.FIRING, rule.spec());
      fired++;
    }

    private void extend(
        AlertRows.Firing alert, Episode open, List<Occurrence> group, RuleSpec spec) {
      int newer = (int) group.stream().filter(o -> o.at().isAfter(alert.lastAt())).count();
      if (newer == 0 && Objects.equals(alert.value(), open.value())) {
        return; // nothing new: an evaluation that changes nothing writes nothing
      }
      rows.extend(
          alert.id(),
          newer,
          open.last(),
          open.value(),
          json(annotations(spec, open, alert.occurrences() + newer)),
          now);
      updated++;
    }

    private void resolve(AlertRows.Firing alert, Instant endsAt, RuleSpec spec) {
      rows.resolve(alert.id(), endsAt, now);
      announce(alert.id(), NotificationSink.RESOLVED, spec);
      resolved++;
    }

    private void announce(long alertId, String status, RuleSpec spec) {
      sink.enqueue(h, alertId, status, spec);
    }

    private AlertRows.NewAlert newAlert(AlertRule rule, Episode e, String state, Instant endsAt) {
      RuleSpec spec = rule.spec();
      return new AlertRows.NewAlert(
          rule.id(),
          rule.version(),
          spec.name(),
          e,
          spec.severity().label(),
          state,
          endsAt,
          json(labels(spec, e)),
          json(annotations(spec, e, e.occurrences())));
    }
  }

  /**
   * The Alertmanager labels: podlife's (reserved: a rule can't override them) and the rule's own.
   */
  static Map<String, String> labels(RuleSpec spec, Episode e) {
    Map<String, String> labels = new LinkedHashMap<>(spec.labels());
    Group g = e.group();
    labels.put("alertname", spec.name());
    labels.put("severity", spec.severity().label());
    labels.put("cluster", g.cluster());
    labels.put("namespace", g.namespace());
    labels.put("workload", g.workload());
    labels.put("workload_kind", g.workloadKind());
    labels.put("pod", e.first().podName());
    if (e.first().container() != null) {
      labels.put("container", e.first().container());
    }
    labels.put("reason", g.reason());
    if (e.first().disruption() != null) {
      // exit 137 of a preemption or a node shutdown is not the workload's fault: say so
      labels.put("disruption", e.first().disruption());
    }
    return labels;
  }

  /**
   * Summary and description (the rule's own win), the rule's annotations, and podlife's
   * latest-occurrence details.
   */
  static Map<String, String> annotations(RuleSpec spec, Episode e, int occurrences) {
    Group g = e.group();
    Occurrence last = e.last();
    Map<String, String> annotations = new LinkedHashMap<>();
    String where = g.workload() + " in " + g.cluster() + "/" + g.namespace();
    String lastWhere =
        "pod "
            + last.podName()
            + (last.container() == null ? "" : ", container " + last.container());
    if (spec.condition().type() == ConditionType.STARTUP_P99) {
      annotations.put(
          "summary",
          "Startup p99 above " + spec.condition().latency().toMillis() + " ms: " + where);
      annotations.put(
          "description",
          "The p99 startup latency of the pods of "
              + where
              + " created in the last "
              + Durations.format(spec.window())
              + " is "
              + Math.round(e.value())
              + " ms (limit "
              + spec.condition().latency().toMillis()
              + " ms); latest: "
              + lastWhere
              + ", created at "
              + last.at()
              + ".");
    } else {
      annotations.put("summary", g.reason() + ": " + where);
      annotations.put(
          "description",
          occurrences
              + " × "
              + g.reason()
              + " in "
              + where
              + " since "
              + e.startsAt()
              + " ("
              + Math.round(e.value())
              + " in the last "
              + Durations.format(spec.window())
              + ", threshold "
              + spec.threshold()
              + "); latest: "
              + lastWhere
              + " at "
              + last.at()
              + ".");
    }
    annotations.putAll(spec.annotations());
    annotations.put("podlife_occurrences", Integer.toString(occurrences));
    annotations.put("last_pod", last.podName());
    if (last.container() != null) {
      annotations.put("last_container", last.container());
    }
    annotations.put("timeline_url", "/ui/pods/" + last.podUid());
    return annotations;
  }

  private static String json(Map<String, String> map) {
    return JSON.writeValueAsString(map);
  }
}
