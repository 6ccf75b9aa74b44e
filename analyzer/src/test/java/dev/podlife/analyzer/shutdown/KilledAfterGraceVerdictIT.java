package dev.podlife.analyzer.shutdown;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The stored verdict {@code shutdown_container.killed_after_grace}: set by the projection from
 * recorded shutdowns, whatever order the Events and the pod updates arrive in, the same after a
 * rebuild, and what {@link Shutdowns} reads.
 */
@ExtendWith(PostgresExtension.class)
class KilledAfterGraceVerdictIT {
  private static final String VERDICTS =
      """
      SELECT p.pod_name, c.container, c.exit_code, c.outcome, c.killed_after_grace
      FROM shutdown_container c JOIN shutdown_pod p USING (cluster, pod_uid)
      ORDER BY p.pod_name, c.container\
      """;

  private final StoreUnderTest tables;

  KilledAfterGraceVerdictIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, Instant.parse("2026-11-25T12:00:00Z"));
  }

  @BeforeEach
  void empty() {
    tables.empty();
  }

  private boolean killedAfterGrace(String pod, String container) {
    return tables.rows(VERDICTS).stream()
        .filter(r -> r.get("pod_name").equals(pod) && r.get("container").equals(container))
        .map(r -> (Boolean) r.get("killed_after_grace"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no shutdown of " + pod + "/" + container));
  }

  @Test
  void onlyASigkillAtTheEndOfTheGracePeriodIsKilledAfterGrace() {
    for (String name : List.of("clean", "killed-after-grace", "oom-and-errors")) {
      tables.append(Recording.offline(name));
    }

    assertThat(tables.rows(VERDICTS))
        .extracting(
            r -> r.get("container"),
            r -> r.get("exit_code"),
            r -> r.get("outcome"),
            r -> r.get("killed_after_grace"))
        .containsExactlyInAnyOrder(
            tuple("checkout", 137, "killed_after_grace", true),
            // exit 137 too, but OOMKilled, or twenty seconds before the grace ended: not the
            // kubelet's SIGKILL
            tuple("cart", 137, "oom_killed", false),
            tuple("worker", 137, "error_exit", false),
            tuple("indexer", 1, "error_exit", false),
            tuple("app", 143, "clean", false),
            tuple("envoy", 0, "clean", false));
  }

  @Test
  void theVerdictWaitsForTheExitAndDoesNotDependOnTheKillingEventArrivingFirst() {
    List<Fact> facts = new ArrayList<>(Recording.offline("killed-after-grace"));
    // the Events informer delivered the Killing and the hook failure before the pod update with the
    // deletion
    List<Fact> events = facts.stream().filter(EventObserved.class::isInstance).toList();
    facts.removeAll(events);
    int deletion =
        facts.indexOf(
            facts.stream()
                .filter(f -> f.type().equals("DeletionRequested"))
                .findFirst()
                .orElseThrow());
    facts.addAll(deletion, events);

    tables.append(facts.subList(0, deletion + events.size() + 1));
    assertThat(killedAfterGrace("checkout-7f8b9c6d5-q4w7e", "checkout"))
        .as("still stopping")
        .isFalse();
    tables.append(facts.subList(deletion + events.size() + 1, facts.size()));
    assertThat(killedAfterGrace("checkout-7f8b9c6d5-q4w7e", "checkout")).isTrue();
  }

  @Test
  void aRebuildStoresTheSameVerdicts() {
    for (String name :
        List.of(
            "clean",
            "killed-after-grace",
            "oom-and-errors",
            "node-lost",
            "second-delete",
            "evicted")) {
      tables.append(Recording.offline(name));
    }
    List<Map<String, Object>> before = tables.rows(VERDICTS);

    tables.store().rebuildProjections();

    assertThat(tables.rows(VERDICTS)).isEqualTo(before).hasSize(11);
    // the second delete shortened ledger's grace period to 5 s; it was SIGKILLed 15 s after the
    // first request
    assertThat(before)
        .filteredOn(r -> (Boolean) r.get("killed_after_grace"))
        .extracting(r -> r.get("container"))
        .containsExactly("checkout", "ledger");
  }

  @Test
  void theReadModelReturnsTheKilledContainersByTheStoredVerdict() {
    for (String name : List.of("clean", "killed-after-grace", "oom-and-errors")) {
      tables.append(Recording.offline(name));
    }

    List<StoppedContainer> killed =
        new Shutdowns(tables.jdbi())
            .killedAfterGrace(
                Instant.parse("2026-11-25T00:00:00Z"), Instant.parse("2026-11-26T00:00:00Z"));

    assertThat(killed)
        .extracting(
            k -> k.shutdown().podName(),
            k -> k.container().container(),
            k -> k.container().killedAfterGrace())
        .containsExactly(tuple("checkout-7f8b9c6d5-q4w7e", "checkout", true));
    assertThat(killed.getFirst().at()).isEqualTo(killed.getFirst().container().finishedAt());
  }
}
