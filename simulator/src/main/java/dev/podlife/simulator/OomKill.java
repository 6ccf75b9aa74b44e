package dev.podlife.simulator;

import java.time.Duration;

import io.fabric8.kubernetes.api.model.ContainerBuilder;

/**
 * A worker over its 128Mi memory limit: terminated OOMKilled with exit 137, restarted, killed
 * again, backing off.
 */
final class OomKill extends LoopingDeployment {
  private static final String CONTAINER = "worker";

  OomKill(SimulatedPod.Node node) {
    super("hungry", CONTAINER, "ghcr.io/podlife/hungry-worker:0.9.0", 30, node);
  }

  @Override
  ContainerBuilder container(ContainerBuilder worker) {
    return worker.withResources(PodSpecs.resources("100m", "128Mi", "128Mi"));
  }

  @Override
  void playPod(Stage stage, SimulatedPod pod) throws InterruptedException {
    var t = stage.timeline();
    pod.imagePresent(CONTAINER);
    pod.startContainer(CONTAINER);
    t.pauseSeconds(4);
    pod.exited(CONTAINER, 137, "OOMKilled");
    t.pauseSeconds(0.4);
    pod.imagePresent(CONTAINER);
    pod.startContainer(CONTAINER);
    t.pauseSeconds(5);
    pod.exited(CONTAINER, 137, "OOMKilled");
    t.pauseSeconds(0.3);
    pod.crashLoopBackOff(CONTAINER, Duration.ofSeconds(10));
    t.pauseSeconds(5);
    pod.backOff(CONTAINER);
    t.pauseSeconds(5);
    pod.imagePresent(CONTAINER);
    pod.startContainer(CONTAINER);
    t.pauseSeconds(4);
    pod.exited(CONTAINER, 137, "OOMKilled");
    t.pauseSeconds(0.3);
    pod.crashLoopBackOff(CONTAINER, Duration.ofSeconds(20));
    t.pauseSeconds(3);
    Scenario.deleteStopped(stage, pod);
  }
}
