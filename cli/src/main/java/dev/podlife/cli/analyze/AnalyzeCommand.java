package dev.podlife.cli.analyze;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.jdbi.v3.core.Jdbi;

import com.zaxxer.hikari.HikariDataSource;

import dev.podlife.analyzer.store.FactStore;
import dev.podlife.analyzer.store.SourcedFact;
import dev.podlife.cli.UserError;
import dev.podlife.embedded.Database;
import dev.podlife.embedded.LocalPostgres;
import dev.podlife.events.Fact;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Offline analysis of captured kubectl output: the same fact extraction, analyzer code, schema and
 * SQL as the live pipeline, minus the Kafka hop.
 */
@Command(
    name = "analyze",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Analyse captured pods and events offline and print a report.",
      "",
      "FILE is what kubectl prints, in any mix and in order:",
      "  - a List:         kubectl get pods,events -A -o json",
      "  - single Pod or Event objects",
      "  - a watch stream: kubectl get pods,events -A --watch --output-watch-events -o json",
      "'-' reads standard input. Objects of other kinds are skipped and counted on stderr.",
      "",
      "The same fact extraction, analyzer, schema and SQL as the live pipeline run on a",
      "throw-away embedded PostgreSQL, or on PODLIFE_JDBC_URL (with PODLIFE_JDBC_USER and",
      "PODLIFE_JDBC_PASSWORD) when set, where the facts join what is already stored.",
      "",
      "Reports: pods = each pod's last state with kubectl's STATUS, READY and RESTARTS;",
      "  startup = each pod's first start (created, scheduled, initialized, running, ready,",
      "  image pull, init) or why it never started, and nearest-rank percentiles per transition.",
      "  probes = per container: probe failures by type, restarts by cause (probe",
      "  kill, termination reason, unobserved), readiness flaps, time not ready;",
      "  terminations = every abnormal termination once (OOMKilled, Error with exit code and",
      "  signal, StartError, Evicted…) with its termination message, and a count per reason;",
      "  history = each pod incarnation (UID) with its facts and Events in time order and the",
      "  kubectl STATUS after each; incarnations of one name newest first;",
      "  audit = per workload, the good practices it misses (probes, preStop, grace period,",
      "  init containers), each with evidence and the fix;",
      "  shutdown = each deleted pod's containers: exit, time to exit against the grace period,"
          + " outcome.",
      "Exit codes: 0 report printed; 2 bad usage or malformed input (nothing stored); 1 other"
          + " failure.",
      ""
    })
public final class AnalyzeCommand implements Callable<Integer> {
  enum Report {
    pods,
    startup,
    probes,
    shutdown,
    terminations,
    history,
    audit
  }

  enum Output {
    table,
    json
  }

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      defaultValue = "${env:PODLIFE_CLUSTER:-default}",
      description = "Cluster name recorded with the facts (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(
      names = "--report",
      paramLabel = "NAME",
      defaultValue = "pods",
      description = "Report to print: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Report report;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Output output;

  @Parameters(
      arity = "1..*",
      paramLabel = "FILE",
      description = "Captured kubectl JSON files, or '-' for stdin.")
  List<String> files;

  @Override
  public Integer call() throws Exception {
    Capture capture;
    try {
      capture = CaptureReader.read(files, System.in);
    } catch (MalformedCaptureException e) {
      throw new UserError(e.getMessage(), e);
    }
    if (capture.skipped() > 0) {
      System.err.println(
          "podlife analyze: skipped "
              + capture.skipped()
              + " object(s) of other kinds: "
              + capture.skippedByKind().entrySet().stream()
                  .map(e -> e.getKey() + " ×" + e.getValue())
                  .collect(Collectors.joining(", ")));
    }
    List<Fact> facts = OfflineExtraction.facts(cluster, capture);
    Set<String> podUids = new LinkedHashSet<>();
    capture.observations().stream()
        .filter(o -> o.object() instanceof io.fabric8.kubernetes.api.model.Pod)
        .forEach(o -> podUids.add(o.object().getMetadata().getUid()));

    String jdbcUrl = System.getenv("PODLIFE_JDBC_URL");
    if (jdbcUrl != null && !jdbcUrl.isBlank()) {
      try (HikariDataSource dataSource =
          Database.connect(
              jdbcUrl,
              envOr("PODLIFE_JDBC_USER", "podlife"),
              System.getenv("PODLIFE_JDBC_PASSWORD"))) {
        print(analyse(dataSource, facts, podUids));
      }
      return 0;
    }
    Path scratch = ScratchDirectory.create(Path.of(System.getProperty("java.io.tmpdir")));
    try (LocalPostgres postgres = LocalPostgres.start(scratch.resolve("postgres"));
        HikariDataSource dataSource =
            Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password())) {
      print(analyse(dataSource, facts, podUids));
    } finally {
      ScratchDirectory.deleteRecursively(scratch);
    }
    return 0;
  }

  /** Stores the facts and renders the report on what is then stored. */
  private String analyse(HikariDataSource dataSource, List<Fact> facts, Set<String> podUids) {
    Database.migrate(dataSource);
    Jdbi jdbi = Jdbi.create(dataSource);
    Clock clock = Clock.systemUTC();
    new FactStore(jdbi, clock).append(facts.stream().map(SourcedFact::offline).toList());
    return switch (report) {
      case pods -> {
        List<PodsReport.Row> rows = PodsReport.rows(jdbi, cluster, podUids);
        yield output == Output.json ? PodsReport.json(rows) + "\n" : PodsReport.table(rows);
      }
      case startup -> {
        StartupReport.Report startup = StartupReport.of(jdbi, cluster, podUids, clock);
        yield output == Output.json
            ? StartupReport.json(startup) + "\n"
            : StartupReport.table(startup);
      }
      case probes -> {
        // what is still open (not ready) lasts until the capture's last moment, not until this
        // machine's now
        Instant captureEnd =
            facts.stream().map(Fact::at).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        ProbesRenderer.Result result = ProbesRenderer.read(jdbi, cluster, podUids, captureEnd);
        yield output == Output.json
            ? ProbesRenderer.json(result) + "\n"
            : ProbesRenderer.table(result);
      }
      case terminations -> {
        TerminationsReport.Report terminations = TerminationsReport.of(jdbi, cluster, podUids);
        yield output == Output.json
            ? TerminationsReport.json(terminations) + "\n"
            : TerminationsReport.table(terminations);
      }
      case history -> {
        List<HistoryReport.Incarnation> incarnations = HistoryReport.of(jdbi, cluster, podUids);
        yield output == Output.json
            ? HistoryReport.json(incarnations) + "\n"
            : HistoryReport.table(incarnations);
      }
      case audit -> {
        var result = AuditReport.of(jdbi, cluster, podUids);
        yield output == Output.json ? AuditReport.json(result) + "\n" : AuditReport.table(result);
      }
      case shutdown -> {
        ShutdownReport.Report shutdowns = ShutdownReport.report(jdbi, cluster, podUids);
        yield output == Output.json
            ? ShutdownReport.json(shutdowns) + "\n"
            : ShutdownReport.table(shutdowns);
      }
    };
  }

  private void print(String rendered) {
    PrintStream out = System.out;
    out.print(rendered);
    out.flush();
  }

  private static String envOr(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
