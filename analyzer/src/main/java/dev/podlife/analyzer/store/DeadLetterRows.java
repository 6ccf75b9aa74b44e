package dev.podlife.analyzer.store;

import java.time.Instant;

import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The {@code dead_letter} table: records of the facts topic that are not facts. */
interface DeadLetterRows {

  /**
   * Keeps the record once per topic/partition/offset, so a redelivered poison record is not kept
   * twice.
   */
  @SqlUpdate(
      """
      INSERT INTO dead_letter (topic, partition, "offset", record_key, record_value, error, received_at)
      VALUES (:topic, :partition, :offset, :key, :value, :error, :receivedAt)
      ON CONFLICT ON CONSTRAINT dead_letter_source DO NOTHING
      """)
  int insert(
      String topic,
      int partition,
      long offset,
      String key,
      byte[] value,
      String error,
      Instant receivedAt);
}
