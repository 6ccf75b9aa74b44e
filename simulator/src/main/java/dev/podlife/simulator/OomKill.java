package dev.podlife.simulator;

import java.time.Duration;
import java.util.List;

/** A worker over its 128Mi memory limit: terminated OOMKilled with exit 137, restarted, killed again, backing off. */
final class OomKill implements Scenario {
  private static final String NAME = "hungry";
  private static final String CONTAINER = "worker";
  private final SimulatedPod.Node node;
  private Workload workload;
  private Identities ids;

  OomKill(SimulatedPod.Node node) {
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
      var worker = PodSpecs.container(CONTAINER, "ghcr.io/podlife/hungry-worker:0.9.0", token)
          .withResources(PodSpecs.resources("100m", "128Mi", "128Mi"))
          .build();
      workload = Workload.deployment(stage, ids,
          NAME, PodSpecs.spec(List.of(), List.of(worker), List.of(PodSpecs.tokenVolume(token)), 30, "Always"));
    }
    var t = stage.timeline();
    SimulatedPod pod = Scenario.createAndStartSandbox(stage, ids, workload, node);
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
