package dev.podlife.simulator;

import java.util.List;

/**
 * A Job's pod evicted under node memory pressure: Evicted, DisruptionTarget, Killing, exit 137,
 * phase Failed with reason Evicted; the evicted pod lingers a while, then the Job and its pod are
 * cleaned up.
 */
final class EvictedJob implements Scenario {
  private static final String NAME = "nightly-report";
  private static final String CONTAINER = "report";
  private final SimulatedPod.Node node;

  EvictedJob(SimulatedPod.Node node) {
    this.node = node;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean loops() {
    return true;
  }

  @Override
  public void play(Stage stage, int cycle) throws InterruptedException {
    Identities ids = stage.identities(NAME + "/" + cycle);
    String token = PodSpecs.tokenVolumeName(ids);
    var report =
        PodSpecs.container(CONTAINER, "ghcr.io/podlife/report:5.0.1", token)
            .withArgs("--since", "24h")
            .withResources(PodSpecs.resources("250m", "256Mi", "2Gi"))
            .build();
    Workload workload =
        Workload.job(
            stage,
            ids,
            NAME + "-" + (29_392_120 + cycle),
            PodSpecs.spec(
                List.of(), List.of(report), List.of(PodSpecs.tokenVolume(token)), 30, "Never"));
    var t = stage.timeline();
    SimulatedPod pod = Scenario.createAndStartSandbox(stage, ids, workload, node);
    pod.imagePresent(CONTAINER);
    pod.startContainer(CONTAINER);
    t.pauseSeconds(8);
    pod.evict(
        "The node was low on resource: memory. Threshold quantity: 100Mi, available: 92160Ki."
            + " Container "
            + CONTAINER
            + " was using 1436520Ki, request is 256Mi, has larger consumption of memory. ");
    pod.killing(CONTAINER, "Stopping container " + CONTAINER);
    t.pauseSeconds(0.5);
    pod.exited(CONTAINER, 137, "Error");
    pod.sandboxGone();
    pod.finish();
    t.pauseSeconds(10);
    pod.remove();
    workload.deleteJob();
    t.pauseSeconds(2);
  }
}
