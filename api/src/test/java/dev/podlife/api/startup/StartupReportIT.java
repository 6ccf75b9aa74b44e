package dev.podlife.api.startup;

import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

import dev.podlife.analyzer.startup.StartupReports;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.api.ApiServer;
import dev.podlife.api.ApiTestSupport;
import dev.podlife.api.Http;
import dev.podlife.collector.extract.EventFacts;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.Fact;
import dev.podlife.events.FactDiff;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 generated pods with known timestamps, as Pod and Event objects through the collector's
 * extraction and the analyzer's store, and the startup report over them through the REST API.
 */
@ExtendWith(PostgresExtension.class)
class StartupReportIT {
  private static final String CLUSTER = "gen";
  private static final int PODS = 1000;
  private static final Instant START = Instant.parse("2026-11-24T23:00:00Z");

  /** Pod i is created at START + i·7 s: the pods span two UTC days. */
  private static final Duration SPACING = Duration.ofSeconds(7);

  private static final DateTimeFormatter MICRO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);
  private static final String STUCK_UID = "00000000-0000-4000-8000-00000000dead";

  /**
   * The never-started pod lives in a cluster of its own, so that the generated cluster's statistics
   * are exact.
   */
  private static final String STUCK_CLUSTER = "stuck";

  /** One generated pod's known timestamps. */
  record Generated(
      String uid,
      String name,
      Instant created,
      Instant scheduled,
      Instant running,
      Instant ready,
      Instant watched,
      long pullMs) {}

  private static final List<Generated> generated = new ArrayList<>();
  private static ApiServer server;
  private static Http http;

  @BeforeAll
  static void storeGeneratedPodsAndStart(TestDatabase db) {
    Random random = new Random(20261125);
    List<Fact> facts = new ArrayList<>();
    for (int i = 0; i < PODS; i++) {
      Instant created = START.plus(SPACING.multipliedBy(i));
      Instant scheduled = created.plus(random.nextInt(3_000_000), ChronoUnit.MICROS);
      // startedAt and condition times have whole seconds, as the API server writes them
      Instant running = created.plusSeconds(1 + random.nextInt(i % 10 == 0 ? 40 : 6));
      Instant ready = running.plusSeconds(random.nextInt(12));
      Instant watched = running.plusMillis(random.nextInt(2500));
      long pullMs = random.nextInt(20_000);
      Generated pod =
          new Generated(
              "00000000-0000-4000-8000-%012d".formatted(i),
              "gen-%04d".formatted(i),
              created,
              scheduled,
              running,
              ready,
              watched,
              pullMs);
      generated.add(pod);
      facts.addAll(life(pod, i % 2 == 0));
    }
    facts.addAll(stuckPod());
    new FactStore(db.jdbi(), Clock.systemUTC())
        .append(facts.stream().map(SourcedFact::offline).toList());
    server = ApiTestSupport.start(db.jdbi());
    http = new Http(server);
  }

  @AfterAll
  static void stop() {
    ApiTestSupport.stop(server);
  }

  private static PodBuilder pod(String uid, String name, Instant created, String resourceVersion) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace((name.hashCode() & 1) == 0 ? "batch-a" : "batch-b")
        .withUid(uid)
        .withResourceVersion(resourceVersion)
        .withCreationTimestamp(created.toString())
        .addNewOwnerReference()
        .withApiVersion("apps/v1")
        .withKind("ReplicaSet")
        .withName("gen-5d8f7c")
        .withUid("rs-gen")
        .withController(true)
        .endOwnerReference()
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("registry.example.com/gen:1")
        .endContainer()
        .addNewVolume()
        .withName("cache")
        .withNewEmptyDir()
        .endEmptyDir()
        .endVolume()
        .withNodeName("node-" + (name.hashCode() & 3))
        .endSpec();
  }

  /**
   * A pending-then-running pod, with its Scheduled and Pulled Events (older Pulled form for half of
   * them).
   */
  private static List<Fact> life(Generated g, boolean olderPulledForm) {
    Pod pending =
        pod(g.uid(), g.name(), g.created(), "1")
            .withNewStatus()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("True")
            .withLastTransitionTime(g.scheduled().truncatedTo(ChronoUnit.SECONDS).toString())
            .endCondition()
            .addNewContainerStatus()
            .withName("app")
            .withImage("registry.example.com/gen:1")
            .withRestartCount(0)
            .withReady(false)
            .withNewState()
            .withNewWaiting()
            .withReason("ContainerCreating")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    Pod running =
        pod(g.uid(), g.name(), g.created(), "2")
            .withNewStatus()
            .withPhase("Running")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("True")
            .withLastTransitionTime(g.scheduled().truncatedTo(ChronoUnit.SECONDS).toString())
            .endCondition()
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .withLastTransitionTime(g.ready().toString())
            .endCondition()
            .addNewContainerStatus()
            .withName("app")
            .withImage("registry.example.com/gen:1")
            .withRestartCount(0)
            .withReady(true)
            .withStarted(true)
            .withNewState()
            .withNewRunning()
            .withStartedAt(g.running().toString())
            .endRunning()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    PodSnapshot first = PodSnapshots.of(CLUSTER, pending);
    PodSnapshot second = PodSnapshots.of(CLUSTER, running);
    List<Fact> facts = new ArrayList<>(FactDiff.between(null, first, g.created()));
    String pulled =
        olderPulledForm
            ? "Successfully pulled image \"registry.example.com/gen:1\" in " + g.pullMs() + "ms"
            : "Successfully pulled image \"registry.example.com/gen:1\" in "
                + g.pullMs() / 1000.0
                + "s ("
                + (g.pullMs() / 1000.0 + 1)
                + "s including waiting). Image size: 1000 bytes.";
    Function<String, dev.podlife.events.PodRef> known = uid -> first.pod();
    EventFacts.of(CLUSTER, scheduledEvent(g), known, g.scheduled()).ifPresent(facts::add);
    EventFacts.of(CLUSTER, pulledEvent(g, pulled), known, g.running()).ifPresent(facts::add);
    facts.addAll(FactDiff.between(first, second, g.watched()));
    return facts;
  }

  private static Event scheduledEvent(Generated g) {
    return eventAbout(g, ".scheduled", "5c4ed000-", "10", null)
        .withReason("Scheduled")
        .withType("Normal")
        .withMessage("Successfully assigned " + g.name() + " to node")
        .withEventTime(new MicroTime(MICRO.format(g.scheduled())))
        .withReportingComponent("default-scheduler")
        .withAction("Binding")
        .build();
  }

  private static Event pulledEvent(Generated g, String message) {
    String at = g.running().minusSeconds(1).toString();
    return eventAbout(g, ".pulled", "9011ed00-", "11", "spec.containers{app}")
        .withReason("Pulled")
        .withType("Normal")
        .withMessage(message)
        .withFirstTimestamp(at)
        .withLastTimestamp(at)
        .withCount(1)
        .build();
  }

  /**
   * An Event object of the generated pod's namespace about it (about one of its containers with a
   * field path).
   */
  private static EventBuilder eventAbout(
      Generated g, String nameSuffix, String uidPrefix, String resourceVersion, String fieldPath) {
    return new EventBuilder()
        .withNewMetadata()
        .withName(g.name() + nameSuffix)
        .withNamespace("batch")
        .withUid(g.uid().replace("00000000-", uidPrefix))
        .withResourceVersion(resourceVersion)
        .endMetadata()
        .withNewInvolvedObject()
        .withKind("Pod")
        .withName(g.name())
        .withUid(g.uid())
        .withFieldPath(fieldPath)
        .endInvolvedObject();
  }

  /** Scheduled, but its image cannot be pulled: it never starts. */
  private static List<Fact> stuckPod() {
    Instant created = START.plusSeconds(30);
    Pod stuck =
        pod(STUCK_UID, "gen-stuck", created, "1")
            .withNewStatus()
            .withPhase("Pending")
            .addNewCondition()
            .withType("PodScheduled")
            .withStatus("True")
            .withLastTransitionTime(created.plusSeconds(1).toString())
            .endCondition()
            .addNewContainerStatus()
            .withName("app")
            .withImage("registry.example.com/gen:1")
            .withRestartCount(0)
            .withReady(false)
            .withNewState()
            .withNewWaiting()
            .withReason("ImagePullBackOff")
            .withMessage("Back-off pulling image \"registry.example.com/gen:1\"")
            .endWaiting()
            .endState()
            .endContainerStatus()
            .endStatus()
            .build();
    return FactDiff.between(null, PodSnapshots.of(STUCK_CLUSTER, stuck), created.plusSeconds(20));
  }

  // --- expectations, computed here the way clusterloader2 does ---

  private static long nearestRank(List<Long> values, int percentile) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get((int) Math.ceil(sorted.size() * percentile / 100.0) - 1);
  }

  private static Map<String, List<Long>> expectedLatencies(List<Generated> pods) {
    Map<String, Function<Generated, Long>> transitions = new LinkedHashMap<>();
    transitions.put("create_to_schedule", g -> StartupReports.millis(g.created(), g.scheduled()));
    transitions.put("schedule_to_run", g -> StartupReports.millis(g.scheduled(), g.running()));
    transitions.put("create_to_run", g -> StartupReports.millis(g.created(), g.running()));
    transitions.put("run_to_watch", g -> StartupReports.millis(g.running(), g.watched()));
    transitions.put("schedule_to_watch", g -> StartupReports.millis(g.scheduled(), g.watched()));
    transitions.put("pod_startup", g -> StartupReports.millis(g.created(), g.watched()));
    transitions.put("create_to_ready", g -> StartupReports.millis(g.created(), g.ready()));
    transitions.put("run_to_ready", g -> StartupReports.millis(g.running(), g.ready()));
    transitions.put("image_pull", Generated::pullMs);
    Map<String, List<Long>> latencies = new LinkedHashMap<>();
    transitions.forEach((name, f) -> latencies.put(name, pods.stream().map(f).toList()));
    return latencies;
  }

  @Test
  void percentilesAreExactlyClusterloader2sNearestRank() {
    JsonNode groups = http.ok("/api/v1/reports/startup?cluster=" + CLUSTER).get("groups");
    assertThat(groups.size()).isEqualTo(1);
    JsonNode group = groups.get(0);
    assertThat(group.get("pods").asLong()).isEqualTo(PODS);
    assertThat(group.get("started").asLong()).isEqualTo(PODS);
    JsonNode transitions = group.get("transitions");
    Map<String, List<Long>> expected = expectedLatencies(generated);
    assertThat(transitions.propertyNames()).containsExactlyElementsOf(expected.keySet());
    expected.forEach(
        (name, values) -> {
          JsonNode t = transitions.get(name);
          assertThat(t.get("count").asLong()).as(name).isEqualTo(values.size());
          assertThat(t.get("p50_ms").asLong()).as(name + " p50").isEqualTo(nearestRank(values, 50));
          assertThat(t.get("p90_ms").asLong()).as(name + " p90").isEqualTo(nearestRank(values, 90));
          assertThat(t.get("p99_ms").asLong()).as(name + " p99").isEqualTo(nearestRank(values, 99));
          assertThat(t.get("min_ms").asLong())
              .as(name + " min")
              .isEqualTo(values.stream().min(Long::compare).orElseThrow());
          assertThat(t.get("max_ms").asLong())
              .as(name + " max")
              .isEqualTo(values.stream().max(Long::compare).orElseThrow());
          double mean = values.stream().mapToLong(Long::longValue).average().orElseThrow();
          assertThat(t.get("mean_ms").asDouble())
              .as(name + " mean")
              .isCloseTo(mean, org.assertj.core.data.Offset.offset(0.051));
        });
    assertThat(transitions.has("init")).as("no pod has init containers").isFalse();
  }

  @Test
  void theWindowIsHalfOpenOnCreation() {
    Instant from = generated.get(100).created();
    Instant to = generated.get(200).created();
    JsonNode group =
        http.ok("/api/v1/reports/startup?cluster=gen&from=" + from + "&to=" + to)
            .get("groups")
            .get(0);
    assertThat(group.get("pods").asLong()).as("pod 100 is in, pod 200 is out").isEqualTo(100);
    Map<String, List<Long>> expected = expectedLatencies(generated.subList(100, 200));
    assertThat(group.get("transitions").get("create_to_run").get("p90_ms").asLong())
        .isEqualTo(nearestRank(expected.get("create_to_run"), 90));

    JsonNode justAfter =
        http.ok(
            "/api/v1/reports/startup?cluster=gen&from="
                + from.plusMillis(1)
                + "&to="
                + to.plusMillis(1));
    assertThat(justAfter.get("groups").get(0).get("pods").asLong())
        .as("pod 101 up to pod 200")
        .isEqualTo(100);
    assertThat(
            http.ok(
                    "/api/v1/reports/startup?cluster=gen&from="
                        + from
                        + "&to="
                        + from.plusMillis(1))
                .get("groups")
                .get(0)
                .get("pods")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void groupsByUtcDayNamespaceAndNode() {
    JsonNode days = http.ok("/api/v1/reports/startup?cluster=gen&groupBy=day").get("groups");
    assertThat(days.size()).isEqualTo(2);
    long firstDay =
        generated.stream()
            .filter(g -> g.created().isBefore(Instant.parse("2026-11-25T00:00:00Z")))
            .count();
    assertThat(days.get(0).get("group").asString()).isEqualTo("2026-11-24");
    assertThat(days.get(0).get("pods").asLong()).isEqualTo(firstDay);
    assertThat(days.get(1).get("pods").asLong()).isEqualTo(PODS - firstDay);

    JsonNode namespaces =
        http.ok("/api/v1/reports/startup?cluster=gen&groupBy=namespace").get("groups");
    assertThat(namespaces.size()).isEqualTo(2);
    assertThat(http.ok("/api/v1/reports/startup?cluster=gen&groupBy=node").get("groups").size())
        .isEqualTo(4);
    JsonNode workloads =
        http.ok("/api/v1/reports/startup?cluster=gen&groupBy=workload").get("groups");
    assertThat(workloads.get(0).get("group").asString()).isEqualTo("ReplicaSet/gen-5d8f7c");
  }

  @Test
  void aNeverStartedPodIsCountedWithItsReason() {
    JsonNode group =
        http.ok("/api/v1/reports/startup?cluster=" + STUCK_CLUSTER).get("groups").get(0);
    assertThat(group.get("started").asLong()).isZero();
    assertThat(group.get("transitions").has("create_to_run")).isFalse();
    assertThat(group.get("notStarted").get("ImagePullBackOff").asLong()).isEqualTo(1);

    JsonNode pod = http.ok("/api/v1/pods/" + STUCK_UID + "/startup");
    assertThat(pod.get("started").asBoolean()).isFalse();
    assertThat(pod.get("waitingReason").asString()).isEqualTo("ImagePullBackOff");
    assertThat(pod.get("running").isNull()).isTrue();
    assertThat(pod.get("waitingMs").asLong())
        .isGreaterThanOrEqualTo(
            Duration.between(START.plusSeconds(30), Instant.now()).toMillis() - 60_000);
    assertThat(pod.get("transitions").has("create_to_schedule")).isTrue();
    assertThat(pod.get("transitions").has("create_to_run")).isFalse();
  }

  @Test
  void onePodsStartupHasEveryStage() {
    Generated g = generated.get(7);
    JsonNode pod = http.ok("/api/v1/pods/" + g.uid() + "/startup");
    assertThat(Instant.parse(pod.get("created").asString())).isEqualTo(g.created());
    assertThat(Instant.parse(pod.get("scheduled").asString())).isEqualTo(g.scheduled());
    assertThat(pod.get("scheduledFrom").asString()).isEqualTo("Event");
    assertThat(Instant.parse(pod.get("running").asString())).isEqualTo(g.running());
    assertThat(Instant.parse(pod.get("watched").asString())).isEqualTo(g.watched());
    assertThat(pod.get("imagePulls").get("app").asLong()).isEqualTo(g.pullMs());
    assertThat(pod.get("stateless").asBoolean()).isTrue();
    assertThat(pod.get("transitions").get("pod_startup").asLong())
        .isEqualTo(StartupReports.millis(g.created(), g.watched()));
    assertThat(http.get("/api/v1/pods/00000000-0000-4000-8000-999999999999/startup").status())
        .isEqualTo(404);
  }

  @Test
  void theSloPassesPerClusterDayWhenP99IsWithinTheThreshold() {
    Map<String, List<Generated>> byDay = new LinkedHashMap<>();
    generated.forEach(
        g ->
            byDay
                .computeIfAbsent(g.created().toString().substring(0, 10), d -> new ArrayList<>())
                .add(g));
    List<Generated> firstDay = byDay.get("2026-11-24");
    List<Long> sli =
        firstDay.stream()
            .map(g -> Math.max(0, StartupReports.millis(g.created(), g.watched()) - g.pullMs()))
            .toList();
    long p99 = nearestRank(sli, 99);

    JsonNode day =
        http.ok("/api/v1/reports/startup/slo?cluster=gen&thresholdMs=" + p99 + "&worst=3")
            .get("days")
            .get(0);
    assertThat(day.get("day").asString()).isEqualTo("2026-11-24");
    assertThat(day.get("pods").asLong()).isEqualTo(firstDay.size());
    assertThat(day.get("p99Ms").asLong()).isEqualTo(p99);
    assertThat(day.get("pass").asBoolean()).isTrue();
    assertThat(day.get("worst").size()).isEqualTo(3);
    Generated slowest =
        firstDay.stream()
            .max(
                Comparator.comparingLong(
                    g -> Math.max(0, StartupReports.millis(g.created(), g.watched()) - g.pullMs())))
            .orElseThrow();
    assertThat(day.get("worst").get(0).get("uid").asString()).isEqualTo(slowest.uid());
    JsonNode stages = day.get("worst").get(0).get("stages");
    String dominant = day.get("worst").get(0).get("dominantStage").asString();
    assertThat(dominant).isIn("scheduling", "container_start", "watch");
    for (String part : List.of("scheduling", "container_start", "watch")) {
      assertThat(stages.get(dominant).asLong()).isGreaterThanOrEqualTo(stages.get(part).asLong());
    }

    JsonNode failing =
        http.ok("/api/v1/reports/startup/slo?cluster=gen&thresholdMs=" + (p99 - 1))
            .get("days")
            .get(0);
    assertThat(failing.get("pass").asBoolean()).isFalse();
    assertThat(failing.get("thresholdMs").asLong()).isEqualTo(p99 - 1);
  }

  @Test
  void csvHasOneLinePerGroupAndTransition() {
    Http.Response csv =
        http.send(
            HttpRequest.newBuilder(http.uri("/api/v1/reports/startup?cluster=gen"))
                .header("Accept", "text/csv"));
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.contentType()).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.getFirst())
        .isEqualTo("cluster,group,transition,count,p50_ms,p90_ms,p99_ms,min_ms,max_ms,mean_ms");
    assertThat(lines).hasSize(1 + 9);
    assertThat(lines.get(1))
        .startsWith(CLUSTER + "," + CLUSTER + ",create_to_schedule," + PODS + ",");
  }

  @Test
  void badParametersAreProblems() {
    assertThat(http.get("/api/v1/reports/startup?groupBy=pod").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/reports/startup?from=yesterday").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/reports/startup?thresholdMs=5").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/reports/startup/slo?thresholdMs=0").status()).isEqualTo(400);
    assertThat(http.get("/api/v1/reports/startup/slo?worst=1000").status()).isEqualTo(400);
    assertThat(
            http.get("/api/v1/reports/startup?from=2026-11-25T00:00:00Z&to=2026-11-24T00:00:00Z")
                .status())
        .isEqualTo(400);
  }
}
