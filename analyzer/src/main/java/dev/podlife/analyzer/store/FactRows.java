package dev.podlife.analyzer.store;

import java.util.List;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * The {@code fact} table: the append-only event store (written by {@link FactIngest}), replayed by
 * id.
 */
interface FactRows {

  /** A stored fact as replayed: its id and JSON. */
  record StoredFact(long id, String payload) {}

  @SqlQuery(
      "SELECT id, payload::text AS payload FROM fact WHERE id > :after ORDER BY id LIMIT :limit")
  @RegisterConstructorMapper(StoredFact.class)
  List<StoredFact> after(long after, int limit);
}
