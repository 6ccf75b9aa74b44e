package dev.podlife.analyzer.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.events.PodRef;
import dev.podlife.events.Workload;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;
import dev.podlife.testing.binaries.ToolBinaries;
import dev.podlife.testing.binaries.ToolBinary;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Prometheus rules pass their promtool tests, and name the counters the analyzer really
 * serves. promtool is the installed one or fetched from Debian's archive by {@link ToolBinaries};
 * never skips.
 */
@ExtendWith(PostgresExtension.class)
class PrometheusRulesIT {
  private static final Pattern COUNTER = Pattern.compile("\\bpodlife_[a-z_]+_total\\b");

  private final TestDatabase db;

  PrometheusRulesIT(TestDatabase db) {
    this.db = db;
  }

  @Test
  void thePodLifecycleRulesPassTheirPromtoolTests(@TempDir Path dir) throws Exception {
    Path deploy = deployDir();
    // promtool reads plain rule files: the PrometheusRule's spec is one
    JsonNode rule = new YAMLMapper().readTree(deploy.resolve("prometheus-rules.yaml").toFile());
    assertThat(rule.path("kind").asString()).isEqualTo("PrometheusRule");
    assertThat(rule.path("apiVersion").asString()).isEqualTo("monitoring.coreos.com/v1");
    Files.writeString(
        dir.resolve("prometheus-rules.spec.yaml"),
        new YAMLMapper().writeValueAsString(rule.path("spec")));
    Files.copy(
        deploy.resolve("prometheus-rules.test.yaml"), dir.resolve("prometheus-rules.test.yaml"));

    assertPromtoolPasses(dir, "test", "rules", "prometheus-rules.test.yaml");
  }

  @Test
  void podlifesOwnHealthRulesPassTheirPromtoolTests() throws Exception {
    assertPromtoolPasses(
        deployDir().resolve("prometheus"), "test", "rules", "podlife-rules.test.yaml");
  }

  @Test
  void theRulesNameTheCountersTheAnalyzerServes() throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    LifecycleMetrics metrics = new LifecycleMetrics(registry);
    PodRef pod =
        new PodRef("prod", "uid-1", "shop", "cart-abc12", new Workload("Deployment", "cart"));
    db.jdbi()
        .useTransaction(
            h -> {
              LifecycleMetrics.Tally tally = metrics.tally(h);
              tally.termination(pod, "OOMKilled");
              tally.crashLoop(pod);
              tally.killedAfterGrace(pod);
            });
    String scrape = registry.scrape();

    Set<String> named = counters(Files.readString(deployDir().resolve("prometheus-rules.yaml")));
    assertThat(named)
        .containsExactlyInAnyOrder(
            "podlife_container_terminations_total",
            "podlife_crash_loops_total",
            "podlife_shutdowns_killed_after_grace_total");
    assertThat(counters(scrape)).containsAll(named);
    assertThat(scrape)
        .contains(
            "podlife_container_terminations_total{cluster=\"prod\",namespace=\"shop\",reason=\"OOMKilled\",workload=\"Deployment/cart\"}"
                + " 1.0");
  }

  private static Set<String> counters(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = COUNTER.matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  private static void assertPromtoolPasses(Path workDir, String... args) throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of(ToolBinaries.path(ToolBinary.PROMTOOL).toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true).start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "promtool " + String.join(" ", args) + " did not finish within 60 s");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue())
        .as(
            "promtool %s in %s exited with %s:%n%s",
            String.join(" ", args), workDir, process.exitValue(), output)
        .isZero();
  }

  /** The repository's deploy/ directory, from the module's working directory. */
  private static Path deployDir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("deploy/prometheus-rules.yaml"))) {
        return dir.resolve("deploy");
      }
    }
    throw new AssertionError(
        "No deploy/prometheus-rules.yaml above " + Path.of("").toAbsolutePath());
  }
}
