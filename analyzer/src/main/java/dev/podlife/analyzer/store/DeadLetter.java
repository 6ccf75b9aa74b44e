package dev.podlife.analyzer.store;

import java.util.Objects;

/** A record of the facts topic that could not be read as a fact, kept instead of dropped. */
public record DeadLetter(
    String topic, int partition, long offset, byte[] key, byte[] value, String error) {
  public DeadLetter {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(error, "error");
  }
}
