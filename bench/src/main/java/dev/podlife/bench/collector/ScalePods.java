package dev.podlife.bench.collector;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * The pods of the collector benchmark, as the API server, scheduler and kubelet write them: pod
 * {@code i} belongs to one of 200 Deployments (50 pods each) in 20 namespaces and runs an app
 * container and a proxy sidecar on one of 100 nodes.
 *
 * <p>Stage 0 is the object the ReplicaSet controller creates (Pending, no node); stage 1 the
 * binding plus the kubelet's first status (PodScheduled, containers waiting in ContainerCreating);
 * stage 2 the containers running but not ready (phase Running); stage 3 both containers ready.
 * Further stages flip readiness, as a flapping readiness probe would. {@code times[s]} is when
 * stage {@code s} happened: an unchanged condition keeps its lastTransitionTime, so each stage
 * yields only the facts of what it changes.
 */
final class ScalePods {
  static final int NAMESPACES = 20;
  static final int PODS_PER_DEPLOYMENT = 50;
  static final int NODES = 100;

  private ScalePods() {}

  static String namespace(int i) {
    return "team-" + (i % NAMESPACES);
  }

  static String name(int i) {
    return replicaSet(i) + "-" + suffix(i);
  }

  /**
   * The pod at {@code stage}; {@code uid}, {@code rv} and {@code created} as the server set them.
   */
  static Pod pod(int i, int stage, String uid, String rv, String created, Instant[] times) {
    int deployment = i / PODS_PER_DEPLOYMENT;
    String app = "svc-" + deployment;
    String hash = templateHash(deployment);
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace(namespace(i))
        .withName(name(i))
        .withGenerateName(replicaSet(i) + "-")
        .withUid(uid)
        .withResourceVersion(rv)
        .withCreationTimestamp(created)
        .withLabels(
            Map.of(
                "app",
                app,
                "app.kubernetes.io/name",
                app,
                "app.kubernetes.io/part-of",
                "shop",
                "pod-template-hash",
                hash))
        .withAnnotations(Map.of("kubectl.kubernetes.io/restartedAt", "2026-11-30T08:00:00Z"))
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("apps/v1")
                .withKind("ReplicaSet")
                .withName(replicaSet(i))
                .withUid(uuid("rs-" + deployment))
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build())
        .endMetadata()
        .withSpec(spec(i, stage))
        .withStatus(stage == 0 ? pendingStatus() : status(i, stage, times))
        .build();
  }

  private static PodSpec spec(int i, int stage) {
    int deployment = i / PODS_PER_DEPLOYMENT;
    String token = "kube-api-access-" + suffix(i);
    var tokenMount =
        new VolumeMountBuilder()
            .withName(token)
            .withMountPath("/var/run/secrets/kubernetes.io/serviceaccount")
            .withReadOnly(true)
            .build();
    var app =
        new ContainerBuilder()
            .withName("app")
            .withImage(image(deployment))
            .withImagePullPolicy("IfNotPresent")
            .addNewPort()
            .withName("http")
            .withContainerPort(8080)
            .withProtocol("TCP")
            .endPort()
            .withEnv(
                new EnvVarBuilder()
                    .withName("JAVA_OPTS")
                    .withValue("-XX:MaxRAMPercentage=75")
                    .build(),
                new EnvVarBuilder().withName("LOG_FORMAT").withValue("json").build(),
                new EnvVarBuilder()
                    .withName("POD_NAME")
                    .withNewValueFrom()
                    .withNewFieldRef()
                    .withApiVersion("v1")
                    .withFieldPath("metadata.name")
                    .endFieldRef()
                    .endValueFrom()
                    .build())
            .withResources(
                new ResourceRequirementsBuilder()
                    .withRequests(
                        Map.of("cpu", new Quantity("250m"), "memory", new Quantity("512Mi")))
                    .withLimits(Map.of("memory", new Quantity("1Gi")))
                    .build())
            .withReadinessProbe(probe("/ready", 8080, 5, 10, 3))
            .withLivenessProbe(probe("/live", 8080, 30, 10, 3))
            .withTerminationMessagePath("/dev/termination-log")
            .withTerminationMessagePolicy("File")
            .withVolumeMounts(
                new VolumeMountBuilder().withName("config").withMountPath("/etc/app").build(),
                tokenMount)
            .build();
    var proxy =
        new ContainerBuilder()
            .withName("proxy")
            .withImage("registry.example.com/envoy:1.31.2")
            .withImagePullPolicy("IfNotPresent")
            .withArgs("--config-path", "/etc/envoy/envoy.yaml", "--log-level", "warn")
            .addNewPort()
            .withName("proxy")
            .withContainerPort(15001)
            .withProtocol("TCP")
            .endPort()
            .withResources(
                new ResourceRequirementsBuilder()
                    .withRequests(
                        Map.of("cpu", new Quantity("50m"), "memory", new Quantity("64Mi")))
                    .withLimits(Map.of("memory", new Quantity("128Mi")))
                    .build())
            .withReadinessProbe(probe("/ready", 15021, 1, 5, 3))
            .withTerminationMessagePath("/dev/termination-log")
            .withTerminationMessagePolicy("File")
            .withVolumeMounts(tokenMount)
            .build();
    return new PodSpecBuilder()
        .withContainers(app, proxy)
        .withVolumes(
            new VolumeBuilder()
                .withName("config")
                .withNewConfigMap()
                .withName("svc-" + deployment + "-config")
                .withDefaultMode(420)
                .endConfigMap()
                .build(),
            new VolumeBuilder()
                .withName(token)
                .withNewProjected()
                .withDefaultMode(420)
                .addNewSource()
                .withNewServiceAccountToken()
                .withExpirationSeconds(3607L)
                .withPath("token")
                .endServiceAccountToken()
                .endSource()
                .addNewSource()
                .withNewConfigMap()
                .withName("kube-root-ca.crt")
                .addNewItem()
                .withKey("ca.crt")
                .withPath("ca.crt")
                .endItem()
                .endConfigMap()
                .endSource()
                .endProjected()
                .build())
        .withNodeName(stage == 0 ? null : node(i))
        .withRestartPolicy("Always")
        .withTerminationGracePeriodSeconds(30L)
        .withDnsPolicy("ClusterFirst")
        .withServiceAccountName("default")
        .withServiceAccount("default")
        .withSchedulerName("default-scheduler")
        .withNewSecurityContext()
        .endSecurityContext()
        .withEnableServiceLinks(true)
        .withPreemptionPolicy("PreemptLowerPriority")
        .withPriority(0)
        .withTolerations(
            new TolerationBuilder()
                .withKey("node.kubernetes.io/not-ready")
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(300L)
                .build(),
            new TolerationBuilder()
                .withKey("node.kubernetes.io/unreachable")
                .withOperator("Exists")
                .withEffect("NoExecute")
                .withTolerationSeconds(300L)
                .build())
        .build();
  }

  private static PodStatus pendingStatus() {
    return new PodStatusBuilder().withPhase("Pending").withQosClass("Burstable").build();
  }

  private static PodStatus status(int i, int stage, Instant[] times) {
    int deployment = i / PODS_PER_DEPLOYMENT;
    String t1 = time(times[1]);
    boolean running = stage >= 2;
    boolean ready = stage >= 3 && (stage - 3) % 2 == 0;
    // Readiness last changed at stage 1 (not ready yet) or at the latest stage >= 3.
    String readyAt = stage >= 3 ? time(times[stage]) : t1;
    String notReady = "containers with unready status: [app proxy]";
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(condition("PodReadyToStartContainers", running, running ? time(times[2]) : t1));
    conditions.add(condition("Initialized", true, t1));
    conditions.add(
        new PodConditionBuilder(condition("Ready", ready, readyAt))
            .withReason(ready ? null : "ContainersNotReady")
            .withMessage(ready ? null : notReady)
            .build());
    conditions.add(
        new PodConditionBuilder(condition("ContainersReady", ready, readyAt))
            .withReason(ready ? null : "ContainersNotReady")
            .withMessage(ready ? null : notReady)
            .build());
    conditions.add(condition("PodScheduled", true, t1));
    String hostIp = "10.0." + (i % NODES) / 250 + "." + (i % NODES + 1);
    PodStatusBuilder status =
        new PodStatusBuilder()
            .withPhase(running ? "Running" : "Pending")
            .withQosClass("Burstable")
            .withHostIP(hostIp)
            .withHostIPs(new HostIP(hostIp))
            .withStartTime(t1)
            .withConditions(conditions)
            .withContainerStatuses(
                container(
                    "app", image(deployment), i, running, ready, running ? time(times[2]) : null),
                container(
                    "proxy",
                    "registry.example.com/envoy:1.31.2",
                    i,
                    running,
                    ready,
                    running ? time(times[2]) : null));
    if (running) {
      String podIp = "10.244." + (i % NODES) + "." + (i / NODES % 250 + 2);
      status.withPodIP(podIp).withPodIPs(new PodIP(podIp));
    }
    return status.build();
  }

  private static ContainerStatus container(
      String name, String image, int i, boolean running, boolean ready, String startedAt) {
    ContainerStatusBuilder status =
        new ContainerStatusBuilder()
            .withName(name)
            .withImage(image)
            .withReady(ready)
            .withRestartCount(0)
            .withStarted(running);
    if (running) {
      status
          .withImageID(image.replace(":", "@sha256:") + "0123456789abcdef")
          .withContainerID("containerd://" + uuid(name + i).replace("-", ""))
          .withNewState()
          .withNewRunning(startedAt)
          .endState();
    } else {
      status.withNewState().withNewWaiting(null, "ContainerCreating").endState();
    }
    return status.build();
  }

  private static PodCondition condition(String type, boolean status, String at) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withLastTransitionTime(at)
        .build();
  }

  private static Probe probe(String path, int port, int delay, int period, int failures) {
    return new ProbeBuilder()
        .withHttpGet(
            new HTTPGetActionBuilder()
                .withPath(path)
                .withPort(new IntOrString(port))
                .withScheme("HTTP")
                .build())
        .withInitialDelaySeconds(delay)
        .withPeriodSeconds(period)
        .withTimeoutSeconds(1)
        .withSuccessThreshold(1)
        .withFailureThreshold(failures)
        .build();
  }

  static String time(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String node(int i) {
    return "node-" + (i % NODES);
  }

  private static String image(int deployment) {
    return "registry.example.com/shop/svc-" + deployment + ":1.4." + (deployment % 7);
  }

  private static String replicaSet(int i) {
    int deployment = i / PODS_PER_DEPLOYMENT;
    return "svc-" + deployment + "-" + templateHash(deployment);
  }

  private static String templateHash(int deployment) {
    return alphanumeric(deployment * 2654435761L + 17, 10);
  }

  /** Distinct for every pod: base 27 of a bijection of {@code i} modulo 27^5. */
  private static String suffix(int i) {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    long v = (i * 7919L + 12345) % 14_348_907L;
    StringBuilder s = new StringBuilder();
    for (int k = 0; k < 5; k++) {
      s.append(alphabet.charAt((int) (v % 27)));
      v /= 27;
    }
    return s.toString();
  }

  /**
   * The API server's random-name alphabet (no vowels), derived deterministically from {@code n}.
   */
  private static String alphanumeric(long n, int length) {
    String alphabet = "bcdfghjklmnpqrstvwxz2456789";
    StringBuilder s = new StringBuilder();
    long v = Math.abs(n * 6364136223846793005L + 1442695040888963407L);
    for (int k = 0; k < length; k++) {
      s.append(alphabet.charAt((int) (v % alphabet.length())));
      v = v / alphabet.length() + (k + 1) * 977L * (n + 1);
      v = Math.abs(v);
    }
    return s.toString();
  }

  private static String uuid(String seed) {
    return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
