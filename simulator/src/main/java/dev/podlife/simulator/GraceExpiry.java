package dev.podlife.simulator;

import java.util.List;

/**
 * A preStop hook that never returns under a 5 s grace period: the kubelet waits out the grace period, gives the
 * container the 2 s minimum after SIGTERM, SIGKILLs it (137, after deletionTimestamp) and the hook fails.
 */
final class GraceExpiry implements Scenario {
  private static final String NAME = "stubborn";
  private static final String CONTAINER = "stubborn";
  private static final String[] PRE_STOP = {"/bin/sh", "-c", "sleep 3600"};
  private final SimulatedPod.Node node;
  private Workload workload;
  private Identities ids;

  GraceExpiry(SimulatedPod.Node node) {
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
      var stubborn = PodSpecs.container(CONTAINER, "ghcr.io/podlife/stubborn:1.0.0", token)
          .withNewLifecycle()
          .withPreStop(PodSpecs.exec(PRE_STOP))
          .endLifecycle()
          .withResources(PodSpecs.resources("50m", "64Mi", "128Mi"))
          .build();
      workload = Workload.deployment(stage, ids,
          NAME, PodSpecs.spec(List.of(), List.of(stubborn), List.of(PodSpecs.tokenVolume(token)), 5, "Always"));
    }
    var t = stage.timeline();
    SimulatedPod pod = Scenario.createAndStartSandbox(stage, ids, workload, node);
    pod.imagePresent(CONTAINER);
    pod.startContainer(CONTAINER);
    t.pauseSeconds(10);
    pod.requestDeletion(5);
    pod.killing(CONTAINER, "Stopping container " + CONTAINER);
    t.pauseSeconds(5); // the hook hangs for the whole grace period
    t.pauseSeconds(2); // SIGTERM ignored for the 2 s minimum grace, then SIGKILL
    pod.exited(CONTAINER, 137, "Error");
    pod.warning(CONTAINER, "FailedPreStopHook",
        "Exec lifecycle hook ([" + String.join(" ", PRE_STOP) + "]) for Container \"" + CONTAINER + "\" in Pod \""
            + pod.formatPod() + "\" failed - error: command '" + String.join(" ", PRE_STOP)
            + "' exited with 137: , message: \"\"");
    t.pauseSeconds(0.3);
    pod.sandboxGone();
    pod.finish();
    t.pauseSeconds(0.2);
    pod.remove();
    t.pauseSeconds(4);
  }
}
