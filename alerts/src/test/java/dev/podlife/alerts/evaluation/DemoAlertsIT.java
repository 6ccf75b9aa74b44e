package dev.podlife.alerts.evaluation;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.alerts.Alerting;
import dev.podlife.alerts.delivery.DeliveryConfig;
import dev.podlife.alerts.rules.ExampleRules;
import dev.podlife.alerts.rules.RuleStore;
import dev.podlife.analyzer.Analyzer;
import dev.podlife.analyzer.AnalyzerConfig;
import dev.podlife.collector.Collector;
import dev.podlife.collector.CollectorConfig;
import dev.podlife.simulator.Demo;
import dev.podlife.simulator.SimulatedCluster;
import dev.podlife.testing.Alertmanager;
import dev.podlife.testing.AlertmanagerExtension;
import dev.podlife.testing.KafkaExtension;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo as {@code podlife demo --alertmanager-url} runs it — its example rules, the simulated
 * cluster → collector → Kafka → analyzer with alerting nudged after each stored batch → a real
 * Alertmanager: the OOMKilled worker is a firing alert in Alertmanager's own API within a minute of
 * the demo starting. The delays from the fact being stored (and observed) to the alert row and to
 * its delivery are measured and reported, not asserted: they depend on the machine.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class, AlertmanagerExtension.class})
class DemoAlertsIT {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void theDemosOomKilledWorkerIsFiringInAlertmanagerWithinAMinute(
      TestDatabase db, Alertmanager alertmanager, TestReporter report) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    CollectorConfig collectorConfig =
        CollectorConfig.defaults("demo", KafkaExtension.bootstrapServers())
            .withTopics("alert-facts-" + run, "alert-state-" + run, 1, (short) 1);
    AnalyzerConfig analyzerConfig =
        AnalyzerConfig.defaults(KafkaExtension.bootstrapServers())
            .withFactsTopic(collectorConfig.factsTopic())
            .withGroupId("alerts-" + run);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ExampleRules.store(new RuleStore(db.jdbi(), Clock.systemUTC()), "podlife demo");
    DeliveryConfig delivery =
        DeliveryConfig.defaults()
            .withAlertmanagerUrls(List.of(alertmanager.url()))
            .withPublicApiUrl(URI.create("http://127.0.0.1:8080"));
    try (SimulatedCluster cluster = SimulatedCluster.start();
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(
                    Config.fromKubeconfig(
                        null, cluster.writeKubeconfig(tmp.resolve("kubeconfig")).toFile()))
                .build();
        Collector collector = new Collector(collectorConfig, client, Clock.systemUTC(), registry);
        Analyzer analyzer = new Analyzer(analyzerConfig, db.jdbi(), Clock.systemUTC(), registry);
        Alerting alerting = Alerting.start(db.jdbi(), delivery, Clock.systemUTC(), registry)) {
      analyzer.onBatchStored(alerting::nudge);
      collector.start();
      analyzer.start();
      long demoStarted = System.nanoTime();
      try (Demo demo = cluster.playDemo(Clock.systemUTC(), 1.0)) {
        await("the OOMKilled alert in Alertmanager")
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(100))
            .until(() -> !activeOomAlerts(alertmanager).isEmpty());
      }
      Duration sinceDemoStart = Duration.ofNanos(System.nanoTime() - demoStarted);
      JsonNode inAlertmanager = activeOomAlerts(alertmanager).getFirst();
      assertThat(inAlertmanager.path("labels").path("severity").asString()).isEqualTo("critical");
      assertThat(inAlertmanager.path("labels").path("reason").asString()).isEqualTo("OOMKilled");
      assertThat(inAlertmanager.path("labels").path("workload").asString())
          .isEqualTo("Deployment/hungry");
      assertThat(inAlertmanager.path("labels").path("pod").asString()).startsWith("hungry-");
      assertThat(inAlertmanager.path("labels").path("container").asString()).isEqualTo("worker");
      assertThat(inAlertmanager.path("generatorURL").asString())
          .startsWith("http://127.0.0.1:8080/ui/pods/");
      Map<String, Object> timing = firstAlert(db);
      Duration fromStored =
          Duration.between(instant(timing, "stored_at"), instant(timing, "created_at"));
      Duration fromObserved =
          Duration.between(instant(timing, "observed_at"), instant(timing, "created_at"));
      Duration delivered =
          Duration.between(instant(timing, "stored_at"), instant(timing, "delivered_at"));
      String line =
          "OOMKilled fact → alert row: "
              + fromStored.toMillis()
              + " ms after the fact was stored, "
              + fromObserved.toMillis()
              + " ms after the collector observed it; delivered to Alertmanager "
              + delivered.toMillis()
              + " ms after the fact was stored; seen in Alertmanager "
              + sinceDemoStart.toSeconds()
              + " s after the demo started (pod "
              + timing.get("pod_name")
              + ", terminated at "
              + instant(timing, "occurred_at")
              + ", observed at "
              + instant(timing, "observed_at")
              + ", stored at "
              + instant(timing, "stored_at")
              + ", alert at "
              + instant(timing, "created_at")
              + ")";
      System.out.println(line);
      report.publishEntry("alert delay", line);
      assertThat(timing.get("state")).isEqualTo("firing");
      long firing =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT count(*) FROM alert_notification WHERE status = 'firing'")
                          .mapTo(Long.class)
                          .one());
      assertThat(firing)
          .as("one firing notification per alert (re-sends come a minute later)")
          .isEqualTo(
              db.jdbi()
                  .withHandle(
                      h -> h.createQuery("SELECT count(*) FROM alert").mapTo(Long.class).one()));
    }
  }

  /**
   * The first alert with the fact of its first occurrence: when that fact was observed and stored.
   */
  private static Map<String, Object> firstAlert(TestDatabase db) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        """
                        SELECT a.state, a.pod_name, a.created_at, f.stored_at, f.observed_at, t.at AS occurred_at, n.delivered_at
                        FROM alert a
                        JOIN termination t ON t.pod_uid = a.pod_uid AND t.reason = a.reason AND t.at = a.starts_at
                        JOIN fact f ON f.id = t.fact_id
                        JOIN alert_notification n ON n.alert_id = a.id AND n.status = 'firing' AND n.state = 'delivered'
                        WHERE a.rule_name = 'ContainerOOMKilled'
                        ORDER BY a.id, f.id LIMIT 1\
                        """)
                    .mapToMap()
                    .findOne()
                    .orElse(null));
  }

  private static List<JsonNode> activeOomAlerts(Alertmanager alertmanager) {
    String filter = URLEncoder.encode("alertname=\"ContainerOOMKilled\"", StandardCharsets.UTF_8);
    JsonNode alerts =
        JsonMapper.shared().readTree(alertmanager.alerts("active=true&filter=" + filter));
    List<JsonNode> out = new ArrayList<>();
    alerts.forEach(out::add);
    return out;
  }

  private static java.time.Instant instant(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value instanceof OffsetDateTime odt
        ? odt.toInstant()
        : ((java.sql.Timestamp) value).toInstant();
  }
}
