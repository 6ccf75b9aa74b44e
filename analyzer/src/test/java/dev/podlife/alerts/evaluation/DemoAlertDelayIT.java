package dev.podlife.alerts.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.podlife.alerts.rules.RuleSpecs;
import dev.podlife.alerts.rules.RuleStore;
import dev.podlife.analyzer.Analyzer;
import dev.podlife.analyzer.AnalyzerConfig;
import dev.podlife.collector.Collector;
import dev.podlife.collector.CollectorConfig;
import dev.podlife.simulator.Demo;
import dev.podlife.simulator.SimulatedCluster;
import dev.podlife.testing.KafkaExtension;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's OOMKilled worker through the live pipeline (simulated cluster → collector → Kafka → analyzer, the
 * evaluator nudged after each stored batch): an OOMKilled rule fires. The delay from the fact being stored (and
 * observed) to the alert row is measured and reported, not asserted: it depends on the machine.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class DemoAlertDelayIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void anOomKilledRuleFiresOnTheDemosHungryWorker(TestDatabase db, TestReporter report) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    CollectorConfig collectorConfig =
        CollectorConfig.defaults("demo", KafkaExtension.bootstrapServers())
            .withTopics("alert-facts-" + run, "alert-state-" + run, 1, (short) 1);
    AnalyzerConfig analyzerConfig =
        AnalyzerConfig.defaults(KafkaExtension.bootstrapServers())
            .withFactsTopic(collectorConfig.factsTopic())
            .withGroupId("alerts-" + run);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    new RuleStore(db.jdbi(), Clock.systemUTC()).create(RuleSpecs.parse("""
        {"name": "oom-killed", "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]},
         "window": "10m", "threshold": 1, "severity": "critical"}""", null), "test");
    try (SimulatedCluster cluster = SimulatedCluster.start();
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(null, cluster.writeKubeconfig(tmp.resolve("kubeconfig")).toFile()))
                .build();
        Collector collector = new Collector(collectorConfig, client, Clock.systemUTC(), registry);
        Analyzer analyzer = new Analyzer(analyzerConfig, db.jdbi(), Clock.systemUTC(), registry);
        AlertEvaluator evaluator = new AlertEvaluator(db.jdbi(), Clock.systemUTC(), registry, AlertEvaluatorIT.OUTBOX)) {
      analyzer.onBatchStored(evaluator::nudge);
      evaluator.start();
      collector.start();
      analyzer.start();
      try (Demo demo = cluster.playDemo(Clock.systemUTC(), 1.0)) {
        await("the OOMKilled alert").atMost(PATIENCE).pollInterval(Duration.ofMillis(100)).until(() -> firstAlert(db) != null);
      }
      Map<String, Object> timing = firstAlert(db);
      Duration fromStored = Duration.between(instant(timing, "stored_at"), instant(timing, "created_at"));
      Duration fromObserved = Duration.between(instant(timing, "observed_at"), instant(timing, "created_at"));
      String line = "OOMKilled fact → alert row: " + fromStored.toMillis() + " ms after the fact was stored, "
          + fromObserved.toMillis() + " ms after the collector observed it (pod " + timing.get("pod_name")
          + ", terminated at " + instant(timing, "occurred_at") + ", observed at " + instant(timing, "observed_at")
          + ", stored at " + instant(timing, "stored_at") + ", alert at " + instant(timing, "created_at") + ")";
      System.out.println(line);
      report.publishEntry("alert delay", line);
      assertThat(timing.get("state")).isEqualTo("firing");
      long firing = db.jdbi().withHandle(h -> h.createQuery(
          "SELECT count(*) FROM alert_notification WHERE status = 'firing'").mapTo(Long.class).one());
      assertThat(firing).as("one firing notification for the one alert").isOne();
    }
  }

  /** The first alert with the fact of its first occurrence: when that fact was observed and stored. */
  private static Map<String, Object> firstAlert(TestDatabase db) {
    return db.jdbi().withHandle(h -> h.createQuery(
            """
            SELECT a.state, a.pod_name, a.created_at, f.stored_at, f.observed_at, t.at AS occurred_at
            FROM alert a
            JOIN termination t ON t.pod_uid = a.pod_uid AND t.reason = a.reason AND t.at = a.starts_at
            JOIN fact f ON f.id = t.fact_id
            WHERE a.rule_name = 'oom-killed'
            ORDER BY a.id, f.id LIMIT 1""")
        .mapToMap()
        .findOne()
        .orElse(null));
  }

  private static java.time.Instant instant(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value instanceof OffsetDateTime odt ? odt.toInstant() : ((java.sql.Timestamp) value).toInstant();
  }
}
