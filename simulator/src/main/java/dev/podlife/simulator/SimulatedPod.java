package dev.podlife.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * One pod as the API server, the scheduler and the kubelet on its node would write it. Each method
 * is one thing those components do (bind, start a container, record a probe failure, …) and writes
 * the resulting object or Event at once; pod conditions and phase are derived from the container
 * statuses as the kubelet derives them.
 */
final class SimulatedPod {
  private static final List<String> CONDITION_ORDER =
      List.of(
          "DisruptionTarget",
          "PodReadyToStartContainers",
          "Initialized",
          "Ready",
          "ContainersReady",
          "PodScheduled");

  private final Stage stage;
  private final Identities ids;
  private final Node node;
  private Pod pod;
  private boolean kubeletSynced;
  private boolean terminal;
  private String evictionMessage;

  /**
   * A node of the simulated cluster, with the address its pods report as hostIP and its pod CIDR's
   * prefix.
   */
  record Node(String name, String hostIp, String podIpPrefix) {}

  private SimulatedPod(Stage stage, Identities ids, Node node, Pod pod) {
    this.stage = stage;
    this.ids = ids;
    this.node = node;
    this.pod = pod;
  }

  /**
   * The controller creates the pod; the API server adds uid, creationTimestamp, phase Pending and
   * QoS class.
   */
  static SimulatedPod create(Stage stage, Identities ids, Workload workload, Node node) {
    Pod pod =
        new PodBuilder()
            .withMetadata(workload.podMetadata(ids))
            .editMetadata()
            .withUid(ids.uid())
            .withCreationTimestamp(stage.timeline().timeNow())
            .endMetadata()
            .withSpec(new PodBuilder().withSpec(workload.podSpec()).build().getSpec())
            .withNewStatus()
            .withPhase("Pending")
            .withQosClass(qosClass(workload.podSpec().getContainers()))
            .endStatus()
            .build();
    try {
      Pod created = stage.client().pods().inNamespace(stage.namespace()).resource(pod).create();
      return new SimulatedPod(stage, ids, node, created);
    } catch (KubernetesClientException e) {
      throw new SimulatorException(
          "Couldn't create pod " + stage.namespace() + "/" + pod.getMetadata().getName(), e);
    }
  }

  String name() {
    return pod.getMetadata().getName();
  }

  String uid() {
    return pod.getMetadata().getUid();
  }

  Pod pod() {
    return pod;
  }

  // ---- scheduler and API server ----

  /**
   * The scheduler binds the pod: the binding sets nodeName and PodScheduled=True; then the
   * Scheduled event.
   */
  void schedule() {
    pod.getSpec().setNodeName(node.name());
    setCondition("PodScheduled", true, null, null);
    update("bind");
    stage.events().scheduled(pod, node.name(), stage.timeline().now());
  }

  /**
   * A graceful delete as the API server accepts it: deletionTimestamp = now + grace,
   * deletionGracePeriodSeconds. (The mock server would delete at once, so the simulator writes what
   * a kube-apiserver would.)
   */
  void requestDeletion(long gracePeriodSeconds) {
    Instant now = stage.timeline().now();
    pod.getMetadata().setDeletionTimestamp(Timeline.time(now.plusSeconds(gracePeriodSeconds)));
    pod.getMetadata().setDeletionGracePeriodSeconds(gracePeriodSeconds);
    update("mark for deletion");
  }

  /** The kubelet's final delete with grace 0, once every container has stopped. */
  void remove() {
    try {
      stage
          .client()
          .pods()
          .inNamespace(stage.namespace())
          .withName(name())
          .withGracePeriod(0)
          .delete();
    } catch (KubernetesClientException e) {
      throw new SimulatorException("Couldn't delete pod " + stage.namespace() + "/" + name(), e);
    } finally {
      stage.events().forget(uid());
    }
  }

  // ---- kubelet: pod level ----

  /**
   * The kubelet's first status: start time, host IP, every container waiting, the pod conditions.
   */
  void admit() {
    PodStatus status = pod.getStatus();
    status.setStartTime(stage.timeline().timeNow());
    status.setHostIP(node.hostIp());
    status.setHostIPs(new ArrayList<>(List.of(new HostIP(node.hostIp()))));
    boolean hasInit = !pod.getSpec().getInitContainers().isEmpty();
    status.setInitContainerStatuses(
        new ArrayList<>(
            pod.getSpec().getInitContainers().stream()
                .map(c -> waitingStatus(c, "PodInitializing"))
                .toList()));
    status.setContainerStatuses(
        new ArrayList<>(
            pod.getSpec().getContainers().stream()
                .map(c -> waitingStatus(c, hasInit ? "PodInitializing" : "ContainerCreating"))
                .toList()));
    kubeletSynced = true;
    setCondition("PodReadyToStartContainers", false, null, null);
    writeStatus();
  }

