package dev.podlife.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;

import dev.podlife.embedded.KafkaBroker;

/**
 * A single-node KRaft Kafka broker as its own JVM ({@code kafka.Kafka server.properties}) on fixed
 * loopback ports, so that it can be SIGKILLed and started again on the same log directory and
 * address.
 */
final class KafkaServer implements AutoCloseable {
  private final ChildProcess broker;
  private final int port;

  private KafkaServer(ChildProcess broker, int port) {
    this.broker = broker;
    this.port = port;
  }

  static KafkaServer create(Path dir, String classpath, Path tmpDir, int port, int controllerPort) {
    Path config = dir.resolve("server.properties");
    Path logDir = dir.resolve("log");
    Properties p = KafkaBroker.singleNodeProperties(logDir, "127.0.0.1", port, controllerPort);
    try {
      Files.createDirectories(logDir);
      try (var out = Files.newOutputStream(config)) {
        p.store(out, "podlife fault harness broker");
      }
    } catch (IOException e) {
      throw new FaultsException("Couldn't write the broker configuration " + config, e);
    }
    // format the log directory once: a restarted broker finds meta.properties and keeps its data
    try (ChildProcess format =
        new ChildProcess(
            "kafka-format",
            ChildProcess.java(
                classpath,
                tmpDir,
                "256m",
                "kafka.tools.StorageTool",
                List.of("format", "-t", Uuid.randomUuid().toString(), "-c", config.toString())),
            Map.of(),
            dir.resolve("format.log"))) {
      format.start();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (format.alive() && System.nanoTime() < deadline) {
        Waits.sleep(100);
      }
      Integer code = format.exitCode();
      if (code == null || code != 0) {
        throw new FaultsException(
            "Couldn't format the broker's log directory "
                + logDir
                + " (exit "
                + code
                + "):\n"
                + format.tail(20));
      }
    }
    ChildProcess broker =
        new ChildProcess(
            "kafka",
            ChildProcess.java(classpath, tmpDir, "512m", "kafka.Kafka", List.of(config.toString())),
            Map.of(),
            dir.resolve("kafka.log"));
    return new KafkaServer(broker, port);
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  ChildProcess process() {
    return broker;
  }

  void start() {
    broker.start();
    Waits.untilPortOpen("kafka", port, 60, broker);
  }

  void kill9() {
    broker.kill9();
  }

  @Override
  public void close() {
    broker.close();
  }
}
