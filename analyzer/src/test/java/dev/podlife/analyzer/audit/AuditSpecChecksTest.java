package dev.podlife.analyzer.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.podlife.analyzer.terminations.PodVersions;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PodSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks on a workload's newest pod spec, as the audit reads it from the stored snapshot. */
class AuditSpecChecksTest {

  @Test
  void aPolicyTheStoredFactsDoNotCarryIsUnknownNotAFinding() {
    // a snapshot stored before podlife kept terminationMessagePolicy: the field is simply absent
    PodSnapshot current = PodSnapshots.of("east", PodVersions.pod("audit/worker-1-running.json"));
    String stored =
        new String(FactSerde.snapshotToBytes(current), StandardCharsets.UTF_8)
            .replaceAll(",?\"terminationMessagePolicy\":\"[A-Za-z]+\"", "");
    assertThat(stored).doesNotContain("terminationMessagePolicy");
    AuditRows.LatestSpec latest =
        new AuditRows.LatestSpec(
            "east", "shop", "Deployment", "worker", current.pod().uid(), current.pod().name(), 1, stored);

    assertThat(Audit.specFindings(latest, Map.of("app", 3L)))
        .extracting(Finding::check)
        .containsExactly("missingLivenessProbe", "missingReadinessProbe");
  }
}
