package dev.podlife.collector;

import java.util.HashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;

/**
 * fabric8's mock API server in CRUD mode, with helpers that write pods and Events the way the API
 * server and the kubelet would (the mock never sets status itself).
 */
final class MockCluster implements AutoCloseable {
  private final KubernetesMockServer server;
  private final KubernetesClient client;

  MockCluster() {
    this(new KubernetesCrudDispatcher());
  }

  /**
   * An API server answering through {@code seam} (in front of a {@link KubernetesCrudDispatcher});
   * this class's own writes carry {@link ApiServerSeam#BACK_DOOR}.
   */
  MockCluster(ApiServerSeam seam) {
    this((Dispatcher) seam);
  }

  private MockCluster(Dispatcher dispatcher) {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    server.init();
    Config config;
    try (KubernetesClient plain = server.createClient()) {
      config = plain.getConfiguration();
    }
    config.setCustomHeaders(Map.of(ApiServerSeam.BACK_DOOR, "1"));
    client = server.createClient(builder -> builder.withConfig(config));
  }

  KubernetesClient client() {
    return client;
  }

  /** A new collector's own client, as a separate process would have. */
  KubernetesClient newClient() {
    return server.createClient();
  }

  Pod createPendingPod(String namespace, String name) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .withCreationTimestamp("2026-11-25T16:00:00Z")
            .addToLabels("app", name)
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("app")
            .withImage("registry.example.com/app:1")
            .endContainer()
            .withRestartPolicy("Always")
            .withTerminationGracePeriodSeconds(30L)
            .endSpec()
            .build();
    Pod created = client.pods().inNamespace(namespace).resource(pod).create();
    return client
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder(created)
                .withNewStatus()
                .withPhase("Pending")
                .addToConditions(
                    new PodConditionBuilder()
                        .withType("PodScheduled")
                        .withStatus("True")
                        .withLastTransitionTime("2026-11-25T16:00:01Z")
                        .build())
                .endStatus()
                .build())
        .updateStatus();
  }

  Pod markRunning(Pod pod, String startedAt) {
    Pod current =
        client
            .pods()
            .inNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .get();
    return client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .resource(
            new PodBuilder(current)
                .editStatus()
                .withPhase("Running")
                .addToConditions(
                    new PodConditionBuilder()
                        .withType("Ready")
                        .withStatus("True")
                        .withLastTransitionTime(startedAt)
                        .build())
                .withContainerStatuses(
                    new ContainerStatusBuilder()
                        .withName("app")
                        .withImage("registry.example.com/app:1")
                        .withReady(true)
                        .withStarted(true)
                        .withRestartCount(0)
                        .withNewState()
                        .withNewRunning(startedAt)
                        .endState()
                        .build())
                .endStatus()
                .build())
        .updateStatus();
  }

  void delete(Pod pod) {
    client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName())
        .delete();
  }

  Event createEvent(Pod pod, String name, String reason, int count, String lastTimestamp) {
    Event event =
        new EventBuilder()
            .withNewMetadata()
            .withNamespace(pod.getMetadata().getNamespace())
            .withName(name)
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion("v1")
            .withKind("Pod")
            .withNamespace(pod.getMetadata().getNamespace())
            .withName(pod.getMetadata().getName())
            .withUid(pod.getMetadata().getUid())
            .withFieldPath("spec.containers{app}")
            .endInvolvedObject()
            .withReason(reason)
            .withType("Warning")
            .withMessage("Liveness probe failed: HTTP probe failed with statuscode: 500")
            .withCount(count)
            .withFirstTimestamp("2026-11-25T16:05:00Z")
            .withLastTimestamp(lastTimestamp)
            .withNewSource("node-a", "kubelet")
            .withReportingComponent("kubelet")
            .withReportingInstance("node-a")
            .build();
    return client
        .v1()
        .events()
        .inNamespace(pod.getMetadata().getNamespace())
        .resource(event)
        .create();
  }

  Event repeat(Event event, int count, String lastTimestamp) {
    Event current =
        client
            .v1()
            .events()
            .inNamespace(event.getMetadata().getNamespace())
            .withName(event.getMetadata().getName())
            .get();
    return client
        .v1()
        .events()
        .inNamespace(event.getMetadata().getNamespace())
        .resource(
            new EventBuilder(current).withCount(count).withLastTimestamp(lastTimestamp).build())
        .update();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
