package dev.podlife.collector.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSchedulingGate;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Volume;

import dev.podlife.collector.CollectorException;
import dev.podlife.events.ContainerKind;
import dev.podlife.events.ContainerSpec;
import dev.podlife.events.ContainerState;
import dev.podlife.events.ContainerStatus;
import dev.podlife.events.Hook;
import dev.podlife.events.OwnerRef;
import dev.podlife.events.PodCondition;
import dev.podlife.events.PodRef;
import dev.podlife.events.PodSnapshot;
import dev.podlife.events.PodSpecSummary;
import dev.podlife.events.Probe;

/**
 * Maps a fabric8 {@link Pod} to the {@link PodSnapshot} podlife diffs; pure, used live and offline.
 */
public final class PodSnapshots {
  private PodSnapshots() {}

  /** The snapshot of {@code pod}, its workload named by {@code workloads}. */
  public static PodSnapshot of(String cluster, Pod pod, WorkloadResolver workloads) {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(pod, "pod");
    ObjectMeta meta = pod.getMetadata();
    if (meta == null || meta.getUid() == null || meta.getUid().isBlank()) {
      throw new CollectorException(
          "Pod "
              + (meta == null ? "?" : meta.getNamespace() + "/" + meta.getName())
              + " has no metadata.uid");
    }
    PodSpec spec = pod.getSpec() == null ? new PodSpec() : pod.getSpec();
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    PodRef ref =
        new PodRef(
            cluster, meta.getUid(), meta.getNamespace(), meta.getName(), workloads.resolve(pod));
    PodSpecSummary summary = summary(spec, meta);
    return new PodSnapshot(
        ref,
        meta.getResourceVersion(),
        Timestamps.parse(meta.getCreationTimestamp()),
        emptyToNull(spec.getNodeName()),
        summary,
        meta.getLabels(),
        emptyToNull(status.getPhase()),
        emptyToNull(status.getReason()),
        emptyToNull(status.getMessage()),
        conditions(status),
        containerStatuses(status, spec),
        Timestamps.parse(meta.getDeletionTimestamp()),
        meta.getDeletionGracePeriodSeconds(),
        null);
  }

  /**
   * The snapshot of {@code pod} with its workload guessed from the pod alone ({@link
   * WorkloadResolver#heuristic()}).
   */
  public static PodSnapshot of(String cluster, Pod pod) {
    return of(cluster, pod, WorkloadResolver.heuristic());
  }

  private static PodSpecSummary summary(PodSpec spec, ObjectMeta meta) {
    List<ContainerSpec> init = new ArrayList<>();
    for (Container c : nullSafe(spec.getInitContainers())) {
      ContainerKind kind =
          "Always".equals(c.getRestartPolicy()) ? ContainerKind.SIDECAR : ContainerKind.INIT;
      init.add(containerSpec(c, kind));
    }
    List<ContainerSpec> regular = new ArrayList<>();
    for (Container c : nullSafe(spec.getContainers())) {
      regular.add(containerSpec(c, ContainerKind.REGULAR));
    }
    List<String> volumeKinds = new ArrayList<>();
    for (Volume v : nullSafe(spec.getVolumes())) {
      volumeKinds.add(volumeKind(v));
    }
    OwnerRef owner =
        nullSafe(meta.getOwnerReferences()).stream()
            .filter(r -> Boolean.TRUE.equals(r.getController()))
            .findFirst()
            .map(PodSnapshots::ownerRef)
            .orElse(null);
    List<String> gates =
        nullSafe(spec.getSchedulingGates()).stream()
            .map(PodSchedulingGate::getName)
            .filter(Objects::nonNull)
            .toList();
    return new PodSpecSummary(
        init,
        regular,
        spec.getTerminationGracePeriodSeconds(),
        emptyToNull(spec.getRestartPolicy()),
        volumeKinds,
        owner,
        gates,
        emptyToNull(spec.getPriorityClassName()));
  }

