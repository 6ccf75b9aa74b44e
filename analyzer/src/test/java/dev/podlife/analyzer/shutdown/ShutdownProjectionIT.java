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

/**
 * Recorded pod shutdowns stored through the real FactStore land in shutdown_pod /
 * shutdown_container as expected.
 */
@ExtendWith(PostgresExtension.class)
class ShutdownProjectionIT {
  private static final Instant DELETED_REQUEST_BASE = Instant.parse("2026-11-25T03:01:00Z");

  private final StoreUnderTest tables;

  ShutdownProjectionIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, Instant.parse("2026-11-25T12:00:00Z"));
  }

  @BeforeEach
  void empty() {
    tables.empty();
  }

  private void store(List<Fact> facts) {
    tables.append(facts);
  }

  private Map<String, Object> pod(String name) {
    return tables
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT * FROM shutdown_pod WHERE pod_name = :name")
                    .bind("name", name)
                    .mapToMap()
                    .one());
  }

  private Map<String, Map<String, Object>> containers(String podName) {
    return tables
        .jdbi()
        .withHandle(
            h -> {
              Map<String, Map<String, Object>> byName = new java.util.LinkedHashMap<>();
              h.createQuery(
                      """
                      SELECT c.* FROM shutdown_container c JOIN shutdown_pod p USING (cluster, pod_uid)
                      WHERE p.pod_name = :name ORDER BY c.position, c.container\
                      """)
                  .bind("name", podName)
                  .mapToMap()
                  .forEach(row -> byName.put((String) row.get("container"), row));
              return byName;
            });
  }

  private static Instant instant(Object timestamp) {
    return switch (timestamp) {
      case java.time.OffsetDateTime t -> t.toInstant();
      case java.sql.Timestamp t -> t.toInstant();
      default -> throw new IllegalArgumentException(String.valueOf(timestamp));
    };
  }

  @Test
  void exitsOnSigtermAndExitZeroAreCleanAndTimedFromTheDeletionRequest() {
    store(Recording.offline("clean"));
    Map<String, Object> pod = pod("web-6d4cf56db6-k2x9p");
    assertThat(instant(pod.get("deletion_requested_at"))).isEqualTo(DELETED_REQUEST_BASE);
    assertThat(pod.get("grace_period_seconds")).isEqualTo(30L);
    assertThat(pod.get("cause")).isEqualTo("api_deletion");
    assertThat(pod.get("workload_kind")).isEqualTo("Deployment");
    assertThat(pod.get("workload_name")).isEqualTo("web");
    assertThat(pod.get("gone")).isEqualTo(true);
    assertThat(pod.get("pod_gone_ms")).as("offline: no observation time").isNull();
    Map<String, Map<String, Object>> c = containers("web-6d4cf56db6-k2x9p");
    assertThat(c.keySet()).containsExactly("app", "envoy");
    assertThat(c.get("app"))
        .containsEntry("exit_code", 143)
        .containsEntry("outcome", "clean")
        .containsEntry("seconds_to_exit_ms", 7_000L)
        .containsEntry("prestop_configured", true)
        .containsEntry("prestop_failed", false);
    assertThat((Double) c.get("app").get("grace_used"))
        .isCloseTo(7 / 30.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(instant(c.get("app").get("killing_at"))).isEqualTo(DELETED_REQUEST_BASE);
    assertThat(c.get("envoy"))
        .containsEntry("exit_code", 0)
        .containsEntry("outcome", "clean")
        .containsEntry("seconds_to_exit_ms", 1_000L)
        .containsEntry("prestop_configured", false);
  }

  @Test
  void aSidecarIsStoppedAfterTheMainContainerAndItsExitOnSigtermIsClean() {
    // envoy is a sidecar (restartable init container): the kubelet SIGTERMs it only once app exited
    store(Recording.offline("sidecar-stopped-last"));
    Map<String, Map<String, Object>> c = containers("web-6d4cf56db6-sdc1r");
    assertThat(c.keySet())
        .as("in the kubelet's order: sidecars first")
        .containsExactly("envoy", "app");
    assertThat(c.get("app"))
        .containsEntry("exit_code", 143)
        .containsEntry("outcome", "clean")
        .containsEntry("seconds_to_exit_ms", 7_000L);
    assertThat(c.get("envoy"))
        .containsEntry("exit_code", 143)
        .containsEntry("outcome", "clean")
        .containsEntry("seconds_to_exit_ms", 8_000L);
    assertThat(instant(c.get("envoy").get("killing_at")))
        .isAfterOrEqualTo(instant(c.get("app").get("finished_at")));
  }

  @Test
  void severalSidecarsStopAfterTheMainContainerInReverseOrderAndNoneOfThemCountsAsAFailure() {
    // envoy then log-shipper are declared; the kubelet stops log-shipper first, then envoy
    store(Recording.offline("two-sidecars-stopped-in-reverse"));
    Map<String, Map<String, Object>> c = containers("web-6d4cf56db6-sdc2r");
    assertThat(c.keySet()).containsExactly("envoy", "log-shipper", "app");
    Instant appExited = instant(c.get("app").get("finished_at"));
    Instant shipperKilled = instant(c.get("log-shipper").get("killing_at"));
    Instant envoyKilled = instant(c.get("envoy").get("killing_at"));
    assertThat(shipperKilled).isAfterOrEqualTo(appExited).isBefore(envoyKilled);
    assertThat(instant(c.get("log-shipper").get("finished_at")))
        .isBefore(instant(c.get("envoy").get("finished_at")));
    for (String sidecar : List.of("envoy", "log-shipper")) {
      assertThat(c.get(sidecar))
          .as(sidecar)
          .containsEntry("exit_code", 143)
          .containsEntry("outcome", "clean");
    }
    assertThat(
            tables.rows(
                "SELECT container FROM termination WHERE pod_name = 'web-6d4cf56db6-sdc2r'"
                    + " ORDER BY container"))
        .as("only the main container's SIGTERM exit is a termination; the sidecars' stops are not")
        .extracting(r -> r.get("container"))
        .containsExactly("app");
  }

  @Test
  void sigkillAtTheEndOfTheGracePeriodIsKilledAfterGraceWithTheFailedPreStopHook() {
    store(Recording.offline("killed-after-grace"));
    Map<String, Object> checkout = containers("checkout-7f8b9c6d5-q4w7e").get("checkout");
    assertThat(checkout)
        .containsEntry("exit_code", 137)
        .containsEntry("outcome", "killed_after_grace")
        .containsEntry("seconds_to_exit_ms", 32_000L)
        .containsEntry("prestop_configured", true)
        .containsEntry("prestop_failed", true);
  }

  @Test
  void oomKilledWhileStoppingAndEarlyExitsAreToldApart() {
    store(Recording.offline("oom-and-errors"));
    Map<String, Map<String, Object>> c = containers("cart-5c7d8e9f4-z8m3n");
    assertThat(c.get("cart"))
        .containsEntry("exit_code", 137)
        .containsEntry("reason", "OOMKilled")
        .containsEntry("outcome", "oom_killed");
    assertThat(c.get("indexer"))
        .containsEntry("exit_code", 1)
        .containsEntry("outcome", "error_exit");
    assertThat(c.get("worker"))
        .as("137 twenty seconds before the grace ended")
        .containsEntry("exit_code", 137)
        .containsEntry("outcome", "error_exit")
        .containsEntry("seconds_to_exit_ms", 10_000L);
  }

  @Test
  void aPodGoneWithoutATerminatedStateLeavesItsContainersUnknown() {
    store(Recording.offline("node-lost"));
    Map<String, Map<String, Object>> c = containers("search-8e9f0a1b2-h5j6k");
    assertThat(c.get("search"))
        .containsEntry("outcome", "unknown")
        .containsEntry("exit_code", null);
    assertThat(c.get("cache"))
        .containsEntry("outcome", "unknown")
        .containsEntry("reason", "ContainerStatusUnknown")
        .containsEntry("seconds_to_exit_ms", null);
  }

  @Test
  void aContainerStillStoppingHasNoOutcomeYet() {
    List<Fact> facts = Recording.offline("killed-after-grace");
    // up to the Killing Event: the pod is terminating, its container still runs
    List<Fact> soFar = new ArrayList<>();
    for (Fact fact : facts) {
      soFar.add(fact);
      if (fact instanceof EventObserved e && "Killing".equals(e.event().reason())) {
        break;
      }
    }
    store(soFar);
    assertThat(containers("checkout-7f8b9c6d5-q4w7e").get("checkout"))
        .containsEntry("outcome", null)
        .containsEntry("exit_code", null);
    assertThat(pod("checkout-7f8b9c6d5-q4w7e")).containsEntry("gone", false);
    store(facts);
    assertThat(containers("checkout-7f8b9c6d5-q4w7e").get("checkout"))
        .containsEntry("outcome", "killed_after_grace");
  }

  @Test
  void aSecondDeleteShortensTheGraceButKeepsTheFirstRequestAsTheAnchor() {
    store(Recording.offline("second-delete"));
    Map<String, Object> pod = pod("ledger-9a0b1c2d3-t6y7u");
    assertThat(instant(pod.get("deletion_requested_at"))).isEqualTo(DELETED_REQUEST_BASE);
    assertThat(instant(pod.get("deletion_timestamp")))
        .isEqualTo(Instant.parse("2026-11-25T03:01:15Z"));
    assertThat(pod.get("grace_period_seconds")).isEqualTo(5L);
    Map<String, Object> ledger = containers("ledger-9a0b1c2d3-t6y7u").get("ledger");
    assertThat(ledger)
        .containsEntry("seconds_to_exit_ms", 15_000L)
        .containsEntry("outcome", "killed_after_grace");
    assertThat((Double) ledger.get("grace_used")).isEqualTo(3.0);
  }

  @Test
  void anEvictionThroughTheEvictionApiIsTheCause() {
    store(Recording.offline("evicted"));
    assertThat(pod("web-6d4cf56db6-r8t2v")).containsEntry("cause", "eviction");
    assertThat(containers("web-6d4cf56db6-r8t2v").values())
        .extracting(c -> c.get("outcome"))
        .containsExactly("clean", "clean");
  }

  @Test
  void theSeedsLoapScaleToZeroIsACleanExitOnSigterm() {
    store(Recording.offline("loap-scale-to-zero"));
    Map<String, Object> pod = pod("loap-6b8f9d7c5d-x2k4m");
    assertThat(pod)
        .containsEntry("cause", "api_deletion")
        .containsEntry("grace_period_seconds", 30L)
        .containsEntry("namespace", "demo");
    assertThat(containers("loap-6b8f9d7c5d-x2k4m").get("loap"))
        .containsEntry("exit_code", 143)
        .containsEntry("outcome", "clean")
        .containsEntry("seconds_to_exit_ms", 2_000L)
        .containsEntry("prestop_configured", true)
        .containsEntry("prestop_failed", false);
  }

  @Test
  void terminationsAndHookFailuresBeforeTheDeletionAreNotPartOfTheShutdown() {
    store(Recording.offline("restarted-before-deletion"));
    Map<String, Object> api = containers("api-1b2c3d4e5-p9o8i").get("api");
    assertThat(api)
        .containsEntry("exit_code", 143)
        .containsEntry("outcome", "clean")
        .containsEntry("prestop_failed", false)
        .containsEntry("seconds_to_exit_ms", 3_000L);
    assertThat(instant(api.get("killing_at"))).isEqualTo(DELETED_REQUEST_BASE);
  }

  @Test
  void podGoneIsTimedByTheCollectorsObservationOfTheDelete() {
    store(Recording.live("clean", Instant.parse("2026-11-25T03:01:07.250Z")));
    assertThat(pod("web-6d4cf56db6-k2x9p")).containsEntry("pod_gone_ms", 7_250L);
  }

  @Test
  void killingEventsSeenBeforeTheDeletionAreFoundWhenItArrives() {
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
    store(facts.subList(0, deletion + events.size()));
    store(facts.subList(deletion + events.size(), facts.size()));
    Map<String, Object> checkout = containers("checkout-7f8b9c6d5-q4w7e").get("checkout");
    assertThat(checkout)
        .containsEntry("prestop_failed", true)
        .containsEntry("outcome", "killed_after_grace");
    assertThat(instant(checkout.get("killing_at"))).isEqualTo(DELETED_REQUEST_BASE);
  }

  @Test
  void aRebuildReplaysTheSameShutdowns() {
    for (String name :
        List.of(
            "clean",
            "killed-after-grace",
            "oom-and-errors",
            "node-lost",
            "second-delete",
            "evicted")) {
      store(Recording.offline(name));
    }
    String query =
        "SELECT p.*, c.container, c.position, c.prestop_configured, c.prestop_failed, c.killing_at,"
            + " c.finished_at, c.exit_code, c.reason, c.seconds_to_exit_ms, c.grace_used, c.outcome"
            + " FROM shutdown_pod p JOIN shutdown_container c USING (cluster, pod_uid) ORDER BY"
            + " p.pod_uid, c.container";
    List<Map<String, Object>> before = tables.rows(query);
    tables.store().rebuildProjections();
    List<Map<String, Object>> after = tables.rows(query);
    assertThat(before).hasSize(11);
    assertThat(after).isEqualTo(before);
  }
}
