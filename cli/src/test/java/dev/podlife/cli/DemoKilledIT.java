package dev.podlife.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code podlife demo} in a JVM of its own, killed with SIGKILL along with its PostgreSQL's
 * watchdog: the next demo on that data dir stops the server left behind before emptying the
 * directory. (That the watchdog stops the server of a killed JVM is {@code LocalPostgresIT}'s.)
 */
class DemoKilledIT {
  private static final Duration UP = Duration.ofSeconds(120);

  @TempDir Path dir;

  private Path dataDir() {
    return dir.resolve("demo");
  }

  @AfterEach
  void stopWhatAFailedTestLeftRunning() {
    serverProcesses().forEach(ProcessHandle::destroyForcibly);
  }

  @Test
  void theNextDemoStopsAPostgresAKilledDemoLeftAndStarts() throws Exception {
    Process first = startDemo();
    List<ProcessHandle> orphaned;
    try {
      awaitUp(first);
      // its watchdog killed first: the server outlives the JVM, as before there was one
      first
          .children()
          .filter(
              p ->
                  p.info()
                      .commandLine()
                      .map(c -> c.contains("podlife-postgres-watchdog"))
                      .orElse(false))
          .forEach(ProcessHandle::destroyForcibly);
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      orphaned = serverProcesses();
      assertThat(orphaned).as("the server the killed demo left").isNotEmpty();
    } finally {
      first.destroyForcibly();
    }

    Process second = startDemo();
    try {
      awaitUp(second);
      assertThat(orphaned).noneMatch(ProcessHandle::isAlive);
      assertThat(serverProcesses()).hasSize(1);

      second.destroy(); // SIGTERM, as a script stops the demo
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(serverProcesses()).isEmpty());
    } finally {
      second.destroyForcibly();
    }
  }

  private Process startDemo() throws Exception {
    Path tmp = Files.createDirectories(dir.resolve("tmp"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Djava.io.tmpdir=" + tmp,
            "-cp",
            System.getProperty("java.class.path"),
            PodlifeCommand.class.getName(),
            "demo",
            "--port",
            "0",
            "--data-dir",
            dataDir().toString())
        .redirectErrorStream(true)
        .start();
  }

  /**
   * Reads the demo's output up to its banner; the rest is drained so that the demo never blocks on
   * a full pipe.
   */
  private static void awaitUp(Process demo) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + UP.toNanos();
    String line;
    while ((line = out.readLine()) != null && !line.startsWith("podlife demo is up")) {
      seen.append(line).append('\n');
      if (System.nanoTime() > deadline) {
        break;
      }
    }
    assertThat(line)
        .as("the demo's banner; it printed:%n%s", seen)
        .startsWith("podlife demo is up");
    Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "demo-output");
    drain.setDaemon(true);
    drain.start();
  }

  /** The postmaster runs with {@code -D <data dir>} on its command line. */
  private List<ProcessHandle> serverProcesses() {
    String postgresDir = dataDir().resolve("postgres").toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("postgres") && c.contains(postgresDir))
                    .orElse(false))
        .toList();
  }
}
