package dev.podlife.analyzer.store;

import java.util.Objects;

import dev.podlife.events.Fact;

/**
 * A fact and where it was read from.
 *
 * @param topic the Kafka topic, null for facts extracted offline from files (likewise partition and
 *     offset)
 */
public record SourcedFact(Fact fact, String topic, Integer partition, Long offset) {
  public SourcedFact {
    Objects.requireNonNull(fact, "fact");
  }

  /** A fact that did not come through Kafka (offline analysis). */
  public static SourcedFact offline(Fact fact) {
    return new SourcedFact(fact, null, null, null);
  }
}
