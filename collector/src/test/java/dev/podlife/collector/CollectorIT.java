package dev.podlife.collector;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.collector.kafka.StateTopic;
import dev.podlife.events.ContainerStateChanged;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.PhaseChanged;
import dev.podlife.events.PodDeleted;
import dev.podlife.events.Workload;
import dev.podlife.testing.KafkaExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(KafkaExtension.class)
class CollectorIT {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T17:00:00Z"), ZoneOffset.UTC);

  private MockCluster cluster;
  private CollectorConfig config;
  private FactsTopic topic;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @BeforeEach
  void setUp() {
    cluster = new MockCluster();
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    config =
        CollectorConfig.defaults("it-" + suffix, KafkaExtension.bootstrapServers())
            .withTopics("facts-" + suffix, "state-" + suffix, 3, (short) 1);
    KafkaExtension.createTopic(config.factsTopic(), 3);
    topic = new FactsTopic(KafkaExtension.bootstrapServers(), config.factsTopic());
  }

  @AfterEach
  void tearDown() {
    topic.close();
    cluster.close();
  }

  private Collector startCollector() {
    Collector collector = new Collector(config, cluster.newClient(), CLOCK, registry);
    collector.start();
    await("collector listing").atMost(Duration.ofSeconds(60)).until(collector::isRunning);
    return collector;
  }

  private static List<String> types(List<Fact> facts) {
    return facts.stream().map(Fact::type).toList();
  }

