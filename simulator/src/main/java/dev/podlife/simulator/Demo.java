package dev.podlife.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The demo playing on a {@link SimulatedCluster}, started by {@link SimulatedCluster#playDemo}. In
 * namespace {@value #NAMESPACE}: the {@code loap} Deployment's pod lives once from creation to
 * scale-down; beside it, each on a loop with a new pod every 20–40 s, a CrashLoopBackOff ({@code
 * crashy}), an OOMKilled container ({@code hungry}), a slow image pull ({@code bigmodel}), a
 * failing readiness probe ({@code flaky-ready}), a liveness failure and restart ({@code wobbly}), a
 * pod killed after its grace period ({@code stubborn}) and an evicted Job pod ({@code
 * nightly-report-*}). The pods run on three simulated nodes ({@code sim-worker-1..3}, also created
 * as Node objects). Closing it stops every scenario at its next step; a scenario whose API call
 * fails stops (logged at ERROR) while the others go on.
 */
public final class Demo implements AutoCloseable {
  /** The namespace every demo object lives in. */
  public static final String NAMESPACE = "demo";

  /** The seed Deployment's name. */
  public static final String SEED_DEPLOYMENT = LoapScaleDown.NAME;

  private static final Logger log = LoggerFactory.getLogger(Demo.class);

  private static final List<SimulatedPod.Node> NODES =
      List.of(
          new SimulatedPod.Node("sim-worker-1", "172.18.0.2", "10.244.1."),
          new SimulatedPod.Node("sim-worker-2", "172.18.0.3", "10.244.2."),
          new SimulatedPod.Node("sim-worker-3", "172.18.0.4", "10.244.3."));

  private final ExecutorService threads;
  private final Timeline timeline;
  private final List<RuntimeException> failures = new CopyOnWriteArrayList<>();
  private volatile boolean closing;

  private Demo(ExecutorService threads, Timeline timeline) {
    this.threads = threads;
    this.timeline = timeline;
  }

  static Demo start(KubernetesClient client, Clock clock, double timeScale) {
    Timeline timeline = new Timeline(clock, timeScale);
    Stage stage = new Stage(client, timeline, new EventRecorder(client, timeline), NAMESPACE);
    createNamespaceAndNodes(stage);
    List<Scenario> scenarios =
        List.of(
            new LoapScaleDown(NODES.get(0)),
            new CrashLoop(NODES.get(1)),
            new OomKill(NODES.get(2)),
            new SlowImagePull(NODES.get(0)),
            new FailingReadiness(NODES.get(1)),
            new LivenessRestart(NODES.get(0)),
            new GraceExpiry(NODES.get(2)),
            new EvictedJob(NODES.get(1)));
    Demo demo =
        new Demo(
            Executors.newThreadPerTaskExecutor(
                Thread.ofPlatform().daemon().name("podlife-sim-", 0).factory()),
            timeline);
    for (int i = 0; i < scenarios.size(); i++) {
      Scenario scenario = scenarios.get(i);
      Duration offset =
          Duration.ofMillis(700L * i); // staggered, so the loops don't move in lockstep
      Stage own = new Stage(client, timeline.branch(), stage.events(), NAMESPACE);
      demo.threads.execute(() -> demo.run(own, scenario, offset));
    }
    log.info("Demo playing in namespace {} at time scale {}", NAMESPACE, timeScale);
    return demo;
  }

  private void run(Stage stage, Scenario scenario, Duration offset) {
    MDC.put("scenario", scenario.name());
    try {
      stage.timeline().pause(offset);
      int cycle = 0;
      do {
        scenario.play(stage, cycle++);
        stage.timeline().pauseSeconds(1);
      } while (scenario.loops() && !closing);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // A request cut off by closing the cluster fails too: that is the end we asked for, not an
      // error.
      if (!closing) {
        failures.add(e);
        log.error(
            "Demo scenario {} stopped after a failure; the other scenarios go on",
            scenario.name(),
            e);
      }
    } finally {
      MDC.remove("scenario");
    }
  }

  private static void createNamespaceAndNodes(Stage stage) {
    String now = stage.timeline().timeNow();
    Identities ids = stage.identities("cluster");
    try {
      Namespace namespace =
          new NamespaceBuilder()
              .withNewMetadata()
              .withName(NAMESPACE)
              .withUid(ids.uid())
              .withCreationTimestamp(now)
              .withLabels(Map.of("kubernetes.io/metadata.name", NAMESPACE))
              .endMetadata()
              .withNewStatus()
              .withPhase("Active")
              .endStatus()
              .build();
      stage.client().namespaces().resource(namespace).createOr(existing -> existing.update());
      for (SimulatedPod.Node node : NODES) {
        stage
            .client()
            .nodes()
            .resource(
                new NodeBuilder()
                    .withNewMetadata()
                    .withName(node.name())
                    .withUid(ids.uid())
                    .withCreationTimestamp(now)
                    .withLabels(
                        Map.of("kubernetes.io/hostname", node.name(), "kubernetes.io/os", "linux"))
                    .endMetadata()
                    .withNewStatus()
                    .addNewAddress()
                    .withType("InternalIP")
                    .withAddress(node.hostIp())
                    .endAddress()
                    .addNewCondition()
                    .withType("Ready")
                    .withStatus("True")
                    .withReason("KubeletReady")
                    .withMessage("kubelet is posting ready status")
                    .withLastTransitionTime(now)
                    .endCondition()
                    .endStatus()
                    .build())
            .createOr(existing -> existing.update());
      }
    } catch (KubernetesClientException e) {
      throw new SimulatorException(
          "Couldn't create namespace " + NAMESPACE + " and the simulated nodes", e);
    }
  }

  /** The failures that stopped scenarios so far (for tests: a healthy demo has none). */
  List<RuntimeException> failures() {
    return List.copyOf(failures);
  }

  /**
   * Stops every scenario at its next pause (a request in flight completes) and waits for their
   * threads to end; idempotent.
   */
  @Override
  public void close() {
    closing = true;
    timeline.stop();
    threads.shutdown();
    try {
      if (!threads.awaitTermination(15, TimeUnit.SECONDS)) {
        log.warn("Demo scenarios did not stop within 15 s; interrupting them");
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
