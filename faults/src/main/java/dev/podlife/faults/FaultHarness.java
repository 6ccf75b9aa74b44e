package dev.podlife.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.kafka.clients.admin.Admin;

/**
 * Runs the pipeline as separate processes under faults and prints what it measured: SIGKILLs of the
 * collector and analyzer at random moments, poison records, a broker kill with a 30 s outage and a
 * PostgreSQL outage of 60 s; then, on the drained pipeline, the two truths (projections equal a
 * rebuild; the cluster's pods look in podlife as {@code podlife analyze} sees them) and Kafka
 * against the store (nothing lost, nothing stored twice).
 *
 * <p>Usage: {@code java -cp faults/target/podlife-faults.jar:faults/target/lib/*
 * dev.podlife.faults.FaultHarness [--kills N] [--speed F] [--no-outages] [--no-static-membership]
 * [--seed S] [--results FILE] [--work DIR]}.
 */
public final class FaultHarness {
  private FaultHarness() {}

  /**
   * How to run: kills per service, the demo's clock speed, whether to cut the broker and database
   * off.
   */
  public record Options(
      Path workDir,
      String classpath,
      int kills,
      double speed,
      boolean outages,
      long seed,
      Path results,
      Duration brokerOutage,
      Duration databaseOutage,
      boolean staticMembership) {

    static Options parse(String[] args) throws IOException {
      int kills = 20;
      double speed = 4;
      boolean outages = true;
      boolean staticMembership = true;
      long seed = System.nanoTime();
      Path results =
          Files.isDirectory(Path.of("faults"))
              ? Path.of("faults/RESULTS.md")
              : Path.of("RESULTS.md");
      Path work = null;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--kills" -> kills = Integer.parseInt(args[++i]);
          case "--speed" -> speed = Double.parseDouble(args[++i]);
          case "--no-outages" -> outages = false;
          case "--no-static-membership" -> staticMembership = false;
          case "--seed" -> seed = Long.parseLong(args[++i]);
          case "--results" -> results = Path.of(args[++i]);
          case "--work" -> work = Path.of(args[++i]);
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + args[i]
                      + "; usage: FaultHarness [--kills N] [--speed F] [--no-outages]"
                      + " [--no-static-membership] [--seed S] [--results FILE] [--work DIR]");
        }
      }
      if (work == null) {
        work = Files.createTempDirectory("podlife-faults-");
      }
      return new Options(
          work.toAbsolutePath(),
          System.getProperty("podlife.faults.classpath", servicesClasspath()),
          kills,
          speed,
          outages,
          seed,
          results,
          Duration.ofSeconds(30),
          Duration.ofSeconds(60),
          staticMembership);
    }

    /** The smoke variant: {@code kills} SIGKILLs per service and the poison records, no outages. */
    public static Options smoke(Path workDir, String classpath, int kills, Path results) {
      return new Options(
          workDir,
          classpath,
          kills,
          4,
          false,
          System.nanoTime(),
          results,
          Duration.ofSeconds(30),
          Duration.ofSeconds(60),
          true);
    }
  }

  /**
   * The services' class path: the harness's own, without the harness itself (its logging
   * configuration is for the harness; the services log as {@code podlife} does).
   */
  static String servicesClasspath() {
    return java.util.Arrays.stream(
            System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(
            entry ->
                !entry.contains("podlife-faults")
                    && !entry.replace('\\', '/').contains("faults/target/classes"))
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  /**
   * Restarts of one service after its SIGKILLs: how long from the restart until /readyz answered
   * 200.
   */
  public record Kills(
      String service,
      int kills,
      List<Duration> toReady,
      List<Duration> toWorking,
      List<Long> killedAfterMillis) {}

  /**
   * One outage: how each service's readiness went, and the time from the repair until facts were
   * stored again.
   */
  public record Outage(
      String what,
      Duration length,
      Map<String, String> readiness,
      Duration recovery,
      List<String> findings) {}

  /** A poison record and what became of it. */
  public record PoisonFate(Poison.Sent sent, String deadLetterError, boolean listedByApi) {}

  /** Everything a run measured. */
  public record Results(
      Options options,
      Instant started,
      Duration took,
      List<Kills> kills,
      List<PoisonFate> poison,
      double deadLetterMetric,
      long storedAfterPoison,
      List<Outage> outages,
      Duration drain,
      Truths.StoreCheck store,
      Map<String, String> projectionsBefore,
      Map<String, String> projectionsAfter,
      List<String> projectionMismatches,
      Truths.ClusterCheck cluster) {

    /** The two truths and the store check hold, and every poison record is a dead letter. */
    public boolean clean() {
      return store.lost() == 0
          && store.storedTwice() == 0
          && store.storedNotInKafka() == 0
          && projectionMismatches.isEmpty()
          && cluster.mismatches().isEmpty()
          && cluster.terminationsMissing().isEmpty()
          && poison.stream().allMatch(p -> p.deadLetterError() != null)
          && storedAfterPoison > 0
          && outages.stream().allMatch(o -> o.findings().isEmpty());
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Results results = run(options);
    String report = Report.markdown(results);
    System.out.println(report);
    Files.writeString(options.results(), report);
    Progress.say(
        "results written to "
            + options.results().toAbsolutePath()
            + "; logs in "
            + options.workDir().resolve("logs"));
    System.exit(results.clean() ? 0 : 1);
  }

  public static Results run(Options options) {
    Instant started = Instant.now();
    long t0 = System.nanoTime();
    Progress.say("work directory " + options.workDir() + ", seed " + options.seed());
    Random random = new Random(options.seed());
    quietKafkaClients();
    try (Stack stack =
        new Stack(
            options.workDir(), options.classpath(), options.speed(), options.staticMembership())) {
      Thread hook =
          new Thread(
              stack::close,
              "faults-cleanup"); // a harness stopped by a signal leaves nothing running
      Runtime.getRuntime().addShutdownHook(hook);
      try (Readiness readiness = startAndWatch(stack);
          Admin admin = Pipeline.admin(stack.kafka.bootstrapServers())) {
        if (!Waits.until(90, () -> storedFacts(stack) > 0)) {
          throw new FaultsException(
              "No fact was stored within 90 s of starting; analyzer log ends:\n"
                  + stack.analyzer.tail(40));
        }
        Waits.until(60, () -> working(stack, stack.collector) && working(stack, stack.analyzer));
        List<Kills> kills = killRepeatedly(stack, options.kills(), random);

        Progress.say("producing 4 poison records");
        Instant poisonAt = Instant.now();
        List<Poison.Sent> sent = Poison.produce(stack.kafka.bootstrapServers(), Stack.FACTS_TOPIC);

        List<Outage> outages = new ArrayList<>();
        if (options.outages()) {
          outages.add(brokerOutage(stack, readiness, options.brokerOutage()));
          outages.add(databaseOutage(stack, readiness, options.databaseOutage()));
        }

        Progress.say("stopping the load; draining the pipeline");
        stack.stopLoad();
        Duration drain =
            Pipeline.drain(admin, Stack.FACTS_TOPIC, Stack.GROUP, Duration.ofSeconds(3), 240);
        Progress.say("drained in " + drain.toMillis() + " ms; checking");

        List<PoisonFate> poison = poisonFates(stack, sent);
        double metric = deadLetterMetric(stack);
        long storedAfterPoison = countSince(stack, poisonAt);

        Truths.StoreCheck store =
            Truths.kafkaAgainstStore(
                stack.kafka.bootstrapServers(), Stack.FACTS_TOPIC, stack.postgres);
        Truths.ClusterCheck cluster = Truths.clusterAgainstApi(stack);
        Map<String, String> before =
            Truths.projectionDigests(stack.postgres, stack.dir.resolve("projections-live"));
        Progress.say("rebuilding the projections with podlife analyzer --rebuild");
        stack.runCli(
            "rebuild",
            Map.of("PODLIFE_JDBC_PASSWORD", ""),
            600,
            "analyzer",
            "--rebuild",
            "--jdbc-url",
            stack.postgres.jdbcUrl(),
            "--jdbc-user",
            stack.postgres.user());
        Map<String, String> after =
            Truths.projectionDigests(stack.postgres, stack.dir.resolve("projections-rebuilt"));
        List<Truths.ProjectionDiff> diffs =
            Truths.diff(
                stack.dir.resolve("projections-live"),
                stack.dir.resolve("projections-rebuilt"),
                before.keySet());
        List<String> projectionMismatches = new ArrayList<>();
        for (Truths.ProjectionDiff d : diffs) {
          String line =
              d.table()
                  + ": live "
                  + before.get(d.table())
                  + ", rebuilt "
                  + after.get(d.table())
                  + "; only live: "
                  + d.onlyLive().size()
                  + " rows "
                  + d.onlyLive().stream().limit(3).toList()
                  + ", only rebuilt: "
                  + d.onlyRebuilt().size()
                  + " rows "
                  + d.onlyRebuilt().stream().limit(3).toList();
          projectionMismatches.add(line);
        }
        return new Results(
            options,
            started,
            Duration.ofNanos(System.nanoTime() - t0),
            kills,
            poison,
            metric,
            storedAfterPoison,
            outages,
            drain,
            store,
            before,
            after,
            projectionMismatches,
            cluster);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs anyway
        }
      }
    }
  }

  /**
   * The harness's own Kafka clients warn on every reconnect during the broker outage, which is the
   * point of it.
   */
  private static void quietKafkaClients() {
    if (org.slf4j.LoggerFactory.getLogger("org.apache.kafka")
        instanceof ch.qos.logback.classic.Logger kafka) {
      kafka.setLevel(ch.qos.logback.classic.Level.ERROR);
    }
  }

  private static Readiness startAndWatch(Stack stack) {
    stack.start();
    return new Readiness(stack.readyPorts);
  }

  /**
   * {@code kills} SIGKILLs of the collector and as many of the analyzer, in random order at random
   * moments.
   */
  private static List<Kills> killRepeatedly(Stack stack, int kills, Random random) {
    List<ChildProcess> victims = new ArrayList<>();
    for (int i = 0; i < kills; i++) {
      victims.add(stack.collector);
      victims.add(stack.analyzer);
    }
    Collections.shuffle(victims, random);
    Map<String, Kills> byService = new LinkedHashMap<>();
    byService.put(
        "collector",
        new Kills("collector", 0, new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
    byService.put(
        "analyzer",
        new Kills("analyzer", 0, new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
    int n = 0;
    for (ChildProcess victim : victims) {
      long after =
          300
              + random.nextInt(
                  2700); // somewhere in a poll, a transaction or a publish: we cannot aim finer
      Waits.sleep(after);
      victim.kill9();
      long restarted = System.nanoTime();
      victim.start();
      stack.awaitReady(victim, 90);
      Duration toReady = Duration.ofNanos(System.nanoTime() - restarted);
      // ready is not yet working: kill it next only once it publishes (collector) or stores a batch
      // (analyzer) again
      if (!Waits.until(180, () -> working(stack, victim))) {
        throw new FaultsException(
            "podlife "
                + victim.name()
                + " was ready but did no work within 180 s of its restart; its log ends:\n"
                + victim.tail(30));
      }
      Duration toWorking = Duration.ofNanos(System.nanoTime() - restarted);
      Kills k = byService.get(victim.name());
      k.toReady().add(toReady);
      k.toWorking().add(toWorking);
      k.killedAfterMillis().add(after);
      Progress.say(
          "kill -9 "
              + (++n)
              + "/"
              + victims.size()
              + ": "
              + victim.name()
              + " "
              + after
              + " ms into its work; ready again in "
              + toReady.toMillis()
              + " ms, working in "
              + toWorking.toMillis()
              + " ms");
    }
    return byService.values().stream()
        .map(
            k ->
                new Kills(
                    k.service(),
                    k.toReady().size(),
                    k.toReady(),
                    k.toWorking(),
                    k.killedAfterMillis()))
        .toList();
  }

  /**
   * The collector has published a fact, the analyzer has stored a batch, since this process
   * started.
   */
  private static boolean working(Stack stack, ChildProcess service) {
    String metric =
        service == stack.analyzer
            ? "podlife_analyzer_batch_seconds_count"
            : "podlife_collector_facts_total";
    try {
      return metricSum(stack, service.name(), metric) > 0;
    } catch (FaultsException e) {
      return false;
    }
  }

  private static Outage brokerOutage(Stack stack, Readiness readiness, Duration length) {
    Progress.say("kill -9 of the Kafka broker; restarting it after " + length.toSeconds() + " s");
    Instant down = Instant.now();
    stack.kafka.kill9();
    Waits.sleep(length.toMillis());
    Instant repaired = Instant.now();
    stack.kafka.start();
    return recovery(
        stack,
        readiness,
        "Kafka broker kill -9, restarted after " + length.toSeconds() + " s",
        down,
        repaired,
        length);
  }

  private static Outage databaseOutage(Stack stack, Readiness readiness, Duration length) {
    Progress.say(
        "stopping PostgreSQL (fast shutdown); starting it after " + length.toSeconds() + " s");
    Instant down = Instant.now();
    stack.postgres.stop();
    Waits.sleep(length.toMillis());
    Instant repaired = Instant.now();
    stack.postgres.start();
    return recovery(
        stack,
        readiness,
        "PostgreSQL stopped, started after " + length.toSeconds() + " s",
        down,
        repaired,
        length);
  }

  /**
   * After a repair: waits until every service is ready and facts are stored again (without
   * restarting anything), and reads each service's readiness changes. A service that exited is a
   * finding; it is restarted so the run goes on.
   */
  private static Outage recovery(
      Stack stack,
      Readiness readiness,
      String what,
      Instant down,
      Instant repaired,
      Duration length) {
    long storedAtRepair = storedFacts(stack);
    List<String> findings = new ArrayList<>();
    boolean recovered =
        Waits.until(
            180,
            () ->
                readiness.allReady() && storedFacts(stack) > storedAtRepair
                    || !stack.collector.alive()
                    || !stack.analyzer.alive()
                    || !stack.api.alive());
    Duration recovery = Duration.between(repaired, Instant.now());
    for (ChildProcess service : List.of(stack.collector, stack.analyzer, stack.api)) {
      if (!service.alive()) {
        findings.add(
            "podlife "
                + service.name()
                + " exited (code "
                + service.exitCode()
                + ") instead of recovering; log ends: "
                + service.tail(15).replace('\n', ' '));
        service.start();
        stack.awaitReady(service, 90);
      }
    }
    if (!recovered) {
      findings.add(
          "not recovered within 180 s of the repair: ready "
              + readiness.allReady()
              + ", facts stored since "
              + (storedFacts(stack) - storedAtRepair));
    }
    Map<String, String> states = new LinkedHashMap<>();
    for (String service : readiness.services()) {
      List<Readiness.Change> changes = readiness.changes(service, down);
      Readiness.Change lost =
          changes.stream().filter(c -> c.state() != Readiness.State.READY).findFirst().orElse(null);
      Readiness.Change back =
          changes.stream()
              .filter(c -> c.state() == Readiness.State.READY && !c.at().isBefore(repaired))
              .findFirst()
              .orElse(null);
      if (lost == null) {
        states.put(service, "stayed ready");
      } else {
        states.put(
            service,
            lost.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                + " "
                + seconds(Duration.between(down, lost.at()))
                + " after the fault, ready "
                + (back == null
                    ? "never again"
                    : seconds(Duration.between(repaired, back.at())) + " after the repair"));
      }
    }
    Progress.say(
        what
            + ": recovered in "
            + recovery.toMillis()
            + " ms after the repair; "
            + states
            + (findings.isEmpty() ? "" : "; FINDINGS " + findings));
    return new Outage(what, length, states, recovery, findings);
  }

  static String seconds(Duration d) {
    return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }

  private static long storedFacts(Stack stack) {
    try {
      return Truths.count(stack.postgres, "SELECT count(*) FROM fact");
    } catch (FaultsException e) {
      return -1; // the database is down: nothing is stored now
    }
  }

  private static long countSince(Stack stack, Instant at) {
    try (Connection c = Truths.connect(stack.postgres);
        PreparedStatement s = c.prepareStatement("SELECT count(*) FROM fact WHERE stored_at > ?")) {
      s.setObject(1, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new FaultsException("Couldn't count the facts stored since " + at, e);
    }
  }

  private static List<PoisonFate> poisonFates(Stack stack, List<Poison.Sent> sent) {
    List<PoisonFate> fates = new ArrayList<>();
    java.util.Set<String> listing = DeadLetterListing.fetch(stack);
    try (Connection c = Truths.connect(stack.postgres);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT error FROM dead_letter WHERE topic = ? AND partition = ? AND \"offset\""
                    + " = ?")) {
      for (Poison.Sent p : sent) {
        s.setString(1, Stack.FACTS_TOPIC);
        s.setInt(2, p.partition());
        s.setLong(3, p.offset());
        try (ResultSet rs = s.executeQuery()) {
          String error = rs.next() ? rs.getString(1) : null;
          fates.add(new PoisonFate(p, error, DeadLetterListing.lists(listing, p)));
        }
      }
    } catch (SQLException e) {
      throw new FaultsException("Couldn't read the dead letters", e);
    }
    return fates;
  }

  /**
   * podlife_analyzer_dead_letters_total of the running analyzer (counted since its last restart).
   */
  private static double deadLetterMetric(Stack stack) {
    return metricSum(stack, "analyzer", "podlife_analyzer_dead_letters_total");
  }

  /** The sum over all series of one metric on a service's /metrics. */
  private static double metricSum(Stack stack, String service, String name) {
    String metrics =
        Http.get("http://127.0.0.1:" + stack.readyPorts.get(service) + "/metrics", null);
    return metrics
        .lines()
        .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .sum();
  }
}
