package dev.podlife.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
import dev.podlife.analyzer.probes.ProbeFilter;
import dev.podlife.analyzer.probes.ProbesReport;
import dev.podlife.collector.Collector;
import dev.podlife.collector.CollectorConfig;
import dev.podlife.simulator.Demo;
import dev.podlife.simulator.SimulatedCluster;
import dev.podlife.testing.KafkaExtension;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo, played ten times faster through collector, Kafka and analyzer: its failing-readiness
 * pod and its liveness-restart pod show in the probes report as the scenarios script them.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class DemoProbesIT {
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path tmp;

  @Test
  void theDemosFailingProbesShowInTheProbesReport(TestDatabase db) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CollectorConfig collectorConfig =
        CollectorConfig.defaults("demo", KafkaExtension.bootstrapServers())
            .withTopics("probes-facts-" + run, "probes-state-" + run, 3, (short) 1);
    AnalyzerConfig analyzerConfig =
        AnalyzerConfig.defaults(KafkaExtension.bootstrapServers())
            .withFactsTopic(collectorConfig.factsTopic())
            .withGroupId("probes-" + run);
    ProbesReport report = new ProbesReport(db.jdbi());
    try (SimulatedCluster cluster = SimulatedCluster.start()) {
      Path kubeconfig = cluster.writeKubeconfig(tmp.resolve("kubeconfig"));
      KubernetesClient client =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(null, kubeconfig.toFile()))
              .build();
      Collector collector = new Collector(collectorConfig, client, Clock.systemUTC(), registry);
      Analyzer analyzer = new Analyzer(analyzerConfig, db.jdbi(), Clock.systemUTC(), registry);
      try (Demo demo = cluster.playDemo(Clock.systemUTC(), 0.1)) {
        collector.start();
        analyzer.start();
        await("the failing-readiness and liveness-restart pods in the report")
            .atMost(PATIENCE)
            .untilAsserted(
                () -> {
                  List<ProbesReport.Container> containers =
                      report.containers(
                          new ProbeFilter(
                              "demo",
                              Demo.NAMESPACE,
                              null,
                              null,
                              null,
                              null,
                              null,
                              Clock.systemUTC().instant()));
                  // the flaky-ready pod: five readiness failures on one Event counted up, never
                  // ready
                  assertThat(containers)
                      .filteredOn(c -> c.pod().startsWith("flaky-ready-"))
                      .anySatisfy(
                          c -> {
                            assertThat(c.readinessFailures()).isEqualTo(5);
                            assertThat(c.readinessFlaps()).isZero();
                            assertThat(c.notReadySeconds()).isPositive();
                            assertThat(c.probes().readiness().handler()).isEqualTo("httpGet");
                          });
                  // the wobbly pod: three liveness failures, then killed by its liveness probe and
                  // restarted
                  assertThat(containers)
                      .filteredOn(c -> c.pod().startsWith("wobbly-"))
                      .anySatisfy(
                          c -> {
                            assertThat(c.livenessFailures()).isEqualTo(3);
                            assertThat(c.restarts()).isEqualTo(1);
                            assertThat(c.livenessRestarts()).isEqualTo(1);
                          });
                });
      } finally {
        analyzer.close();
        collector.close();
        client.close();
      }
    }
  }
}
