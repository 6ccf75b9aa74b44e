package dev.podlife.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Jdbi;

import com.zaxxer.hikari.HikariDataSource;

import dev.podlife.embedded.Database;
import dev.podlife.embedded.LocalPostgres;

/**
 * The PostgreSQL server the benchmarks run on — a throw-away embedded one, or the server of a given
 * JDBC URL — and fresh, migrated databases on it, one per benchmark subject.
 */
public final class BenchDatabases implements AutoCloseable {
  private static final Pattern DATABASE_IN_URL =
      Pattern.compile("^(jdbc:postgresql://[^/]*/)([^?]*)(.*)$");

  private final LocalPostgres embedded;
  private final String url;
  private final String user;
  private final String password;
  private final HikariDataSource admin;

  private BenchDatabases(LocalPostgres embedded, String url, String user, String password) {
    this.embedded = embedded;
    this.url = url;
    this.user = user;
    this.password = password;
    this.admin = Database.connect(url, user, password);
  }

  /** A throw-away embedded PostgreSQL under a temporary directory. */
  public static BenchDatabases embedded() throws java.io.IOException {
    Path scratch = Files.createTempDirectory("podlife-bench-");
    LocalPostgres postgres = LocalPostgres.start(scratch.resolve("postgres"));
    return new BenchDatabases(postgres, postgres.jdbcUrl(), postgres.user(), postgres.password());
  }

  /**
   * The server of {@code url}; the user must be allowed to create databases (the bench creates and
   * drops its own, named {@code podlife_bench_*}).
   */
  public static BenchDatabases external(String url, String user, String password) {
    if (!DATABASE_IN_URL.matcher(url).matches()) {
      throw new IllegalArgumentException(
          "--jdbc-url must look like jdbc:postgresql://host:port/database: " + url);
    }
    return new BenchDatabases(null, url, user, password);
  }

  /**
   * A new, empty database {@code podlife_bench_<name>} (dropped first if a previous run left it),
   * migrated by Flyway as the analyzer does; the caller closes the pool.
   */
  public HikariDataSource fresh(String name) {
    String database = "podlife_bench_" + name;
    Jdbi.create(admin)
        .useHandle(
            h -> {
              h.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
              h.execute("CREATE DATABASE " + database);
            });
    HikariDataSource ds = connectTo(name);
    Database.migrate(ds);
    return ds;
  }

  /** Another pool on the database {@link #fresh} made under {@code name} (a second analyzer). */
  public HikariDataSource connectTo(String name) {
    Matcher m = DATABASE_IN_URL.matcher(url);
    if (!m.matches()) {
      throw new IllegalStateException("unreachable: the URL was checked");
    }
    return Database.connect(m.group(1) + "podlife_bench_" + name + m.group(3), user, password);
  }

  /** e.g. "PostgreSQL 14.10 (embedded)". */
  public String describe() {
    String version =
        Jdbi.create(admin)
            .withHandle(h -> h.createQuery("SHOW server_version").mapTo(String.class).one());
    return "PostgreSQL " + version + (embedded != null ? " (embedded, zonky)" : " (" + url + ")");
  }

  @Override
  public void close() {
    admin.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
