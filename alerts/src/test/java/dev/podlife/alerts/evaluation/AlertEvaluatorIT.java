package dev.podlife.alerts.evaluation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.alerts.rules.AlertRule;
import dev.podlife.alerts.rules.RuleSpec;
import dev.podlife.alerts.rules.RuleSpecs;
import dev.podlife.alerts.rules.RuleStore;
import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.shutdown.Recording;
import dev.podlife.analyzer.terminations.PodVersions;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestClock;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.json.JsonMapper;

import static dev.podlife.analyzer.terminations.PodVersions.WEB_LIFE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@ExtendWith(PostgresExtension.class)
class AlertEvaluatorIT {
  /** Writes the outbox as the real sink would: one row per announced state change. */
  static final NotificationSink OUTBOX =
      (h, alertId, status, rule) ->
          h.createUpdate(
                  "INSERT INTO alert_notification (alert_id, receiver_kind, receiver_url, status)"
                      + " VALUES (:id, 'alertmanager', 'http://alertmanager.test', :status)")
              .bind("id", alertId)
              .bind("status", status)
              .execute();

  private final TestDatabase db;
  private final TestClock clock = TestClock.at(Instant.parse("2026-11-20T10:00:00Z"));
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private StoreUnderTest tables;
  private RuleStore rules;
  private AlertEvaluator evaluator;

  AlertEvaluatorIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void emptyTables() {
    db.truncateAll();
    tables = new StoreUnderTest(db, clock);
    rules = new RuleStore(db.jdbi(), clock);
    evaluator = new AlertEvaluator(db.jdbi(), clock, registry, OUTBOX);
  }

  @AfterEach
  void stop() {
    evaluator.close();
  }

  // --- one test per condition: fires on real facts, resolves a window after the last occurrence

