package dev.podlife.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The checks after a run, on a drained pipeline: every fact in Kafka is stored once; the
 * projections equal what a rebuild makes from the stored facts; each pod the cluster still has
 * looks in podlife as {@code podlife analyze} sees it in the cluster's own objects.
 */
final class Truths {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Truths() {}

  static Connection connect(PostgresServer postgres) {
    try {
      return DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(), "");
    } catch (SQLException e) {
      throw new FaultsException("Couldn't connect to " + postgres.jdbcUrl(), e);
    }
  }

  static long count(PostgresServer postgres, String sql) {
    try (Connection c = connect(postgres);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new FaultsException("Couldn't run " + sql, e);
    }
  }

  /**
   * Kafka against the event store. {@code lost}: natural keys of readable facts in the topic (not
   * kept as dead letters) that are not stored; {@code storedTwice}: stored rows beyond one per
   * natural key; {@code redelivered}: Kafka records beyond one per natural key (what at-least-once
   * costs, absorbed by the store).
   */
  record StoreCheck(
      long kafkaRecords,
      long readableRecords,
      long distinctKeys,
      long redelivered,
      long deadLetters,
      long stored,
      long lost,
      long storedTwice,
      long storedNotInKafka) {}

  static StoreCheck kafkaAgainstStore(
      String bootstrapServers, String topic, PostgresServer postgres) {
    Set<String> deadLetterSources = new HashSet<>();
    Set<Fact.NaturalKey> storedKeys = new HashSet<>();
    long stored;
    try (Connection c = connect(postgres);
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT topic, partition, \"offset\" FROM dead_letter")) {
        while (rs.next()) {
          deadLetterSources.add(rs.getString(1) + "/" + rs.getInt(2) + "/" + rs.getLong(3));
        }
      }
      try (ResultSet rs =
          s.executeQuery(
              "SELECT cluster, pod_uid, fact_type, subject, resource_version FROM fact")) {
        long rows = 0;
        while (rs.next()) {
          rows++;
          storedKeys.add(
              new Fact.NaturalKey(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5)));
        }
        stored = rows;
      }
    } catch (SQLException e) {
      throw new FaultsException("Couldn't read the stored facts", e);
    }
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Integer.toString(16 * 1024 * 1024));
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    long records = 0;
    long readable = 0;
    long deadLetters = 0;
    Set<Fact.NaturalKey> kafkaKeys = new HashSet<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(i -> new TopicPartition(topic, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      long deadline = System.nanoTime() + 300_000_000_000L;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new FaultsException("Couldn't read topic " + topic + " to its end within 300 s");
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
            continue;
          }
          records++;
          if (deadLetterSources.contains(
              record.topic() + "/" + record.partition() + "/" + record.offset())) {
            deadLetters++;
            continue;
          }
          if (FactSerde.messageFromBytes(record.value()) instanceof Fact fact) {
            readable++;
            kafkaKeys.add(fact.naturalKey());
          } // a collector heartbeat: no fact to compare with the store
        }
      }
    }
    long lost = kafkaKeys.stream().filter(k -> !storedKeys.contains(k)).count();
    long notInKafka = storedKeys.stream().filter(k -> !kafkaKeys.contains(k)).count();
    return new StoreCheck(
        records,
        readable,
        kafkaKeys.size(),
        readable - kafkaKeys.size(),
        deadLetters,
        stored,
        lost,
        stored - storedKeys.size(),
        notInKafka);
  }

  /** Row count and md5 over the rows (in a canonical order) of every projection table. */
  static Map<String, String> projectionDigests(PostgresServer postgres, Path rowsDir) {
    Map<String, String> digests = new LinkedHashMap<>();
    try (Connection c = connect(postgres);
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          s.executeQuery(
              """
              SELECT table_name FROM information_schema.tables
              WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                AND table_name NOT IN ('fact', 'dead_letter', 'flyway_schema_history', 'collector_heartbeat',
                                       'coverage_gap', 'retention_run')
                AND table_name NOT LIKE 'alert%'
              ORDER BY table_name
              """)) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      for (String table : tables) {
        List<String> columns = new ArrayList<>();
        // identity columns and database-clock defaults say when a row was written, not what it
        // holds
        try (ResultSet rs =
            s.executeQuery(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public'"
                    + " AND table_name = '"
                    + table
                    + "' AND is_identity = 'NO' AND coalesce(column_default, '') NOT LIKE"
                    + " 'nextval%' AND coalesce(column_default, '') NOT ILIKE '%now()%' ORDER BY"
                    + " ordinal_position")) {
          while (rs.next()) {
            columns.add("\"" + rs.getString(1) + "\"");
          }
        }
        String sql =
            "SELECT count(*), md5(coalesce(string_agg(r, E'\\n' ORDER BY r), '')) FROM (SELECT ROW("
                + String.join(", ", columns)
                + ")::text AS r FROM "
                + table
                + ") x";
        try (ResultSet rs = s.executeQuery(sql)) {
          rs.next();
          digests.put(table, rs.getLong(1) + " rows " + rs.getString(2));
        }
        // the rows themselves, for diffing a mismatch by hand
        StringBuilder rows = new StringBuilder();
        try (ResultSet rs =
            s.executeQuery(
                "SELECT r FROM (SELECT ROW("
                    + String.join(", ", columns)
                    + ")::text AS r FROM "
                    + table
                    + ") x ORDER BY r")) {
          while (rs.next()) {
            rows.append(rs.getString(1)).append('\n');
          }
        }
        try {
          Files.createDirectories(rowsDir);
          Files.writeString(rowsDir.resolve(table + ".txt"), rows);
        } catch (IOException e) {
          throw new FaultsException("Couldn't write the rows of " + table + " to " + rowsDir, e);
        }
      }
    } catch (SQLException e) {
      throw new FaultsException("Couldn't digest the projection tables", e);
    }
    return digests;
  }

  /**
   * The rows of one projection table that differ between the live projection and the rebuild; any
   * is a failure (the probes projection's zero-length not-ready intervals, which this harness found
   * apart, no longer depend on where a poll ends).
   */
  record ProjectionDiff(String table, List<String> onlyLive, List<String> onlyRebuilt) {}

  static List<ProjectionDiff> diff(
      Path liveDir, Path rebuiltDir, java.util.Collection<String> tables) {
    record Rows(List<String> onlyLive, List<String> onlyRebuilt) {}
    Map<String, Rows> rows = new LinkedHashMap<>();
    for (String table : tables) {
      try {
        List<String> live = Files.readAllLines(liveDir.resolve(table + ".txt"));
        List<String> rebuilt = Files.readAllLines(rebuiltDir.resolve(table + ".txt"));
        List<String> onlyLive = new ArrayList<>(live);
        onlyLive.removeAll(new HashSet<>(rebuilt));
        List<String> onlyRebuilt = new ArrayList<>(rebuilt);
        onlyRebuilt.removeAll(new HashSet<>(live));
        if (!onlyLive.isEmpty() || !onlyRebuilt.isEmpty() || live.size() != rebuilt.size()) {
          rows.put(table, new Rows(onlyLive, onlyRebuilt));
        }
      } catch (IOException e) {
        throw new FaultsException("Couldn't compare the rows of " + table, e);
      }
    }
    List<ProjectionDiff> diffs = new ArrayList<>();
    rows.forEach(
        (table, pair) -> {
          diffs.add(new ProjectionDiff(table, pair.onlyLive(), pair.onlyRebuilt()));
        });
    return diffs;
  }

  /**
   * One pod's kubectl columns as podlife shows them, or as {@code podlife analyze} derives them.
   */
  record PodColumns(String status, String ready, int restarts) {}

  /**
   * {@code mismatches}: pods whose columns differ; {@code terminationsMissing}: terminations the
   * cluster's objects still show (a container's last one) that podlife lacks; {@code
   * aliveInPodlifeOnly}: pods podlife thinks alive that the cluster no longer has (a deletion
   * missed).
   */
  record ClusterCheck(
      int clusterPods,
      int compared,
      List<String> mismatches,
      long terminationsInCluster,
      long terminationsInPodlife,
      List<String> terminationsMissing,
      List<String> aliveInPodlifeOnly) {}

  /**
   * For every pod the simulated cluster still has: podlife's STATUS/READY/RESTARTS (API listing)
   * and termination count against {@code podlife analyze} run on the cluster's current Pods and
   * Events.
   */
  static ClusterCheck clusterAgainstApi(Stack stack) {
    Path dump = stack.dir.resolve("cluster-objects.json");
    ArrayNode items = JSON.createArrayNode();
    Set<String> clusterUids = new HashSet<>();
    for (String[] kind : new String[][] {{"pods", "Pod"}, {"events", "Event"}}) {
      JsonNode list = JSON.readTree(Http.get(stack.masterUrl() + "/api/v1/" + kind[0], null));
      for (JsonNode item : list.path("items")) {
        ObjectNode object = (ObjectNode) item;
        object.put("kind", kind[1]);
        object.put("apiVersion", "v1");
        items.add(object);
        if (kind[1].equals("Pod")) {
          clusterUids.add(object.path("metadata").path("uid").asString());
        }
      }
    }
    ObjectNode list = JSON.createObjectNode();
    list.put("kind", "List");
    list.put("apiVersion", "v1");
    list.set("items", items);
    try {
      Files.writeString(dump, JSON.writeValueAsString(list));
    } catch (IOException e) {
      throw new FaultsException("Couldn't write " + dump, e);
    }
    // podlife analyze on a fresh database of our own server (no embedded server to start), both
    // reports at once
    java.util.concurrent.CompletableFuture<String> podsReport =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> analyze(stack, "pods", dump));
    String terminationsReport = analyze(stack, "terminations", dump);
    Map<String, PodColumns> derived = new HashMap<>();
    JsonNode rows = JSON.readTree(podsReport.join());
    Map<String, Set<String>> derivedTerminations =
        terminations(JSON.readTree(terminationsReport).path("terminations"));
    for (JsonNode row : rows) {
      String uid = row.path("uid").asString();
      derived.put(
          uid,
          new PodColumns(
              row.path("status").asString(),
              row.path("ready").asString(),
              row.path("restarts").asInt()));
    }
    Map<String, PodColumns> shown = new HashMap<>();
    Map<String, String> alive = new HashMap<>();
    Map<String, Set<String>> shownTerminations = apiTerminations(stack);
    String cursor = null;
    do {
      String url =
          stack.apiUrl()
              + "/api/v1/pods?cluster="
              + Stack.CLUSTER
              + "&deleted=any&limit=1000"
              + (cursor == null ? "" : "&cursor=" + cursor);
      JsonNode page = JSON.readTree(Http.get(url, stack.apiToken));
      for (JsonNode pod : page.path("items")) {
        String uid = pod.path("uid").asString();
        shown.put(
            uid,
            new PodColumns(
                pod.path("status").asString(),
                pod.path("ready").asString(),
                pod.path("restarts").asInt()));
        if (pod.path("deletedAt").isNull() || pod.path("deletedAt").isMissingNode()) {
          alive.put(
              uid,
              pod.path("namespace").asString()
                  + "/"
                  + pod.path("name").asString()
                  + " "
                  + uid
                  + " "
                  + pod.path("status").asString()
                  + " deletion requested "
                  + pod.path("deletionRequestedAt").asString("never"));
        }
      }
      JsonNode next = page.path("nextCursor");
      cursor =
          next.isNull() || next.isMissingNode()
              ? null
              : java.net.URLEncoder.encode(
                  next.asString(), java.nio.charset.StandardCharsets.UTF_8);
    } while (cursor != null);
    List<String> mismatches = new ArrayList<>();
    int compared = 0;
    for (String uid : clusterUids) {
      PodColumns expected = derived.get(uid);
      PodColumns actual = shown.get(uid);
      compared++;
      if (expected == null || !expected.equals(actual)) {
        mismatches.add(uid + ": podlife " + actual + ", analyze " + expected);
      }
    }
    // a Pod object shows only each container's last termination; podlife saw every one, so the
    // cluster's must be among podlife's
    List<String> missing = new ArrayList<>();
    for (String uid : clusterUids) {
      for (String termination : derivedTerminations.getOrDefault(uid, Set.of())) {
        if (!shownTerminations.getOrDefault(uid, Set.of()).contains(termination)) {
          missing.add(uid + ": " + termination);
        }
      }
    }
    long inCluster =
        derivedTerminations.entrySet().stream()
            .filter(e -> clusterUids.contains(e.getKey()))
            .mapToLong(e -> e.getValue().size())
            .sum();
    long inPodlife =
        shownTerminations.entrySet().stream()
            .filter(e -> clusterUids.contains(e.getKey()))
            .mapToLong(e -> e.getValue().size())
            .sum();
    List<String> aliveOnlyInPodlife =
        alive.entrySet().stream()
            .filter(e -> !clusterUids.contains(e.getKey()))
            .map(e -> e.getValue() + ", stored facts: " + factTypes(stack.postgres, e.getKey()))
            .sorted()
            .toList();
    return new ClusterCheck(
        clusterUids.size(),
        compared,
        mismatches,
        inCluster,
        inPodlife,
        missing,
        aliveOnlyInPodlife);
  }

  /**
   * {@code podlife analyze --report <report> -o json} of the dump, in a database of its own created
   * for it.
   */
  private static String analyze(Stack stack, String report, Path dump) {
    String database = "analyze_" + report + "_" + System.nanoTime();
    try (Connection c = connect(stack.postgres);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new FaultsException("Couldn't create the database " + database, e);
    }
    String url = stack.postgres.jdbcUrl().replace("/postgres", "/" + database);
    return stack.runCli(
        "analyze-" + report,
        Map.of(
            "PODLIFE_JDBC_URL",
            url,
            "PODLIFE_JDBC_USER",
            stack.postgres.user(),
            "PODLIFE_JDBC_PASSWORD",
            ""),
        180,
        "analyze",
        "--cluster",
        Stack.CLUSTER,
        "--report",
        report,
        "-o",
        "json",
        dump.toString());
  }

  /** Every termination podlife lists (whole listing, keyset pages), per pod UID. */
  private static Map<String, Set<String>> apiTerminations(Stack stack) {
    Map<String, Set<String>> byPod = new HashMap<>();
    String cursor = null;
    do {
      String url =
          stack.apiUrl()
              + "/api/v1/terminations?cluster="
              + Stack.CLUSTER
              + "&from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z&limit=1000"
              + (cursor == null ? "" : "&cursor=" + cursor);
      String body = Http.get(url, stack.apiToken);
      try {
        Files.writeString(
            stack.dir.resolve("logs/api-terminations.json"),
            body + "\n",
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new FaultsException("Couldn't keep the terminations listing", e);
      }
      JsonNode page = JSON.readTree(body);
      addTerminations(page.path("items"), byPod);
      JsonNode next = page.path("nextCursor");
      cursor =
          next.isNull() || next.isMissingNode()
              ? null
              : java.net.URLEncoder.encode(
                  next.asString(), java.nio.charset.StandardCharsets.UTF_8);
    } while (cursor != null);
    return byPod;
  }

  private static Map<String, Set<String>> terminations(JsonNode list) {
    Map<String, Set<String>> byPod = new HashMap<>();
    addTerminations(list, byPod);
    return byPod;
  }

  /**
   * The fact types stored for one pod, with counts: evidence for a pod podlife still thinks alive.
   */
  private static String factTypes(PostgresServer postgres, String uid) {
    try (Connection c = connect(postgres);
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "SELECT fact_type, count(*) FROM fact WHERE pod_uid = ? GROUP BY 1 ORDER BY 1")) {
      s.setString(1, uid);
      List<String> types = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          types.add(rs.getString(1) + " ×" + rs.getLong(2));
        }
      }
      return String.join(", ", types);
    } catch (SQLException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static String text(JsonNode node) {
    // a pod-level termination has container null in `podlife analyze`'s JSON and "" in the API's:
    // the same "none"
    return node.isNull() || node.isMissingNode() || node.asString().isEmpty()
        ? "-"
        : node.asString();
  }

  /**
   * A termination's identity in both listings: container, reason, exit code and when it finished.
   */
  private static void addTerminations(JsonNode list, Map<String, Set<String>> byPod) {
    for (JsonNode t : list) {
      JsonNode finished = t.path("finishedAt").isString() ? t.path("finishedAt") : t.path("at");
      String key =
          text(t.path("container"))
              + " "
              + text(t.path("reason"))
              + " exit "
              + text(t.path("exitCode"))
              + " finished "
              + (finished.isString()
                  ? java.time.Instant.parse(finished.asString()).toString()
                  : "-");
      byPod.computeIfAbsent(t.path("uid").asString(), k -> new HashSet<>()).add(key);
    }
  }
}
