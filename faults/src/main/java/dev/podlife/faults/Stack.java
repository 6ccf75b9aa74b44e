package dev.podlife.faults;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.podlife.api.auth.GeneratedToken;
import dev.podlife.api.auth.Role;

/**
 * The whole pipeline as separate OS processes: a Kafka broker JVM, PostgreSQL, {@code podlife
 * simulate}, {@code podlife collector}, {@code podlife analyzer} and {@code podlife api}, each on
 * fixed loopback ports so that any of them can be killed and started again at the same address.
 * {@link #close()} stops every process, also after a failure.
 */
final class Stack implements AutoCloseable {
  static final String CLUSTER = "faults";
  static final String FACTS_TOPIC = "podlife.facts";
  static final String GROUP = "podlife-analyzer";
  private static final String CLI = "dev.podlife.cli.PodlifeCommand";

  final Path dir;
  final String classpath;
  final Path tmp;
  final KafkaServer kafka;
  final PostgresServer postgres;
  final ChildProcess simulator;
  final ChildProcess collector;
  final ChildProcess analyzer;
  final ChildProcess api;
  final int simulatorPort;
  final Map<String, Integer> readyPorts = new LinkedHashMap<>();
  final String apiToken;
  final Path kubeconfig;
  private final List<AutoCloseable> started = new ArrayList<>();

  Stack(Path dir, String classpath, double speed, boolean staticMembership) {
    this.dir = dir;
    this.classpath = classpath;
    this.tmp = dir.resolve("tmp");
    try {
      Files.createDirectories(tmp);
    } catch (IOException e) {
      throw new FaultsException("Couldn't create " + tmp, e);
    }
    int kafkaPort = freePort();
    kafka = KafkaServer.create(dir.resolve("kafka"), classpath, tmp, kafkaPort, freePort());
    postgres = new PostgresServer(dir.resolve("postgres"), freePort());
    simulatorPort = freePort();
    kubeconfig = dir.resolve("kubeconfig");
    simulator =
        cli(
            "simulate",
            "384m",
            Map.of(),
            "simulate",
            "--port",
            Integer.toString(simulatorPort),
            "--kubeconfig",
            kubeconfig.toString(),
            "--speed",
            Double.toString(speed),
            "--stop-load-on-eof");
    int collectorPort = freePort();
    collector =
        cli(
            "collector",
            "256m",
            Map.of(),
            "collector",
            "--kubeconfig",
            kubeconfig.toString(),
            "--kafka",
            kafka.bootstrapServers(),
            "--cluster",
            CLUSTER,
            "--facts-topic",
            FACTS_TOPIC,
            "--metrics-port",
            Integer.toString(collectorPort));
    int analyzerPort = freePort();
    Map<String, String> db = Map.of("PODLIFE_JDBC_PASSWORD", "");
    List<String> analyzerArgs =
        new ArrayList<>(
            List.of(
                "analyzer",
                "--kafka",
                kafka.bootstrapServers(),
                "--facts-topic",
                FACTS_TOPIC,
                "--group",
                GROUP,
                "--jdbc-url",
                postgres.jdbcUrl(),
                "--jdbc-user",
                postgres.user(),
                "--metrics-port",
                Integer.toString(analyzerPort)));
    if (staticMembership) {
      analyzerArgs.addAll(List.of("--group-instance-id", "faults-analyzer-0"));
    }
    analyzer = cli("analyzer", "384m", db, analyzerArgs.toArray(String[]::new));
    int apiPort = freePort();
    GeneratedToken token = GeneratedToken.generate("faults", Role.READ);
    apiToken = token.token();
    api =
        cli(
            "api",
            "256m",
            Map.of("PODLIFE_JDBC_PASSWORD", "", "PODLIFE_API_TOKENS", token.entry().line()),
            "api",
            "--host",
            "127.0.0.1",
            "--port",
            Integer.toString(apiPort),
            "--jdbc-url",
            postgres.jdbcUrl(),
            "--jdbc-user",
            postgres.user());
    readyPorts.put("collector", collectorPort);
    readyPorts.put("analyzer", analyzerPort);
    readyPorts.put("api", apiPort);
  }

  private ChildProcess cli(String name, String heap, Map<String, String> env, String... args) {
    return new ChildProcess(
        name,
        ChildProcess.java(classpath, tmp, heap, CLI, List.of(args)),
        env,
        dir.resolve("logs/" + name + ".log"));
  }

