package dev.podlife.analyzer.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import dev.podlife.events.Fact;
import dev.podlife.events.FactSerde;

import static dev.podlife.analyzer.store.CopyText.field;
import static dev.podlife.analyzer.store.CopyText.last;

/**
 * The fast path into {@code fact}: the batch goes by {@code COPY} into a temporary staging table,
 * then one statement inserts the keys not stored yet into {@code fact_key} and their rows into
 * {@code fact} (a key given twice: the first occurrence wins; ids follow the input order) and
 * returns the ids. Keys are inserted in key order, so two analyzers storing overlapping batches (a
 * rebalance) wait for each other instead of deadlocking.
 */
final class FactIngest {
  private static final String STAGING =
      """
      CREATE TEMP TABLE IF NOT EXISTS fact_staging (
          ord              integer     NOT NULL,
          cluster          text        NOT NULL,
          pod_uid          text        NOT NULL,
          fact_type        text        NOT NULL,
          subject          text        NOT NULL,
          resource_version text        NOT NULL,
          namespace        text        NOT NULL,
          pod_name         text        NOT NULL,
          at               timestamptz NOT NULL,
          observed_at      timestamptz,
          payload          jsonb       NOT NULL,
          source_topic     text,
          source_partition integer,
          source_offset    bigint
      ) ON COMMIT DELETE ROWS\
      """;

  private static final String COPY =
      "COPY fact_staging (ord, cluster, pod_uid, fact_type, subject, resource_version, namespace,"
          + " pod_name, at, observed_at, payload, source_topic, source_partition, source_offset)"
          + " FROM STDIN";

  private static final String INSERT =
      """
      WITH firsts AS (
        SELECT DISTINCT ON (k) podlife_fact_key(s.cluster, s.pod_uid, s.fact_type, s.subject, s.resource_version) AS k,
               s.*
        FROM fact_staging s
        ORDER BY k, s.ord
      ), fresh AS (
        INSERT INTO fact_key (key, at) SELECT k, at FROM firsts ORDER BY k
        ON CONFLICT DO NOTHING
        RETURNING key
      ), numbered AS (
        SELECT nextval('fact_id_seq') AS id, f.*
        FROM firsts f JOIN fresh ON fresh.key = f.k
        ORDER BY f.ord
      ), stored AS (
        INSERT INTO fact (id, cluster, pod_uid, fact_type, subject, resource_version, namespace, pod_name, at,
                          observed_at, stored_at, payload, source_topic, source_partition, source_offset)
        SELECT id, cluster, pod_uid, fact_type, subject, resource_version, namespace, pod_name, at, observed_at,
               ?, payload, source_topic, source_partition, source_offset
        FROM numbered
      )
      SELECT ord, id FROM numbered ORDER BY ord\
      """;

  private FactIngest() {}

  /**
   * Stores the facts whose natural key is not stored yet; returns, per input position, the id it
   * was stored under, or 0 when it was a duplicate (of a stored fact or of an earlier one given).
   * {@code firstInTransaction}: the first call in this transaction (creates the per-session staging
   * table if needed).
   */
  static long[] insert(
      Connection connection, List<SourcedFact> facts, Instant storedAt, boolean firstInTransaction)
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      // the staging table is emptied at commit; only a second chunk of one transaction empties it
      s.execute(firstInTransaction ? STAGING : "TRUNCATE fact_staging");
    }
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    try {
      copy.copyIn(COPY, new ByteArrayInputStream(rows(facts)));
    } catch (IOException e) {
      throw new SQLException("Couldn't COPY the batch into the staging table", e);
    }
    long[] ids = new long[facts.size()];
    Arrays.fill(ids, 0L);
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setTimestamp(1, Timestamp.from(storedAt));
      try (ResultSet rs = insert.executeQuery()) {
        while (rs.next()) {
          ids[rs.getInt(1)] = rs.getLong(2);
        }
      }
    }
    return ids;
  }

  /** The COPY text-format rows of the facts; ord is the position in the list. */
  static byte[] rows(List<SourcedFact> facts) {
    StringBuilder out = new StringBuilder(facts.size() * 1024);
    for (int i = 0; i < facts.size(); i++) {
      SourcedFact sourced = facts.get(i);
      Fact fact = sourced.fact();
      Fact.NaturalKey key = fact.naturalKey();
      out.append(i).append('\t');
      field(out, key.cluster());
      field(out, key.podUid());
      field(out, key.type());
      field(out, key.subject() == null ? "" : key.subject());
      field(out, key.resourceVersion() == null ? "" : key.resourceVersion());
      field(out, fact.pod().namespace() == null ? "" : fact.pod().namespace());
      field(out, fact.pod().name() == null ? "" : fact.pod().name());
      field(out, fact.at().toString());
      field(out, fact.observedAt() == null ? null : fact.observedAt().toString());
      field(out, FactSerde.toJson(fact));
      field(out, sourced.topic());
      field(out, sourced.partition() == null ? null : sourced.partition().toString());
      last(out, sourced.offset() == null ? null : sourced.offset().toString());
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }
}
