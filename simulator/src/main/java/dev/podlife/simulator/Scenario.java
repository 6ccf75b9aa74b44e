package dev.podlife.simulator;

/**
 * One story the demo tells about pods. {@link #play} runs one cycle from pod creation to pod
 * deletion and blocks for the cycle's simulated duration; looping scenarios start a new pod every
 * cycle.
 */
sealed interface Scenario permits LoapScaleDown, LoopingDeployment, EvictedJob {

  /** The workload's name, also the scenario's seed for names and uids. */
  String name();

  /** Whether the demo replays it after it finishes (the seed scenario plays once). */
  boolean loops();

  void play(Stage stage, int cycle) throws InterruptedException;

  /**
   * Creation to running sandbox: the controller creates the pod, the scheduler binds it (~0.5 s),
   * the kubelet admits it and the runtime starts its sandbox (~1.2 s).
   */
  static SimulatedPod createAndStartSandbox(
      Stage stage, Identities ids, Workload workload, SimulatedPod.Node node)
      throws InterruptedException {
    SimulatedPod pod = SimulatedPod.create(stage, ids, workload, node);
    stage.timeline().pauseSeconds(0.5);
    pod.schedule();
    stage.timeline().pauseSeconds(0.3);
    pod.admit();
    stage.timeline().pauseSeconds(0.4);
    pod.sandboxReady();
    return pod;
  }

  /**
   * A delete with {@code grace} whose container stops on SIGTERM after {@code preStopSeconds} of
   * preStop hook plus {@code exitAfterSeconds}; then the terminal phase and the kubelet's final
   * delete.
   */
  static void deleteGracefully(
      Stage stage,
      SimulatedPod pod,
      String container,
      long grace,
      double preStopSeconds,
      double exitAfterSeconds,
      int exitCode)
      throws InterruptedException {
    pod.requestDeletion(grace);
    pod.killing(container, "Stopping container " + container);
    stage.timeline().pauseSeconds(preStopSeconds + exitAfterSeconds);
    pod.exited(container, exitCode, exitCode == 0 ? "Completed" : "Error");
    stage.timeline().pauseSeconds(0.3);
    pod.sandboxGone();
    pod.finish();
    stage.timeline().pauseSeconds(0.2);
    pod.remove();
  }

  /** A delete of a pod whose containers are not running (backing off): it goes almost at once. */
  static void deleteStopped(Stage stage, SimulatedPod pod) throws InterruptedException {
    pod.requestDeletion(30);
    stage.timeline().pauseSeconds(0.4);
    pod.sandboxGone();
    pod.finish();
    stage.timeline().pauseSeconds(0.2);
    pod.remove();
  }
}