  private static OwnerRef ownerRef(OwnerReference r) {
    return new OwnerRef(r.getKind(), r.getName(), r.getUid());
  }

  private static ContainerSpec containerSpec(Container c, ContainerKind kind) {
    LifecycleHandler postStart = c.getLifecycle() == null ? null : c.getLifecycle().getPostStart();
    LifecycleHandler preStop = c.getLifecycle() == null ? null : c.getLifecycle().getPreStop();
    return new ContainerSpec(
        c.getName(),
        kind,
        c.getImage(),
        probe(c.getLivenessProbe()),
        probe(c.getReadinessProbe()),
        probe(c.getStartupProbe()),
        hook(postStart),
        hook(preStop),
        emptyToNull(c.getTerminationMessagePolicy()));
  }

  private static Probe probe(io.fabric8.kubernetes.api.model.Probe p) {
    if (p == null) {
      return null;
    }
    String handler =
        p.getHttpGet() != null
            ? "httpGet"
            : p.getTcpSocket() != null
                ? "tcpSocket"
                : p.getExec() != null ? "exec" : p.getGrpc() != null ? "grpc" : null;
    return new Probe(
        handler,
        p.getInitialDelaySeconds(),
        p.getPeriodSeconds(),
        p.getTimeoutSeconds(),
        p.getSuccessThreshold(),
        p.getFailureThreshold(),
        p.getTerminationGracePeriodSeconds());
  }

  private static Hook hook(LifecycleHandler h) {
    if (h == null) {
      return null;
    }
    if (h.getExec() != null) {
      return new Hook("exec", String.join(" ", nullSafe(h.getExec().getCommand())));
    }
    if (h.getHttpGet() != null) {
      return new Hook("httpGet", h.getHttpGet().getPath() == null ? "/" : h.getHttpGet().getPath());
    }
    if (h.getTcpSocket() != null) {
      return new Hook(
          "tcpSocket",
          h.getTcpSocket().getPort() == null ? null : portText(h.getTcpSocket().getPort()));
    }
    if (h.getSleep() != null) {
      return new Hook(
          "sleep", h.getSleep().getSeconds() == null ? null : h.getSleep().getSeconds().toString());
    }
    return new Hook(null, null);
  }

  private static String portText(io.fabric8.kubernetes.api.model.IntOrString port) {
    return port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal();
  }

  /** The name of the volume source field that is set, as written in the pod spec. */
  private static String volumeKind(Volume v) {
    if (v.getEmptyDir() != null) return "emptyDir";
    if (v.getConfigMap() != null) return "configMap";
    if (v.getSecret() != null) return "secret";
    if (v.getProjected() != null) return "projected";
    if (v.getDownwardAPI() != null) return "downwardAPI";
    if (v.getPersistentVolumeClaim() != null) return "persistentVolumeClaim";
    if (v.getHostPath() != null) return "hostPath";
    if (v.getEphemeral() != null) return "ephemeral";
    if (v.getCsi() != null) return "csi";
    if (v.getNfs() != null) return "nfs";
    if (v.getImage() != null) return "image";
    if (v.getIscsi() != null) return "iscsi";
    if (v.getFc() != null) return "fc";
    if (v.getRbd() != null) return "rbd";
    if (v.getCephfs() != null) return "cephfs";
    if (v.getGlusterfs() != null) return "glusterfs";
    if (v.getGitRepo() != null) return "gitRepo";
    if (v.getFlexVolume() != null) return "flexVolume";
    if (v.getAwsElasticBlockStore() != null) return "awsElasticBlockStore";
    if (v.getGcePersistentDisk() != null) return "gcePersistentDisk";
    if (v.getAzureDisk() != null) return "azureDisk";
    if (v.getAzureFile() != null) return "azureFile";
    if (v.getCinder() != null) return "cinder";
    if (v.getVsphereVolume() != null) return "vsphereVolume";
    if (v.getPortworxVolume() != null) return "portworxVolume";
    if (v.getScaleIO() != null) return "scaleIO";
    if (v.getStorageos() != null) return "storageos";
    if (v.getQuobyte() != null) return "quobyte";
    if (v.getFlocker() != null) return "flocker";
    if (v.getPhotonPersistentDisk() != null) return "photonPersistentDisk";
    // A source newer than this fabric8 model lands in additionalProperties under its field name.
    return v.getAdditionalProperties().keySet().stream().findFirst().orElse("unknown");
  }

