package dev.podlife.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.podlife.embedded.KafkaBroker;

import static org.awaitility.Awaitility.await;

/**
 * One in-process Kafka broker for the whole test JVM, started on first use and stopped when the
 * test run ends. Resolves {@link KafkaBroker} parameters; {@link #bootstrapServers()} and {@link
 * #createTopic} serve static code. Test classes share the broker, so each should use topic names
 * (and consumer group ids) of its own.
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KafkaExtension.class);
  private static final Object LOCK = new Object();
  private static SharedBroker shared;

  @Override
  public void beforeAll(ExtensionContext context) {
    // the root store closes the broker when the whole test run is over
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(SharedBroker.class, k -> shared(), SharedBroker.class);
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == KafkaBroker.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    beforeAll(extensionContext);
    return shared().broker;
  }

  /** The shared broker's {@code bootstrap.servers}, starting it when it is not running yet. */
  public static String bootstrapServers() {
    return shared().broker.bootstrapServers();
  }

  /**
   * Creates {@code name} with {@code partitions} partitions (replication factor 1) on the shared
   * broker and returns once the topic answers offset requests, so a producer does not stall on it
   * (KAFKA-15591). An existing topic is left as it is.
   */
  public static void createTopic(String name, int partitions) {
    SharedBroker broker = shared();
    try {
      broker.admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new FixtureException(
            "Couldn't create the topic " + name + " on the test broker", e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FixtureException("Interrupted while creating the topic " + name, e);
    }
    Map<TopicPartition, OffsetSpec> partitionsLatest = new java.util.HashMap<>();
    for (int p = 0; p < partitions; p++) {
      partitionsLatest.put(new TopicPartition(name, p), OffsetSpec.latest());
    }
    await("topic " + name + " answering offset requests")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(
            () -> {
              broker.admin.listOffsets(partitionsLatest).all().get();
              return true;
            });
  }

  private static SharedBroker shared() {
    synchronized (LOCK) {
      if (shared == null) {
        shared = SharedBroker.start();
      }
      return shared;
    }
  }

  /**
   * The JVM's broker, its admin client and its temporary data directory; closing removes all three.
   */
  private static final class SharedBroker implements AutoCloseable {
    private final KafkaBroker broker;
    private final Admin admin;
    private final Path dataDir;
    private final Thread shutdownHook;

    private SharedBroker(KafkaBroker broker, Path dataDir) {
      this.broker = broker;
      this.dataDir = dataDir;
      this.admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
      // for static use outside an extension context the store never closes us; the JVM's exit still
      // does
      this.shutdownHook = new Thread(this::stop, "podlife-test-kafka-stop");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static SharedBroker start() {
      Path dataDir;
      try {
        dataDir = Files.createTempDirectory("podlife-test-kafka-");
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Couldn't create a data directory for the test Kafka broker", e);
      }
      return new SharedBroker(KafkaBroker.start(dataDir), dataDir);
    }

    @Override
    public void close() {
      synchronized (LOCK) {
        if (shared == this) {
          shared = null;
        }
      }
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to: it stops the broker itself
        return;
      }
      stop();
    }

    private synchronized void stop() {
      admin.close(Duration.ofSeconds(5));
      broker.close();
      deleteRecursively(dataDir);
    }
  }

  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Couldn't delete the test data directory " + dir, e);
    }
  }
}
