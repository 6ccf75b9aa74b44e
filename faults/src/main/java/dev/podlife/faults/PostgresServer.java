package dev.podlife.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server of the event store as its own OS process: zonky's bundled binaries, run by
 * {@code pg_ctl} on a data directory and fixed port of ours (as root zonky runs it as {@code
 * nobody} through {@code unshare -U}), so that it can be stopped for an outage and started again
 * with its data at the same address.
 */
final class PostgresServer implements AutoCloseable {
  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres postgres;

  PostgresServer(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  String user() {
    return "postgres";
  }

  synchronized void start() {
    try {
      Files.createDirectories(dataDir);
      postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDir)
              .setCleanDataDirectory(false)
              .setPort(port)
              .start();
    } catch (IOException | RuntimeException e) {
      throw new FaultsException(
          "Couldn't start PostgreSQL on port " + port + " with data in " + dataDir, e);
    }
  }

  /** A fast shutdown (pg_ctl stop -m fast): clients are disconnected, the data stays. */
  synchronized void stop() {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new FaultsException("Couldn't stop PostgreSQL with data in " + dataDir, e);
    } finally {
      postgres = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
