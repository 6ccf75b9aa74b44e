package dev.podlife.collector.kafka;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.podlife.collector.CollectorException;

/**
 * Creates the facts topic and the compacted state topic when missing, and waits until both answer.
 */
public final class FactTopics {
  private static final Logger LOG = LoggerFactory.getLogger(FactTopics.class);

  private FactTopics() {}

  /**
   * @param timeout how long the topics may take to answer offset requests after creation, measured
   *     on {@code clock}
   * @throws CollectorException when a topic cannot be created or does not answer in time
   */
  public static void ensure(
      Admin admin,
      String factsTopic,
      String stateTopic,
      int partitions,
      short replicationFactor,
      Duration timeout,
      Clock clock) {
    create(admin, new NewTopic(factsTopic, partitions, replicationFactor));
    create(
        admin,
        new NewTopic(stateTopic, partitions, replicationFactor)
            .configs(
                Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
    awaitAnswering(admin, List.of(factsTopic, stateTopic), timeout, clock);
  }

  private static void create(Admin admin, NewTopic topic) {
    try {
      admin.createTopics(List.of(topic)).all().get();
      LOG.info(
          "Created topic {} ({} partitions, replication factor {})",
          topic.name(),
          topic.numPartitions(),
          topic.replicationFactor());
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new CollectorException(
            "Couldn't create topic " + topic.name() + ": " + e.getCause().getMessage(),
            e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CollectorException("Interrupted while creating topic " + topic.name(), e);
    }
  }

  /**
   * A fresh topic can stall the first producer until its leaders answer (KAFKA-15591): ask until
   * they do.
   */
  private static void awaitAnswering(
      Admin admin, List<String> topics, Duration timeout, Clock clock) {
    Instant deadline = clock.instant().plus(timeout);
    Exception last = null;
    while (clock.instant().isBefore(deadline)) {
      try {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription description :
            admin.describeTopics(topics).allTopicNames().get().values()) {
          description
              .partitions()
              .forEach(
                  p ->
                      latest.put(
                          new TopicPartition(description.name(), p.partition()),
                          OffsetSpec.latest()));
        }
        admin.listOffsets(latest).all().get();
        return;
      } catch (ExecutionException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectorException("Interrupted while waiting for topics " + topics, e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CollectorException("Interrupted while waiting for topics " + topics, e);
      }
    }
    throw new CollectorException(
        "Topics " + topics + " did not answer offset requests within " + timeout, last);
  }

  static List<TopicPartition> partitionsOf(
      org.apache.kafka.clients.consumer.Consumer<?, ?> consumer, String topic) {
    List<TopicPartition> result = new ArrayList<>();
    consumer
        .partitionsFor(topic)
        .forEach(p -> result.add(new TopicPartition(topic, p.partition())));
    return result;
  }
}
