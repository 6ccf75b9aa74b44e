package dev.podlife.cli.services;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.podlife.collector.Collector;
import dev.podlife.collector.CollectorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Runs the collector against a real cluster until stopped. */
@Command(
    name = "collector",
    mixinStandardHelpOptions = true,
    description = {
      "Watch the Pods and Events of a cluster and stream lifecycle facts to Kafka.",
      "Needs RBAC get/list/watch on pods, events, replicasets (apps) and jobs (batch), and on"
          + " leases for --leader-election.",
      "Serves /healthz, /readyz and /metrics on --metrics-port."
    })
public final class CollectorCommand implements Callable<Integer> {
  @Mixin KubernetesOptions kubernetes;
  @Mixin KafkaOptions kafka;

  @Option(
      names = "--cluster",
      paramLabel = "NAME",
      defaultValue = "${env:PODLIFE_CLUSTER:-default}",
      description =
          "Name recorded with every fact, to tell clusters apart (env PODLIFE_CLUSTER; default:"
              + " ${DEFAULT-VALUE}).")
  String cluster;

  @Option(
      names = "--namespace",
      split = ",",
      paramLabel = "NS",
      defaultValue = "${env:PODLIFE_NAMESPACES}",
      description =
          "Namespaces to watch, comma-separated or repeated (env PODLIFE_NAMESPACES; default:"
              + " all).")
  List<String> namespaces;

  @Option(
      names = "--leader-election",
      negatable = true,
      defaultValue = "${env:PODLIFE_LEADER_ELECTION:-false}",
      description =
          "Run as one of several replicas: only the holder of the Lease collects (env"
              + " PODLIFE_LEADER_ELECTION).")
  boolean leaderElection;

  @Option(
      names = "--lease-namespace",
      paramLabel = "NS",
      defaultValue = "${env:PODLIFE_LEASE_NAMESPACE:-podlife}",
      description = "Namespace of the leader-election Lease (default: ${DEFAULT-VALUE}).")
  String leaseNamespace;

  @Option(
      names = "--heartbeat-interval",
      paramLabel = "DURATION",
      defaultValue = "${env:PODLIFE_HEARTBEAT_INTERVAL:-10s}",
      converter = HeartbeatInterval.class,
      description =
          "How often the leading collector says it is watching, e.g. 10s, 500ms, 1m; a silence of"
              + " 2.5 intervals shows as a coverage gap (env PODLIFE_HEARTBEAT_INTERVAL; default:"
              + " ${DEFAULT-VALUE}).")
  Duration heartbeatInterval;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      defaultValue = "${env:PODLIFE_METRICS_PORT:-9400}",
      description =
          "Port of /healthz, /readyz and /metrics (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int metricsPort;

  @Override
  @SuppressWarnings(
      "try") // the try block holds the running services open until the signal, by design
  public Integer call() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CollectorConfig config =
        CollectorConfig.defaults(cluster, kafka.bootstrapServers)
            .withFactsTopic(kafka.factsTopic)
            .withNamespaces(namespaces == null ? List.of() : namespaces)
            .withLeaderElection(leaderElection, leaseNamespace)
            .withHeartbeatInterval(heartbeatInterval);
    try (Shutdown shutdown = Shutdown.onSignal();
        KubernetesClient client = kubernetes.client();
        Collector collector = new Collector(config, client, Clock.systemUTC(), registry);
        BrokerReachability broker =
            BrokerReachability.watch(kafka.bootstrapServers, Clock.systemUTC(), registry);
        AutoCloseable endpoints =
            ServiceEndpoints.start(
                    metricsPort,
                    registry,
                    () ->
                        collector
                            .failure()
                            .map(failure -> "failed: " + failure.getMessage())
                            .orElseGet(broker::problem))
                ::stop) {
      collector.start();
      shutdown.await();
    }
    return 0;
  }

  /** A duration as people write it: a number and ms, s, m or h. */
  static final class HeartbeatInterval implements ITypeConverter<Duration> {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)");

    @Override
    public Duration convert(String value) {
      Matcher m = FORM.matcher(value.trim());
      if (!m.matches()) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration such as 10s, 500ms, 1m or 1h");
      }
      long n = Long.parseLong(m.group(1));
      Duration d =
          switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
          };
      if (d.compareTo(Duration.ofMillis(100)) < 0) {
        throw new TypeConversionException("'" + value + "' is shorter than 100ms");
      }
      return d;
    }
  }
}
