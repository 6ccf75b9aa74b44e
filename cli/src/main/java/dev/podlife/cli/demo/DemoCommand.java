package dev.podlife.cli.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.jdbi.v3.core.Jdbi;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import com.zaxxer.hikari.HikariDataSource;

import dev.podlife.alerts.Alerting;
import dev.podlife.alerts.delivery.DeliveryConfig;
import dev.podlife.alerts.rules.ExampleRules;
import dev.podlife.alerts.rules.RuleStore;
import dev.podlife.analyzer.Analyzer;
import dev.podlife.analyzer.AnalyzerConfig;
import dev.podlife.analyzer.pods.PodSummary;
import dev.podlife.analyzer.pods.Pods;
import dev.podlife.api.ApiConfig;
import dev.podlife.api.ApiServer;
import dev.podlife.api.auth.ApiTokens;
import dev.podlife.api.auth.GeneratedToken;
import dev.podlife.api.auth.Role;
import dev.podlife.cli.UserError;
import dev.podlife.cli.services.AlertingOptions;
import dev.podlife.cli.services.Shutdown;
import dev.podlife.collector.Collector;
import dev.podlife.collector.CollectorConfig;
import dev.podlife.embedded.Database;
import dev.podlife.embedded.KafkaBroker;
import dev.podlife.embedded.LocalPostgres;
import dev.podlife.simulator.Demo;
import dev.podlife.simulator.SimulatedCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The whole pipeline on one machine: an in-process Kafka broker, the embedded PostgreSQL, a
 * simulated cluster playing the demo scenarios, the collector, the analyzer and the REST API, all
 * under one data directory.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole pipeline locally against a simulated cluster and serve the REST API.",
      "Everything it writes stays under --data-dir; Ctrl-C stops it all."
    })
