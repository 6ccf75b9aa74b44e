package dev.podlife.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The postmaster serving a data directory, as its {@code postmaster.pid} names it: found only when
 * that process is alive and really a postgres started on this directory (a pid file outlives its
 * server, and pids are reused).
 */
record Postmaster(ProcessHandle process, Path dataDir) {
  private static final Logger LOG = LoggerFactory.getLogger(Postmaster.class);
  private static final Duration TERM_GRACE = Duration.ofSeconds(15);
  private static final Duration KILL_GRACE = Duration.ofSeconds(10);

  static Optional<Postmaster> of(Path dataDir) throws IOException {
    Path dir = dataDir.toAbsolutePath();
    List<String> pidFile;
    try {
      pidFile = Files.readAllLines(dir.resolve("postmaster.pid"));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(pidFile.getFirst().strip());
    } catch (NumberFormatException | java.util.NoSuchElementException e) {
      return Optional.empty(); // damaged: postgres itself deals with it at start
    }
    return ProcessHandle.of(pid).filter(p -> isPostgresOn(p, dir)).map(p -> new Postmaster(p, dir));
  }

  /**
   * Its command line, from {@code /proc} (readable for another user's process too), names postgres
   * and the directory.
   */
  private static boolean isPostgresOn(ProcessHandle process, Path dir) {
    List<String> args;
    try {
      byte[] cmdline =
          Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
      args = Arrays.asList(new String(cmdline, StandardCharsets.UTF_8).split("\0"));
    } catch (IOException e) {
      args = process.info().commandLine().map(c -> List.of(c.split(" "))).orElse(List.of());
    }
    return !args.isEmpty()
        && Path.of(args.getFirst()).getFileName().toString().equals("postgres")
        && args.contains(dir.toString());
  }

  /**
   * Stops it: SIGTERM (a smart shutdown, which ends at once when its clients are gone), then
   * SIGKILL for it and its backends if it is still there after {@link #TERM_GRACE}; returns once
   * all of them are gone.
   */
  void stop() {
    List<ProcessHandle> backends = process.descendants().toList();
    process.destroy();
    if (!awaitExit(process, TERM_GRACE)) {
      LOG.warn(
          "The PostgreSQL (pid {}) on {} ignored SIGTERM for {} s: killing it",
          process.pid(),
          dataDir,
          TERM_GRACE.toSeconds());
      backends.forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      if (!awaitExit(process, KILL_GRACE)) {
        throw new EmbeddedException(
            "The PostgreSQL (pid "
                + process.pid()
                + ") on "
                + dataDir
                + " survived SIGKILL; stop it yourself");
      }
    }
    // the shared memory stays in use until the last backend is gone, and a new server would refuse
    // to start
    for (ProcessHandle backend : backends) {
      backend.destroyForcibly();
      awaitExit(backend, KILL_GRACE);
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedException(
          "Interrupted while stopping the PostgreSQL (pid " + process.pid() + ")", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("ProcessHandle.onExit() doesn't fail", e);
    }
  }
}
