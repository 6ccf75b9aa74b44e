package dev.podlife.analyzer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.events.PodRef;
import dev.podlife.testing.KafkaExtension;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith({PostgresExtension.class, KafkaExtension.class})
class AnalyzerIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final TestDatabase db;
  private final List<Analyzer> analyzers = new ArrayList<>();
  private String topic;
  private AnalyzerConfig config;

  AnalyzerIT(TestDatabase db) {
    this.db = db;
  }

  @BeforeEach
  void freshTopicAndTables() {
    db.truncateAll();
    String id = UUID.randomUUID().toString().substring(0, 8);
    topic = "facts-" + id;
    config =
        AnalyzerConfig.defaults(KafkaExtension.bootstrapServers())
            .withFactsTopic(topic)
            .withGroupId("analyzer-" + id)
            .withMaxPollRecords(5);
  }

  @AfterEach
  void closeAnalyzers() {
    analyzers.forEach(Analyzer::close);
  }

  private Analyzer start(Jdbi jdbi, SimpleMeterRegistry registry) {
    Analyzer analyzer = new Analyzer(config, jdbi, Clock.systemUTC(), registry);
    analyzers.add(analyzer);
    analyzer.start();
    return analyzer;
  }

  private Analyzer start() {
    return start(db.jdbi(), new SimpleMeterRegistry());
  }

  private void produce(List<ProducerRecord<String, byte[]>> records) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaExtension.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      for (ProducerRecord<String, byte[]> record : records) {
        producer.send(record);
      }
      producer.flush();
    }
  }

  private ProducerRecord<String, byte[]> record(Fact fact) {
    return new ProducerRecord<>(topic, fact.pod().uid(), FactSerde.toBytes(fact));
  }

  private void produceFacts(List<Fact> facts) {
    produce(facts.stream().map(this::record).toList());
  }

  private long count(String table) {
    return db.jdbi()
        .withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Long.class).one());
  }

  private List<String> historyStatuses() {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT status FROM pod_history ORDER BY fact_id")
                    .mapTo(String.class)
                    .list());
  }

  private List<String> expectedStatuses() {
    List<String> expected = new ArrayList<>();
    List<List<Fact>> steps = PodLife.factsPerStep();
    for (int i = 0; i < steps.size(); i++) {
      String status = PodLife.STEP_STATUS.get(Math.min(i, PodLife.STEP_STATUS.size() - 1));
      steps.get(i).forEach(f -> expected.add(status));
    }
    return expected;
  }

  private long committed() throws InterruptedException, ExecutionException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaExtension.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin.listConsumerGroupOffsets(config.groupId()).partitionsToOffsetAndMetadata().get();
      return offsets.values().stream()
          .filter(o -> o != null)
          .mapToLong(OffsetAndMetadata::offset)
          .sum();
    }
  }

  @Test
  void storesProducedFactsWithTheirHistoryAndCommitsTheirOffsets() {
    KafkaExtension.createTopic(topic, 3);
    List<Fact> facts = PodLife.facts();
    Analyzer analyzer = start();

    produceFacts(facts);

    await().atMost(WAIT).untilAsserted(() -> assertThat(count("fact")).isEqualTo(facts.size()));
    await().atMost(WAIT).untilAsserted(() -> assertThat(committed()).isEqualTo(facts.size()));
    assertThat(historyStatuses()).isEqualTo(expectedStatuses());
    List<String> topics =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT source_topic FROM fact GROUP BY source_topic")
                        .mapTo(String.class)
                        .list());
    assertThat(topics).containsExactly(topic);
    assertThat(analyzer.isHealthy()).isTrue();
  }

  @Test
  void aPoisonRecordBecomesADeadLetterAndLaterRecordsAreStillStored() {
    KafkaExtension.createTopic(topic, 1);
    List<Fact> facts = PodLife.facts();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    facts.subList(0, 3).forEach(f -> records.add(record(f)));
    // a key PostgreSQL text cannot hold must not block the dead letter either
    records.add(
        new ProducerRecord<>(
            topic, "key\u0000with-nul", "{not json".getBytes(StandardCharsets.UTF_8)));
    records.add(
        new ProducerRecord<>(
            topic,
            PodLife.UID,
            "{\"type\":\"PodExploded\",\"v\":1}".getBytes(StandardCharsets.UTF_8)));
    records.add(new ProducerRecord<>(topic, PodLife.UID, null));
    facts.subList(3, facts.size()).forEach(f -> records.add(record(f)));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    start(db.jdbi(), registry);

    produce(records);

    await().atMost(WAIT).untilAsserted(() -> assertThat(count("fact")).isEqualTo(facts.size()));
    assertThat(count("dead_letter")).isEqualTo(3);
    List<Long> offsets =
        db.jdbi()
            .withHandle(
                h ->
                    h.createQuery("SELECT \"offset\" FROM dead_letter ORDER BY 1")
                        .mapTo(Long.class)
                        .list());
    assertThat(offsets).containsExactly(3L, 4L, 5L);
    assertThat(historyStatuses()).isEqualTo(expectedStatuses());
    assertThat(registry.get("podlife.analyzer.dead.letters").counter().count()).isEqualTo(3.0);
  }

  @Test
  void aReadableFactWithoutAKeyBecomesADeadLetterInsteadOfOvertakingItsPodsFacts() {
    KafkaExtension.createTopic(topic, 1);
    List<Fact> facts = PodLife.facts();
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    facts.forEach(f -> records.add(record(f)));
    // the pod's last fact once more, unkeyed: readable, but no partition holds it in its pod's
    // order
    records.add(new ProducerRecord<>(topic, null, FactSerde.toBytes(facts.getLast())));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    start(db.jdbi(), registry);

    produce(records);

    await().atMost(WAIT).untilAsserted(() -> assertThat(count("dead_letter")).isEqualTo(1));
    assertThat(count("fact")).isEqualTo(facts.size());
    String error =
        db.jdbi()
            .withHandle(
                h -> h.createQuery("SELECT error FROM dead_letter").mapTo(String.class).one());
    assertThat(error).isEqualTo("Record has no key: facts are keyed by their pod's UID");
    assertThat(registry.get("podlife.analyzer.dead.letters").counter().count()).isEqualTo(1.0);
  }

  @Test
  void aFactTheDatabaseRefusesBecomesADeadLetterAndTheRestOfItsBatchIsStored() {
    KafkaExtension.createTopic(topic, 1);
    List<Fact> facts = PodLife.facts();
    // PostgreSQL text cannot hold NUL: readable JSON, but no row can store it
    PodRef nul = new PodRef(PodLife.CLUSTER, "nul-pod", "shop", "bad\u0000name", null);
    Fact refused = PodLife.unhealthyEvent();
    refused = new EventObserved(nul, "1", refused.at(), null, ((EventObserved) refused).event());
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
    facts.subList(0, 2).forEach(f -> records.add(record(f)));
    records.add(record(refused));
    facts.subList(2, facts.size()).forEach(f -> records.add(record(f)));
    start();

    produce(records);

    await().atMost(WAIT).untilAsserted(() -> assertThat(count("fact")).isEqualTo(facts.size()));
    List<String> errors =
        db.jdbi()
            .withHandle(
                h -> h.createQuery("SELECT error FROM dead_letter").mapTo(String.class).list());
    assertThat(errors).singleElement().asString().startsWith("Refused by the database");
    assertThat(historyStatuses()).isEqualTo(expectedStatuses());
  }

  @Test
  void aRestartMidStreamNeitherLosesNorDuplicatesHistory() throws Exception {
    KafkaExtension.createTopic(topic, 2);
    List<Fact> facts = PodLife.facts();
    int half = facts.size() / 2;
    Analyzer first = start();
    produceFacts(facts.subList(0, half));
    await().atMost(WAIT).untilAsserted(() -> assertThat(count("fact")).isEqualTo(half));
    await().atMost(WAIT).untilAsserted(() -> assertThat(committed()).isEqualTo(half));
    first.close();

    // the rest, and everything again as a collector relist after its own restart would send it
    produceFacts(facts.subList(half, facts.size()));
    produceFacts(facts);
    start();

    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(committed()).isEqualTo(half + 2L * facts.size() - half));
    assertThat(count("fact")).isEqualTo(facts.size());
    assertThat(count("pod_history")).isEqualTo(facts.size());
    assertThat(historyStatuses()).isEqualTo(expectedStatuses());
  }

  @Test
  void startedBeforeTheTopicExistsItConsumesOnceTheCollectorCreatesIt() {
    List<Fact> facts = PodLife.facts();
    start();

    KafkaExtension.createTopic(topic, 1);
    produceFacts(facts);

    await().atMost(WAIT).untilAsserted(() -> assertThat(count("fact")).isEqualTo(facts.size()));
  }

  @Test
  void aDatabaseOutageHoldsTheBatchUncommittedAndStoresItWhenTheDatabaseIsBack() throws Exception {
    KafkaExtension.createTopic(topic, 1);
    List<Fact> facts = PodLife.facts();
    SwitchableDataSource dataSource = new SwitchableDataSource(db.dataSource());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    dataSource.down();
    Analyzer analyzer = start(Jdbi.create(dataSource), registry);

    produceFacts(facts);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(registry.get("podlife.analyzer.store.failures").counter().count())
                    .isGreaterThan(2));
    assertThat(analyzer.isHealthy()).isFalse();
    assertThat(committed()).isZero();
    assertThat(count("fact")).isZero();

    dataSource.up();

    await().atMost(WAIT).untilAsserted(() -> assertThat(committed()).isEqualTo(facts.size()));
    assertThat(count("fact")).isEqualTo(facts.size());
    assertThat(historyStatuses()).isEqualTo(expectedStatuses());
    assertThat(analyzer.isHealthy()).isTrue();
  }
}
