package dev.podlife.cli.services;

import picocli.CommandLine.Option;

/** Where the facts flow: the Kafka bootstrap servers and the facts topic. */
public final class KafkaOptions {
  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT[,…]",
      defaultValue = "${env:PODLIFE_KAFKA:-localhost:9092}",
      description = "Kafka bootstrap servers (env PODLIFE_KAFKA; default: ${DEFAULT-VALUE}).")
  public String bootstrapServers;

  @Option(
      names = "--facts-topic",
      paramLabel = "TOPIC",
      defaultValue = "${env:PODLIFE_FACTS_TOPIC:-podlife.facts}",
      description =
          "Topic of lifecycle facts (env PODLIFE_FACTS_TOPIC; default: ${DEFAULT-VALUE}).")
  public String factsTopic;
}
