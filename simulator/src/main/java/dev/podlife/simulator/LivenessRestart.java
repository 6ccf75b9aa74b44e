package dev.podlife.simulator;

import io.fabric8.kubernetes.api.model.ContainerBuilder;

/**
 * A Ready container whose liveness probe starts answering 500: three failures (one Unhealthy Event
 * counted up), then the kubelet kills it ("failed liveness probe, will be restarted", exit 143) and
 * restarts it at once.
 */
final class LivenessRestart extends LoopingDeployment {
  private static final String CONTAINER = "api";

  LivenessRestart(SimulatedPod.Node node) {
    super("wobbly", CONTAINER, "ghcr.io/podlife/wobbly-api:1.7.3", 30, node);
  }

  @Override
  ContainerBuilder container(ContainerBuilder api) {
    return api.withPorts(PodSpecs.port(8080).build())
        .withLivenessProbe(PodSpecs.httpProbe("/healthz", 8080, 5, 3, 3))
        .withReadinessProbe(PodSpecs.httpProbe("/ready", 8080, 2, 5, 3))
        .withResources(PodSpecs.resources("100m", "128Mi", "256Mi"));
  }

  @Override
  void playPod(Stage stage, SimulatedPod pod) throws InterruptedException {
    var t = stage.timeline();
    pod.imagePresent(CONTAINER);
    pod.startContainer(CONTAINER);
    t.pauseSeconds(2.5);
    pod.ready(CONTAINER, true);
    t.pauseSeconds(5);
    for (int i = 0; i < 3; i++) {
      pod.unhealthy(CONTAINER, "Liveness probe failed: HTTP probe failed with statuscode: 500");
      t.pauseSeconds(i < 2 ? 3 : 0.1);
    }
    pod.killing(CONTAINER, "Container " + CONTAINER + " failed liveness probe, will be restarted");
    t.pauseSeconds(0.8);
    pod.exited(CONTAINER, 143, "Error");
    t.pauseSeconds(0.4);
    pod.imagePresent(CONTAINER);
    pod.startContainer(
        CONTAINER); // restartCount 1; not ready until its readiness probe passes again
    t.pauseSeconds(2.5);
    pod.ready(CONTAINER, true);
    t.pauseSeconds(8);
    Scenario.deleteGracefully(stage, pod, CONTAINER, 30, 0, 0.6, 0);
  }
}