  /** The runtime created the sandbox and the CNI gave it an address. */
  void sandboxReady() {
    String ip = node.podIpPrefix() + ids.between(2, 250);
    pod.getStatus().setPodIP(ip);
    pod.getStatus().setPodIPs(new ArrayList<>(List.of(new PodIP(ip))));
    setCondition("PodReadyToStartContainers", true, null, null);
    writeStatus();
  }

  /** The sandbox is torn down after the last container stopped. */
  void sandboxGone() {
    setCondition("PodReadyToStartContainers", false, null, null);
    writeStatus();
  }

  /**
   * Every container has stopped for good: the kubelet moves the pod to its terminal phase
   * (Succeeded, or Failed if a container failed or never finished) before deleting it; an evicted
   * pod also gets reason Evicted.
   */
  void finish() {
    terminal = true;
    if (evictionMessage != null) {
      pod.getStatus().setReason("Evicted");
      pod.getStatus().setMessage(evictionMessage);
    }
    writeStatus();
  }

  /**
   * The kubelet decides to evict the pod under node pressure: the Evicted event and a
   * DisruptionTarget condition; the caller then kills the containers and calls {@link #finish()}.
   */
  void evict(String message) {
    stage
        .events()
        .kubelet(pod, node.name(), null, "Warning", "Evicted", message, stage.timeline().now());
    evictionMessage = message;
    setCondition("DisruptionTarget", true, "TerminationByKubelet", message);
    writeStatus();
  }

  // ---- kubelet: containers ----

  void imagePresent(String container) {
    event(
        container,
        "Normal",
        "Pulled",
        "Container image \"" + spec(container).getImage() + "\" already present on machine");
  }

  /**
   * Pulls the image: Pulling, a wait of {@code duration}, then Pulled with the durations and size.
   */
  void pullImage(String container, Duration duration, long sizeBytes) throws InterruptedException {
    String image = spec(container).getImage();
    event(container, "Normal", "Pulling", "Pulling image \"" + image + "\"");
    stage.timeline().pause(duration);
    String took = goDuration(duration);
    event(
        container,
        "Normal",
        "Pulled",
        "Successfully pulled image \""
            + image
            + "\" in "
            + took
            + " ("
            + took
            + " including waiting). Image size: "
            + sizeBytes
            + " bytes.");
  }

  /**
   * Creates and starts a container (Created, Started). A restart keeps the last termination in
   * lastState and counts it in restartCount. A container without a readiness probe is ready as soon
   * as it runs.
   */
  void startContainer(String container) {
    String startedAt =
        stage.timeline().timeNow(); // the runtime starts it before the kubelet reports Started
    event(container, "Normal", "Created", "Created container: " + container);
    event(container, "Normal", "Started", "Started container " + container);
    Container spec = spec(container);
    edit(
        container,
        status -> {
          ContainerState previous = status.getState();
          if (previous != null && previous.getTerminated() != null) {
            status.setLastState(previous);
          }
          if (status.getContainerID() != null) {
            status.setRestartCount(status.getRestartCount() + 1);
          }
          status.setContainerID("containerd://" + ids.hex(32));
          status.setImageID(imageId(spec.getImage()));
          status.setState(
              new ContainerStateBuilder()
                  .withNewRunning()
                  .withStartedAt(startedAt)
                  .endRunning()
                  .build());
          status.setStarted(spec.getStartupProbe() == null);
          status.setReady(!isInit(container) && spec.getReadinessProbe() == null);
        });
    writeStatus();
  }

  /** The readiness prober's verdict changed. */
  void ready(String container, boolean ready) {
    edit(container, status -> status.setReady(ready));
    writeStatus();
  }

  /** The container exited; 128+signal for a signal (137 SIGKILL, 143 SIGTERM). */
  void exited(String container, int exitCode, String reason) {
    edit(
        container,
        status -> {
          String startedAt =
              status.getState() != null && status.getState().getRunning() != null
                  ? status.getState().getRunning().getStartedAt()
                  : stage.timeline().timeNow();
          status.setState(
              new ContainerStateBuilder()
                  .withNewTerminated()
                  .withExitCode(exitCode)
                  .withReason(reason)
                  .withStartedAt(startedAt)
                  .withFinishedAt(stage.timeline().timeNow())
                  .withContainerID(status.getContainerID())
                  .endTerminated()
                  .build());
          status.setReady(isInit(container) && exitCode == 0);
          status.setStarted(false);
        });
    writeStatus();
  }

