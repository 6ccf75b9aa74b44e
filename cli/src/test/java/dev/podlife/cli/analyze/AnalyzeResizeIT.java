package dev.podlife.cli.analyze;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podlife.events.FactSerde;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code podlife analyze} on a recorded in-place resize ({@code kubectl patch pod … --subresource
 * resize} raising the CPU of a running container whose resizePolicy needs no restart): the kubelet
 * sets PodResizeInProgress, applies the new resources and removes the condition. The history shows
 * both, and a resize is not a restart.
 */
class AnalyzeResizeIT {
  private static final String CAPTURE =
      Path.of("src/test/resources/capture/resize-watch.json").toString();

  @Test
  void theResizeIsInTheHistoryWithRunningAllAlong() throws Exception {
    JsonNode history =
        FactSerde.mapper()
            .readTree(AnalyzeCli.run("analyze", "--report", "history", "-o", "json", CAPTURE));

    List<String> resize = new ArrayList<>();
    for (JsonNode entry : history.get(0).get("entries")) {
      if (entry.get("detail").asString().startsWith("PodResize")) {
        resize.add(entry.get("detail").asString() + " | " + entry.get("status").asString());
      }
    }
    assertThat(resize)
        .containsExactly(
            "PodResizeInProgress → True | Running",
            "PodResizeInProgress removed (was True) | Running");
  }

  @Test
  void aResizeIsNotARestartNorATermination() throws Exception {
    JsonNode pods = FactSerde.mapper().readTree(AnalyzeCli.run("analyze", "-o", "json", CAPTURE));
    assertThat(pods.get(0).get("status").asString()).isEqualTo("Running");
    assertThat(pods.get(0).get("restarts").asInt()).isZero();

    JsonNode terminations =
        FactSerde.mapper()
            .readTree(AnalyzeCli.run("analyze", "--report", "terminations", "-o", "json", CAPTURE));
    assertThat(terminations.toString()).doesNotContain("\"reason\"");
  }
}
