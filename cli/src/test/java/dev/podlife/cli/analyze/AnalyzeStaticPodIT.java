package dev.podlife.cli.analyze;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import dev.podlife.events.FactSerde;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code podlife analyze} on what {@code kubectl get pods,events.events.k8s.io -n kube-system -o
 * json} prints for a control-plane node: the kube-apiserver's mirror pod and the kubelet's Events,
 * which name the static pod's UID (its config hash) and come through the events.k8s.io/v1 API.
 */
class AnalyzeStaticPodIT {
  private static final String CAPTURE =
      Path.of("src/test/resources/capture/static-pod-events-v1.json").toString();

  @Test
  void theKubeletsProbeFailuresOfAStaticPodCountForItsMirrorPod() throws Exception {
    JsonNode report =
        FactSerde.mapper()
            .readTree(AnalyzeCli.run("analyze", "--report", "probes", "-o", "json", CAPTURE));

    JsonNode apiserver = report.get("containers").get(0);
    assertThat(report.get("containers")).hasSize(1);
    assertThat(apiserver.get("pod").asString()).isEqualTo("kube-apiserver-cp-1");
    assertThat(apiserver.get("uid").asString()).isEqualTo("c0ffee00-1a2b-4c3d-8e9f-0a1b2c3d4e5f");
    assertThat(apiserver.get("container").asString()).isEqualTo("kube-apiserver");
    assertThat(apiserver.get("readiness_failures").asLong()).isEqualTo(4);
    assertThat(apiserver.get("liveness_failures").asLong()).isEqualTo(2);
  }

  @Test
  void theEventsJoinTheMirrorPodsHistory() throws Exception {
    JsonNode history =
        FactSerde.mapper()
            .readTree(AnalyzeCli.run("analyze", "--report", "history", "-o", "json", CAPTURE));

    assertThat(history).hasSize(1);
    assertThat(history.get(0).get("uid").asString())
        .isEqualTo("c0ffee00-1a2b-4c3d-8e9f-0a1b2c3d4e5f");
    assertThat(history.get(0).get("entries").toString())
        .contains("Readiness probe failed: HTTP probe failed with statuscode: 500")
        .contains("Liveness probe failed: HTTP probe failed with statuscode: 500");
  }
}