  /** The kubelet holds a crashed container back: waiting CrashLoopBackOff, and a BackOff event. */
  void crashLoopBackOff(String container, Duration backOff) {
    edit(
        container,
        status -> {
          if (status.getState().getTerminated() != null) {
            status.setLastState(status.getState());
          }
          status.setState(
              new ContainerStateBuilder()
                  .withNewWaiting()
                  .withReason("CrashLoopBackOff")
                  .withMessage(
                      "back-off "
                          + goDuration(backOff)
                          + " restarting failed container="
                          + container
                          + " pod="
                          + formatPod())
                  .endWaiting()
                  .build());
        });
    writeStatus();
    backOff(container);
  }

  /**
   * The kubelet's pod worker saw the container still backing off (the same Event, counted again).
   */
  void backOff(String container) {
    event(
        container,
        "Warning",
        "BackOff",
        "Back-off restarting failed container " + container + " in pod " + formatPod());
  }

  void unhealthy(String container, String message) {
    event(container, "Warning", "Unhealthy", message);
  }

  void killing(String container, String message) {
    event(container, "Normal", "Killing", message);
  }

  void warning(String container, String reason, String message) {
    event(container, "Warning", reason, message);
  }

  /**
   * kubelet's format.Pod: {@code name_namespace(uid)}, as it appears in event and waiting messages.
   */
  String formatPod() {
    return name() + "_" + pod.getMetadata().getNamespace() + "(" + uid() + ")";
  }

  // ---- writing ----

  private void event(String container, String type, String reason, String message) {
    stage
        .events()
        .kubelet(
            pod, node.name(), fieldPath(container), type, reason, message, stage.timeline().now());
  }

  private void update(String what) {
    refresh();
    try {
      pod =
          Objects.requireNonNull(
              stage.client().pods().inNamespace(stage.namespace()).resource(pod).update(),
              "the updated pod");
    } catch (KubernetesClientException | NullPointerException e) {
      throw new SimulatorException(
          "Couldn't " + what + " pod " + stage.namespace() + "/" + name(), e);
    }
  }

  private void writeStatus() {
    refresh();
    try {
      pod =
          Objects.requireNonNull(
              stage.client().pods().inNamespace(stage.namespace()).resource(pod).updateStatus(),
              "the updated pod");
    } catch (KubernetesClientException | NullPointerException e) {
      throw new SimulatorException(
          "Couldn't update the status of pod " + stage.namespace() + "/" + name(), e);
    }
  }

  /**
   * Derives conditions and phase from the container statuses, as the kubelet's status manager does.
   */
  private void refresh() {
    PodStatus status = pod.getStatus();
    if (kubeletSynced) {
      List<String> incomplete =
          status.getInitContainerStatuses().stream()
              .filter(
                  s ->
                      s.getState().getTerminated() == null
                          || s.getState().getTerminated().getExitCode() != 0)
              .map(ContainerStatus::getName)
              .toList();
      setCondition(
          "Initialized",
          incomplete.isEmpty(),
          "ContainersNotInitialized",
          "containers with incomplete status: " + goList(incomplete));
      List<String> unready =
          status.getContainerStatuses().stream()
              .filter(s -> !Boolean.TRUE.equals(s.getReady()))
              .map(ContainerStatus::getName)
              .toList();
      String phase = phase();
      boolean completed = "Succeeded".equals(phase);
      String reason = completed ? "PodCompleted" : "ContainersNotReady";
      String message = completed ? null : "containers with unready status: " + goList(unready);
      setCondition("ContainersReady", unready.isEmpty(), reason, message);
      setCondition("Ready", unready.isEmpty(), reason, message);
      status.setPhase(phase);
    }
    status.getConditions().sort(Comparator.comparingInt(c -> CONDITION_ORDER.indexOf(c.getType())));
  }

