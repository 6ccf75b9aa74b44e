package dev.podlife.simulator;

import java.util.List;

/** Running but never Ready: the readiness probe answers 503 every 5 s, one Unhealthy Event counted up. */
final class FailingReadiness implements Scenario {
  private static final String NAME = "flaky-ready";
  private static final String CONTAINER = "api";
  private final SimulatedPod.Node node;
  private Workload workload;
  private Identities ids;

  FailingReadiness(SimulatedPod.Node node) {
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
      var api = PodSpecs.container(CONTAINER, "ghcr.io/podlife/flaky-api:3.2.0", token)
          .withPorts(PodSpecs.port(8080).build())
          .withReadinessProbe(PodSpecs.httpProbe("/ready", 8080, 2, 5, 3))
          .withLivenessProbe(PodSpecs.httpProbe("/healthz", 8080, 10, 10, 3))
          .withResources(PodSpecs.resources("100m", "128Mi", "256Mi"))
          .build();
      workload = Workload.deployment(stage, ids,
          NAME, PodSpecs.spec(List.of(), List.of(api), List.of(PodSpecs.tokenVolume(token)), 30, "Always"));
    }
    var t = stage.timeline();
    SimulatedPod pod = Scenario.createAndStartSandbox(stage, ids, workload, node);
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
