package dev.podlife.simulator;

import io.fabric8.kubernetes.api.model.ContainerBuilder;

/**
 * A preStop hook that never returns under a 5 s grace period: the kubelet waits out the grace
 * period, gives the container the 2 s minimum after SIGTERM, SIGKILLs it (137, after
 * deletionTimestamp) and the hook fails.
 */
final class GraceExpiry extends LoopingDeployment {
  private static final String CONTAINER = "stubborn";
  private static final String[] PRE_STOP = {"/bin/sh", "-c", "sleep 3600"};

  GraceExpiry(SimulatedPod.Node node) {
    super("stubborn", CONTAINER, "ghcr.io/podlife/stubborn:1.0.0", 5, node);
  }

  @Override
  ContainerBuilder container(ContainerBuilder stubborn) {
    return stubborn
        .withNewLifecycle()
        .withPreStop(PodSpecs.exec(PRE_STOP))
        .endLifecycle()
        .withResources(PodSpecs.resources("50m", "64Mi", "128Mi"));
  }

  @Override
  void playPod(Stage stage, SimulatedPod pod) throws InterruptedException {
    var t = stage.timeline();
    pod.imagePresent(CONTAINER);
    pod.startContainer(CONTAINER);
    t.pauseSeconds(10);
    pod.requestDeletion(5);
    pod.killing(CONTAINER, "Stopping container " + CONTAINER);
    t.pauseSeconds(5); // the hook hangs for the whole grace period
    t.pauseSeconds(2); // SIGTERM ignored for the 2 s minimum grace, then SIGKILL
    pod.exited(CONTAINER, 137, "Error");
    pod.warning(
        CONTAINER,
        "FailedPreStopHook",
        "Exec lifecycle hook (["
            + String.join(" ", PRE_STOP)
            + "]) for Container \""
            + CONTAINER
            + "\" in Pod \""
            + pod.formatPod()
            + "\" failed - error: command '"
            + String.join(" ", PRE_STOP)
            + "' exited with 137: , message: \"\"");
    t.pauseSeconds(0.3);
    pod.sandboxGone();
    pod.finish();
    t.pauseSeconds(0.2);
    pod.remove();
    t.pauseSeconds(4);
  }
}