  private String phase() {
    PodStatus status = pod.getStatus();
    List<ContainerStatus> containers = status.getContainerStatuses();
    boolean allTerminated = containers.stream().allMatch(s -> s.getState().getTerminated() != null);
    boolean anyFailed =
        containers.stream()
            .anyMatch(
                s ->
                    s.getState().getTerminated() != null
                        && s.getState().getTerminated().getExitCode() != 0);
    boolean neverRestarts = "Never".equals(pod.getSpec().getRestartPolicy());
    if (terminal && !allTerminated) {
      return "Failed";
    }
    if ((terminal || neverRestarts) && allTerminated) {
      return anyFailed ? "Failed" : "Succeeded";
    }
    boolean initialized =
        status.getInitContainerStatuses().stream()
            .allMatch(
                s ->
                    s.getState().getTerminated() != null
                        && s.getState().getTerminated().getExitCode() == 0);
    boolean anyRan =
        containers.stream()
            .anyMatch(
                s ->
                    s.getState().getRunning() != null
                        || s.getState().getTerminated() != null
                        || s.getLastState().getTerminated() != null);
    return initialized && anyRan ? "Running" : "Pending";
  }

  private void setCondition(String type, boolean value, String reason, String message) {
    List<PodCondition> conditions = pod.getStatus().getConditions();
    String wanted = value ? "True" : "False";
    PodCondition existing =
        conditions.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    if (existing == null) {
      existing = new PodCondition();
      existing.setType(type);
      conditions.add(existing);
    }
    if (!wanted.equals(existing.getStatus())) {
      existing.setLastTransitionTime(stage.timeline().timeNow());
    }
    existing.setStatus(wanted);
    existing.setLastProbeTime(null);
    existing.setReason(value && !"DisruptionTarget".equals(type) ? null : reason);
    existing.setMessage(value && !"DisruptionTarget".equals(type) ? null : message);
  }

  private void edit(String container, Consumer<ContainerStatus> change) {
    ContainerStatus status =
        Stream.concat(
                pod.getStatus().getInitContainerStatuses().stream(),
                pod.getStatus().getContainerStatuses().stream())
            .filter(s -> container.equals(s.getName()))
            .findFirst()
            .orElseThrow(
                () -> new SimulatorException("Pod " + name() + " has no container " + container));
    change.accept(status);
  }

  private Container spec(String container) {
    return Stream.concat(
            pod.getSpec().getInitContainers().stream(), pod.getSpec().getContainers().stream())
        .filter(c -> container.equals(c.getName()))
        .findFirst()
        .orElseThrow(
            () -> new SimulatorException("Pod " + name() + " has no container " + container));
  }

  private boolean isInit(String container) {
    return pod.getSpec().getInitContainers().stream().anyMatch(c -> container.equals(c.getName()));
  }

  private String fieldPath(String container) {
    return (isInit(container) ? "spec.initContainers{" : "spec.containers{") + container + "}";
  }

  private static ContainerStatus waitingStatus(Container container, String reason) {
    return new ContainerStatusBuilder()
        .withName(container.getName())
        .withImage(container.getImage())
        .withImageID("")
        .withReady(false)
        .withRestartCount(0)
        .withStarted(false)
        .withNewState()
        .withNewWaiting()
        .withReason(reason)
        .endWaiting()
        .endState()
        .withNewLastState()
        .endLastState()
        .build();
  }

  /** Same image, same digest: the image reference pinned to a digest derived from its name. */
  private static String imageId(String image) {
    String repository = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(image.getBytes(StandardCharsets.UTF_8));
      return repository + "@sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String qosClass(List<Container> containers) {
    boolean any =
        containers.stream()
            .map(Container::getResources)
            .filter(Objects::nonNull)
            .anyMatch(r -> !r.getRequests().isEmpty() || !r.getLimits().isEmpty());
    if (!any) {
      return "BestEffort";
    }
    boolean guaranteed =
        containers.stream()
            .map(Container::getResources)
            .allMatch(
                r -> {
                  Map<String, Quantity> limits = r.getLimits();
                  Map<String, Quantity> requests = r.getRequests();
                  return limits.containsKey("cpu")
                      && limits.containsKey("memory")
                      && (requests.isEmpty() || requests.equals(limits));
                });
    return guaranteed ? "Guaranteed" : "Burstable";
  }

  /** Go's %v of a []string: {@code [a b]}. */
  private static String goList(List<String> names) {
    return "[" + String.join(" ", names) + "]";
  }

  /** Go's time.Duration String of a duration truncated to milliseconds: 10.2s, 612ms, 1m5s. */
  static String goDuration(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    long minutes = millis / 60_000;
    long rest = millis % 60_000;
    String seconds =
        new java.math.BigDecimal(rest).movePointLeft(3).stripTrailingZeros().toPlainString();
    return (minutes > 0 ? minutes + "m" : "") + seconds + "s";
  }
}
