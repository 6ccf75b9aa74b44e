package dev.podlife.events;

/**
 * What a record of the facts topic carries: a pod's lifecycle {@link Fact}, or a {@link
 * CollectorHeartbeat} saying the collector was watching. Readers switch over the two; a reader
 * older than a kind refuses it as an {@link UnreadableFactException} (a dead letter, never a
 * crash).
 */
public sealed interface FactsTopicMessage permits Fact, CollectorHeartbeat {

  /** The message's type name as written in JSON ({@code "type"}) and in the record's header. */
  String type();
}
