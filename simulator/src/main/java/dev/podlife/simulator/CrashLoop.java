package dev.podlife.simulator;

import java.time.Duration;

import io.fabric8.kubernetes.api.model.ContainerBuilder;

/**
 * A container that exits with Error 1 two seconds after each start: the first restart is immediate,
 * later ones wait in CrashLoopBackOff (10 s, then 20 s) while the same BackOff Event is counted up.
 */
final class CrashLoop extends LoopingDeployment {
  private static final String CONTAINER = "app";

  CrashLoop(SimulatedPod.Node node) {
    super("crashy", CONTAINER, "ghcr.io/podlife/crashy:0.3.1", 30, node);
  }

  @Override
  ContainerBuilder container(ContainerBuilder app) {
    return app.withArgs("--config", "/etc/crashy/missing.yaml")
        .withResources(PodSpecs.resources("50m", "64Mi", "128Mi"));
  }

  @Override
  void playPod(Stage stage, SimulatedPod pod) throws InterruptedException {
    var t = stage.timeline();
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
