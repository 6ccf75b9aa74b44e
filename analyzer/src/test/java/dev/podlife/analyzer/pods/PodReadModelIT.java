package dev.podlife.analyzer.pods;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.PodLife;
import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.history.History;
import dev.podlife.analyzer.history.HistoryEntry;
import dev.podlife.analyzer.history.HistoryWindow;
import dev.podlife.analyzer.history.PodHistoryEntry;
import dev.podlife.analyzer.query.WorkloadRef;
import dev.podlife.events.PodSnapshot;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The typed reads of {@link Pods} and {@link History} after a real pod's facts (Kubernetes JSON
 * diffed by the collector): they say what the folded snapshot holds, the stored {@code labels}
 * column included, and a rebuild or the migration's backfill gives the same.
 */
@ExtendWith(PostgresExtension.class)
class PodReadModelIT {
  private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");

  private final StoreUnderTest tables;
  private final Pods pods;
  private final History history;

  PodReadModelIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, NOW);
    this.pods = new Pods(db.jdbi());
    this.history = new History(db.jdbi());
  }

  @BeforeEach
  void emptyTables() {
    tables.empty();
  }

  private PodSnapshot stored() {
    return pods.snapshot(PodLife.CLUSTER, PodLife.UID).orElseThrow();
  }

  @Test
  void theLabelsColumnAndThePodsIdentityAreWhatTheSnapshotHolds() {
    tables.append(PodLife.facts());

    PodSnapshot snapshot = stored();
    assertThat(snapshot.labels())
        .as("the labels of the pod JSON")
        .isEqualTo(PodLife.snapshot("5-terminating").labels())
        .containsEntry("app", "shop");
    assertThat(pods.identities(PodLife.CLUSTER, List.of(PodLife.UID, "never-seen")))
        .containsExactly(
            new PodIdentity(
                PodLife.CLUSTER,
                PodLife.UID,
                snapshot.pod().namespace(),
                snapshot.pod().name(),
                new WorkloadRef(snapshot.pod().workload().kind(), snapshot.pod().workload().name()),
                snapshot.labels()));
    assertThat(tables.rows("SELECT labels::text AS labels FROM pod").getFirst().get("labels"))
        .asString()
        .contains("\"pod-template-hash\": \"7c9d8f6b5\"");
  }

  @Test
  void aPodsDetailIsItsRowWithTheContainersConditionsAndLabelsOfItsSnapshot() {
    tables.append(PodLife.facts().subList(0, PodLife.facts().size() - 1)); // not yet deleted
    tables.append(List.of(PodLife.unhealthyEvent()));

    PodSnapshot snapshot = stored();
    PodDetail detail = pods.detail(PodLife.CLUSTER, PodLife.UID).orElseThrow();
    assertThat(detail.labels()).isEqualTo(snapshot.labels());
    assertThat(detail.reason()).isEqualTo(snapshot.reason());
    assertThat(detail.message()).isEqualTo(snapshot.message());
    assertThat(detail.containers())
        .isEqualTo(snapshot.containers().stream().map(ContainerSummary::of).toList());
    assertThat(detail.containers()).extracting(ContainerSummary::name).isNotEmpty();
    assertThat(detail.conditions())
        .isEqualTo(snapshot.conditions().stream().map(ConditionSummary::of).toList());
    assertThat(detail.conditions()).extracting(ConditionSummary::type).contains("Ready");
    assertThat(detail.status()).isEqualTo("Terminating");
    assertThat(
            pods.list(
                new PodFilter(PodLife.CLUSTER, null, null, null, null, null, null, null, null), 10))
        .containsExactly(
            new PodSummary(
                detail.cluster(),
                detail.namespace(),
                detail.name(),
                detail.uid(),
                detail.phase(),
                detail.node(),
                detail.workload(),
                detail.status(),
                detail.ready(),
                detail.restarts(),
                detail.createdAt(),
                detail.deletionRequestedAt(),
                detail.deletedAt(),
                detail.updatedAt()));
    assertThat(pods.inCluster(PodLife.CLUSTER, List.of(PodLife.UID)))
        .extracting(PodSummary::uid)
        .containsExactly(PodLife.UID);
    assertThat(pods.clustersOf(PodLife.UID)).containsExactly(PodLife.CLUSTER);
  }

  @Test
  void aPodsHistoryIsOneEntryPerFactWithTheFactAsStored() {
    tables.append(PodLife.facts());

    History.Page stored =
        history
            .page(PodLife.CLUSTER, PodLife.UID, new HistoryWindow(null, null, null), 1000)
            .orElseThrow();
    // the page carries the pod's life as its pod row has it (the route needs no second read)
    PodDetail detail = pods.detail(PodLife.CLUSTER, PodLife.UID).orElseThrow();
    assertThat(stored.createdAt()).isNotNull().isEqualTo(detail.createdAt());
    assertThat(stored.deletedAt()).isEqualTo(detail.deletedAt());
    assertThat(
            history.page(PodLife.CLUSTER, "no-such-uid", new HistoryWindow(null, null, null), 1000))
        .isEmpty();
    List<HistoryEntry> page = stored.entries();
    assertThat(page).hasSize(PodLife.facts().size());
    assertThat(page).extracting(HistoryEntry::at).isSorted();
    assertThat(page)
        .extracting(HistoryEntry::type)
        .containsExactlyInAnyOrderElementsOf(PodLife.facts().stream().map(f -> f.type()).toList());
    List<PodHistoryEntry> ofPods = history.ofPods(PodLife.CLUSTER, List.of(PodLife.UID));
    assertThat(ofPods)
        .extracting(PodHistoryEntry::factId)
        .isEqualTo(page.stream().map(HistoryEntry::factId).toList());
    assertThat(ofPods)
        .extracting(PodHistoryEntry::fact)
        .isEqualTo(page.stream().map(HistoryEntry::fact).toList());
  }

  @Test
  void aRebuildGivesTheSameLabelsAndIdentities() {
    tables.append(PodLife.facts());
    tables.append(List.of(PodLife.unhealthyEvent()));
    List<Map<String, Object>> before =
        tables.rows("SELECT uid, labels::text AS labels FROM pod ORDER BY uid");
    List<PodIdentity> identities = pods.identities(PodLife.CLUSTER, List.of(PodLife.UID));

    tables.store().rebuildProjections();

    assertThat(tables.rows("SELECT uid, labels::text AS labels FROM pod ORDER BY uid"))
        .isEqualTo(before);
    assertThat(pods.identities(PodLife.CLUSTER, List.of(PodLife.UID))).isEqualTo(identities);
  }

  @Test
  void theMigrationsBackfillGivesTheLabelsTheProjectionWrites() {
    tables.append(PodLife.facts());
    List<Map<String, Object>> written =
        tables.rows("SELECT uid, labels::text AS labels FROM pod ORDER BY uid");
    tables.jdbi().useHandle(h -> h.execute("UPDATE pod SET labels = '{}'::jsonb"));

    String migration = migration("db/migration/V80__pod_labels.sql");
    String backfill =
        Arrays.stream(migration.split(";"))
            .map(String::strip)
            .map(
                s ->
                    s.lines()
                        .filter(l -> !l.startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b)
                        .strip())
            .filter(s -> s.startsWith("UPDATE"))
            .findFirst()
            .orElseThrow();
    tables.jdbi().useHandle(h -> h.execute(backfill));

    assertThat(tables.rows("SELECT uid, labels::text AS labels FROM pod ORDER BY uid"))
        .isEqualTo(written);
  }

  private static String migration(String path) {
    try (InputStream in = PodReadModelIT.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
