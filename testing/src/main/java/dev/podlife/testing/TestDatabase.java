package dev.podlife.testing;

import java.util.List;

import javax.sql.DataSource;

import org.jdbi.v3.core.Jdbi;

/**
 * A PostgreSQL database of one's own, migrated to the podlife schema, for one test class: {@code
 * dataSource} is a pool on {@code jdbcUrl}, {@code jdbi} uses it.
 */
public record TestDatabase(
    String jdbcUrl, String user, String password, DataSource dataSource, Jdbi jdbi) {

  /** Empties every podlife table (not Flyway's history) and restarts their identity sequences. */
  public void truncateAll() {
    jdbi.useHandle(
        handle -> {
          List<String> tables =
              handle
                  .createQuery(
                      "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname ="
                          + " current_schema() AND tablename <> 'flyway_schema_history' ORDER BY"
                          + " tablename")
                  .mapTo(String.class)
                  .list();
          if (!tables.isEmpty()) {
            handle.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
          }
        });
  }

  @Override
  public String toString() {
    // the record's default would print the password
    return "TestDatabase[" + jdbcUrl + " as " + user + "]";
  }
}
