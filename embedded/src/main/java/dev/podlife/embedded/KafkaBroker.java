package dev.podlife.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM,
 * listening on loopback ports chosen at start. Its log directory survives {@link #close()}, so a
 * later start on the same directory keeps the topics and records. Topics are never created
 * implicitly.
 *
 * <p>A fatal fault inside the broker halts the JVM (Kafka's own policy); a normal {@link #close()}
 * does not.
 */
public final class KafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaBroker.class);
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final Path dataDir;
  private final AtomicBoolean closed = new AtomicBoolean();

  private KafkaBroker(KafkaRaftServer server, String bootstrapServers, Path dataDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.dataDir = dataDir;
  }

  /**
   * Starts a broker whose log directory is {@code dataDir} (created and formatted when it holds no
   * broker yet).
   */
  public static KafkaBroker start(Path dataDir) {
    return start(dataDir, FreePorts.pick());
  }

  /**
   * Like {@link #start(Path)}, listening on {@code brokerPort}: a broker restarted on its directory
   * and port is the same broker to its clients.
   */
  public static KafkaBroker start(Path dataDir, int brokerPort) {
    Path logDir = dataDir.toAbsolutePath();
    int controllerPort = FreePorts.pick();
    while (controllerPort == brokerPort) {
      controllerPort = FreePorts.pick();
    }
    Properties props = singleNodeProperties(logDir, "localhost", brokerPort, controllerPort);
    try {
      Files.createDirectories(logDir);
      if (!Files.exists(logDir.resolve("meta.properties"))) {
        format(logDir, props);
      }
      long started = System.nanoTime();
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      try {
        server.startup();
      } catch (RuntimeException e) {
        // don't leave half-started threads and bound ports behind
        server.shutdown();
        server.awaitShutdown();
        throw e;
      }
      String bootstrap = "localhost:" + brokerPort;
      LOG.info(
          "Kafka broker up at {} in {} ms, data in {}",
          bootstrap,
          (System.nanoTime() - started) / 1_000_000,
          logDir);
      return new KafkaBroker(server, bootstrap, logDir);
    } catch (IOException | RuntimeException e) {
      throw new EmbeddedException(
          "Couldn't start the embedded Kafka broker with data in " + logDir, e);
    }
  }

  /** The {@code bootstrap.servers} value for clients, e.g. {@code localhost:40123}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** Stops the broker and waits until it has stopped; calling it again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    LOG.info("Kafka broker at {} stopped", bootstrapServers);
  }

  @Override
  public String toString() {
    return "KafkaBroker[" + bootstrapServers + ", " + dataDir + "]";
  }

  /**
   * The configuration of a single-node KRaft broker (broker and controller in one) on {@code host},
   * with replication factor 1 everywhere and small buffers: what the in-process broker runs with,
   * and what the fault harness's broker JVM runs with.
   */
  public static Properties singleNodeProperties(
      Path logDir, String host, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://" + host + ":" + brokerPort + ",CONTROLLER://" + host + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("auto.create.topics.enable", "false");
    // the default 128 MiB dedupe buffer is far more than a demo needs
    p.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "4");
    p.put("num.recovery.threads.per.data.dir", "1");
    return p;
  }

  private static void format(Path logDir, Properties props) throws IOException {
    Path config = Files.createTempFile("podlife-kafka-", ".properties");
    try {
      try (OutputStream out = Files.newOutputStream(config)) {
        props.store(out, "podlife embedded broker");
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      int rc;
      try (PrintStream printStream = new PrintStream(output, true, StandardCharsets.UTF_8)) {
        rc =
            StorageTool.execute(
                new String[] {
                  "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()
                },
                printStream);
      }
      if (rc != 0) {
        throw new EmbeddedException(
            "Couldn't format the Kafka log directory "
                + logDir
                + ": "
                + output.toString(StandardCharsets.UTF_8));
      }
    } finally {
      Files.deleteIfExists(config);
    }
  }
}
