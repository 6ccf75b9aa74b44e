package dev.podlife.simulator;

import java.util.List;

/**
 * A Ready container whose liveness probe starts answering 500: three failures (one Unhealthy Event counted up),
 * then the kubelet kills it ("failed liveness probe, will be restarted", exit 143) and restarts it at once.
 */
final class LivenessRestart implements Scenario {
  private static final String NAME = "wobbly";
  private static final String CONTAINER = "api";
  private final SimulatedPod.Node node;
  private Workload workload;
  private Identities ids;

  LivenessRestart(SimulatedPod.Node node) {
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
      var api = PodSpecs.container(CONTAINER, "ghcr.io/podlife/wobbly-api:1.7.3", token)
          .withPorts(PodSpecs.port(8080).build())
          .withLivenessProbe(PodSpecs.httpProbe("/healthz", 8080, 5, 3, 3))
          .withReadinessProbe(PodSpecs.httpProbe("/ready", 8080, 2, 5, 3))
          .withResources(PodSpecs.resources("100m", "128Mi", "256Mi"))
          .build();
      workload = Workload.deployment(stage, ids,
          NAME, PodSpecs.spec(List.of(), List.of(api), List.of(PodSpecs.tokenVolume(token)), 30, "Always"));
    }
    var t = stage.timeline();
    SimulatedPod pod = Scenario.createAndStartSandbox(stage, ids, workload, node);
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
    pod.startContainer(CONTAINER); // restartCount 1; not ready until its readiness probe passes again
    t.pauseSeconds(2.5);
    pod.ready(CONTAINER, true);
    t.pauseSeconds(8);
    Scenario.deleteGracefully(stage, pod, CONTAINER, 30, 0, 0.6, 0);
  }
}
