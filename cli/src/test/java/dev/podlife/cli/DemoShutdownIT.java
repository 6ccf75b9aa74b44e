package dev.podlife.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.analyzer.Analyzer;
import dev.podlife.analyzer.AnalyzerConfig;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.collector.Collector;
import dev.podlife.collector.CollectorConfig;
import dev.podlife.simulator.Demo;
import dev.podlife.simulator.SimulatedCluster;
import dev.podlife.testing.KafkaExtension;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo, played five times faster through the live pipeline: its {@code stubborn} pod (preStop
 * hook hanging past a 5 s grace period) is reported killed after grace, the seed's {@code loap}
 * scale-to-zero as a clean exit.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class DemoShutdownIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path tmp;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  @Test
  void theStubbornPodIsKilledAfterGraceAndLoapExitsCleanly(TestDatabase db) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    CollectorConfig collectorConfig =
        CollectorConfig.defaults("demo", KafkaExtension.bootstrapServers())
            .withTopics("shutdown-facts-" + run, "shutdown-state-" + run, 1, (short) 1);
    AnalyzerConfig analyzerConfig =
        AnalyzerConfig.defaults(KafkaExtension.bootstrapServers())
            .withFactsTopic(collectorConfig.factsTopic())
            .withGroupId("shutdown-" + run);
    try (SimulatedCluster cluster = SimulatedCluster.start();
        KubernetesClient client =
            new KubernetesClientBuilder()
                .withConfig(
                    Config.fromKubeconfig(
                        null, cluster.writeKubeconfig(tmp.resolve("kubeconfig")).toFile()))
                .build();
        Collector collector = new Collector(collectorConfig, client, Clock.systemUTC(), registry);
        Analyzer analyzer = new Analyzer(analyzerConfig, db.jdbi(), Clock.systemUTC(), registry);
        ApiServer api = ApiTestSupport.start(db.jdbi(), registry, () -> true)) {
      collector.start();
      analyzer.start();
      try (Demo demo = cluster.playDemo(Clock.systemUTC(), 0.2)) {
        await("stubborn killed after grace")
            .atMost(PATIENCE)
            .untilAsserted(
                () -> {
                  JsonNode groups = report(api, "?workload=Deployment/stubborn").get("groups");
                  assertThat(groups.size()).isOne();
                  assertThat(groups.get(0).get("outcomes").get("killed_after_grace").asLong())
                      .isPositive();
                  // the kubelet reports the hook's failure after the container is gone
                  assertThat(groups.get(0).get("preStopFailed").asLong()).isPositive();
                });
        await("loap stopped")
            .atMost(PATIENCE)
            .untilAsserted(
                () -> {
                  JsonNode groups = report(api, "?workload=Deployment/loap").get("groups");
                  assertThat(groups.size()).isOne();
                  JsonNode loap = groups.get(0);
                  assertThat(loap.get("containers").asLong()).isEqualTo(1);
                  assertThat(loap.get("stopping").asLong()).isZero();
                });
      }
      JsonNode stubborn = report(api, "?workload=Deployment/stubborn").get("groups").get(0);
      assertThat(stubborn.get("outcomes").get("clean").asLong()).isZero();
      assertThat(stubborn.get("gracePeriodSeconds").get("max").asLong()).isEqualTo(5);
      assertThat(stubborn.get("recommendation").asString()).contains("SIGKILLed");
      JsonNode loap = report(api, "?workload=Deployment/loap").get("groups").get(0);
      assertThat(loap.get("outcomes").get("clean").asLong()).isEqualTo(1);
      assertThat(loap.get("podGoneSeconds").get("p50").isNumber())
          .as("the live pipeline times the DELETED event")
          .isTrue();
      Integer loapExit =
          db.jdbi()
              .withHandle(
                  h ->
                      h.createQuery(
                              "SELECT exit_code FROM shutdown_container c JOIN shutdown_pod p USING"
                                  + " (cluster, pod_uid) WHERE p.workload_name = 'loap'")
                          .mapTo(Integer.class)
                          .one());
      assertThat(loapExit).as("exit on SIGTERM").isEqualTo(143);
    }
  }

  private static JsonNode report(ApiServer api, String query) {
    return new Http(api).ok("/api/v1/reports/shutdown" + query);
  }
}
