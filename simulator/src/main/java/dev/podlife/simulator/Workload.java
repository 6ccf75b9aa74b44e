package dev.podlife.simulator;

import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * The controller that owns a scenario's pods: a Deployment's ReplicaSet, or a Job. Creates the
 * owner objects as the controllers would, and stamps each new pod with the labels and the
 * controller ownerReference they set.
 */
final class Workload {
  private final Stage stage;
  private final OwnerReference controller;
  private final Map<String, String> podLabels;
  private final String podNamePrefix;
  private final PodSpec podSpec;
  private final String deploymentName;

  private Workload(
      Stage stage,
      OwnerReference controller,
      Map<String, String> podLabels,
      String podNamePrefix,
      PodSpec podSpec,
      String deploymentName) {
    this.stage = stage;
    this.controller = controller;
    this.podLabels = podLabels;
    this.podNamePrefix = podNamePrefix;
    this.podSpec = podSpec;
    this.deploymentName = deploymentName;
  }

  /**
   * Creates a one-replica Deployment and the ReplicaSet its controller would create for the
   * template.
   */
  static Workload deployment(Stage stage, Identities ids, String name, PodSpec spec) {
    String now = stage.timeline().timeNow();
    String templateHash = ids.suffix(10);
    Map<String, String> selector = Map.of("app", name);
    Deployment deployment =
        new DeploymentBuilder()
            .withMetadata(
                controllerMetadata(stage, name, ids.uid(), now, selector)
                    .withAnnotations(Map.of("deployment.kubernetes.io/revision", "1"))
                    .build())
            .withNewSpec()
            .withReplicas(1)
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withTemplate(template(selector, spec))
            .withProgressDeadlineSeconds(600)
            .withRevisionHistoryLimit(10)
            .withNewStrategy()
            .withType("RollingUpdate")
            .withNewRollingUpdate()
            .withMaxSurge(new io.fabric8.kubernetes.api.model.IntOrString("25%"))
            .withMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString("25%"))
            .endRollingUpdate()
            .endStrategy()
            .endSpec()
            .build();
    deployment = create(stage, deployment, "Deployment " + name);

