package dev.podlife.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The table of figures and the Markdown results file. */
final class Results {
  private Results() {}

  /** One run: how it was started and on what. */
  record Run(
      String command,
      Instant started,
      Instant ended,
      String scale,
      Machine before,
      Machine after,
      String postgres) {}

  /** The figures as a Markdown table (readable as plain text too). */
  static String table(List<Figure> figures) {
    StringBuilder out = new StringBuilder();
    out.append("| figure | measured | baseline | ratio | target | result | note |\n");
    out.append("|---|---|---|---|---|---|---|\n");
    for (Figure f : figures) {
      out.append("| ")
          .append(
              String.join(
                  " | ",
                  f.name(),
                  f.measured(),
                  f.baseline(),
                  f.ratio(),
                  f.target(),
                  f.verdict(),
                  f.note().replace("|", "\\|")))
          .append(" |\n");
    }
    return out.toString();
  }

  static void write(Path file, Run run, String table, List<String> plans) throws IOException {
    PodlifeBench.ensureParent(file);
    StringBuilder out = new StringBuilder();
    out.append("# Benchmark results\n\n");
    out.append("Written by `").append(run.command()).append("` (see bench/README.md).\n\n");
    out.append(table).append('\n');
    out.append("## Machine\n\n");
    Machine m = run.before();
    out.append(
        String.format(
            Locale.ROOT,
            "- %d cores, %s RAM, %s, %s%n- %s%n- load average (1/5/15 min) at start %s, at end"
                + " %s%n",
            m.cores(),
            m.memory(Locale.ROOT),
            m.os(),
            m.jdk(),
            run.postgres(),
            m.loadAverage(),
            run.after().loadAverage()));
    out.append(
        String.format(
            Locale.ROOT,
            "- run %s, %s scale, took %d min%n%n",
            run.started(),
            run.scale(),
            Duration.between(run.started(), run.ended()).toMinutes()));
    if (!plans.isEmpty()) {
      out.append("## Query plans of the API's reads\n\n");
      plans.forEach(p -> out.append(p).append('\n'));
    }
    Files.writeString(file, out.toString());
  }
}
