package dev.podlife.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.ExecActionBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.LifecycleHandlerBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;

/**
 * Pod specs with the defaults the API server fills in, so the objects look like {@code kubectl get
 * -o yaml}.
 */
final class PodSpecs {
  private PodSpecs() {}

  /**
   * A container with the API server's defaults and the service-account token mount every pod gets.
   */
  static ContainerBuilder container(String name, String image, String tokenVolume) {
    return new ContainerBuilder()
        .withName(name)
        .withImage(image)
        .withImagePullPolicy(image.endsWith(":latest") ? "Always" : "IfNotPresent")
        .withTerminationMessagePath("/dev/termination-log")
        .withTerminationMessagePolicy("File")
        .addToVolumeMounts(
            new VolumeMountBuilder()
                .withName(tokenVolume)
                .withMountPath("/var/run/secrets/kubernetes.io/serviceaccount")
                .withReadOnly(true)
                .build());
  }

  static ContainerPortBuilder port(int port) {
    return new ContainerPortBuilder().withName("http").withContainerPort(port).withProtocol("TCP");
  }

  static Probe httpProbe(
      String path, int port, int initialDelay, int period, int failureThreshold) {
    return new ProbeBuilder()
        .withHttpGet(
            new HTTPGetActionBuilder()
                .withPath(path)
                .withPort(new IntOrString(port))
                .withScheme("HTTP")
                .build())
        .withInitialDelaySeconds(initialDelay)
        .withPeriodSeconds(period)
        .withTimeoutSeconds(1)
        .withSuccessThreshold(1)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  static LifecycleHandler exec(String... command) {
    return new LifecycleHandlerBuilder()
        .withExec(new ExecActionBuilder().withCommand(command).build())
        .build();
  }

  static ResourceRequirements resources(
      String cpuRequest, String memoryRequest, String memoryLimit) {
    return new ResourceRequirementsBuilder()
        .withRequests(
            Map.of("cpu", new Quantity(cpuRequest), "memory", new Quantity(memoryRequest)))
        .withLimits(Map.of("memory", new Quantity(memoryLimit)))
        .build();
  }

  /**
   * The name the ServiceAccount admission plugin gives a pod's token volume: {@code
   * kube-api-access-xxxxx}.
   */
  static String tokenVolumeName(Identities ids) {
    return "kube-api-access-" + ids.suffix(5);
  }

  /** The projected service-account token volume the admission plugin adds to every pod. */
  static Volume tokenVolume(String name) {
    return new VolumeBuilder()
        .withName(name)
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
        .build();
  }

  static Volume emptyDir(String name) {
    return new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build();
  }

  static Volume configMap(String name, String configMap) {
    return new VolumeBuilder()
        .withName(name)
        .withNewConfigMap()
        .withName(configMap)
        .withDefaultMode(420)
        .endConfigMap()
        .build();
  }

  /**
   * A pod spec with the defaults the API server sets (scheduler, DNS policy, tolerations, service
   * account).
   */
  static PodSpec spec(
      List<Container> initContainers,
      List<Container> containers,
      List<Volume> volumes,
      long terminationGracePeriodSeconds,
      String restartPolicy) {
    return new PodSpecBuilder()
        .withInitContainers(new ArrayList<>(initContainers))
        .withContainers(new ArrayList<>(containers))
        .withVolumes(new ArrayList<>(volumes))
        .withRestartPolicy(restartPolicy)
        .withTerminationGracePeriodSeconds(terminationGracePeriodSeconds)
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
}
