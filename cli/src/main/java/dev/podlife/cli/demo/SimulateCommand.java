package dev.podlife.cli.demo;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;

import dev.podlife.cli.UserError;
import dev.podlife.cli.services.Shutdown;
import dev.podlife.simulator.Demo;
import dev.podlife.simulator.SimulatedCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Only the demo's simulated cluster, as a stand-alone Kubernetes API: for trying {@code podlife
 * collector} as a separate process against something that behaves like a cluster.
 */
@Command(
    name = "simulate",
    hidden = true,
    mixinStandardHelpOptions = true,
    description =
        "Serve the demo's simulated cluster and write a kubeconfig for it; Ctrl-C stops it.")
public final class SimulateCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "0",
      description = "API server port (default: any free port).")
  int port;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      defaultValue = ".podlife/simulate/kubeconfig",
      description = "Where to write the kubeconfig (default: ${DEFAULT-VALUE}).")
  Path kubeconfig;

  @Option(
      names = "--speed",
      paramLabel = "FACTOR",
      defaultValue = "1.0",
      description = "Scenario clock speed (default: ${DEFAULT-VALUE}).")
  double speed;

  @Option(
      names = "--stop-load-on-eof",
      hidden = true,
      description =
          "Stop the scenarios (the cluster keeps serving) when standard input ends: for the fault"
              + " harness.")
  boolean stopLoadOnEof;

  @Override
  @SuppressWarnings(
      "try") // the try block holds the running services open until the signal, by design
  public Integer call() throws Exception {
    if (speed <= 0) {
      throw new UserError("--speed must be positive, got " + speed);
    }
    try (Shutdown shutdown = Shutdown.onSignal();
        SimulatedCluster cluster = SimulatedCluster.start(port);
        Demo demo = cluster.playDemo(Clock.systemUTC(), 1.0 / speed)) {
      Path written = cluster.writeKubeconfig(kubeconfig);
      System.out.println(
          "simulated cluster at "
              + cluster.masterUrl()
              + "; kubeconfig: "
              + written.toAbsolutePath());
      System.out.flush();
      if (stopLoadOnEof) {
        Thread.ofPlatform().daemon().name("podlife-sim-stdin").start(() -> stopAtEndOfInput(demo));
      }
      shutdown.await();
    }
    return 0;
  }

  /**
   * Reads standard input to its end, then stops the scenarios so that the cluster's objects hold
   * still.
   */
  private static void stopAtEndOfInput(Demo demo) {
    try {
      System.in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (java.io.IOException e) {
      // a broken stdin ends the input as well
    }
    demo.close();
    System.out.println("load stopped");
    System.out.flush();
  }
}
