package dev.podlife.analyzer.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.podlife.analyzer.pods.NewestPod;
import dev.podlife.analyzer.pods.PodSummary;
import dev.podlife.analyzer.query.WorkloadRef;
import dev.podlife.analyzer.terminations.PodVersions;
import dev.podlife.collector.extract.PodSnapshots;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PodSnapshot;

import static org.assertj.core.api.Assertions.assertThat;

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
    // read back as the pods read model reads the stored snapshot
    PodSnapshot read = FactSerde.snapshotFromBytes(stored.getBytes(StandardCharsets.UTF_8));
    NewestPod latest =
        new NewestPod(
            new PodSummary(
                "east",
                "shop",
                current.pod().name(),
                current.pod().uid(),
                null,
                null,
                new WorkloadRef("Deployment", "worker"),
                "Running",
                "1/1",
                0,
                null,
                null,
                null,
                Instant.EPOCH),
            1,
            read);

    assertThat(Audit.specFindings(latest, Map.of("app", 3L)))
        .extracting(Finding::check)
        .containsExactly("missingLivenessProbe", "missingReadinessProbe");
  }

  private static NewestPod newest(String resource, WorkloadRef workload) {
    PodSnapshot pod = PodSnapshots.of("east", PodVersions.pod(resource));
    return new NewestPod(
        new PodSummary(
            "east",
            "shop",
            pod.pod().name(),
            pod.pod().uid(),
            null,
            null,
            workload,
            "Running",
            "1/1",
            0,
            null,
            null,
            null,
            Instant.EPOCH),
        1,
        pod);
  }

  @Test
  void aSidecarWithoutAStartupOrReadinessProbeIsAFinding() {
    // log-shipper: restartPolicy Always in initContainers, no probe: the kubelet starts the main
    // container as soon as its process runs, before it serves
    NewestPod unprobed = newest("pods/sidecar-running.json", new WorkloadRef("Deployment", "shop"));
    assertThat(Audit.specFindings(unprobed, Map.of()))
        .filteredOn(f -> f.check().equals("sidecarWithoutStartupProbe"))
        .singleElement()
        .satisfies(f -> assertThat(f.containers()).containsExactly("log-shipper"));

    // the Job's proxy has a startup probe: the main container waits for it
    NewestPod probed =
        newest("sidecars/job-4-running.json", new WorkloadRef("Job", "nightly-sql-29874"));
    assertThat(Audit.specFindings(probed, Map.of()))
        .extracting(Finding::check)
        .doesNotContain("sidecarWithoutStartupProbe");
  }
}
