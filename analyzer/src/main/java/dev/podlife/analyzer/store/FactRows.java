package dev.podlife.analyzer.store;

import java.time.Instant;
import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The {@code fact} table: the append-only event store. */
interface FactRows {

  /** The facts to insert as columns, one array element per fact, in order. */
  record NewFacts(
      String[] cluster,
      String[] podUid,
      String[] factType,
      String[] subject,
      String[] resourceVersion,
      String[] namespace,
      String[] podName,
      String[] at,
      String[] observedAt,
      String[] payload,
      String[] sourceTopic,
      Integer[] sourcePartition,
      Long[] sourceOffset) {}

  /** A fact the insert stored, by its natural key. */
  record Inserted(
      long id,
      String cluster,
      String podUid,
      String factType,
      String subject,
      String resourceVersion) {}

  /** A stored fact as replayed: its id and JSON. */
  record StoredFact(long id, String payload) {}

  /**
   * Inserts the facts whose natural key is not stored yet, in one statement; ids follow the input
   * order. Returns the inserted ones (a key given twice is inserted once).
   */
  @SqlQuery(
      """
      INSERT INTO fact (cluster, pod_uid, fact_type, subject, resource_version, namespace, pod_name, at, observed_at,
                        stored_at, payload, source_topic, source_partition, source_offset)
      SELECT r.cluster, r.pod_uid, r.fact_type, r.subject, r.resource_version, r.namespace, r.pod_name,
             r.at::timestamptz, r.observed_at::timestamptz, :storedAt, r.payload::jsonb, r.source_topic,
             r.source_partition, r.source_offset
      FROM unnest(CAST(:cluster AS text[]), CAST(:podUid AS text[]), CAST(:factType AS text[]),
                  CAST(:subject AS text[]), CAST(:resourceVersion AS text[]), CAST(:namespace AS text[]),
                  CAST(:podName AS text[]), CAST(:at AS text[]), CAST(:observedAt AS text[]),
                  CAST(:payload AS text[]), CAST(:sourceTopic AS text[]), CAST(:sourcePartition AS integer[]),
                  CAST(:sourceOffset AS bigint[]))
           WITH ORDINALITY AS r(cluster, pod_uid, fact_type, subject, resource_version, namespace, pod_name, at,
                                observed_at, payload, source_topic, source_partition, source_offset, ord)
      ORDER BY r.ord
      ON CONFLICT ON CONSTRAINT fact_natural_key DO NOTHING
      RETURNING id, cluster, pod_uid, fact_type, subject, resource_version
      """)
  @RegisterConstructorMapper(Inserted.class)
  List<Inserted> insert(@BindMethods NewFacts facts, Instant storedAt);

  @SqlQuery(
      "SELECT id, payload::text AS payload FROM fact WHERE id > :after ORDER BY id LIMIT :limit")
  @RegisterConstructorMapper(StoredFact.class)
  List<StoredFact> after(long after, int limit);
}
