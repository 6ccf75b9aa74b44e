package dev.podlife.simulator;

import java.time.Duration;
import java.util.List;

/**
 * The seed story, once: the {@code loap} Deployment's pod is scheduled, runs its {@code migrate}
 * init container, starts {@code loap} with a postStart hook, turns Ready after its readiness probe,
 * and is deleted by {@code kubectl scale --replicas=0}: grace 30, Killing, preStop, SIGTERM, exit
 * 143, deletion.
 */
final class LoapScaleDown implements Scenario {
  static final String NAME = "loap";
  private final SimulatedPod.Node node;

  LoapScaleDown(SimulatedPod.Node node) {
    this.node = node;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public boolean loops() {
    return false;
  }

  @Override
  public void play(Stage stage, int cycle) throws InterruptedException {
    Identities ids = stage.identities(NAME + "/" + cycle);
    String token = PodSpecs.tokenVolumeName(ids);
    var migrate =
        PodSpecs.container("migrate", "ghcr.io/podlife/loap-migrate:1.4.2", token)
            .withCommand("/app/migrate", "--wait-for-db")
            .withResources(PodSpecs.resources("50m", "64Mi", "128Mi"))
            .build();
    var loap =
        PodSpecs.container(NAME, "ghcr.io/podlife/loap:1.4.2", token)
            .withPorts(PodSpecs.port(8080).build())
            .withResources(PodSpecs.resources("100m", "256Mi", "512Mi"))
            .withLivenessProbe(PodSpecs.httpProbe("/healthz", 8080, 3, 10, 3))
            .withReadinessProbe(PodSpecs.httpProbe("/ready", 8080, 3, 5, 3))
            .withNewLifecycle()
            .withPostStart(PodSpecs.exec("/bin/sh", "-c", "/app/warm-cache.sh"))
            .withPreStop(PodSpecs.exec("/bin/sh", "-c", "sleep 2"))
            .endLifecycle()
            .addNewVolumeMount()
            .withName("config")
            .withMountPath("/etc/loap")
            .withReadOnly(true)
            .endVolumeMount()
            .addNewVolumeMount()
            .withName("tmp")
            .withMountPath("/tmp")
            .endVolumeMount()
            .build();
    var spec =
        PodSpecs.spec(
            List.of(migrate),
            List.of(loap),
            List.of(
                PodSpecs.configMap("config", "loap-config"),
                PodSpecs.emptyDir("tmp"),
                PodSpecs.tokenVolume(token)),
            30,
            "Always");
    Workload workload = Workload.deployment(stage, ids, NAME, spec);

    SimulatedPod pod = Scenario.createAndStartSandbox(stage, ids, workload, node); // ~1.2 s
    pod.imagePresent("migrate");
    pod.startContainer("migrate");
    stage.timeline().pauseSeconds(1.8);
    pod.exited("migrate", 0, "Completed"); // ~3.0 s
    stage.timeline().pauseSeconds(0.3);
    pod.pullImage(NAME, Duration.ofMillis(612), 48_213_451L);
    stage.timeline().pauseSeconds(0.1);
    pod.startContainer(NAME); // ~4.0 s; postStart runs, liveness from ~7 s
    stage.timeline().pauseSeconds(3.5);
    pod.ready(NAME, true); // ~7.5 s
    stage.timeline().pauseSeconds(3.5);
    workload.scale(
        0); // ~11 s: kubectl scale --replicas=0; the ReplicaSet controller deletes the pod
    Scenario.deleteGracefully(stage, pod, NAME, 30, 2.0, 0.5, 143);
  }
}
