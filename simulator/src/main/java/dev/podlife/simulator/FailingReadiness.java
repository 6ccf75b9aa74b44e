package dev.podlife.simulator;

import io.fabric8.kubernetes.api.model.ContainerBuilder;

/**
 * Running but never Ready: the readiness probe answers 503 every 5 s, one Unhealthy Event counted
 * up.
 */
final class FailingReadiness extends LoopingDeployment {
  private static final String CONTAINER = "api";

  FailingReadiness(SimulatedPod.Node node) {
    super("flaky-ready", CONTAINER, "ghcr.io/podlife/flaky-api:3.2.0", 30, node);
  }

  @Override
  ContainerBuilder container(ContainerBuilder api) {
    return api.withPorts(PodSpecs.port(8080).build())
        .withReadinessProbe(PodSpecs.httpProbe("/ready", 8080, 2, 5, 3))
        .withLivenessProbe(PodSpecs.httpProbe("/healthz", 8080, 10, 10, 3))
        .withResources(PodSpecs.resources("100m", "128Mi", "256Mi"));
  }

  @Override
  void playPod(Stage stage, SimulatedPod pod) throws InterruptedException {
    var t = stage.timeline();
    pod.imagePresent(CONTAINER);
    pod.startContainer(CONTAINER);
    t.pauseSeconds(2.8);
    for (int i = 0; i < 5; i++) {
      pod.unhealthy(CONTAINER, "Readiness probe failed: HTTP probe failed with statuscode: 503");
      t.pauseSeconds(5);
    }
    Scenario.deleteGracefully(stage, pod, CONTAINER, 30, 0, 1.0, 143);
  }
}
