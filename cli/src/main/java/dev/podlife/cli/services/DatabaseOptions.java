package dev.podlife.cli.services;

import com.zaxxer.hikari.HikariDataSource;

import dev.podlife.cli.UserError;
import dev.podlife.embedded.Database;
import picocli.CommandLine.Option;

/**
 * The PostgreSQL server of the event store. The password comes only from the environment, never the
 * command line.
 */
public final class DatabaseOptions {
  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      defaultValue = "${env:PODLIFE_JDBC_URL}",
      description =
          "PostgreSQL JDBC URL, e.g. jdbc:postgresql://db:5432/podlife (env PODLIFE_JDBC_URL).")
  public String jdbcUrl;

  @Option(
      names = "--jdbc-user",
      paramLabel = "USER",
      defaultValue = "${env:PODLIFE_JDBC_USER:-podlife}",
      description =
          "Database user (env PODLIFE_JDBC_USER; default: ${DEFAULT-VALUE}). The password is read"
              + " from env PODLIFE_JDBC_PASSWORD.")
  public String user;

  /** Connects and brings the schema up to date; a missing URL is a user error. */
  public HikariDataSource connectAndMigrate() {
    if (jdbcUrl == null || jdbcUrl.isBlank()) {
      throw new UserError(
          "no database given: pass --jdbc-url or set PODLIFE_JDBC_URL (and PODLIFE_JDBC_USER,"
              + " PODLIFE_JDBC_PASSWORD)");
    }
    HikariDataSource dataSource =
        Database.connect(jdbcUrl, user, System.getenv("PODLIFE_JDBC_PASSWORD"));
    Database.migrate(dataSource);
    return dataSource;
  }
}