  @Test
  void oomKilledFiresWithItsPodAndResolvesAWindowAfterIt() {
    rule(
        """
        {"name": "oom", "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]},
         "window": "10m", "threshold": 1, "severity": "critical", "labels": {"team": "shop"},
         "annotations": {"runbook_url": "https://runbooks.example/oom"}}\
        """);
    append(PodVersions.facts(WEB_LIFE));

    evaluateAt("2026-11-20T10:02:15Z");

    assertThat(alerts())
        .containsExactly(
            tuple(
                "oom",
                "Deployment",
                "web",
                "OOMKilled",
                "firing",
                "2026-11-20T10:02:10Z",
                null,
                1,
                "web-6d4b9c7f8-k2x9q",
                "app"));
    Map<String, Object> labels = json(single("SELECT labels::text FROM alert"));
    assertThat(labels)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "alertname",
                "oom",
                "severity",
                "critical",
                "cluster",
                "test",
                "namespace",
                "shop",
                "workload",
                "Deployment/web",
                "workload_kind",
                "Deployment",
                "pod",
                "web-6d4b9c7f8-k2x9q",
                "container",
                "app",
                "reason",
                "OOMKilled",
                "team",
                "shop"));
    Map<String, Object> annotations = json(single("SELECT annotations::text FROM alert"));
    assertThat(annotations)
        .containsEntry("runbook_url", "https://runbooks.example/oom")
        .containsEntry("podlife_occurrences", "1")
        .containsEntry("last_pod", "web-6d4b9c7f8-k2x9q")
        .containsEntry("last_container", "app")
        .containsEntry("timeline_url", "/ui/pods/4d1f0e2a-7b3c-4e5d-9f60-0000000000a1")
        .containsKeys("summary", "description");
    assertThat(notifications()).containsExactly("firing");

    evaluateAt("2026-11-20T10:12:09Z");
    assertThat(states()).containsExactly("firing");

    evaluateAt("2026-11-20T10:12:10Z");
    assertThat(alerts())
        .containsExactly(
            tuple(
                "oom",
                "Deployment",
                "web",
                "OOMKilled",
                "resolved",
                "2026-11-20T10:02:10Z",
                "2026-11-20T10:12:10Z",
                1,
                "web-6d4b9c7f8-k2x9q",
                "app"));
    assertThat(notifications()).containsExactly("firing", "resolved");
  }

  @Test
  void anExitCodeFiresWithTheTerminationsReason() {
    rule(
        """
        {"name": "segfault", "condition": {"type": "exit_code", "exitCodes": [139]}, "window": "5m", "severity": "warning"}\
        """);
    append(PodVersions.facts(WEB_LIFE));

    evaluateAt("2026-11-20T10:03:00Z");
    assertThat(alerts("reason", "state", "starts_at"))
        .containsExactly(tuple("Error", "firing", "2026-11-20T10:02:40Z"));

    evaluateAt("2026-11-20T10:08:00Z");
    assertThat(states()).containsExactly("resolved");
    assertThat(single("SELECT ends_at FROM alert"))
        .isEqualTo(Timestamp.from(Instant.parse("2026-11-20T10:07:40Z")));
    assertThat(notifications()).containsExactly("firing", "resolved");
  }

  @Test
  void anExit137OfANodeShutdownCarriesItsDisruptionAndAnOomKillDoesNot() {
    rule(
        """
        {"name": "sigkill", "condition": {"type": "exit_code", "exitCodes": [137]}, "window": "5m", "severity": "warning"}\
        """);
    // OOMKilled (137) at 10:30:00, an hour before the node shut down; SIGKILLed (137) at 11:30:20
    append(PodVersions.facts("terminations/node-shutdown.json"));

    evaluateAt("2026-11-20T10:30:30Z");
    evaluateAt("2026-11-20T11:31:00Z");

    assertThat(
            tables.rows(
                "SELECT reason, state, labels->>'disruption' AS disruption FROM alert ORDER BY"
                    + " starts_at"))
        .extracting(r -> r.get("reason"), r -> r.get("state"), r -> r.get("disruption"))
        .containsExactly(
            tuple("OOMKilled", "resolved", null), tuple("Error", "firing", "node_shutdown"));
  }

  @Test
  void enteringCrashLoopBackOffFires() {
    rule(
        """
        {"name": "crashloop", "condition": {"type": "crash_loop_entered"}, "window": "10m", "severity": "warning"}\
        """);
    append(PodVersions.facts(WEB_LIFE));

    evaluateAt("2026-11-20T10:05:00Z");
    assertThat(alerts("reason", "state", "starts_at"))
        .containsExactly(tuple("CrashLoopBackOff", "firing", "2026-11-20T10:02:10Z"));

    evaluateAt("2026-11-20T10:12:10Z");
    assertThat(states()).containsExactly("resolved");
  }

  @Test
  void restartsOfAnyCauseFireAndLivenessRestartsOnlyForProbeKills() {
    rule(
        """
        {"name": "restarts", "condition": {"type": "restarts"}, "window": "10m", "severity": "info"}\
        """);
    rule(
        """
        {"name": "liveness", "condition": {"type": "liveness_restarts"}, "window": "10m", "severity": "warning"}\
        """);
    append(
        Recording.offline(
            "restarted-before-deletion")); // api: restarted by its liveness probe at 03:00:21
    append(
        PodVersions.facts(
            WEB_LIFE)); // web: restarted after OOMKilled at 10:02:10, no probe involved

    evaluateAt("2026-11-20T10:03:00Z");
    assertThat(alerts("rule_name", "workload_name", "reason", "state"))
        .containsExactly(tuple("restarts", "web", "Restarts", "firing"));

    evaluateAt("2026-11-25T03:00:30Z");
    assertThat(alerts("rule_name", "workload_name", "reason", "state", "starts_at", "container"))
        .containsExactly(
            tuple("liveness", "api", "LivenessRestarts", "firing", "2026-11-25T03:00:21Z", "api"),
            tuple("restarts", "web", "Restarts", "resolved", "2026-11-20T10:02:10Z", "app"),
            tuple("restarts", "api", "Restarts", "firing", "2026-11-25T03:00:21Z", "api"));

    evaluateAt("2026-11-25T03:10:21Z");
    assertThat(states()).containsOnly("resolved");
  }

  @Test
  void aContainerKilledAfterItsGracePeriodAndItsFailedPreStopHookFire() {
    rule(
        """
        {"name": "sigkill", "condition": {"type": "killed_after_grace"}, "window": "10m", "severity": "critical"}\
        """);
    rule(
        """
        {"name": "prestop", "condition": {"type": "prestop_failed"}, "window": "10m", "severity": "warning"}\
        """);
    append(Recording.offline("killed-after-grace"));

    evaluateAt("2026-11-25T03:01:40Z");

    assertThat(alerts("rule_name", "reason", "state", "starts_at", "container"))
        .containsExactly(
            // at the Killing that ran the hook, while the kill came at the end of the grace period
            tuple("prestop", "FailedPreStopHook", "firing", "2026-11-25T03:01:00Z", "checkout"),
            tuple("sigkill", "KilledAfterGrace", "firing", "2026-11-25T03:01:32Z", "checkout"));

    evaluateAt("2026-11-25T03:11:40Z");
    assertThat(states()).containsExactly("resolved", "resolved");
    assertThat(notifications()).containsExactly("firing", "firing", "resolved", "resolved");
  }

  @Test
  void startupP99OverTheLatencyFiresAndRecoversWhenTheSlowPodsLeaveTheWindow() {
    AlertRule rule =
        rule(
            """
            {"name": "slow-starts", "condition": {"type": "startup_p99", "latency": "5s"}, "window": "10m",
             "threshold": 3, "severity": "warning", "selector": {"workloadName": "shop"}}\
            """);
    Instant t0 = Instant.parse("2026-11-20T12:00:00Z");
    append(Facts.startedPod("a1", t0, Duration.ofSeconds(2)));
    append(Facts.startedPod("a2", t0.plusSeconds(60), Duration.ofSeconds(8)));

    evaluateAt(t0.plusSeconds(100));
    assertThat(alerts()).isEmpty(); // two pods: fewer than the three the rule needs

    append(Facts.startedPod("a3", t0.plusSeconds(120), Duration.ofSeconds(3)));
    evaluateAt(t0.plusSeconds(130));
    assertThat(alerts("reason", "state", "starts_at"))
        .containsExactly(tuple("StartupLatency", "firing", "2026-11-20T12:02:00Z"));
    assertThat(single("SELECT value FROM alert")).isEqualTo(8000.0);

    // the slow pod left the window: the fast pod created at 12:11:01 brings the p99 to 3 s
    append(Facts.startedPod("a4", t0.plusSeconds(661), Duration.ofSeconds(1)));
    evaluateAt(t0.plusSeconds(670));
    assertThat(states()).containsExactly("resolved");
    assertThat(single("SELECT ends_at FROM alert")).isEqualTo(Timestamp.from(t0.plusSeconds(661)));
    assertThat(notifications()).containsExactly("firing", "resolved");
    assertThat(rule.spec().condition().latency()).isEqualTo(Duration.ofSeconds(5));
  }

  // --- grouping, repeats, selectors, thresholds

  @Test
  void repeatsWithinTheWindowUpdateOneAlertAndOtherReasonsAndWorkloadsGetTheirOwn() {
    rule(
        """
        {"name": "terminations", "condition": {"type": "termination_reason", "reasons": ["OOMKilled", "Error"]},
         "window": "15m", "severity": "warning"}\
        """);
    append(PodVersions.facts(WEB_LIFE));
    append(PodVersions.facts("pods/oom-killed.json")); // Deployment shop, OOMKilled at 10:00:30

    evaluateAt("2026-11-20T10:05:00Z");
    assertThat(alerts("workload_name", "reason", "occurrences"))
        .containsExactly(
            tuple("shop", "OOMKilled", 1), tuple("web", "OOMKilled", 1), tuple("web", "Error", 1));
    assertThat(notifications()).containsExactly("firing", "firing", "firing");

    // the third Error of web at 10:12:03, within 15 minutes of the one at 10:02:40: the same alert,
    // counted
    evaluateAt("2026-11-20T10:13:00Z");
    assertThat(alerts("workload_name", "reason", "state", "occurrences"))
        .containsExactly(
            tuple("shop", "OOMKilled", "firing", 1),
            tuple("web", "OOMKilled", "firing", 1),
            tuple("web", "Error", "firing", 2));
    assertThat(
            single(
                "SELECT json_build_array(last_at, annotations->>'podlife_occurrences')::text FROM"
                    + " alert WHERE reason = 'Error'"))
        .isEqualTo("[\"2026-11-20T10:12:03+00:00\", \"2\"]");
    assertThat(notifications()).containsExactly("firing", "firing", "firing");
  }

  @Test
  void selectorsMatchNamespaceAndLabelsExactlyOrByAnchoredRegex() {
    rule(
        """
        {"name": "ns-exact", "selector": {"namespace": "shop"}, "condition": {"type": "termination_reason",
         "reasons": ["OOMKilled"]}, "window": "10m", "severity": "warning"}\
        """);
    rule(
        """
        {"name": "ns-regex", "selector": {"namespace": {"regex": "sh.p"}}, "condition": {"type": "termination_reason",
         "reasons": ["OOMKilled"]}, "window": "10m", "severity": "warning"}\
        """);
    rule(
        """
        {"name": "ns-other", "selector": {"namespace": {"regex": "sho"}}, "condition": {"type": "termination_reason",
         "reasons": ["OOMKilled"]}, "window": "10m", "severity": "warning"}\
        """);
    rule(
        """
        {"name": "label-exact", "selector": {"labels": {"app": "web"}}, "condition": {"type": "termination_reason",
         "reasons": ["OOMKilled"]}, "window": "10m", "severity": "warning"}\
        """);
    rule(
        """
        {"name": "label-regex", "selector": {"labels": {"app": {"regex": "w.b|api"}}},
         "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]}, "window": "10m", "severity": "warning"}\
        """);
    rule(
        """
        {"name": "label-other", "selector": {"labels": {"app": "api"}}, "condition": {"type": "termination_reason",
         "reasons": ["OOMKilled"]}, "window": "10m", "severity": "warning"}\
        """);
    append(PodVersions.facts(WEB_LIFE));
    append(PodVersions.facts("pods/oom-killed.json"));

    evaluateAt("2026-11-20T10:03:00Z");

    assertThat(alerts("rule_name", "workload_name"))
        .containsExactlyInAnyOrder(
            tuple("ns-exact", "shop"),
            tuple("ns-exact", "web"),
            tuple("ns-regex", "shop"),
            tuple("ns-regex", "web"),
            tuple("label-exact", "web"),
            tuple("label-regex", "web"));
  }

  @Test
  void threeRestartsInTenMinutesFireAtTheThirdNotBefore() {
    rule(
        """
        {"name": "restarting", "condition": {"type": "restarts"}, "window": "10m", "threshold": 3, "severity": "warning"}\
        """);
    append(
        PodVersions.facts(
            WEB_LIFE)); // restarts at 10:02:10, 10:02:40, then four revealed at 10:12:03

    evaluateAt("2026-11-20T10:05:00Z");
    assertThat(alerts()).isEmpty();

    evaluateAt("2026-11-20T10:12:30Z");
    assertThat(alerts("state", "starts_at", "occurrences"))
        .containsExactly(tuple("firing", "2026-11-20T10:12:03Z", 6));
    assertThat(single("SELECT value FROM alert")).isEqualTo(6.0);

    // 10:17:03 keeps it up; with the three most recent at 10:12:03, 10:12:03 and 10:17:03 it ends
    // at 10:22:03
    evaluateAt("2026-11-20T10:22:02Z");
    assertThat(alerts("state", "occurrences")).containsExactly(tuple("firing", 7));
    evaluateAt("2026-11-20T10:22:03Z");
    assertThat(single("SELECT ends_at FROM alert"))
        .isEqualTo(Timestamp.from(Instant.parse("2026-11-20T10:22:03Z")));
    assertThat(notifications()).containsExactly("firing", "resolved");
  }

  // --- idempotence

  @Test
  void evaluatingAgainOrFromARestartedAnalyzerChangesNothing() {
    rule(
        """
        {"name": "errors", "condition": {"type": "termination_reason", "reasons": ["Error"]}, "window": "15m",
         "severity": "warning"}\
        """);
    append(PodVersions.facts(WEB_LIFE));

    evaluateAt("2026-11-20T10:13:00Z");
    List<Map<String, Object>> once = tables.rows("SELECT * FROM alert ORDER BY id");
    assertThat(evaluator.evaluateOnce()).isEqualTo(new Evaluation(true, 0, 0, 0));
    try (AlertEvaluator restarted = secondEvaluator()) {
      assertThat(restarted.evaluateOnce()).isEqualTo(new Evaluation(true, 0, 0, 0));
    }
    assertThat(tables.rows("SELECT * FROM alert ORDER BY id")).isEqualTo(once).hasSize(1);
    assertThat(notifications()).containsExactly("firing");
  }

  @Test
  void anEpisodeThatEndedBeforeAnyEvaluationSawItIsRecordedAndAnnouncedOnceAsResolved() {
    rule(
        """
        {"name": "oom", "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]}, "window": "10m",
         "severity": "critical"}\
        """);
    append(PodVersions.facts(WEB_LIFE)); // OOMKilled at 10:02:10: its episode ended at 10:12:10

    evaluateAt("2026-11-20T10:20:00Z");
    evaluateAt("2026-11-20T10:21:00Z");
    try (AlertEvaluator restarted = secondEvaluator()) {
      restarted.evaluateOnce();
    }

    assertThat(alerts())
        .containsExactly(
            tuple(
                "oom",
                "Deployment",
                "web",
                "OOMKilled",
                "resolved",
                "2026-11-20T10:02:10Z",
                "2026-11-20T10:12:10Z",
                1,
                "web-6d4b9c7f8-k2x9q",
                "app"));
    assertThat(notifications()).containsExactly("resolved");
  }

  @Test
  void aRuleCreatedAfterAnEpisodeEndedLeavesItToBacktestsAndAnnouncesNothing() {
    append(PodVersions.facts(WEB_LIFE)); // OOMKilled at 10:02:10: its episode ended at 10:12:10
    clock.set("2026-11-20T10:15:00Z");
    AlertRule rule =
        rule(
            """
            {"name": "oom", "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]}, "window": "10m",
             "severity": "critical"}\
            """);

    evaluateAt("2026-11-20T10:16:00Z");

    assertThat(alerts()).isEmpty();
    assertThat(notifications()).isEmpty();
    assertThat(
            Backtest.run(
                    db.jdbi(),
                    rule.spec(),
                    Instant.parse("2026-11-20T10:00:00Z"),
                    Instant.parse("2026-11-20T10:16:00Z"))
                .alerts())
        .extracting(BacktestResult.Fired::startsAt)
        .containsExactly(Instant.parse("2026-11-20T10:02:10Z"));
  }

  @Test
  void twoEvaluatorsAtOnceRaiseOneAlertAndOneNotification() throws Exception {
    rule(
        """
        {"name": "oom", "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]}, "window": "10m",
         "severity": "critical"}\
        """);
    append(PodVersions.facts(WEB_LIFE));
    clock.set("2026-11-20T10:03:00Z");
    AlertEvaluator other = secondEvaluator();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 5; round++) {
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<Evaluation>> results = new ArrayList<>();
        for (AlertEvaluator e : List.of(evaluator, other)) {
          results.add(
              pool.submit(
                  () -> {
                    together.await();
                    return e.evaluateOnce();
                  }));
        }
        for (Future<Evaluation> r : results) {
          r.get();
        }
      }
    } finally {
      pool.shutdownNow();
      other.close();
    }

    assertThat(alerts()).hasSize(1);
    assertThat(notifications()).containsExactly("firing");
  }

  // --- rules that go away

  @Test
  void disablingOrDeletingARuleResolvesItsFiringAlerts() {
    String oom =
        """
        {"name": "%s", "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]}, "window": "10m",
         "severity": "critical", "enabled": %s}\
        """;
    AlertRule disabled = rule(oom.formatted("to-disable", true));
    AlertRule deleted = rule(oom.formatted("to-delete", true));
    append(PodVersions.facts(WEB_LIFE));
    evaluateAt("2026-11-20T10:03:00Z");
    assertThat(states()).containsExactly("firing", "firing");

    rules.update(
        disabled.id(),
        RuleSpecs.parse(oom.formatted("to-disable", false), disabled.spec()),
        "test");
    rules.delete(deleted.id(), "test");
    evaluateAt("2026-11-20T10:04:00Z");

    assertThat(tables.rows("SELECT rule_name, state, ends_at FROM alert ORDER BY rule_name"))
        .extracting(r -> r.get("rule_name"), r -> r.get("state"), r -> r.get("ends_at"))
        .containsExactly(
            tuple("to-delete", "resolved", Timestamp.from(Instant.parse("2026-11-20T10:04:00Z"))),
            tuple("to-disable", "resolved", Timestamp.from(Instant.parse("2026-11-20T10:04:00Z"))));
    assertThat(notifications()).containsExactly("firing", "firing", "resolved", "resolved");
    assertThat(registry.get("podlife.alerts.firing").tag("severity", "critical").gauge().value())
        .isZero();
    assertThat(registry.get("podlife.alerts.resolved").counter().count()).isEqualTo(2);
  }

  // --- backtest

  @Test
  void aBacktestReturnsTheEpisodesLiveEvaluationRaised() {
    String json =
        """
        {"name": "errors", "condition": {"type": "termination_reason", "reasons": ["Error", "OOMKilled"]},
         "window": "5m", "severity": "warning"}\
        """;
    rule(json);
    append(PodVersions.facts(WEB_LIFE));
    for (Instant t = Instant.parse("2026-11-20T10:00:00Z");
        t.isBefore(Instant.parse("2026-11-20T11:00:00Z"));
        t = t.plusSeconds(20)) {
      evaluateAt(t);
    }
    List<Map<String, Object>> live =
        tables.rows(
            "SELECT reason, starts_at, ends_at, occurrences, pod_name, container, last_pod_name"
                + " FROM alert ORDER BY starts_at, reason");

    BacktestResult result =
        Backtest.run(
            db.jdbi(),
            RuleSpecs.parse(json, null),
            Instant.parse("2026-11-20T10:00:00Z"),
            Instant.parse("2026-11-20T11:00:00Z"));

    assertThat(result.alerts())
        .extracting(
            BacktestResult.Fired::reason,
            f -> Timestamp.from(f.startsAt()),
            f -> Timestamp.from(f.endsAt()),
            BacktestResult.Fired::occurrences,
            f -> f.first().name(),
            f -> f.first().container(),
            f -> f.last().name())
        .containsExactlyElementsOf(
            live.stream()
                .map(
                    r ->
                        tuple(
                            r.get("reason"),
                            r.get("starts_at"),
                            r.get("ends_at"),
                            r.get("occurrences"),
                            r.get("pod_name"),
                            r.get("container"),
                            r.get("last_pod_name")))
                .toList())
        .hasSize(4);
    assertThat(JsonMapper.builder().build().writeValueAsString(result))
        .contains("\"startsAt\":\"2026-11-20T10:02:10Z\"");
  }

  // --- helpers

  private AlertRule rule(String json) {
    RuleSpec spec = RuleSpecs.parse(json, null);
    return rules.create(spec, "test");
  }

  private void append(List<Fact> facts) {
    tables.append(facts);
  }

  private void evaluateAt(String instant) {
    evaluateAt(Instant.parse(instant));
  }

  private void evaluateAt(Instant instant) {
    clock.set(instant);
    assertThat(evaluator.evaluateOnce().evaluated()).isTrue();
  }

  /**
   * rule, kind, workload, reason, state, starts, ends, occurrences, pod, container (of the first
   * occurrence).
   */
  private List<Tuple> alerts() {
    return alerts(
        "rule_name",
        "workload_kind",
        "workload_name",
        "reason",
        "state",
        "starts_at",
        "ends_at",
        "occurrences",
        "pod_name",
        "container");
  }

  /** The named columns of every alert, timestamps as ISO text. */
  private List<Tuple> alerts(String... columns) {
    return tables
        .rows("SELECT * FROM alert ORDER BY rule_name, starts_at, workload_name, reason DESC")
        .stream()
        .map(
            r ->
                tuple(
                    Arrays.stream(columns)
                        .map(c -> r.get(c) instanceof Timestamp t ? text(t) : r.get(c))
                        .toArray()))
        .toList();
  }

  /** Another evaluator on the same database, as a restarted or second analyzer runs it. */
  private AlertEvaluator secondEvaluator() {
    return new AlertEvaluator(db.jdbi(), clock, new SimpleMeterRegistry(), OUTBOX);
  }

  private List<Object> states() {
    return tables.rows("SELECT state FROM alert ORDER BY rule_name, id").stream()
        .map(r -> r.get("state"))
        .toList();
  }

  private List<Object> notifications() {
    return tables.rows("SELECT status FROM alert_notification ORDER BY id").stream()
        .map(r -> r.get("status"))
        .toList();
  }

  private Object single(String sql) {
    return tables.rows(sql).getFirst().values().iterator().next();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(Object text) {
    return JsonMapper.builder().build().readValue((String) text, Map.class);
  }

  private static String text(Object timestamp) {
    return timestamp == null ? null : ((Timestamp) timestamp).toInstant().toString();
  }
}
