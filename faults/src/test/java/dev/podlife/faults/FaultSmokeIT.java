package dev.podlife.faults;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault harness's smoke variant, in {@code ./mvnw verify}: the real services as separate
 * processes, one SIGKILL of the collector and of the analyzer at a random moment and the four
 * poison records; then nothing lost, nothing stored twice, both truths hold and every poison record
 * is a listed dead letter. The harness stops every process it started, also when an assertion or
 * the harness itself fails.
 */
class FaultSmokeIT {
  @Test
  void killedServicesAndPoisonRecordsLoseNoFactAndCountNoneTwice() throws Exception {
    // kept under target/ (logs, cluster objects, projection rows, RESULTS.md) for a failure to be
    // read afterwards
    Path work =
        Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "faults-smoke")), "run-")
            .toAbsolutePath();
    // the services run from the module's runtime dependencies, copied to target/lib by the package
    // phase
    Path lib = Path.of("target", "lib").toAbsolutePath();
    assertThat(lib).isDirectory();
    FaultHarness.Options options =
        FaultHarness.Options.smoke(work, lib + "/*", 1, work.resolve("RESULTS.md"));

    FaultHarness.Results results = FaultHarness.run(options);
    Files.writeString(options.results(), Report.markdown(results));

    String report = Files.readString(options.results());
    assertThat(results.kills()).allSatisfy(k -> assertThat(k.kills()).isEqualTo(1));
    assertThat(results.store().lost()).as(report).isZero();
    assertThat(results.store().storedTwice()).as(report).isZero();
    assertThat(results.store().storedNotInKafka()).as(report).isZero();
    assertThat(results.store().stored()).as(report).isPositive();
    assertThat(results.projectionMismatches()).as(report).isEmpty();
    assertThat(results.cluster().clusterPods()).as(report).isPositive();
    assertThat(results.cluster().mismatches()).as(report).isEmpty();
    assertThat(results.cluster().terminationsMissing()).as(report).isEmpty();
    assertThat(results.poison())
        .as(report)
        .hasSize(4)
        .allSatisfy(
            p -> {
              assertThat(p.deadLetterError()).isNotBlank();
              assertThat(p.listedByApi()).isTrue();
            });
    assertThat(results.poison())
        .extracting(FaultHarness.PoisonFate::deadLetterError)
        .anySatisfy(e -> assertThat(e).contains("not valid JSON"))
        .anySatisfy(e -> assertThat(e).contains("PodExploded"))
        .anySatisfy(e -> assertThat(e).contains("no key"));
    assertThat(results.deadLetterMetric()).as(report).isGreaterThanOrEqualTo(4);
    assertThat(results.storedAfterPoison()).as(report).isPositive();
  }
}
