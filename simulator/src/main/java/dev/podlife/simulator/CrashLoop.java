package dev.podlife.simulator;

import java.time.Duration;
import java.util.List;

/**
 * A container that exits with Error 1 two seconds after each start: the first restart is immediate, later ones
 * wait in CrashLoopBackOff (10 s, then 20 s) while the same BackOff Event is counted up.
 */
final class CrashLoop implements Scenario {
  private static final String NAME = "crashy";
  private static final String CONTAINER = "app";
  private final SimulatedPod.Node node;
  private Workload workload;
  private Identities ids;

  CrashLoop(SimulatedPod.Node node) {
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
    if (workload == null) {
      ids = stage.identities(NAME);
      String token = "kube-api-access-" + ids.suffix(5);
      var app = PodSpecs.container(CONTAINER, "ghcr.io/podlife/crashy:0.3.1", token)
          .withArgs("--config", "/etc/crashy/missing.yaml")
          .withResources(PodSpecs.resources("50m", "64Mi", "128Mi"))
          .build();
      workload = Workload.deployment(stage, ids,
          NAME, PodSpecs.spec(List.of(), List.of(app), List.of(PodSpecs.tokenVolume(token)), 30, "Always"));
    }
    var t = stage.timeline();
    SimulatedPod pod = Scenario.createAndStartSandbox(stage, ids, workload, node);
    pod.imagePresent(CONTAINER);
    pod.startContainer(CONTAINER);
    t.pauseSeconds(1.8);
    pod.exited(CONTAINER, 1, "Error");
    t.pauseSeconds(0.5);
    pod.imagePresent(CONTAINER);
    pod.startContainer(CONTAINER); // restartCount 1, no back-off yet
    t.pauseSeconds(1.5);
    pod.exited(CONTAINER, 1, "Error");
    t.pauseSeconds(0.3);
    pod.crashLoopBackOff(CONTAINER, Duration.ofSeconds(10));
    t.pauseSeconds(5);
    pod.backOff(CONTAINER);
    t.pauseSeconds(5);
    pod.imagePresent(CONTAINER);
    pod.startContainer(CONTAINER); // restartCount 2
    t.pauseSeconds(1.7);
    pod.exited(CONTAINER, 1, "Error");
    t.pauseSeconds(0.3);
    pod.crashLoopBackOff(CONTAINER, Duration.ofSeconds(20));
    for (int i = 0; i < 3; i++) {
      t.pauseSeconds(5);
      pod.backOff(CONTAINER);
    }
    t.pauseSeconds(1.7);
    Scenario.deleteStopped(stage, pod);
  }
}
