package dev.podlife.simulator;

import java.util.List;

import io.fabric8.kubernetes.api.model.ContainerBuilder;

/**
 * A story told by a one-replica Deployment with a single container, replayed with a new pod every
 * cycle. The first cycle creates the Deployment and its ReplicaSet (names and uids seeded by {@link
 * #name()}); every cycle then creates a pod, starts its sandbox and hands it to the scenario's
 * {@link #playPod script}.
 */
abstract sealed class LoopingDeployment implements Scenario
    permits CrashLoop, OomKill, SlowImagePull, FailingReadiness, LivenessRestart, GraceExpiry {
  private final String name;
  private final String containerName;
  private final String image;
  private final long terminationGracePeriodSeconds;
  private final SimulatedPod.Node node;
  // Created on the first cycle, when the scenario has a stage to write to; then every cycle's pod
  // reuses them.
  private Workload workload;
  private Identities ids;

  LoopingDeployment(
      String name,
      String containerName,
      String image,
      long terminationGracePeriodSeconds,
      SimulatedPod.Node node) {
    this.name = name;
    this.containerName = containerName;
    this.image = image;
    this.terminationGracePeriodSeconds = terminationGracePeriodSeconds;
    this.node = node;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final boolean loops() {
    return true;
  }

  @Override
  public final void play(Stage stage, int cycle) throws InterruptedException {
    if (workload == null) {
      ids = stage.identities(name);
      String token = PodSpecs.tokenVolumeName(ids);
      var spec =
          PodSpecs.spec(
              List.of(),
              List.of(container(PodSpecs.container(containerName, image, token)).build()),
              List.of(PodSpecs.tokenVolume(token)),
              terminationGracePeriodSeconds,
              "Always");
      workload = Workload.deployment(stage, ids, name, spec);
    }
    playPod(stage, Scenario.createAndStartSandbox(stage, ids, workload, node));
  }

  /**
   * The scenario's container: {@code defaults} (name, image, token mount) plus its args, probes,
   * hooks, resources.
   */
  abstract ContainerBuilder container(ContainerBuilder defaults);

  /**
   * One pod's life from its running sandbox to its removal, ending when the next cycle may start.
   */
  abstract void playPod(Stage stage, SimulatedPod pod) throws InterruptedException;
}
