package dev.podlife.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import com.zaxxer.hikari.HikariDataSource;

import dev.podlife.bench.collector.CollectorScaleBench;
import dev.podlife.bench.ingest.IngestBench;
import dev.podlife.bench.reads.ReadsBench;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one benchmark command: runs each figure of issue #12 as a ratio against its baseline in the
 * same run, progress on stderr, the table at the end on stdout, and with {@code --results} the
 * table, the machine and the query plans in a Markdown file.
 */
@Command(
    name = "podlife-bench",
    mixinStandardHelpOptions = true,
    description =
        "Benchmarks podlife against baselines measured in the same run (see bench/README.md).")
public final class PodlifeBench implements Callable<Integer> {
  /** The benchmarks, in the order they run. */
  enum Part {
    collector,
    ingest,
    reads,
    startup
  }

  /** Sizes: {@code small} for development (minutes), {@code full} the issue's. */
  enum Scale {
    small(30_000, 1_000, 100_000, 1_000_000, 20_000),
    full(200_000, 10_000, 1_000_000, 10_000_000, 200_000);

    final int ingestFacts;
    final int collectorPods;
    final int startupPods;
    final int readFacts;
    final int readPods;

    Scale(int ingestFacts, int collectorPods, int startupPods, int readFacts, int readPods) {
      this.ingestFacts = ingestFacts;
      this.collectorPods = collectorPods;
      this.startupPods = startupPods;
      this.readFacts = readFacts;
      this.readPods = readPods;
    }
  }

  @Option(
      names = "--scale",
      defaultValue = "small",
      description = "small (a few minutes, for development) or full (the issue's sizes).")
  Scale scale;

  @Option(
      names = "--only",
      split = ",",
      paramLabel = "PART",
      description = "Run only these, comma-separated: collector, ingest, reads, startup.")
  Set<Part> only;

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "A PostgreSQL server to run on instead of an embedded one; the user needs CREATEDB (the"
              + " bench creates podlife_bench_* databases). User/password: --jdbc-user,"
              + " PODLIFE_BENCH_JDBC_PASSWORD.")
  String jdbcUrl;

  @Option(names = "--jdbc-user", defaultValue = "postgres", paramLabel = "USER")
  String jdbcUser;

  @Option(
      names = "--results",
      paramLabel = "FILE",
      description = "Also write the table, machine and plans to this Markdown file.")
  Path results;

  public static void main(String[] args) {
    int code =
        new CommandLine(new PodlifeBench()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    // the collector bench's mock server and broker leave non-daemon threads behind
    System.exit(code);
  }

  @Override
  public Integer call() throws Exception {
    Set<Part> parts =
        only == null || only.isEmpty() ? EnumSet.allOf(Part.class) : EnumSet.copyOf(only);
    PrintStream progress = System.err;
    Machine before = Machine.now();
    Instant started = Instant.now();
    progress.printf(
        "podlife bench: %s scale, %s; %d cores, load %s%n",
        scale, parts, before.cores(), before.loadAverage());
    List<Figure> figures = new ArrayList<>();
    List<String> plans = new ArrayList<>();
    String postgres = "not used";
    try (BenchDatabases databases =
        jdbcUrl == null
            ? BenchDatabases.embedded()
            : BenchDatabases.external(
                jdbcUrl, jdbcUser, System.getenv("PODLIFE_BENCH_JDBC_PASSWORD"))) {
      postgres = databases.describe();
      progress.println("podlife bench: " + postgres);
      for (Part part : parts) {
        long start = System.nanoTime();
        switch (part) {
          case collector ->
              figures.addAll(
                  collectorFigures(CollectorScaleBench.run(scale.collectorPods, 3, progress)));
          case ingest ->
              figures.addAll(IngestBench.run(databases, scale.ingestFacts, progress).figures());
          case reads -> {
            ReadsBench.Result reads = ReadsBench.run(databases, scale.readPods, progress);
            figures.addAll(reads.figures());
            plans.addAll(reads.markdown());
          }
          case startup -> {
            try (HikariDataSource ds = databases.fresh("startup")) {
              figures.addAll(
                  StartupReportBench.run(ds, scale.startupPods, postgres, progress).figures());
            }
          }
        }
        progress.printf(
            Locale.ROOT,
            "podlife bench: %s took %.0f s%n",
            part,
            (System.nanoTime() - start) / 1e9);
      }
    }
    Machine after = Machine.now();
    String table = Results.table(figures);
    System.out.println(table);
    if (results != null) {
      Results.write(
          results,
          new Results.Run(
              commandLine(), started, Instant.now(), scale.name(), before, after, postgres),
          table,
          plans);
      progress.println("podlife bench: wrote " + results);
    }
    return figures.stream().allMatch(Figure::pass) ? 0 : 1;
  }

  private String commandLine() {
    StringBuilder cmd =
        new StringBuilder("java -jar bench/target/podlife-bench.jar --scale " + scale);
    if (only != null && !only.isEmpty()) {
      cmd.append(" --only ")
          .append(String.join(",", only.stream().map(Part::name).sorted().toList()));
    }
    if (jdbcUrl != null) {
      cmd.append(" --jdbc-url ").append(jdbcUrl);
    }
    if (results != null) {
      cmd.append(" --results ").append(results);
    }
    return cmd.toString();
  }

  private static List<Figure> collectorFigures(CollectorScaleBench.CollectorScaleResult r) {
    String scaleNote =
        String.format(
            Locale.ROOT,
            "%,d pods x %d updates at %,.0f writes/s; facts %s",
            r.pods(),
            r.updatesPerPod(),
            r.writeRate(),
            r.complete() ? "complete" : "INCOMPLETE");
    return List.of(
        new Figure(
            "collector: heap beyond the informer cache",
            mib(r.heapBeyondInformerBytes()),
            mib(r.heapInformerBytes()) + " plain informer",
            String.format(Locale.ROOT, "+%s", mib(r.heapBeyondInformerBytes())),
            "<= 128 MiB",
            r.heapWithinTarget() && r.complete(),
            scaleNote + "; informer cache itself " + mib(r.informerCacheBytes())),
        new Figure(
            "collector: publish lag p99 (updates)",
            r.updateLag().p99Millis() + " ms",
            r.watchLag().p99Millis() + " ms bare watch",
            String.format(
                Locale.ROOT,
                "%.1f×",
                (double) r.updateLag().p99Millis() / Math.max(1, r.watchLag().p99Millis())),
            "<= 1000 ms",
            r.lagWithinTarget() && r.complete(),
            String.format(
                Locale.ROOT,
                "write -> broker append; p50 %d ms; delivery p99 %d ms, collector p99 %d ms",
                r.updateLag().p50Millis(),
                r.deliveryLag().p99Millis(),
                r.collectorLag().p99Millis())));
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024);
  }

  static void ensureParent(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
  }
}
