package dev.podlife.analyzer.store;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.PodLife;
import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static dev.podlife.analyzer.StoreUnderTest.offline;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(PostgresExtension.class)
class FactStoreIT {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

  private final StoreUnderTest tables;
  private final Jdbi jdbi;
  private final FactStore store;

  FactStoreIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, CLOCK);
    this.jdbi = tables.jdbi();
    this.store = tables.store();
  }

  @BeforeEach
  void emptyTables() {
    tables.empty();
  }

  private List<String> historyStatuses() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT status FROM pod_history ORDER BY fact_id")
                .mapTo(String.class)
                .list());
  }

  private List<String> expectedStatuses(List<List<Fact>> steps) {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      // the deletion changes nothing kubectl prints: the last status stays
      String status = PodLife.STEP_STATUS.get(Math.min(i, PodLife.STEP_STATUS.size() - 1));
      expected.addAll(Collections.nCopies(steps.get(i).size(), status));
    }
    return expected;
  }

  @Test
  void appendingTheSameFactsTwiceStoresThemOnceAndLeavesTheProjectionsUnchanged() {
    List<Fact> facts = PodLife.facts();
    IngestResult first = store.append(offline(facts));
    List<Map<String, Object>> podBefore = tables.rows("SELECT * FROM pod");
    List<Map<String, Object>> historyBefore =
        tables.rows("SELECT * FROM pod_history ORDER BY fact_id");

    IngestResult second = store.append(offline(facts));

    assertThat(first).isEqualTo(new IngestResult(facts.size(), facts.size(), 0));
    assertThat(second).isEqualTo(new IngestResult(facts.size(), 0, facts.size()));
    assertThat(tables.rows("SELECT count(*) AS n FROM fact"))
        .containsExactly(Map.of("n", (long) facts.size()));
    assertThat(tables.rows("SELECT * FROM pod")).isEqualTo(podBefore);
    assertThat(tables.rows("SELECT * FROM pod_history ORDER BY fact_id")).isEqualTo(historyBefore);
  }

  @Test
  void aFactGivenTwiceInOneBatchIsStoredAndProjectedOnce() {
    List<Fact> facts = PodLife.facts();
    List<Fact> twice = new ArrayList<>(facts);
    twice.addAll(facts);

    IngestResult result = store.append(offline(twice));

    assertThat(result).isEqualTo(new IngestResult(2 * facts.size(), facts.size(), facts.size()));
    assertThat(historyStatuses()).isEqualTo(expectedStatuses(PodLife.factsPerStep()));
  }

  @Test
  void aPodsLifeShowsTheKubectlStatusOfEachObjectVersionInOrder() {
    List<List<Fact>> steps = PodLife.factsPerStep();
    for (List<Fact> step : steps) {
      store.append(offline(step));
    }

    assertThat(historyStatuses()).isEqualTo(expectedStatuses(steps));
    Map<String, Object> pod = tables.rows("SELECT * FROM pod").getFirst();
    assertThat(pod)
        .containsEntry("uid", PodLife.UID)
        .containsEntry("namespace", "shop")
        .containsEntry("name", "shop-7c9d8f6b5-q4x2m")
        .containsEntry("node", "worker-2")
        .containsEntry("phase", "Running")
        .containsEntry("status", "Terminating")
        .containsEntry("ready", "1/1")
        .containsEntry("restarts", 0)
        .containsEntry("resource_version", "90342");
    // deletionTimestamp 10:05:30 minus the 30 s grace period
    assertThat(((java.sql.Timestamp) pod.get("deletion_requested_at")).toInstant())
        .isEqualTo(Instant.parse("2026-11-20T10:05:00Z"));
    assertThat(pod.get("deleted_at")).isNotNull();
    assertThat(pod.get("workload_kind")).isNotNull();
  }

  @Test
  void theHistoryReadsAsOneLinePerFact() {
    store.append(offline(PodLife.facts()));

    List<String> summaries =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT summary FROM pod_history ORDER BY fact_id")
                    .mapTo(String.class)
                    .list());
    assertThat(summaries)
        .contains(
            "Phase Pending",
            "Pod scheduled to node worker-2",
            "Container app waiting: ContainerCreating",
            "Container app running",
            "Ready False → True",
            "Phase Pending → Running",
            "Deletion requested, grace 30s",
            "Pod deleted")
        .allSatisfy(s -> assertThat(s).doesNotContain("\n"));
  }

  @Test
  void factsOfOneObjectVersionSplitAcrossBatchesGetTheSameColumnsAsInOne() {
    List<List<Fact>> steps = PodLife.factsPerStep();
    for (List<Fact> step : steps) {
      // the running version arrives in two polls
      int half = step.size() / 2;
      store.append(offline(step.subList(0, half)));
      store.append(offline(step.subList(half, step.size())));
    }

    assertThat(historyStatuses()).isEqualTo(expectedStatuses(steps));
  }

  @Test
  void rebuildingTheProjectionsReproducesTheSameRows() {
    store.append(offline(PodLife.facts()));
    store.append(offline(List.of(PodLife.unhealthyEvent())));
    List<Map<String, Object>> pods = tables.rows("SELECT * FROM pod ORDER BY uid");
    List<Map<String, Object>> history = tables.rows("SELECT * FROM pod_history ORDER BY fact_id");

    store.rebuildProjections();

    assertThat(tables.rows("SELECT * FROM pod ORDER BY uid")).isEqualTo(pods);
    assertThat(tables.rows("SELECT * FROM pod_history ORDER BY fact_id")).isEqualTo(history);
  }

  @Test
  void anEventWithoutWorkloadKeepsThePodsWorkload() {
    store.append(offline(PodLife.facts()));
    Map<String, Object> before =
        tables.rows("SELECT workload_kind, workload_name FROM pod").getFirst();
    EventObserved event = PodLife.unhealthyEvent();
    assertThat(event.pod().workload()).isNull();

    store.append(offline(List.of(event)));

    assertThat(before.get("workload_kind")).isNotNull();
    assertThat(tables.rows("SELECT workload_kind, workload_name FROM pod")).containsExactly(before);
    assertThat(
            tables.rows(
                "SELECT summary, status FROM pod_history WHERE fact_type = 'EventObserved'"))
        .containsExactly(
            Map.of(
                "summary",
                "Event Unhealthy ×4: Liveness probe failed: Get"
                    + " \"http://10.244.2.17:8080/healthz\": context deadline exceeded"
                    + " (Client.Timeout exceeded while awaiting headers)",
                "status",
                "Terminating"));
  }

  @Test
  void anEventBeforeAnyPodFactCreatesThePodRow() {
    store.append(offline(List.of(PodLife.unhealthyEvent())));

    assertThat(tables.rows("SELECT uid, namespace, name, status FROM pod"))
        .containsExactly(
            Map.of(
                "uid",
                PodLife.UID,
                "namespace",
                "shop",
                "name",
                "shop-7c9d8f6b5-q4x2m",
                "status",
                ""));
  }

  @Test
  void factsRememberTheirKafkaSource() {
    Fact fact = PodLife.facts().getFirst();
    store.append(List.of(new SourcedFact(fact, "podlife.facts", 2, 41L)));

    assertThat(
            tables.rows(
                "SELECT source_topic, source_partition, source_offset, stored_at FROM fact"))
        .containsExactly(
            Map.of(
                "source_topic",
                "podlife.facts",
                "source_partition",
                2,
                "source_offset",
                41L,
                "stored_at",
                java.sql.Timestamp.from(CLOCK.instant())));
  }

  @Test
  void aDeadLetterIsKeptOncePerRecord() {
    byte[] value = "{not json".getBytes(StandardCharsets.UTF_8);
    store.deadLetter(
        "podlife.facts",
        0,
        7,
        "pod-uid".getBytes(StandardCharsets.UTF_8),
        value,
        "Fact is not valid JSON");
    store.deadLetter(
        "podlife.facts",
        0,
        7,
        "pod-uid".getBytes(StandardCharsets.UTF_8),
        value,
        "Fact is not valid JSON");

    assertThat(
            tables.rows(
                "SELECT topic, partition, \"offset\", record_key, record_value, error FROM"
                    + " dead_letter"))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row).containsEntry("record_key", "pod-uid").containsEntry("offset", 7L);
              assertThat((byte[]) row.get("record_value")).isEqualTo(value);
            });
  }

  /** Records what a feature projection is given, and writes it into the transaction it is given. */
  private static final class RecordingFeature implements FeatureProjection {
    final List<String> applied = new ArrayList<>();
    int truncations;

    @Override
    public Batch begin(org.jdbi.v3.core.Handle handle) {
      List<String> pending = new ArrayList<>();
      return new Batch() {
        @Override
        public void apply(
            long factId,
            Fact fact,
            dev.podlife.events.PodSnapshot before,
            dev.podlife.events.PodSnapshot after) {
          pending.add(fact.type() + "@" + fact.resourceVersion() + " " + after.phase());
        }

        @Override
        public void flush() {
          // proves the batch writes inside the store's open transaction
          assertThat(handle.isInTransaction()).isTrue();
          applied.addAll(pending);
          pending.clear();
        }
      };
    }

    @Override
    public void forget(org.jdbi.v3.core.Handle handle, String[] clusters, String[] uids) {
      // retention is tested with the real projections (RetentionIT)
    }

    @Override
    public void truncate(org.jdbi.v3.core.Handle handle) {
      truncations++;
      applied.clear();
    }
  }

  @Test
  void featureProjectionsSeeEachNewFactOnceWithTheSnapshotAfterItAndAreRebuilt() {
    RecordingFeature feature = new RecordingFeature();
    FactStore withFeature = new FactStore(jdbi, CLOCK, List.of(feature));
    List<Fact> facts = PodLife.facts();

    withFeature.append(offline(facts));
    withFeature.append(offline(facts));
    List<String> firstPass = List.copyOf(feature.applied);
    withFeature.rebuildProjections();

    assertThat(firstPass).hasSize(facts.size());
    assertThat(firstPass.getFirst()).startsWith("PodObserved@");
    assertThat(feature.truncations).isEqualTo(1);
    assertThat(feature.applied)
        .as("a rebuild replays the same facts in the same order")
        .isEqualTo(firstPass);
  }
}