    Map<String, String> podLabels = new LinkedHashMap<>(selector);
    podLabels.put("pod-template-hash", templateHash);
    String replicaSetName = name + "-" + templateHash;
    ReplicaSet replicaSet =
        new ReplicaSetBuilder()
            .withMetadata(
                controllerMetadata(stage, replicaSetName, ids.uid(), now, podLabels)
                    .withAnnotations(
                        Map.of(
                            "deployment.kubernetes.io/desired-replicas", "1",
                            "deployment.kubernetes.io/max-replicas", "2",
                            "deployment.kubernetes.io/revision", "1"))
                    .withOwnerReferences(
                        owner("apps/v1", "Deployment", name, deployment.getMetadata().getUid()))
                    .build())
            .withNewSpec()
            .withReplicas(1)
            .withNewSelector()
            .withMatchLabels(podLabels)
            .endSelector()
            .withTemplate(template(podLabels, spec))
            .endSpec()
            .build();
    replicaSet = create(stage, replicaSet, "ReplicaSet " + replicaSetName);
    return new Workload(
        stage,
        owner("apps/v1", "ReplicaSet", replicaSetName, replicaSet.getMetadata().getUid()),
        podLabels,
        replicaSetName + "-",
        spec,
        name);
  }

  /**
   * Creates a Job with the labels and selector the Job controller and its admission defaults set.
   */
  static Workload job(Stage stage, Identities ids, String name, PodSpec spec) {
    String uid = ids.uid();
    Map<String, String> podLabels = new LinkedHashMap<>();
    podLabels.put("batch.kubernetes.io/controller-uid", uid);
    podLabels.put("batch.kubernetes.io/job-name", name);
    podLabels.put("controller-uid", uid);
    podLabels.put("job-name", name);
    Job job =
        new JobBuilder()
            .withMetadata(
                controllerMetadata(stage, name, uid, stage.timeline().timeNow(), podLabels).build())
            .withNewSpec()
            .withBackoffLimit(0)
            .withCompletions(1)
            .withParallelism(1)
            .withCompletionMode("NonIndexed")
            .withNewSelector()
            .withMatchLabels(Map.of("batch.kubernetes.io/controller-uid", uid))
            .endSelector()
            .withTemplate(template(podLabels, spec))
            .endSpec()
            .build();
    create(stage, job, "Job " + name);
    return new Workload(
        stage, owner("batch/v1", "Job", name, uid), podLabels, name + "-", spec, null);
  }

  /**
   * The metadata a new pod of this workload gets from its controller (the API server adds uid and
   * time).
   */
  ObjectMeta podMetadata(Identities ids) {
    return new ObjectMetaBuilder()
        .withName(podNamePrefix + ids.suffix(5))
        .withGenerateName(podNamePrefix)
        .withNamespace(stage.namespace())
        .withLabels(new LinkedHashMap<>(podLabels))
        .withOwnerReferences(new OwnerReferenceBuilder(controller).build())
        .build();
  }

  PodSpec podSpec() {
    return podSpec;
  }

  /**
   * {@code kubectl scale --replicas=n}: the Deployment and, through its controller, the ReplicaSet
   * change size.
   */
  void scale(int replicas) {
    if (deploymentName == null) {
      throw new SimulatorException(
          "Couldn't scale " + controller.getKind() + " " + controller.getName());
    }
    try {
      stage
          .client()
          .apps()
          .deployments()
          .inNamespace(stage.namespace())
          .withName(deploymentName)
          .edit(
              d ->
                  new DeploymentBuilder(d)
                      .editMetadata()
                      .withGeneration(d.getMetadata().getGeneration() + 1)
                      .endMetadata()
                      .editSpec()
                      .withReplicas(replicas)
                      .endSpec()
                      .build());
      stage
          .client()
          .apps()
          .replicaSets()
          .inNamespace(stage.namespace())
          .withName(controller.getName())
          .edit(
              rs ->
                  new ReplicaSetBuilder(rs)
                      .editMetadata()
                      .withGeneration(rs.getMetadata().getGeneration() + 1)
                      .addToAnnotations(
                          "deployment.kubernetes.io/desired-replicas", Integer.toString(replicas))
                      .endMetadata()
                      .editSpec()
                      .withReplicas(replicas)
                      .endSpec()
                      .build());
    } catch (KubernetesClientException e) {
      throw new SimulatorException(
          "Couldn't scale Deployment " + deploymentName + " to " + replicas, e);
    }
  }

  /** Deletes a finished Job (as its TTL controller would). */
  void deleteJob() {
    try {
      stage
          .client()
          .batch()
          .v1()
          .jobs()
          .inNamespace(stage.namespace())
          .withName(controller.getName())
          .withGracePeriod(0)
          .delete();
    } catch (KubernetesClientException e) {
      throw new SimulatorException("Couldn't delete Job " + controller.getName(), e);
    }
  }

  /**
   * A controller object as the API server stores it on create: its first generation, created {@code
   * now}.
   */
  private static ObjectMetaBuilder controllerMetadata(
      Stage stage, String name, String uid, String now, Map<String, String> labels) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(stage.namespace())
        .withUid(uid)
        .withCreationTimestamp(now)
        .withGeneration(1L)
        .withLabels(labels);
  }

  private static PodTemplateSpec template(Map<String, String> podLabels, PodSpec spec) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(podLabels)
        .endMetadata()
        .withSpec(spec)
        .build();
  }

  private static OwnerReference owner(String apiVersion, String kind, String name, String uid) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(kind)
        .withName(name)
        .withUid(uid)
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T create(
      Stage stage, T resource, String what) {
    try {
      return stage.client().resource(resource).create();
    } catch (KubernetesClientException e) {
      throw new SimulatorException(
          "Couldn't create " + what + " in namespace " + stage.namespace(), e);
    }
  }
}
