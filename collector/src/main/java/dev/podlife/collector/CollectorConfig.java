package dev.podlife.collector;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * How a {@link Collector} runs.
 *
 * @param cluster the name facts carry in {@code PodRef.cluster}; also prefixes the state topic's
 *     keys
 * @param namespaces the namespaces to watch; empty watches all
 * @param partitions partitions of the facts topic (and the state topic) when the collector creates
 *     them
 * @param leaderElection when true only the holder of the Lease {@code leaseNamespace/leaseName}
 *     runs informers
 * @param identity this replica's name in the Lease (holderIdentity)
 * @param resync informer resync period; {@link Duration#ZERO} disables resync
 * @param queueCapacity how many observations may wait between the informers and the Kafka sender
 *     before the informer threads block (back-pressure)
 * @param heartbeatInterval how often a leading collector with synced informers sends a {@link
 *     dev.podlife.events.CollectorHeartbeat}; a silence of a few intervals is a coverage gap
 */
public record CollectorConfig(
    String cluster,
    List<String> namespaces,
    String bootstrapServers,
    String factsTopic,
    String stateTopic,
    int partitions,
    short replicationFactor,
    String leaseNamespace,
    String leaseName,
    boolean leaderElection,
    String identity,
    Duration resync,
    int queueCapacity,
    Duration heartbeatInterval) {

  public static final String DEFAULT_FACTS_TOPIC = "podlife.facts";
  public static final String DEFAULT_STATE_TOPIC = "podlife.collector-state";
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

  public CollectorConfig {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (cluster.isBlank() || cluster.contains("/")) {
      throw new IllegalArgumentException(
          "cluster must be a non-blank name without '/': '" + cluster + "'");
    }
    namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
    factsTopic = factsTopic == null ? DEFAULT_FACTS_TOPIC : factsTopic;
    stateTopic = stateTopic == null ? DEFAULT_STATE_TOPIC : stateTopic;
    if (factsTopic.equals(stateTopic)) {
      throw new IllegalArgumentException("facts and state topics must differ: " + factsTopic);
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "replicationFactor must be at least 1: " + replicationFactor);
    }
    leaseNamespace = leaseNamespace == null ? "default" : leaseNamespace;
    leaseName = leaseName == null ? "podlife-collector-" + cluster : leaseName;
    identity = identity == null || identity.isBlank() ? defaultIdentity() : identity;
    resync = resync == null ? Duration.ZERO : resync;
    if (resync.isNegative()) {
      throw new IllegalArgumentException("resync must not be negative: " + resync);
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be at least 1: " + queueCapacity);
    }
    heartbeatInterval = heartbeatInterval == null ? DEFAULT_HEARTBEAT_INTERVAL : heartbeatInterval;
    if (heartbeatInterval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException(
          "heartbeatInterval must be at least 100 ms: " + heartbeatInterval);
    }
  }

  /**
   * All namespaces, topics {@value #DEFAULT_FACTS_TOPIC} (6 partitions, replication factor 1) and
   * {@value #DEFAULT_STATE_TOPIC}, no leader election, no resync, 10 000 queued observations, a
   * heartbeat every 10 s.
   */
  public static CollectorConfig defaults(String cluster, String bootstrapServers) {
    return new CollectorConfig(
        cluster,
        List.of(),
        bootstrapServers,
        null,
        null,
        6,
        (short) 1,
        null,
        null,
        false,
        null,
        null,
        10_000,
        null);
  }

  public CollectorConfig withNamespaces(List<String> namespaces) {
    return new CollectorConfig(
        cluster,
        namespaces,
        bootstrapServers,
        factsTopic,
        stateTopic,
        partitions,
        replicationFactor,
        leaseNamespace,
        leaseName,
        leaderElection,
        identity,
        resync,
        queueCapacity,
        heartbeatInterval);
  }

  public CollectorConfig withFactsTopic(String factsTopic) {
    return withTopics(factsTopic, stateTopic, partitions, replicationFactor);
  }

  public CollectorConfig withTopics(
      String factsTopic, String stateTopic, int partitions, short replicationFactor) {
    return new CollectorConfig(
        cluster,
        namespaces,
        bootstrapServers,
        factsTopic,
        stateTopic,
        partitions,
        replicationFactor,
        leaseNamespace,
        leaseName,
        leaderElection,
        identity,
        resync,
        queueCapacity,
        heartbeatInterval);
  }

  /**
   * Only the holder of the Lease {@code leaseNamespace/leaseName} runs; {@code identity} names this
   * replica.
   */
  public CollectorConfig withLeaderElection(
      String leaseNamespace, String leaseName, String identity) {
    return new CollectorConfig(
        cluster,
        namespaces,
        bootstrapServers,
        factsTopic,
        stateTopic,
        partitions,
        replicationFactor,
        leaseNamespace,
        leaseName,
        true,
        identity,
        resync,
        queueCapacity,
        heartbeatInterval);
  }

  /**
   * Turns leader election on or off; the Lease keeps its name ({@code podlife-collector-<cluster>}
   * by default) and this replica its identity.
   */
  public CollectorConfig withLeaderElection(boolean leaderElection, String leaseNamespace) {
    return new CollectorConfig(
        cluster,
        namespaces,
        bootstrapServers,
        factsTopic,
        stateTopic,
        partitions,
        replicationFactor,
        leaseNamespace,
        leaseName,
        leaderElection,
        identity,
        resync,
        queueCapacity,
        heartbeatInterval);
  }

  public CollectorConfig withResync(Duration resync) {
    return new CollectorConfig(
        cluster,
        namespaces,
        bootstrapServers,
        factsTopic,
        stateTopic,
        partitions,
        replicationFactor,
        leaseNamespace,
        leaseName,
        leaderElection,
        identity,
        resync,
        queueCapacity,
        heartbeatInterval);
  }

  public CollectorConfig withQueueCapacity(int queueCapacity) {
    return new CollectorConfig(
        cluster,
        namespaces,
        bootstrapServers,
        factsTopic,
        stateTopic,
        partitions,
        replicationFactor,
        leaseNamespace,
        leaseName,
        leaderElection,
        identity,
        resync,
        queueCapacity,
        heartbeatInterval);
  }

  public CollectorConfig withHeartbeatInterval(Duration heartbeatInterval) {
    return new CollectorConfig(
        cluster,
        namespaces,
        bootstrapServers,
        factsTopic,
        stateTopic,
        partitions,
        replicationFactor,
        leaseNamespace,
        leaseName,
        leaderElection,
        identity,
        resync,
        queueCapacity,
        heartbeatInterval);
  }

  private static String defaultIdentity() {
    String host = System.getenv("POD_NAME");
    if (host == null || host.isBlank()) {
      try {
        host = InetAddress.getLocalHost().getHostName();
      } catch (UnknownHostException e) {
        host = "collector";
      }
    }
    // Two processes on one host must not share a Lease identity.
    return host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
