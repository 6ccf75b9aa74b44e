package dev.podlife.simulator;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * A Kubernetes API server on localhost (fabric8's mock server in CRUD mode, plain HTTP) that
 * behaves like a real one for lists, watches, creates, updates, status updates and deletes. It sets
 * neither status nor Events itself: a {@link Demo} plays the scheduler and kubelet. Unlike the bare
 * mock, an object written with a deletionTimestamp stays until it is deleted with grace 0, as in
 * graceful termination. Closing it stops the demo, the client and the server.
 */
public final class SimulatedCluster implements AutoCloseable {
  /** The cluster, context and user name in the kubeconfig written by {@link #writeKubeconfig}. */
  public static final String CONTEXT_NAME = "podlife-demo";

  private static final org.slf4j.Logger log = LoggerFactory.getLogger(SimulatedCluster.class);

  // The mock logs every request at INFO through java.util.logging; JUL holds loggers weakly, so
  // keep this one.
  private static final Logger MOCK_SERVER_LOGGER = Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOGGER.setLevel(Level.WARNING);
  }

  private final KubernetesMockServer server;
  private final String masterUrl;
  private final KubernetesClient client;
  private Demo demo;
  private boolean closed;

  private SimulatedCluster(KubernetesMockServer server, String masterUrl, KubernetesClient client) {
    this.server = server;
    this.masterUrl = masterUrl;
    this.client = client;
  }

  /** Starts the API server on an ephemeral port of the loopback interface. */
  public static SimulatedCluster start() {
    return start(0);
  }

  /** Starts the API server on {@code port} of the loopback interface (0 picks a free one). */
  public static SimulatedCluster start(int port) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new ApiServerDispatcher(), false);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try {
      server.init(loopback, port);
    } catch (RuntimeException e) {
      throw new SimulatorException("Couldn't start the simulated API server on port " + port, e);
    }
    String masterUrl = "http://" + loopback.getHostAddress() + ":" + server.getPort();
    KubernetesClient client = clientFor(masterUrl);
    log.info("Simulated Kubernetes API server listening on {}", masterUrl);
    return new SimulatedCluster(server, masterUrl, client);
  }

  private static KubernetesClient clientFor(String masterUrl) {
    // Config.empty() so a kubeconfig in the user's home can never redirect the simulator's own
    // writes.
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(masterUrl)
            .withNamespace(Demo.NAMESPACE)
            .withRequestTimeout(10_000)
            .withConnectionTimeout(5_000)
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** The API server's URL, e.g. {@code http://127.0.0.1:41235}. */
  public String masterUrl() {
    return masterUrl;
  }

  /**
   * The client the simulator writes with; callers may read through it, but should watch with their
   * own client.
   */
  public KubernetesClient client() {
    return client;
  }

  /**
   * Writes a kubeconfig with one cluster, context and user named {@value #CONTEXT_NAME} pointing at
   * {@link #masterUrl()}, with namespace {@value Demo#NAMESPACE}, so a collector is configured
   * exactly as for a real cluster.
   *
   * @return {@code file}
   */
  public Path writeKubeconfig(Path file) {
    String yaml =
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: %1$s
          cluster:
            server: %2$s
        contexts:
        - name: %1$s
          context:
            cluster: %1$s
            user: %1$s
            namespace: %3$s
        current-context: %1$s
        users:
        - name: %1$s
          user: {}
        preferences: {}
        """
            .formatted(CONTEXT_NAME, masterUrl, Demo.NAMESPACE);
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return Files.writeString(file, yaml);
    } catch (IOException e) {
      throw new SimulatorException(
          "Couldn't write the simulated cluster's kubeconfig to " + file, e);
    }
  }

  /**
   * Starts the demo scenarios at real speed with the system clock; see {@link #playDemo(Clock,
   * double)}.
   */
  public Demo playDemo() {
    return playDemo(Clock.systemUTC(), 1.0);
  }

  /**
   * Starts every demo scenario in the background (the {@code loap} seed and the looping failure
   * scenarios, see {@link Demo}) and returns at once.
   *
   * @param clock the time written into objects and Events
   * @param timeScale multiplies every scenario wait: 1.0 is real time, 0.1 plays ten times faster.
   *     Timestamps are stretched back by the same factor from the moment the demo starts, so a fast
   *     run still carries durations that read like a real cluster's (a 10.2 s image pull is 10.2 s
   *     apart in its Events).
   * @throws SimulatorException if a demo already plays on this cluster, or it is closed
   */
  public synchronized Demo playDemo(Clock clock, double timeScale) {
    if (closed) {
      throw new SimulatorException(
          "Couldn't start the demo: the simulated cluster at " + masterUrl + " is closed");
    }
    if (demo != null) {
      throw new SimulatorException(
          "Couldn't start the demo: one is already playing on " + masterUrl);
    }
    demo = Demo.start(client, clock, timeScale);
    return demo;
  }

  /**
   * Stops the demo (if any), the client and the API server. Close your own watches and informers
   * after the demo (or this cluster) stops: fabric8's mock server can stall for seconds when a
   * watch closes while events are streaming to it.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (demo != null) {
        demo.close();
      }
    } finally {
      // Client first: with the demo stopped it has no request in flight, and closing it before the
      // server spares
      // Netty's noise about connections closed under a terminated event loop.
      try {
        client.close();
      } finally {
        try {
          server.destroy();
        } catch (RuntimeException e) {
          throw new SimulatorException(
              "Couldn't stop the simulated API server on "
                  + masterUrl
                  + " in time (a watch closed while events were streaming to it can stall the mock"
                  + " server); its threads may linger until the JVM exits",
              e);
        }
        log.info("Simulated Kubernetes API server on {} stopped", masterUrl);
      }
    }
  }
}
