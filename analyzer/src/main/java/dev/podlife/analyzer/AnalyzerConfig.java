package dev.podlife.analyzer;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the analyzer reads facts from.
 *
 * @param factsTopic the collector's topic, {@value #DEFAULT_TOPIC} by default
 * @param groupId the consumer group; analyzers sharing it split the topic's partitions
 * @param maxPollRecords the most records stored in one transaction
 * @param pollTimeout how long one poll waits for records
 * @param groupInstanceId this member's static group membership id (null: dynamic membership). With
 *     one, a restarted analyzer takes its partitions back at once; without, a SIGKILLed one holds
 *     them until its session times out
 */
public record AnalyzerConfig(
    String bootstrapServers,
    String factsTopic,
    String groupId,
    int maxPollRecords,
    Duration pollTimeout,
    String groupInstanceId) {
  public static final String DEFAULT_TOPIC = "podlife.facts";
  public static final String DEFAULT_GROUP = "podlife-analyzer";
  public static final int DEFAULT_MAX_POLL_RECORDS = 500;
  public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);

  public AnalyzerConfig {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    if (bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("bootstrapServers must not be blank");
    }
    factsTopic = factsTopic == null || factsTopic.isBlank() ? DEFAULT_TOPIC : factsTopic;
    groupId = groupId == null || groupId.isBlank() ? DEFAULT_GROUP : groupId;
    maxPollRecords = maxPollRecords <= 0 ? DEFAULT_MAX_POLL_RECORDS : maxPollRecords;
    pollTimeout =
        pollTimeout == null || pollTimeout.isNegative() || pollTimeout.isZero()
            ? DEFAULT_POLL_TIMEOUT
            : pollTimeout;
    groupInstanceId = groupInstanceId == null || groupInstanceId.isBlank() ? null : groupInstanceId;
  }

  /** The defaults for everything but the brokers. */
  public static AnalyzerConfig defaults(String bootstrapServers) {
    return new AnalyzerConfig(
        bootstrapServers,
        DEFAULT_TOPIC,
        DEFAULT_GROUP,
        DEFAULT_MAX_POLL_RECORDS,
        DEFAULT_POLL_TIMEOUT,
        null);
  }

  public AnalyzerConfig withFactsTopic(String topic) {
    return new AnalyzerConfig(
        bootstrapServers, topic, groupId, maxPollRecords, pollTimeout, groupInstanceId);
  }

  public AnalyzerConfig withGroupId(String group) {
    return new AnalyzerConfig(
        bootstrapServers, factsTopic, group, maxPollRecords, pollTimeout, groupInstanceId);
  }

  public AnalyzerConfig withGroupInstanceId(String instanceId) {
    return new AnalyzerConfig(
        bootstrapServers, factsTopic, groupId, maxPollRecords, pollTimeout, instanceId);
  }

  public AnalyzerConfig withMaxPollRecords(int max) {
    return new AnalyzerConfig(
        bootstrapServers, factsTopic, groupId, max, pollTimeout, groupInstanceId);
  }
}
