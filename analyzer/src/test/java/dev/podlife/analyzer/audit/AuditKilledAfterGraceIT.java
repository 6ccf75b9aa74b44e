package dev.podlife.analyzer.audit;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.StoreUnderTest;
import dev.podlife.analyzer.pods.WorkloadPodFilter;
import dev.podlife.analyzer.shutdown.Recording;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit's {@code killedAfterGrace} evidence is the shutdown projection's verdict, the one the
 * shutdown report, the alerts and the metric count: a SIGKILL at the end of the grace period, not
 * every exit 137 during the deletion.
 */
@ExtendWith(PostgresExtension.class)
class AuditKilledAfterGraceIT {
  private final StoreUnderTest tables;

  AuditKilledAfterGraceIT(TestDatabase db) {
    this.tables = new StoreUnderTest(db, Instant.parse("2026-11-25T12:00:00Z"));
  }

  @Test
  void killedAfterGraceCountsTheShutdownVerdictNotEverySigkillDuringTheDeletion() {
    tables.append(Recording.offline("killed-after-grace"));
    tables.append(Recording.offline("oom-and-errors"));
    // one workload with both shutdowns: checkout SIGKILLed at the end of its grace period; cart
    // with one container
    // OOMKilled while stopping and one exiting 137 twenty seconds before the grace period ended
    tables
        .jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE pod SET workload_name = 'checkout' WHERE name ="
                        + " 'cart-5c7d8e9f4-z8m3n'"));

    Map<String, Object> evidence =
        new Audit(tables.jdbi())
                .run(new WorkloadPodFilter(null, null, "Deployment", "checkout", null, null, null))
                .workloads()
                .stream()
                .flatMap(w -> w.findings().stream())
                .filter(f -> f.check().equals("gracePeriodTooShort"))
                .findFirst()
                .orElseThrow()
                .evidence();

    assertThat(evidence)
        .containsEntry("deletedPods", 2L)
        .containsEntry("p99TimeToExitSeconds", 32.0);
    // "SIGKILL during the deletion" (the audit's own rule before) counted the OOM kill and the
    // early exit too
    assertThat(
            tables.rows(
                "SELECT count(*) AS n FROM termination WHERE during_deletion AND signal = 9"
                    + " AND pod_name IN ('checkout-7f8b9c6d5-q4w7e', 'cart-5c7d8e9f4-z8m3n')"))
        .containsExactly(Map.of("n", 3L));
    assertThat(evidence).containsEntry("killedAfterGrace", 1L);
  }
}