  @Test
  void podCreatedUpdatedAndDeletedYieldsItsFactsInOrderKeyedByUid() {
    try (Collector collector = startCollector()) {
      Pod pod = cluster.createPendingPod("shop", "web-1");
      String uid = pod.getMetadata().getUid();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> types(topic.factsOf(uid)).contains("PhaseChanged"));
      cluster.markRunning(pod, "2026-11-25T16:00:10Z");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  topic.factsOf(uid).stream()
                      .anyMatch(f -> f instanceof PhaseChanged p && "Running".equals(p.phase())));
      cluster.delete(pod);

      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(topic.factsOf(uid)).last().isInstanceOf(PodDeleted.class));
      List<Fact> facts = topic.factsOf(uid);
      // The create may reach the informer before or after its first status write; from then on the
      // order is fixed.
      assertThat(types(facts)).startsWith("PodObserved");
      assertThat(types(facts.subList(facts.size() - 4, facts.size())))
          .containsExactly(
              "ConditionChanged", "ContainerStateChanged", "PhaseChanged", "PodDeleted");
      assertThat(facts).allSatisfy(f -> assertThat(f.pod().uid()).isEqualTo(uid));
      assertThat(facts).allSatisfy(f -> assertThat(f.pod().cluster()).isEqualTo(config.cluster()));
      assertThat(facts).allSatisfy(f -> assertThat(f.observedAt()).isEqualTo(CLOCK.instant()));
      PodDeleted deleted = (PodDeleted) facts.getLast();
      assertThat(deleted.detectedOnRelist()).isFalse();
      ContainerStateChanged running = (ContainerStateChanged) facts.get(facts.size() - 3);
      assertThat(running.at()).isEqualTo(Instant.parse("2026-11-25T16:00:10Z"));
      assertThat(topic.poll())
          .filteredOn(r -> r.key().equals(uid))
          .allSatisfy(r -> assertThat(r.typeHeader()).isEqualTo(r.fact().type()));
      assertThat(
              registry.get("podlife.collector.facts").tag("type", "PodDeleted").counter().count())
          .isEqualTo(1.0);
    }
  }

  private boolean hasPhase(String uid, String phase) {
    return topic.factsOf(uid).stream()
        .anyMatch(f -> f instanceof PhaseChanged p && phase.equals(p.phase()));
  }

  @Test
  void restartedCollectorEmitsOnlyWhatChangedWhileItWasDown() {
    Pod changed;
    Pod deleted;
    Pod unchanged;
    try (Collector first = startCollector()) {
      changed = cluster.createPendingPod("shop", "changed");
      deleted = cluster.createPendingPod("shop", "deleted");
      unchanged = cluster.createPendingPod("shop", "unchanged");
      for (Pod pod : List.of(changed, deleted, unchanged)) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> hasPhase(pod.getMetadata().getUid(), "Pending"));
      }
    }
    String changedUid = changed.getMetadata().getUid();
    String deletedUid = deleted.getMetadata().getUid();
    String unchangedUid = unchanged.getMetadata().getUid();
    int changedBefore = topic.factsOf(changedUid).size();
    int unchangedBefore = topic.factsOf(unchangedUid).size();
    int deletedBefore = topic.factsOf(deletedUid).size();

    cluster.markRunning(changed, "2026-11-25T16:30:00Z");
    cluster.delete(deleted);
    Pod added = cluster.createPendingPod("shop", "added");

    try (Collector second = startCollector()) {
      await().atMost(Duration.ofSeconds(30)).until(() -> hasPhase(changedUid, "Running"));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> hasPhase(added.getMetadata().getUid(), "Pending"));
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> assertThat(topic.factsOf(deletedUid)).last().isInstanceOf(PodDeleted.class));
      // A pod created after the restart is sent after everything the initial list queued.
      Pod marker = cluster.createPendingPod("shop", "marker");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> hasPhase(marker.getMetadata().getUid(), "Pending"));

      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(() -> assertThat(topic.factsOf(unchangedUid)).hasSize(unchangedBefore));
      List<Fact> changedAfter =
          topic.factsOf(changedUid).subList(changedBefore, topic.factsOf(changedUid).size());
      assertThat(types(changedAfter))
          .containsExactly("ConditionChanged", "ContainerStateChanged", "PhaseChanged");
      List<Fact> deletedAfter =
          topic.factsOf(deletedUid).subList(deletedBefore, topic.factsOf(deletedUid).size());
      assertThat(deletedAfter)
          .singleElement()
          .isInstanceOfSatisfying(PodDeleted.class, d -> assertThat(d.detectedOnRelist()).isTrue());
    }
  }

  @Test
  void everyCountUpdateOfAnEventIsObservedOnceAndEventsAboutOtherKindsAreIgnored() {
    try (Collector collector = startCollector()) {
      Pod pod = cluster.createPendingPod("shop", "probed");
      String uid = pod.getMetadata().getUid();
      await().atMost(Duration.ofSeconds(30)).until(() -> hasPhase(uid, "Pending"));

      Event event =
          cluster.createEvent(
              pod, "probed.187a9c1e2f3d4b5a", "Unhealthy", 1, "2026-11-25T16:05:00Z");
      await().atMost(Duration.ofSeconds(30)).until(() -> eventCounts(uid).equals(List.of(1)));
      cluster.repeat(event, 2, "2026-11-25T16:05:10Z");
      await().atMost(Duration.ofSeconds(30)).until(() -> eventCounts(uid).equals(List.of(1, 2)));
      cluster
          .client()
          .v1()
          .events()
          .inNamespace("shop")
          .resource(
              new io.fabric8.kubernetes.api.model.EventBuilder()
                  .withNewMetadata()
                  .withName("node-a.187a9c1e00000000")
                  .endMetadata()
                  .withNewInvolvedObject()
                  .withKind("Node")
                  .withName("node-a")
                  .withUid("node-a")
                  .endInvolvedObject()
                  .withReason("NodeNotReady")
                  .withCount(1)
                  .build())
          .create();
      cluster.repeat(event, 3, "2026-11-25T16:05:20Z");

      await().atMost(Duration.ofSeconds(30)).until(() -> eventCounts(uid).equals(List.of(1, 2, 3)));
      List<EventObserved> observed =
          topic.factsOf(uid).stream()
              .filter(EventObserved.class::isInstance)
              .map(EventObserved.class::cast)
              .toList();
      assertThat(observed)
          .extracting(EventObserved::at)
          .containsExactly(
              Instant.parse("2026-11-25T16:05:00Z"),
              Instant.parse("2026-11-25T16:05:10Z"),
              Instant.parse("2026-11-25T16:05:20Z"));
      assertThat(observed)
          .allSatisfy(
              e -> {
                assertThat(e.event().reason()).isEqualTo("Unhealthy");
                assertThat(e.event().containerName()).isEqualTo("app");
                assertThat(e.pod().name()).isEqualTo("probed");
              });
      assertThat(topic.poll()).noneMatch(r -> r.key().equals("node-a"));
    }
  }

  private List<Integer> eventCounts(String uid) {
    return topic.factsOf(uid).stream()
        .filter(EventObserved.class::isInstance)
        .map(f -> ((EventObserved) f).event().count())
        .toList();
  }

  @Test
  void onlyTheLeaseHolderProducesAndAStandbyTakesOverWithoutRepeatingFacts() {
    String lease = "podlife-" + config.cluster();
    Collector a =
        new Collector(
            config.withLeaderElection("default", lease, "replica-a"),
            cluster.newClient(),
            CLOCK,
            new SimpleMeterRegistry());
    Collector b =
        new Collector(
            config.withLeaderElection("default", lease, "replica-b"),
            cluster.newClient(),
            CLOCK,
            new SimpleMeterRegistry());
    try (a;
        b) {
      a.start();
      b.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> a.isRunning() || b.isRunning());
      Collector leader = a.isRunning() ? a : b;
      Collector standby = leader == a ? b : a;
      assertThat(standby.isRunning()).isFalse();
      assertThat(standby.isLeader()).isFalse();

      Pod first = cluster.createPendingPod("shop", "first");
      String firstUid = first.getMetadata().getUid();
      await().atMost(Duration.ofSeconds(30)).until(() -> hasPhase(firstUid, "Pending"));
      int firstFacts = topic.factsOf(firstUid).size();

      leader.close();
      await().atMost(Duration.ofSeconds(60)).until(standby::isRunning);
      Pod second = cluster.createPendingPod("shop", "second");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> hasPhase(second.getMetadata().getUid(), "Pending"));

      assertThat(topic.factsOf(firstUid)).hasSize(firstFacts);
      assertThat(types(topic.factsOf(firstUid))).containsOnlyOnce("PodObserved");
    }
  }

  @Test
  void aFactKafkaRefusesStopsTheCollectorLoudlyAndKeepsThePodOutOfTheState() throws Exception {
    String tinyTopic = "tiny-" + config.factsTopic();
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaExtension.bootstrapServers()))) {
      admin
          .createTopics(
              List.of(
                  new NewTopic(tinyTopic, 1, (short) 1)
                      // room for a heartbeat (about 300 B), none for a pod's first facts
                      .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "450"))))
          .all()
          .get();
    }
    CollectorConfig refused = config.withTopics(tinyTopic, config.stateTopic(), 1, (short) 1);
    try (Collector collector = new Collector(refused, cluster.newClient(), CLOCK, registry)) {
      collector.start();
      await().atMost(Duration.ofSeconds(60)).until(collector::isRunning);

      Pod pod = cluster.createPendingPod("shop", "too-big");

      CollectorException failure =
          collector
              .whenFailed()
              .toCompletableFuture()
              .get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(collector.failure()).containsSame(failure);
      assertThat(collector.isRunning()).isFalse();
      assertThat(collector.failure().get())
          .isInstanceOfSatisfying(
              FactSendException.class,
              e -> assertThat(e.podUid()).isEqualTo(pod.getMetadata().getUid()))
          .hasMessageContaining(tinyTopic)
          .hasRootCauseInstanceOf(RecordTooLargeException.class);
      assertThat(registry.get("podlife.collector.send.errors").counter().count()).isPositive();
    }
    assertThat(
            StateTopic.read(
                KafkaExtension.bootstrapServers(),
                config.stateTopic(),
                config.cluster(),
                Duration.ofSeconds(30),
                Clock.systemUTC()))
        .isEmpty();
  }

  @Test
  void liveWorkloadsFollowReplicaSetsToDeploymentsAndJobsToCronJobsInTheWatchedNamespacesOnly() {
    var client = cluster.client();
    client
        .apps()
        .replicaSets()
        .inNamespace("shop")
        .resource(
            new ReplicaSetBuilder()
                .withNewMetadata()
                .withName("checkout-v2-abc12")
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withName("checkout")
                .withUid("deployment-uid")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .withNewSelector()
                .addToMatchLabels("app", "checkout")
                .endSelector()
                .endSpec()
                .build())
        .create();
    client
        .batch()
        .v1()
        .jobs()
        .inNamespace("shop")
        .resource(
            new JobBuilder()
                .withNewMetadata()
                .withName("nightly-29400960")
                .addNewOwnerReference()
                .withApiVersion("batch/v1")
                .withKind("CronJob")
                .withName("nightly")
                .withUid("cronjob-uid")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .withNewTemplate()
                .withNewSpec()
                .addNewContainer()
                .withName("job")
                .withImage("busybox")
                .endContainer()
                .withRestartPolicy("Never")
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    config = config.withNamespaces(List.of("shop"));

    try (Collector collector = startCollector()) {
      Pod web = ownedPod("shop", "checkout-v2-abc12-x1", "ReplicaSet", "checkout-v2-abc12");
      Pod job = ownedPod("shop", "nightly-29400960-q7", "Job", "nightly-29400960");
      Pod elsewhere = ownedPod("other", "ignored", "ReplicaSet", "ignored-rs");
      Pod marker = cluster.createPendingPod("shop", "marker");
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> hasPhase(marker.getMetadata().getUid(), "Pending"));

      assertThat(topic.factsOf(web.getMetadata().getUid()))
          .isNotEmpty()
          .allSatisfy(
              f ->
                  assertThat(f.pod().workload()).isEqualTo(new Workload("Deployment", "checkout")));
      assertThat(topic.factsOf(job.getMetadata().getUid()))
          .isNotEmpty()
          .allSatisfy(
              f -> assertThat(f.pod().workload()).isEqualTo(new Workload("CronJob", "nightly")));
      assertThat(topic.factsOf(elsewhere.getMetadata().getUid())).isEmpty();
    }
  }

  private Pod ownedPod(String namespace, String name, String ownerKind, String ownerName) {
    return cluster
        .client()
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .addNewOwnerReference()
                .withApiVersion("ReplicaSet".equals(ownerKind) ? "apps/v1" : "batch/v1")
                .withKind(ownerKind)
                .withName(ownerName)
                .withUid(ownerName + "-uid")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("app")
                .withImage("busybox")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }
}
