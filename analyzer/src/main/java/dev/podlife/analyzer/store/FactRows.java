package dev.podlife.analyzer.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** The {@code fact} table: the append-only event store. */
interface FactRows {

  /** A fact row to insert. */
  record NewFact(
      String cluster,
      String podUid,
      String factType,
      String subject,
      String resourceVersion,
      String namespace,
      String podName,
      Instant at,
      Instant observedAt,
      Instant storedAt,
      String payload,
      String sourceTopic,
      Integer sourcePartition,
      Long sourceOffset) {}

  /** A stored fact as replayed: its id and JSON. */
  record StoredFact(long id, String payload) {}

  /** Inserts unless the natural key is already stored; the new id, or empty for a duplicate. */
  @SqlQuery(
      """
      INSERT INTO fact (cluster, pod_uid, fact_type, subject, resource_version, namespace, pod_name, at, observed_at,
                        stored_at, payload, source_topic, source_partition, source_offset)
      VALUES (:cluster, :podUid, :factType, :subject, :resourceVersion, :namespace, :podName, :at, :observedAt,
              :storedAt, CAST(:payload AS jsonb), :sourceTopic, :sourcePartition, :sourceOffset)
      ON CONFLICT ON CONSTRAINT fact_natural_key DO NOTHING
      RETURNING id
      """)
  Optional<Long> insert(@BindMethods NewFact fact);

  @SqlQuery("SELECT id, payload::text AS payload FROM fact WHERE id > :after ORDER BY id LIMIT :limit")
  @RegisterConstructorMapper(StoredFact.class)
  List<StoredFact> after(long after, int limit);
}
