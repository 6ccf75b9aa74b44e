package dev.podlife.simulator;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SimulatedClusterIT {
  @TempDir Path dir;

  @Test
  void kubeconfigItWritesConfiguresAClientExactlyLikeForARealCluster() throws IOException {
    try (SimulatedCluster cluster = SimulatedCluster.start()) {
      Path kubeconfig = cluster.writeKubeconfig(dir.resolve("nested/kubeconfig"));
      assertThat(Files.readString(kubeconfig)).contains("current-context: podlife-demo");

      Config config = Config.fromKubeconfig(kubeconfig.toFile());
      assertThat(config.getMasterUrl()).startsWith(cluster.masterUrl());
      assertThat(config.getNamespace()).isEqualTo("demo");
      assertThat(config.getCurrentContext().getName()).isEqualTo("podlife-demo");
      try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
        client
            .configMaps()
            .resource(
                new ConfigMapBuilder()
                    .withNewMetadata()
                    .withName("probe")
                    .endMetadata()
                    .withData(Map.of("k", "v"))
                    .build())
            .create();
        assertThat(
                cluster.client().configMaps().inNamespace("demo").withName("probe").get().getData())
            .containsEntry("k", "v");
      }
      try (KubernetesClient fromContents =
          new KubernetesClientBuilder()
              .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig)))
              .build()) {
        assertThat(fromContents.configMaps().list().getItems()).hasSize(1);
      }
    }
  }

  @Test
  void podMarkedForDeletionStaysUntilItIsDeletedWithGraceZero() {
    try (SimulatedCluster cluster = SimulatedCluster.start();
        KubernetesClient watcher =
            new KubernetesClientBuilder()
                .withConfig(
                    Config.fromKubeconfig(
                        cluster.writeKubeconfig(dir.resolve("kubeconfig")).toFile()))
                .build()) {
      List<String> seen = new CopyOnWriteArrayList<>();
      var watch =
          watcher
              .pods()
              .watch(
                  new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, Pod pod) {
                      seen.add(
                          action
                              + " "
                              + (pod.getMetadata().getDeletionTimestamp() != null
                                  ? "marked"
                                  : "live"));
                    }

                    @Override
                    public void onClose(WatcherException cause) {}
                  });
      try (watch) {
        var pods = cluster.client().pods().inNamespace("demo");
        Pod pod =
            pods.resource(
                    new PodBuilder()
                        .withNewMetadata()
                        .withName("web")
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("web")
                        .withImage("nginx:1.27")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
        pod.getMetadata().setDeletionTimestamp("2026-01-01T00:00:30Z");
        pod.getMetadata().setDeletionGracePeriodSeconds(30L);
        pod = pods.resource(pod).update();
        assertThat(pod.getMetadata().getDeletionTimestamp()).isEqualTo("2026-01-01T00:00:30Z");

        pod.setStatus(
            new io.fabric8.kubernetes.api.model.PodStatusBuilder().withPhase("Succeeded").build());
        pod = pods.resource(pod).updateStatus();
        assertThat(pods.withName("web").get().getStatus().getPhase()).isEqualTo("Succeeded");
        assertThat(pods.withName("web").get().getMetadata().getDeletionGracePeriodSeconds())
            .isEqualTo(30L);

        pods.withName("web").withGracePeriod(0).delete();
        assertThat(pods.withName("web").get()).isNull();
        await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () ->
                    assertThat(seen)
                        .containsExactly(
                            "ADDED live", "MODIFIED marked", "MODIFIED marked", "DELETED marked"));
      }
    }
  }

  @Test
  void startsOnTheGivenPort() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (SimulatedCluster cluster = SimulatedCluster.start(port)) {
      assertThat(cluster.masterUrl()).isEqualTo("http://127.0.0.1:" + port);
      assertThat(cluster.client().namespaces().list().getItems()).isEmpty();
    }
  }

  @Test
  void closingStopsTheDemoTheServerAndTheirThreads() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    SimulatedCluster cluster = SimulatedCluster.start();
    cluster.playDemo(Clock.systemUTC(), 0.1);
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> cluster.client().pods().inNamespace("demo").list().getItems().size() >= 3);
    String url = cluster.masterUrl();
    cluster.close();

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(
                        Thread.getAllStackTraces().keySet().stream()
                            .filter(
                                t ->
                                    !before.contains(t)
                                        && t.isAlive()
                                        && !t.getName().startsWith("awaitility"))
                            .map(Thread::getName)
                            .collect(Collectors.toList()))
                    .as("threads started by the cluster and still alive")
                    .isEmpty());
    try (KubernetesClient late =
        new KubernetesClientBuilder()
            .withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty())
                    .withMasterUrl(url)
                    .withRequestRetryBackoffLimit(0)
                    .build())
            .build()) {
      assertThatThrownBy(() -> late.pods().inNamespace("demo").list())
          .isInstanceOf(KubernetesClientException.class);
    }
  }

  @Test
  void demoPlaysOnlyOncePerCluster() {
    try (SimulatedCluster cluster = SimulatedCluster.start()) {
      cluster.playDemo(Clock.systemUTC(), 0.1);
      assertThatThrownBy(() -> cluster.playDemo(Clock.systemUTC(), 0.1))
          .isInstanceOf(SimulatorException.class)
          .hasMessageContaining("already playing");
    }
  }
}
