package dev.podlife.analyzer.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.podlife.analyzer.PodLife;
import dev.podlife.analyzer.ScratchDatabase;
import dev.podlife.events.EventObserved;
import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;
import dev.podlife.testing.PostgresExtension;
import dev.podlife.testing.TestDatabase;

import static dev.podlife.analyzer.StoreUnderTest.offline;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * V100 converts a database of the unpartitioned schema (V92) in place: every fact keeps its id,
 * natural key and columns, every history row survives, new facts get higher ids and are deduped
 * against the converted keys.
 */
@ExtendWith(PostgresExtension.class)
class PartitionMigrationIT {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);

  private final ScratchDatabase v92;

  PartitionMigrationIT(TestDatabase db) {
    this.v92 = new ScratchDatabase(db, "podlife_v92");
  }

  @AfterEach
  void dropDatabase() {
    v92.close();
  }

  /** Facts on several days, one at the epoch (the fallback of a fact without a time). */
  private static List<Fact> facts() {
    List<Fact> facts = new ArrayList<>(PodLife.facts());
    EventObserved e = PodLife.unhealthyEvent();
    facts.add(e);
    facts.add(
        new EventObserved(e.pod(), "1", Instant.parse("2026-11-01T23:59:59Z"), null, e.event()));
    facts.add(new EventObserved(e.pod(), "2", Instant.EPOCH, e.observedAt(), e.event()));
    return facts;
  }

  /** Stores the facts as the V92 analyzer did: one row each, and its history row. */
  private static void storeAtV92(Handle h, List<Fact> facts) {
    for (int i = 0; i < facts.size(); i++) {
      Fact fact = facts.get(i);
      Fact.NaturalKey key = fact.naturalKey();
      long id =
          h.createQuery(
                  """
                  INSERT INTO fact (cluster, pod_uid, fact_type, subject, resource_version, namespace, pod_name, at,
                                    observed_at, stored_at, payload, source_topic, source_partition, source_offset)
                  VALUES (:cluster, :uid, :type, :subject, :rv, :ns, :name, CAST(:at AS timestamptz),
                          CAST(:observedAt AS timestamptz), CAST(:at AS timestamptz), CAST(:payload AS jsonb),
                          'podlife.facts', 0, :offset)
                  RETURNING id\
                  """)
              .bind("cluster", key.cluster())
              .bind("uid", key.podUid())
              .bind("type", key.type())
              .bind("subject", key.subject() == null ? "" : key.subject())
              .bind("rv", key.resourceVersion() == null ? "" : key.resourceVersion())
              .bind("ns", fact.pod().namespace() == null ? "" : fact.pod().namespace())
              .bind("name", fact.pod().name() == null ? "" : fact.pod().name())
              .bind("at", fact.at().toString())
              .bind("observedAt", fact.observedAt() == null ? null : fact.observedAt().toString())
              .bind("payload", FactSerde.toJson(fact))
              .bind("offset", (long) i)
              .mapTo(Long.class)
              .one();
      h.createUpdate(
              """
              INSERT INTO pod_history (fact_id, cluster, pod_uid, at, fact_type, subject, summary, status, ready,
                                       restarts)
              VALUES (:id, :cluster, :uid, CAST(:at AS timestamptz), :type, :subject, :summary, 'Running', '1/1', :i)
              """)
          .bind("id", id)
          .bind("cluster", key.cluster())
          .bind("uid", key.podUid())
          .bind("at", fact.at().toString())
          .bind("type", key.type())
          .bind("subject", key.subject() == null ? "" : key.subject())
          .bind("summary", "fact " + i)
          .bind("i", i)
          .execute();
    }
  }

  @Test
  void aV92DatabaseConvertsWithoutLosingARowAndIngestContinues() {
    v92.flyway("92").migrate();
    Jdbi jdbi = v92.jdbi();
    List<Fact> facts = facts();
    jdbi.useTransaction(h -> storeAtV92(h, facts));
    // ids handed out by transactions that rolled back: the sequence is ahead of max(id)
    long sequenceBefore =
        jdbi.withHandle(
            h -> {
              h.execute("SELECT nextval('fact_id_seq') FROM generate_series(1, 5)");
              return h.createQuery("SELECT last_value FROM fact_id_seq").mapTo(Long.class).one();
            });
    String factRows = "SELECT * FROM fact ORDER BY id";
    String historyRows = "SELECT * FROM pod_history ORDER BY fact_id";
    List<Map<String, Object>> factsBefore = rows(jdbi, factRows);
    List<Map<String, Object>> historyBefore = rows(jdbi, historyRows);
    assertThat(factsBefore).hasSize(facts.size());

    v92.flyway("latest").migrate();

    assertThat(rows(jdbi, factRows)).isEqualTo(factsBefore);
    assertThat(rows(jdbi, historyRows)).isEqualTo(historyBefore);
    assertThat(rows(jdbi, "SELECT count(*) AS n FROM fact_key"))
        .containsExactly(Map.of("n", (long) facts.size()));
    assertThat(rows(jdbi, "SELECT relkind::text AS k FROM pg_class WHERE relname = 'fact'"))
        .containsExactly(Map.of("k", "p"));
    assertThat(rows(jdbi, "SELECT DISTINCT tableoid::regclass::text AS part FROM fact ORDER BY 1"))
        .extracting(r -> r.get("part"))
        .containsExactly("fact_p19700101", "fact_p20261101", "fact_p20261120");
    // no foreign key references fact any more
    assertThat(
            rows(
                jdbi,
                "SELECT conname FROM pg_constraint WHERE contype = 'f' AND confrelid IN"
                    + " (SELECT oid FROM pg_class WHERE relname LIKE 'fact%')"))
        .isEmpty();

    FactStore store = new FactStore(jdbi, CLOCK);
    // the converted keys dedupe: nothing is stored twice
    assertThat(store.append(offline(facts)))
        .isEqualTo(new IngestResult(facts.size(), 0, facts.size()));
    EventObserved e = PodLife.unhealthyEvent();
    Fact fresh = new EventObserved(e.pod(), "3", e.at(), e.observedAt(), e.event());
    assertThat(store.append(offline(List.of(fresh))).inserted()).isEqualTo(1);
    long newId =
        jdbi.withHandle(
            h ->
                h.createQuery("SELECT id FROM fact WHERE resource_version = '3'")
                    .mapTo(Long.class)
                    .one());
    assertThat(newId).isGreaterThan(sequenceBefore);
    assertThat(rows(jdbi, "SELECT count(*) AS n FROM pod_history"))
        .containsExactly(Map.of("n", (long) facts.size() + 1));
    // and the history still reads through the partition-aware join
    assertThat(
            rows(
                jdbi,
                "SELECT count(*) AS n FROM pod_history h JOIN fact f ON f.id = h.fact_id AND f.at"
                    + " = h.at"))
        .containsExactly(Map.of("n", (long) facts.size() + 1));
  }

  private static List<Map<String, Object>> rows(Jdbi jdbi, String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapToMap().list());
  }
}