  private static List<PodCondition> conditions(PodStatus status) {
    List<PodCondition> result = new ArrayList<>();
    for (io.fabric8.kubernetes.api.model.PodCondition c : nullSafe(status.getConditions())) {
      if (c.getType() == null) {
        continue;
      }
      result.add(
          new PodCondition(
              c.getType(),
              emptyToNull(c.getStatus()),
              emptyToNull(c.getReason()),
              emptyToNull(c.getMessage()),
              Timestamps.parse(c.getLastTransitionTime())));
    }
    return result;
  }

  private static List<ContainerStatus> containerStatuses(PodStatus status, PodSpec spec) {
    Map<String, ContainerKind> initKinds = new HashMap<>();
    for (Container c : nullSafe(spec.getInitContainers())) {
      initKinds.put(
          c.getName(),
          "Always".equals(c.getRestartPolicy()) ? ContainerKind.SIDECAR : ContainerKind.INIT);
    }
    List<ContainerStatus> result = new ArrayList<>();
    for (var s : nullSafe(status.getInitContainerStatuses())) {
      result.add(containerStatus(s, initKinds.getOrDefault(s.getName(), ContainerKind.INIT)));
    }
    for (var s : nullSafe(status.getContainerStatuses())) {
      result.add(containerStatus(s, ContainerKind.REGULAR));
    }
    for (var s : nullSafe(status.getEphemeralContainerStatuses())) {
      result.add(containerStatus(s, ContainerKind.EPHEMERAL));
    }
    return result;
  }

  private static ContainerStatus containerStatus(
      io.fabric8.kubernetes.api.model.ContainerStatus s, ContainerKind kind) {
    if (s.getName() == null) {
      throw new CollectorException("A container status without a name (kind " + kind + ")");
    }
    ContainerState.Terminated last =
        s.getLastState() == null ? null : terminated(s.getLastState().getTerminated());
    return new ContainerStatus(
        s.getName(),
        kind,
        state(s.getState()),
        last,
        Boolean.TRUE.equals(s.getReady()),
        s.getStarted(),
        s.getRestartCount() == null ? 0 : Math.max(0, s.getRestartCount()),
        emptyToNull(s.getImage()),
        emptyToNull(s.getImageID()),
        emptyToNull(s.getContainerID()));
  }

  private static ContainerState state(io.fabric8.kubernetes.api.model.ContainerState state) {
    if (state == null) {
      return null;
    }
    if (state.getTerminated() != null) {
      return terminated(state.getTerminated());
    }
    if (state.getRunning() != null) {
      return new ContainerState.Running(Timestamps.parse(state.getRunning().getStartedAt()));
    }
    if (state.getWaiting() != null) {
      return new ContainerState.Waiting(
          emptyToNull(state.getWaiting().getReason()),
          emptyToNull(state.getWaiting().getMessage()));
    }
    return null;
  }

  private static ContainerState.Terminated terminated(
      io.fabric8.kubernetes.api.model.ContainerStateTerminated t) {
    if (t == null) {
      return null;
    }
    return new ContainerState.Terminated(
        emptyToNull(t.getReason()),
        t.getExitCode() == null ? 0 : t.getExitCode(),
        t.getSignal(),
        Timestamps.parse(t.getStartedAt()),
        Timestamps.parse(t.getFinishedAt()),
        emptyToNull(t.getMessage()),
        emptyToNull(t.getContainerID()));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  private static <T> List<T> nullSafe(List<T> list) {
    return list == null ? List.of() : list;
  }
}
