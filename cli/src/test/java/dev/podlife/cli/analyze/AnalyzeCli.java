package dev.podlife.cli.analyze;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.Jdbi;

import io.fabric8.kubernetes.api.model.Pod;

import dev.podlife.analyzer.store.FactStore;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.cli.Cli;
import dev.podlife.events.Fact;
import dev.podlife.testing.KubeJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code podlife analyze} in this JVM on captured files, as the {@code Analyze*IT} tests do.
 */
final class AnalyzeCli {
  private AnalyzeCli() {}

  /**
   * Test resources (pod objects as the API server wrote them) copied into {@code dir}, as capture
   * files.
   */
  static List<String> capture(Path dir, String... resources) throws IOException {
    List<String> files = new ArrayList<>();
    for (String resource : resources) {
      Path file = dir.resolve(resource.replace('/', '_'));
      Files.writeString(file, KubeJson.resource(resource));
      files.add(file.toString());
    }
    return files;
  }

  /**
   * The capture's facts, extracted as {@code podlife analyze} extracts them, stored in {@code
   * jdbi}'s database.
   */
  static List<Fact> store(Jdbi jdbi, Clock clock, String cluster, Capture capture) {
    List<Fact> facts = OfflineExtraction.facts(cluster, capture);
    new FactStore(jdbi, clock).append(facts.stream().map(SourcedFact::offline).toList());
    return facts;
  }

  /** The UIDs of the captured pods, in the order first seen. */
  static List<String> podUids(Capture capture) {
    return capture.observations().stream()
        .filter(o -> o.object() instanceof Pod)
        .map(o -> o.object().getMetadata().getUid())
        .distinct()
        .toList();
  }

  /** What {@code podlife <args>} printed; it must exit 0. */
  static String run(List<String> args) {
    return run(args.toArray(String[]::new));
  }

  /** What {@code podlife <args>} printed; it must exit 0. */
  static String run(String... args) {
    Cli.Run run = Cli.run(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return run.out();
  }
}
