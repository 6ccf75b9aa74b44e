package dev.podlife.simulator;

import java.time.Duration;

import io.fabric8.kubernetes.api.model.ContainerBuilder;

/**
 * A 1.8 GB image pulled for 10.2 s (ContainerCreating meanwhile), then Ready, then deleted with a
 * clean exit 0.
 */
final class SlowImagePull extends LoopingDeployment {
  private static final String CONTAINER = "inference";

  SlowImagePull(SimulatedPod.Node node) {
    super("bigmodel", CONTAINER, "ghcr.io/podlife/ml-inference:2.1.0", 30, node);
  }

  @Override
  ContainerBuilder container(ContainerBuilder inference) {
    return inference
        .withImagePullPolicy("Always") // why every cycle pulls again
        .withPorts(PodSpecs.port(8000).build())
        .withReadinessProbe(PodSpecs.httpProbe("/v1/health", 8000, 2, 5, 3))
        .withResources(PodSpecs.resources("500m", "1Gi", "2Gi"));
  }

  @Override
  void playPod(Stage stage, SimulatedPod pod) throws InterruptedException {
    var t = stage.timeline();
    pod.pullImage(CONTAINER, Duration.ofMillis(10_200), 1_843_256_721L);
    t.pauseSeconds(0.2);
    pod.startContainer(CONTAINER);
    t.pauseSeconds(2.5);
    pod.ready(CONTAINER, true);
    t.pauseSeconds(12);
    Scenario.deleteGracefully(stage, pod, CONTAINER, 30, 0, 0.8, 0);
  }
}