public final class DemoCommand implements Callable<Integer> {
  @Mixin AlertingOptions alerting;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "${env:PODLIFE_API_PORT:-8080}",
      description = "Port of the REST API (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = ".podlife/demo",
      description =
          "Where Kafka, PostgreSQL and the kubeconfig live; emptied at start (default:"
              + " ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--speed",
      paramLabel = "FACTOR",
      defaultValue = "1.0",
      description =
          "Scenario clock speed: 2 plays the scenarios twice as fast (default: ${DEFAULT-VALUE}).")
  double speed;

  @Override
  @SuppressWarnings(
      "try") // the try block holds the running services open until the signal, by design
  public Integer call() throws Exception {
    if (speed <= 0) {
      throw new UserError("--speed must be positive, got " + speed);
    }
    DeliveryConfig delivery =
        alerting.deliveryConfig(); // a malformed URL is reported before anything starts
    PrintStream out = System.out;
    long started = System.nanoTime();
    // a demo killed with SIGKILL (and its PostgreSQL's watchdog with it) leaves a server on the old
    // data
    LocalPostgres.stopLeftRunning(dataDir.resolve("postgres"));
    emptyDirectory(dataDir);
    Clock clock = Clock.systemUTC();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Shutdown shutdown = Shutdown.onSignal();
        LocalPostgres postgres = LocalPostgres.start(dataDir.resolve("postgres"));
        KafkaBroker kafka = KafkaBroker.start(dataDir.resolve("kafka"));
        HikariDataSource dataSource =
            Database.connect(postgres.jdbcUrl(), postgres.user(), postgres.password());
        SimulatedCluster cluster = SimulatedCluster.start();
        KubernetesClient client =
            clientFor(cluster.writeKubeconfig(dataDir.resolve("kubeconfig")));
        Collector collector =
            new Collector(
                CollectorConfig.defaults("demo", kafka.bootstrapServers()),
                client,
                clock,
                registry);
        Analyzer analyzer =
            new Analyzer(
                AnalyzerConfig.defaults(kafka.bootstrapServers()),
                Jdbi.create(dataSource),
                clock,
                registry)) {
      Database.migrate(dataSource);
      Jdbi jdbi = Jdbi.create(dataSource);
      // the example rules (OOMKilled anywhere, SIGKILL after the grace period, CrashLoopBackOff
      // entered) in a new
      // database each start, recorded in the rules' audit trail as changed by the demo
      int rules = ExampleRules.store(new RuleStore(jdbi, clock), "podlife demo");
      collector.start();
      analyzer.start();
      // new tokens at each start, only their hashes configured: the banner is the one place they
      // are shown
      GeneratedToken read = GeneratedToken.generate("demo-read", Role.READ);
      GeneratedToken admin = GeneratedToken.generate("demo-admin", Role.ADMIN);
      ApiTokens tokens = ApiTokens.of(read.entry(), admin.entry());
      try (ApiServer api =
              ApiServer.start(
                  new ApiConfig("127.0.0.1", port, tokens, ApiConfig.DEFAULT_MAX_REQUEST_BYTES),
                  jdbi,
                  registry,
                  analyzer::isHealthy,
                  clock);
          Alerting alerts =
              startAlerting(
                  jdbi, analyzer, alerting.deliveryConfig(URI.create(api.url())), clock, registry);
          Demo scenarios = cluster.playDemo(clock, 1.0 / speed)) {
        String url = api.url();
        out.printf(
            "podlife demo is up in %.1f s (data in %s)%n",
            Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0,
            dataDir.toAbsolutePath());
        out.println("  API:     " + url);
        out.println(
            "  Tokens:  export READ="
                + read.token()
                + " ADMIN="
                + admin.token()
                + "   (new at each start)");
        String loap = firstLoapPod(jdbi);
        String bearer = "curl -s -H \"Authorization: Bearer " + read.token() + "\" ";
        out.println("  Try:     " + bearer + url + "/api/v1/pods");
        out.println("           " + bearer + url + "/api/v1/pods/" + loap + "/history");
        out.println(
            "  Alerts:  "
                + bearer
                + "'"
                + url
                + "/api/v1/alerts?state=firing'   ("
                + rules
                + " example rules: "
                + url
                + "/api/v1/alert-rules)");
        if (!delivery.alertmanagerUrls().isEmpty()) {
          out.println(
              "           pushed to Alertmanager at "
                  + delivery.alertmanagerUrls().stream()
                      .map(URI::toString)
                      .collect(java.util.stream.Collectors.joining(", ")));
        }
        out.println(
            "  Reports: " + url + "/api/v1/reports/{startup,probes,shutdown,terminations,audit}");
        out.println(
            "  Browse:  "
                + url
                + "/ui/pods/"
                + loap
                + "   (timeline; "
                + url
                + "/ui lists terminations)");
        out.println("           sign in with any user name and the READ token as password");
        out.println("  Stop:    Ctrl-C");
        out.flush();
        shutdown.await();
        out.println("podlife demo: stopping…");
      }
    }
    return 0;
  }

  /** Evaluation nudged by every stored batch, delivery to the configured Alertmanagers. */
  private static Alerting startAlerting(
      Jdbi jdbi,
      Analyzer analyzer,
      DeliveryConfig delivery,
      Clock clock,
      PrometheusMeterRegistry registry) {
    Alerting alerts = Alerting.start(jdbi, delivery, clock, registry);
    analyzer.onBatchStored(alerts::nudge);
    return alerts;
  }

  /**
   * The seed scenario's pod, once the pipeline has carried it through; its history is the tour's
   * second stop.
   */
  private static String firstLoapPod(Jdbi jdbi) throws InterruptedException {
    Pods pods = new Pods(jdbi);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      var uid = pods.oldestNamed("loap-").map(PodSummary::uid);
      if (uid.isPresent()) {
        return uid.get();
      }
      Thread.sleep(200);
    }
    return "<uid from the list above>";
  }

  private static KubernetesClient clientFor(Path kubeconfig) {
    // Exactly as for a real cluster: the collector only sees a kubeconfig.
    return new KubernetesClientBuilder()
        .withConfig(Config.fromKubeconfig(null, kubeconfig.toFile()))
        .build();
  }

  private static void emptyDirectory(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          if (!path.equals(dir)) {
            Files.delete(path);
          }
        }
      }
    }
    Files.createDirectories(dir);
  }
}