  /**
   * Starts everything in dependency order and waits until each service answers /readyz with 200.
   */
  void start() {
    Progress.say("starting PostgreSQL");
    postgres.start();
    started.add(postgres);
    Progress.say("starting the Kafka broker JVM");
    kafka.start();
    started.add(kafka);
    Progress.say("starting podlife simulate");
    simulator.start();
    started.add(simulator);
    if (!Waits.until(60, () -> Files.exists(kubeconfig) && Waits.portOpen(simulatorPort))) {
      throw new FaultsException(
          "podlife simulate wrote no kubeconfig within 60 s; its log ends:\n" + simulator.tail(30));
    }
    for (ChildProcess service : List.of(analyzer, collector, api)) {
      Progress.say("starting podlife " + service.name());
      service.start();
      started.add(service);
    }
    for (ChildProcess service : List.of(analyzer, collector, api)) {
      awaitReady(service, 90);
    }
  }

  String apiUrl() {
    return "http://127.0.0.1:" + readyPorts.get("api");
  }

  String masterUrl() {
    return "http://127.0.0.1:" + simulatorPort;
  }

  /**
   * Waits until the service's /readyz answers 200; fails with its log when it does not, or exits.
   */
  void awaitReady(ChildProcess service, int seconds) {
    int port = readyPorts.get(service.name());
    boolean ready =
        Waits.until(
            seconds,
            () -> Http.status("http://127.0.0.1:" + port + "/readyz") == 200 || !service.alive());
    if (!ready || !service.alive()) {
      throw new FaultsException(
          "podlife "
              + service.name()
              + " was not ready within "
              + seconds
              + " s (alive: "
              + service.alive()
              + ", exit "
              + service.exitCode()
              + "); its log ends:\n"
              + service.tail(40));
    }
  }

  /**
   * Stops the demo's scenarios: the simulated cluster keeps serving its objects, which then hold
   * still.
   */
  void stopLoad() {
    try {
      simulator.stdin().close();
    } catch (IOException e) {
      throw new FaultsException("Couldn't tell podlife simulate to stop its scenarios", e);
    }
  }

  /**
   * A podlife command run to its end (e.g. {@code analyzer --rebuild}); returns its standard
   * output.
   */
  String runCli(String name, Map<String, String> env, int timeoutSeconds, String... args) {
    Path log = dir.resolve("logs/" + name + ".log");
    List<String> cmd = ChildProcess.java(classpath, tmp, "384m", CLI, List.of(args));
    Path out = dir.resolve("logs/" + name + ".out");
    try {
      Files.createDirectories(log.getParent());
      ProcessBuilder builder =
          new ProcessBuilder(cmd)
              .redirectOutput(out.toFile())
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      builder.environment().remove("PODLIFE_JDBC_URL"); // only what the caller passes
      builder.environment().putAll(env);
      Process process = builder.start();
      try {
        if (!process.waitFor(timeoutSeconds, java.util.concurrent.TimeUnit.SECONDS)) {
          throw new FaultsException(
              "podlife "
                  + String.join(" ", args)
                  + " did not finish within "
                  + timeoutSeconds
                  + " s");
        }
        if (process.exitValue() != 0) {
          throw new FaultsException(
              "podlife "
                  + String.join(" ", args)
                  + " failed (exit "
                  + process.exitValue()
                  + "); see "
                  + log);
        }
      } finally {
        process.destroyForcibly();
      }
      return Files.readString(out);
    } catch (IOException e) {
      throw new FaultsException("Couldn't run podlife " + String.join(" ", args), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultsException("Interrupted while running podlife " + String.join(" ", args), e);
    }
  }

  @Override
  public void close() {
    List<AutoCloseable> reverse = new ArrayList<>(started);
    java.util.Collections.reverse(reverse);
    for (AutoCloseable closeable : reverse) {
      try {
        closeable.close();
      } catch (Exception e) {
        Progress.say("couldn't stop " + closeable + ": " + e);
      }
    }
    // a process started after the list was written (a restart) is closed here as well; closing
    // twice is harmless
    for (ChildProcess process : List.of(api, collector, analyzer, simulator)) {
      process.close();
    }
    kafka.close();
    postgres.close();
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new FaultsException("Couldn't find a free port", e);
    }
  }
}
