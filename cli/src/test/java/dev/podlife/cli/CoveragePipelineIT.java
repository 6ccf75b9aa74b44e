package dev.podlife.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.analyzer.Analyzer;
import dev.podlife.analyzer.AnalyzerConfig;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.collector.Collector;
import dev.podlife.collector.CollectorConfig;
import dev.podlife.simulator.SimulatedCluster;
import dev.podlife.testing.KafkaExtension;
import dev.podlife.testing.KubeJson;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestClock;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A collector stopped for five minutes and started again, through the real pipeline (the mock API
 * server → collector → Kafka → analyzer → PostgreSQL → REST API): the cluster's coverage and the
 * history of the pod that lived through it show the gap. One clock for all, moved by the test.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class CoveragePipelineIT {
  private static final KubernetesSerialization KUBE = new KubernetesSerialization();
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String NAMESPACE = "e2e";

  @TempDir Path tmp;

  private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final TestClock clock = TestClock.at(t0);
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Http http;

  @Test
  void aCollectorDowntimeShowsAsAGapInTheCoverageAndInThePodsHistory(TestDatabase db) {
    String run = UUID.randomUUID().toString().substring(0, 8);
    CollectorConfig collectorConfig =
        CollectorConfig.defaults("cov-" + run, KafkaExtension.bootstrapServers())
            .withTopics("cov-facts-" + run, "cov-state-" + run, 3, (short) 1)
            .withHeartbeatInterval(Duration.ofSeconds(10));
    AnalyzerConfig analyzerConfig =
        AnalyzerConfig.defaults(KafkaExtension.bootstrapServers())
            .withFactsTopic(collectorConfig.factsTopic())
            .withGroupId("cov-" + run);
    String coverage = "/api/v1/clusters/" + collectorConfig.cluster() + "/coverage";
    String gap = "not observed between " + t0.plusSeconds(10) + " and " + t0.plusSeconds(300);

    try (SimulatedCluster cluster = SimulatedCluster.start();
        ApiServer api =
            ApiServer.start(ApiTestSupport.config(), db.jdbi(), registry, () -> true, clock);
        Analyzer analyzer = new Analyzer(analyzerConfig, db.jdbi(), clock, registry)) {
      http = new Http(api);
      analyzer.start();
      KubernetesClient kube = cluster.client();
      Path kubeconfig = cluster.writeKubeconfig(tmp.resolve("kubeconfig"));
      Pod web;
      try (Collector first = startCollector(collectorConfig, kubeconfig)) {
        web = kube.pods().inNamespace(NAMESPACE).resource(pod()).create();
        awaitStatus(web.getMetadata().getUid(), "ContainerCreating");
        awaitLastHeartbeat(coverage, t0);
        clock.set(t0.plusSeconds(10));
        awaitLastHeartbeat(coverage, t0.plusSeconds(10));
      }
      clock.set(t0.plusSeconds(300)); // five minutes nobody watches; the pod starts meanwhile
      kube.pods().inNamespace(NAMESPACE).resource(withRunningStatus(web)).update();
      try (Collector second = startCollector(collectorConfig, kubeconfig)) {
        awaitLastHeartbeat(coverage, t0.plusSeconds(300));
        awaitStatus(web.getMetadata().getUid(), "Running");

        JsonNode report = http.ok(coverage + "?from=" + t0 + "&to=" + t0.plusSeconds(300));
        assertThat(report.get("gaps")).hasSize(1);
        assertThat(report.get("gaps").get(0).get("summary").asString()).isEqualTo(gap);
        assertThat(report.get("gaps").get(0).get("ongoing").asBoolean()).isFalse();
        assertThat(report.get("intervals")).hasSize(2);
        assertThat(report.get("intervals").get(1).get("ongoing").asBoolean()).isTrue();
        assertThat(report.get("observedFraction").asDouble()).isEqualTo(10.0 / 300);
        assertThat(report.get("unobservedSeconds").asDouble()).isZero();

        List<JsonNode> notObserved = new ArrayList<>();
        http.ok("/api/v1/pods/" + web.getMetadata().getUid() + "/history")
            .get("items")
            .forEach(
                entry -> {
                  if (entry.get("type").asString().equals("NotObserved")) {
                    notObserved.add(entry);
                  }
                });
        assertThat(notObserved).singleElement();
        assertThat(notObserved.getFirst().get("summary").asString()).isEqualTo(gap);
        assertThat(registry.scrape())
            .contains(
                "podlife_collector_unobserved_seconds{cluster=\""
                    + collectorConfig.cluster()
                    + "\"} 0.0");
      }
    }
  }

  private void awaitLastHeartbeat(String coverage, Instant sentAt) {
    await("heartbeat of " + sentAt + " stored")
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Http.Response response = http.get(coverage);
              assertThat(response.status()).isEqualTo(200);
              assertThat(response.json().get("lastHeartbeat").asString())
                  .isEqualTo(sentAt.toString());
            });
  }

  private Collector startCollector(CollectorConfig config, Path kubeconfig) {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(null, kubeconfig.toFile()))
            .build();
    Collector collector = new Collector(config, client, clock, registry);
    collector.start();
    await("collector listing").atMost(PATIENCE).until(collector::isRunning);
    return collector;
  }

  private static Pod pod() {
    return KUBE.unmarshal(
        KubeJson.resource("pipeline/web.json").replace("UID", UUID.randomUUID().toString()),
        Pod.class);
  }

  private static Pod withRunningStatus(Pod pod) {
    Pod next = KUBE.clone(pod);
    next.setStatus(
        KUBE.unmarshal(
            KubeJson.resource("pipeline/web-running.status.json")
                .replace("UID", pod.getMetadata().getUid()),
            PodStatus.class));
    return next;
  }

  private void awaitStatus(String uid, String status) {
    await("pod " + uid + " " + status)
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              Http.Response response = http.get("/api/v1/pods/" + uid);
              assertThat(response.status()).isEqualTo(200);
              assertThat(response.json().path("status").asString()).isEqualTo(status);
            });
  }
}
