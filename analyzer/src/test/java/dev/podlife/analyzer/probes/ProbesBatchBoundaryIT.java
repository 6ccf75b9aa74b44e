package dev.podlife.analyzer.probes;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.shutdown.Recording;
import dev.podlife.analyzer.terminations.PodVersions;
import dev.podlife.events.Fact;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probes projection does not depend on where a Kafka poll ends: a pod's facts stored one
 * transaction each (the live analyzer may see a poll end between two facts of one object version)
 * give the same readiness flaps, not-ready intervals and restarts as all of them stored at once (a
 * rebuild). The fault harness found the two apart on zero-length not-ready intervals and on a Ready
 * loss that ended the phase, stored before the version's PhaseChanged.
 */
@ExtendWith(PostgresExtension.class)
class ProbesBatchBoundaryIT {
  private static final String TABLES =
      """
      SELECT 'not_ready' AS t, cluster, pod_uid, container, started_at::text AS a, ended_at::text AS b,
             NULL AS c
      FROM probe_not_ready
      UNION ALL
      SELECT 'flap', cluster, pod_uid, container, scope, at::text, NULL FROM probe_readiness_flap
      UNION ALL
      SELECT 'restart', cluster, pod_uid, container, restart_number::text, at::text, cause
      FROM probe_restart
      ORDER BY 1, 2, 3, 4, 5, 6\
      """;

  private final StoreUnderTest tables;

  ProbesBatchBoundaryIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, Instant.parse("2026-11-20T12:00:00Z"));
  }

  static Stream<String> recordings() {
    return Stream.of(
        "clean",
        "evicted",
        "killed-after-grace",
        "loap-scale-to-zero",
        "node-lost",
        "oom-and-errors",
        "restarted-before-deletion",
        "second-delete",
        "web-life",
        "job-completes");
  }

  private static List<Fact> facts(String recording) {
    return switch (recording) {
      case "web-life" -> PodVersions.facts(PodVersions.WEB_LIFE);
      // a Job's pod whose one version loses Ready, stops its container and ends the phase
      case "job-completes" ->
          PodVersions.facts("probes/job-1-ready.json", "probes/job-2-completed.json");
      default -> Recording.offline(recording);
    };
  }

  @BeforeEach
  void emptyTables() {
    tables.empty();
  }

  @ParameterizedTest
  @MethodSource("recordings")
  void oneFactPerTransactionGivesWhatOneTransactionGives(String recording) {
    for (Fact fact : facts(recording)) {
      tables.append(List.of(fact));
    }
    List<Map<String, Object>> factByFact = tables.rows(TABLES);

    tables.store().rebuildProjections();

    assertThat(tables.rows(TABLES)).as(recording).isEqualTo(factByFact);
  }
}
