package dev.podlife.cli.services;

import java.time.Clock;
import java.util.concurrent.Callable;

import org.jdbi.v3.core.Jdbi;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import com.zaxxer.hikari.HikariDataSource;

import dev.podlife.alerts.Alerting;
import dev.podlife.alerts.delivery.DeliveryConfig;
import dev.podlife.analyzer.Analyzer;
import dev.podlife.analyzer.AnalyzerConfig;
import dev.podlife.analyzer.retention.Retention;
import dev.podlife.analyzer.retention.RetentionPolicy;
import dev.podlife.analyzer.store.FactStore;
import dev.podlife.cli.UserError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs the analyzer (a Kafka consumer group member) until stopped, or rebuilds the projections
 * once.
 */
@Command(
    name = "analyzer",
    mixinStandardHelpOptions = true,
    description = {
      "Consume lifecycle facts from Kafka into the PostgreSQL event store and keep the"
          + " projections.",
      "Run several to share the topic's partitions (one consumer group). Serves /healthz, /readyz,"
          + " /metrics on --metrics-port.",
      "Evaluates the alert rules as facts arrive and delivers alerts to Alertmanager"
          + " (--alertmanager-url) and webhooks",
      "(env PODLIFE_ALERT_WEBHOOK_URL, signed with PODLIFE_ALERT_WEBHOOK_SECRET)."
    })
public final class AnalyzerCommand implements Callable<Integer> {
  @Mixin KafkaOptions kafka;
  @Mixin DatabaseOptions database;
  @Mixin AlertingOptions alerting;

  @Option(
      names = "--group",
      paramLabel = "ID",
      defaultValue = "${env:PODLIFE_GROUP:-podlife-analyzer}",
      description = "Kafka consumer group (env PODLIFE_GROUP; default: ${DEFAULT-VALUE}).")
  String groupId;

  @Option(
      names = "--group-instance-id",
      paramLabel = "ID",
      defaultValue = "${env:PODLIFE_GROUP_INSTANCE_ID}",
      description = {
        "Static group membership: a stable id unique to this replica (env"
            + " PODLIFE_GROUP_INSTANCE_ID; e.g. a StatefulSet pod name).",
        "A replica restarted with its id takes its partitions back at once; without one, a killed"
            + " replica's partitions wait",
        "for its session to time out (45 s)."
      })
  String groupInstanceId;

  @Option(
      names = "--rebuild",
      description = "Rebuild every projection from the event store alone, then exit.")
  boolean rebuild;

  @Option(
      names = "--retention",
      paramLabel = "AGE",
      defaultValue = "${env:PODLIFE_RETENTION}",
      description = {
        "Drop the whole UTC days of facts older than AGE, e.g. 30d (units h, d, w; env"
            + " PODLIFE_RETENTION; default: keep everything).",
        "Pods with no fact left are forgotten from every projection; checked at start and every 5"
            + " minutes."
      })
  String retention;

  @Option(
      names = "--max-storage",
      paramLabel = "SIZE",
      defaultValue = "${env:PODLIFE_MAX_STORAGE}",
      description = {
        "Drop the oldest UTC days while the store (facts, history, projections, indexes) is larger"
            + " than SIZE, e.g. 50GB",
        "(B, KB, MB, GB, TB, KiB, MiB, GiB, TiB; env PODLIFE_MAX_STORAGE; default: no limit). Today"
            + " is never dropped."
      })
  String maxStorage;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      defaultValue = "${env:PODLIFE_METRICS_PORT:-9401}",
      description =
          "Port of /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int metricsPort;

  @Override
  @SuppressWarnings(
      "try") // the try block holds the running services open until the signal, by design
  public Integer call() throws Exception {
    DeliveryConfig delivery =
        alerting.deliveryConfig(); // a malformed URL is reported before anything starts
    RetentionPolicy policy = retentionPolicy();
    try (HikariDataSource dataSource = database.connectAndMigrate()) {
      Jdbi jdbi = Jdbi.create(dataSource);
      if (rebuild) {
        new FactStore(jdbi, Clock.systemUTC()).rebuildProjections();
        System.out.println("projections rebuilt from the event store");
        return 0;
      }
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      AnalyzerConfig config =
          AnalyzerConfig.defaults(kafka.bootstrapServers)
              .withFactsTopic(kafka.factsTopic)
              .withGroupId(groupId)
              .withGroupInstanceId(groupInstanceId);
      try (Shutdown shutdown = Shutdown.onSignal();
          Analyzer analyzer = new Analyzer(config, jdbi, Clock.systemUTC(), registry);
          Alerting alerts = Alerting.start(jdbi, delivery, Clock.systemUTC(), registry);
          Retention retention = new Retention(jdbi, policy, Clock.systemUTC(), registry);
          BrokerReachability broker =
              BrokerReachability.watch(kafka.bootstrapServers, Clock.systemUTC(), registry);
          AutoCloseable endpoints =
              ServiceEndpoints.start(
                      metricsPort,
                      registry,
                      () -> !analyzer.isHealthy() ? "not storing facts" : broker.problem())
                  ::stop) {
        analyzer.onBatchStored(alerts::nudge);
        analyzer.start();
        retention.start();
        shutdown.await();
      }
    }
    return 0;
  }

  /** The --retention and --max-storage limits; a malformed one is a one-line error. */
  RetentionPolicy retentionPolicy() {
    try {
      return new RetentionPolicy(
          RetentionPolicy.parseAge(retention), RetentionPolicy.parseSize(maxStorage));
    } catch (IllegalArgumentException e) {
      // "retention '0d' must …" → "--retention '0d' must …", "max storage …" → "--max-storage …"
      String message = e.getMessage();
      throw new UserError(
          message.startsWith("max storage")
              ? "--max-storage" + message.substring("max storage".length())
              : "--" + message,
          e);
    }
  }
}
