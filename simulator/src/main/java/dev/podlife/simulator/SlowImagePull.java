package dev.podlife.simulator;

import java.time.Duration;
import java.util.List;

/** A 1.8 GB image pulled for 10.2 s (ContainerCreating meanwhile), then Ready, then deleted with a clean exit 0. */
final class SlowImagePull implements Scenario {
  private static final String NAME = "bigmodel";
  private static final String CONTAINER = "inference";
  private final SimulatedPod.Node node;
  private Workload workload;
  private Identities ids;

  SlowImagePull(SimulatedPod.Node node) {
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
      var inference = PodSpecs.container(CONTAINER, "ghcr.io/podlife/ml-inference:2.1.0", token)
          .withImagePullPolicy("Always") // why every cycle pulls again
          .withPorts(PodSpecs.port(8000).build())
          .withReadinessProbe(PodSpecs.httpProbe("/v1/health", 8000, 2, 5, 3))
          .withResources(PodSpecs.resources("500m", "1Gi", "2Gi"))
          .build();
      workload = Workload.deployment(stage, ids,
          NAME, PodSpecs.spec(List.of(), List.of(inference), List.of(PodSpecs.tokenVolume(token)), 30, "Always"));
    }
    var t = stage.timeline();
    SimulatedPod pod = Scenario.createAndStartSandbox(stage, ids, workload, node);
    pod.pullImage(CONTAINER, Duration.ofMillis(10_200), 1_843_256_721L);
    t.pauseSeconds(0.2);
    pod.startContainer(CONTAINER);
    t.pauseSeconds(2.5);
    pod.ready(CONTAINER, true);
    t.pauseSeconds(12);
    Scenario.deleteGracefully(stage, pod, CONTAINER, 30, 0, 0.8, 0);
  }
}
