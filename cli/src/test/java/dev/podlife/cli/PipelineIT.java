package dev.podlife.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.Event;
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
import dev.podlife.collector.extract.PodFactTracker;
import dev.podlife.collector.extract.WorkloadResolver;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.simulator.SimulatedCluster;
import dev.podlife.testing.KafkaExtension;
import dev.podlife.testing.KubeJson;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole pipeline: a Kubernetes API (fabric8's mock in CRUD mode) → collector → a real Kafka
 * broker → analyzer → a real PostgreSQL → REST API, with the collector and then the analyzer
 * restarted mid-stream.
 */
@ExtendWith({KafkaExtension.class, PostgresExtension.class})
class PipelineIT {
  private static final KubernetesSerialization KUBE = new KubernetesSerialization();
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final String NAMESPACE = "e2e";

  @TempDir Path tmp;

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Http http;

  @Test
  void everyPodsHistoryIsCompleteAndFreeOfDuplicatesAcrossCollectorAndAnalyzerRestarts(
      TestDatabase db) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    CollectorConfig collectorConfig =
        CollectorConfig.defaults("e2e", KafkaExtension.bootstrapServers())
            .withTopics("e2e-facts-" + run, "e2e-state-" + run, 3, (short) 1);
    AnalyzerConfig analyzerConfig =
        AnalyzerConfig.defaults(KafkaExtension.bootstrapServers())
            .withFactsTopic(collectorConfig.factsTopic())
            .withGroupId("e2e-" + run);
    // What the collector must deliver: the same extraction fed with exactly the versions it could
    // observe.
    PodFactTracker expectation = new PodFactTracker("e2e", WorkloadResolver.heuristic());
    List<Fact> expected = new ArrayList<>();

    try (SimulatedCluster cluster = SimulatedCluster.start();
        ApiServer api = ApiTestSupport.start(db.jdbi(), registry, () -> true)) {
      http = new Http(api);
      KubernetesClient kube = cluster.client();
      Path kubeconfig = cluster.writeKubeconfig(tmp.resolve("kubeconfig"));
      Collector collector = startCollector(collectorConfig, kubeconfig);
      Analyzer analyzer = startAnalyzer(analyzerConfig, db);
      try {
        // 1. Both running: a pod is created, starts and becomes ready; a second pod runs beside it.
        Pod web = create(kube, pod("web", UUID.randomUUID().toString()));
        String webUid = web.getMetadata().getUid();
        expected.addAll(expectation.onPod(web, null));
        awaitStatus(webUid, "ContainerCreating");
        web = update(kube, withStatus(web, "web-running"));
        expected.addAll(expectation.onPod(web, null));
        awaitStatus(webUid, "Running");
        Pod batch =
            create(kube, withStatus(pod("batch", UUID.randomUUID().toString()), "web-running"));
        String batchUid = batch.getMetadata().getUid();
        expected.addAll(expectation.onPod(batch, null));
        awaitStatus(batchUid, "Running");

        // 2. Collector down: the web container is OOMKilled and crash-loops, the batch pod is
        // deleted.
        collector.close();
        web = update(kube, withStatus(web, "web-crashloop"));
        kube.pods()
            .inNamespace(NAMESPACE)
            .withName(batch.getMetadata().getName())
            .withGracePeriod(0)
            .delete();
        await()
            .atMost(PATIENCE)
            .until(
                () ->
                    kube.pods().inNamespace(NAMESPACE).withName(batch.getMetadata().getName()).get()
                        == null);
        expected.addAll(expectation.onPod(web, null));
        expected.addAll(expectation.reconcile(Set.of(webUid), null));
        collector = startCollector(collectorConfig, kubeconfig);
        awaitStatus(webUid, "CrashLoopBackOff");
        await().atMost(PATIENCE).until(() -> !pod(batchUid).path("deletedAt").isNull());

        // 3. Analyzer down: a repeated BackOff Event, then a graceful deletion; facts wait in Kafka
        // meanwhile.
        analyzer.close();
        Event backoff =
            kube.v1().events().inNamespace(NAMESPACE).resource(backoffEvent(web)).create();
        backoff.setCount(2);
        backoff.setLastTimestamp("2026-11-25T03:12:51Z");
        kube.v1().events().inNamespace(NAMESPACE).resource(backoff).update();
        Pod terminating = KUBE.clone(web);
        terminating.getMetadata().setDeletionTimestamp("2026-11-25T03:20:36Z");
        terminating.getMetadata().setDeletionGracePeriodSeconds(30L);
        web = update(kube, terminating);
        expected.addAll(expectation.onPod(web, null));
        web = update(kube, withStatus(web, "web-stopped"));
        expected.addAll(expectation.onPod(web, null));
        kube.pods()
            .inNamespace(NAMESPACE)
            .withName(web.getMetadata().getName())
            .withGracePeriod(0)
            .delete();
        expected.addAll(expectation.onPodDeleted(web, null));
        analyzer = startAnalyzer(analyzerConfig, db);
        await().atMost(PATIENCE).until(() -> !pod(webUid).path("deletedAt").isNull());

        // Every fact exactly once, in the order it happened, for both pods.
        for (String uid : List.of(webUid, batchUid)) {
          List<String> stored = historyKeys(uid, false);
          List<String> wanted =
              expected.stream()
                  .filter(f -> f.pod().uid().equals(uid))
                  .map(PipelineIT::key)
                  .toList();
          assertThat(stored).as("history of %s", uid).containsExactlyInAnyOrderElementsOf(wanted);
        }
        assertThat(history(webUid))
            .extracting(entry -> entry.path("status").asString())
            .containsSubsequence(
                "ContainerCreating", "Running", "CrashLoopBackOff", "Terminating", "Completed");
        assertThat(historyKeys(webUid, true))
            .filteredOn(k -> k.startsWith("EventObserved"))
            .hasSize(2);
        assertThat(history(batchUid).getLast().path("fact").path("detectedOnRelist").asBoolean())
            .isTrue();
        JsonNode webNow = pod(webUid);
        assertThat(webNow.path("status").asString()).isEqualTo("Completed");
        assertThat(webNow.path("restarts").asInt()).isEqualTo(1);
        assertThat(webNow.path("workload").path("name").asString()).isEqualTo("web");
      } finally {
        analyzer.close();
        collector.close();
      }
    }
  }

  private Collector startCollector(CollectorConfig config, Path kubeconfig) {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(null, kubeconfig.toFile()))
            .build();
    Collector collector = new Collector(config, client, Clock.systemUTC(), registry);
    collector.start();
    await("collector listing").atMost(PATIENCE).until(collector::isRunning);
    return collector;
  }

  private Analyzer startAnalyzer(AnalyzerConfig config, TestDatabase db) {
    Analyzer analyzer = new Analyzer(config, db.jdbi(), Clock.systemUTC(), registry);
    analyzer.start();
    return analyzer;
  }

  private static Pod pod(String name, String uid) {
    String json =
        KubeJson.resource("pipeline/web.json")
            .replace("UID", uid)
            .replace("web-6d4cf56db6-x7k2p", name + "-6d4cf56db6-x7k2p");
    return KUBE.unmarshal(json, Pod.class);
  }

  private static Pod withStatus(Pod pod, String stage) {
    Pod next = KUBE.clone(pod);
    next.setStatus(
        KUBE.unmarshal(
            KubeJson.resource("pipeline/" + stage + ".status.json")
                .replace("UID", pod.getMetadata().getUid()),
            PodStatus.class));
    return next;
  }

  private static Event backoffEvent(Pod pod) {
    return KUBE.unmarshal(
        KubeJson.resource("pipeline/backoff-event.json").replace("UID", pod.getMetadata().getUid()),
        Event.class);
  }

  private static Pod create(KubernetesClient kube, Pod pod) {
    return kube.pods().inNamespace(NAMESPACE).resource(pod).create();
  }

  private static Pod update(KubernetesClient kube, Pod pod) {
    return kube.pods().inNamespace(NAMESPACE).resource(pod).update();
  }

  private void awaitStatus(String uid, String status) {
    await("pod " + uid + " " + status)
        .atMost(PATIENCE)
        .untilAsserted(() -> assertThat(pod(uid).path("status").asString()).isEqualTo(status));
  }

  private JsonNode pod(String uid) {
    Http.Response response = http.get("/api/v1/pods/" + uid);
    return response.status() == 200 ? response.json() : FactSerde.mapper().createObjectNode();
  }

  private List<JsonNode> history(String uid) {
    List<JsonNode> entries = new ArrayList<>();
    http.ok("/api/v1/pods/" + uid + "/history").path("items").forEach(entries::add);
    return entries;
  }

  /** type/subject/resourceVersion of each history entry, Events left out unless asked for. */
  private List<String> historyKeys(String uid, boolean withEvents) {
    return history(uid).stream()
        .filter(e -> withEvents || !e.path("type").asString().equals("EventObserved"))
        .map(
            e ->
                e.path("type").asString()
                    + "/"
                    + e.path("subject").asString()
                    + "@"
                    + e.path("fact").path("resourceVersion").asString())
        .toList();
  }

  private static String key(Fact fact) {
    return fact.type() + "/" + fact.subject() + "@" + fact.resourceVersion();
  }
}
