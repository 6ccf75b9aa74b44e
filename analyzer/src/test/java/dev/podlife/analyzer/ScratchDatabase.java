package dev.podlife.analyzer;

import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import dev.podlife.testing.TestDatabase;

/**
 * A database of its own on the test server, for the migration tests: created empty, migrated to
 * whichever schema version a test starts from ({@link #flyway}), dropped on {@link #close}.
 */
public final class ScratchDatabase implements AutoCloseable {
  private final TestDatabase server;
  private final String name;
  private final String url;

  /** {@code prefix}: lower case, as an unquoted identifier is. */
  public ScratchDatabase(TestDatabase server, String prefix) {
    this.server = server;
    this.name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    this.url = server.jdbcUrl().replaceFirst("/([^/?]+)(\\?|$)", "/" + name + "$2");
    server.jdbi().useHandle(h -> h.execute("CREATE DATABASE " + name));
  }

  /** Flyway on this database, migrating up to {@code target} ("latest" for all). */
  public Flyway flyway(String target) {
    return Flyway.configure()
        .dataSource(url, server.user(), server.password())
        .locations("classpath:db/migration")
        .target(target)
        .load();
  }

  /** A Jdbi on this database, with the SqlObjectPlugin the read models need. */
  public Jdbi jdbi() {
    return Jdbi.create(url, server.user(), server.password()).installPlugin(new SqlObjectPlugin());
  }

  @Override
  public void close() {
    server.jdbi().useHandle(h -> h.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
  }
}
