package dev.podlife.embedded;

import java.nio.file.Path;

/**
 * A JVM that starts a {@link LocalPostgres} and waits to be killed: shows what a signal leaves
 * behind.
 */
final class LocalPostgresChild {
  static final String READY = "READY ";

  public static void main(String[] args) throws InterruptedException {
    LocalPostgres postgres = LocalPostgres.start(Path.of(args[0]));
    System.out.println(READY + postgres.jdbcUrl());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
