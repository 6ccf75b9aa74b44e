package dev.podlife.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalPostgresIT {
  @TempDir Path dataDir;

  @AfterEach
  void stopWhatAFailedTestLeftRunning() {
    serverProcesses(dataDir).forEach(ProcessHandle::destroy);
  }

  @Test
  void acceptsSqlAndLeavesNoServerProcessBehindWhenClosed() throws Exception {
    try (LocalPostgres postgres = LocalPostgres.start(dataDir)) {
      assertThat(postgres.jdbcUrl())
          .startsWith("jdbc:postgresql://localhost:")
          .endsWith("/podlife");
      assertThat(serverProcesses(dataDir)).isNotEmpty();
      try (Connection c = postgres.dataSource().getConnection();
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT current_database(), 1 + 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("podlife");
        assertThat(rs.getInt(2)).isEqualTo(2);
      }
    }
    assertThat(serverProcesses(dataDir)).isEmpty();
  }

  @Test
  void aRestartOnTheSameDirectoryKeepsTheData() throws Exception {
    try (LocalPostgres postgres = LocalPostgres.start(dataDir);
        Connection c = postgres.dataSource().getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE kept (v text)");
      s.execute("INSERT INTO kept VALUES ('still here')");
    }
    try (LocalPostgres postgres = LocalPostgres.start(dataDir);
        Connection c = postgres.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT v FROM kept")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("still here");
    }
    assertThat(serverProcesses(dataDir)).isEmpty();
  }

  @Test
  void aJvmStoppedBySigtermStopsItsServer() throws Exception {
    Process child = startChild();
    try {
      awaitReady(child);
      assertThat(serverProcesses(dataDir)).isNotEmpty();

      child.destroy(); // SIGTERM
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(serverProcesses(dataDir)).isEmpty());
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aJvmKilledWithSigkillTakesItsServerWithIt() throws Exception {
    Process child = startChild();
    try {
      awaitReady(child);
      ProcessHandle watchdog = watchdogOf(child);
      assertThat(serverProcesses(dataDir)).isNotEmpty();

      child.destroyForcibly(); // SIGKILL: no shutdown hook runs
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(() -> assertThat(serverProcesses(dataDir)).isEmpty());
      await().atMost(Duration.ofSeconds(5)).until(() -> !watchdog.isAlive());
    } finally {
      child.destroyForcibly();
    }
    // stopped cleanly: the next start reuses the cluster
    try (LocalPostgres postgres = LocalPostgres.start(dataDir)) {
      assertThat(serverProcesses(dataDir)).isNotEmpty();
    }
  }

  @Test
  void aNormalCloseEndsTheWatchdogWhileTheJvmLivesOn() {
    LocalPostgres postgres = LocalPostgres.start(dataDir);
    ProcessHandle watchdog = ProcessHandle.of(postgres.watchdogPid()).orElseThrow();

    postgres.close();

    await().atMost(Duration.ofSeconds(10)).until(() -> !watchdog.isAlive());
    assertThat(serverProcesses(dataDir)).isEmpty();
  }

  @Test
  void aServerLeftRunningByAKilledJvmIsStoppedAndItsDataReused() throws Exception {
    leaveAnOrphanedServer();

    try (LocalPostgres postgres = LocalPostgres.start(dataDir);
        Connection c = postgres.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT count(*) FROM pg_database WHERE datname = 'podlife'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
    assertThat(serverProcesses(dataDir)).isEmpty();
  }

  @Test
  void stopLeftRunningStopsTheOrphanSoTheDirectoryCanBeEmptied() throws Exception {
    leaveAnOrphanedServer();

    LocalPostgres.stopLeftRunning(dataDir);

    assertThat(serverProcesses(dataDir)).isEmpty();
    try (var paths = java.nio.file.Files.walk(dataDir)) {
      for (Path path :
          paths
              .sorted(java.util.Comparator.reverseOrder())
              .filter(p -> !p.equals(dataDir))
              .toList()) {
        java.nio.file.Files.delete(path);
      }
    }
    try (LocalPostgres postgres = LocalPostgres.start(dataDir)) {
      assertThat(serverProcesses(dataDir)).isNotEmpty();
    }
  }

  @Test
  void aPidFileNamingAnotherProcessIsLeftAlone() throws Exception {
    long self = ProcessHandle.current().pid();
    java.nio.file.Files.writeString(
        dataDir.resolve("postmaster.pid"), self + "\n" + dataDir + "\n");

    LocalPostgres.stopLeftRunning(dataDir);

    assertThat(ProcessHandle.current().isAlive()).isTrue();
    assertThat(dataDir.resolve("postmaster.pid")).exists();
  }

  /** A server whose JVM was killed (SIGKILL) after its watchdog was: nothing stopped it. */
  private void leaveAnOrphanedServer() throws Exception {
    Process child = startChild();
    try {
      awaitReady(child);
      ProcessHandle watchdog = watchdogOf(child);
      watchdog.destroyForcibly();
      await().atMost(Duration.ofSeconds(5)).until(() -> !watchdog.isAlive());
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(serverProcesses(dataDir)).as("the orphaned server").isNotEmpty();
    } finally {
      child.destroyForcibly();
    }
  }

  private static ProcessHandle watchdogOf(Process child) {
    return child
        .children()
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(c -> c.contains("podlife-postgres-watchdog"))
                    .orElse(false))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no watchdog among the children of the JVM " + child.pid()));
  }

  private Process startChild() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            LocalPostgresChild.class.getName(),
            dataDir.toString())
        .redirectErrorStream(true)
        .start();
  }

  private static void awaitReady(Process child) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.startsWith(LocalPostgresChild.READY)) {
      // startup logging of the child
    }
    assertThat(line)
        .as("the child JVM reports its server as started")
        .startsWith(LocalPostgresChild.READY);
  }

  /** The postmaster and its children run with {@code -D <dataDir>} on their command line. */
  static List<ProcessHandle> serverProcesses(Path dataDir) {
    String dir = dataDir.toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(ProcessHandle::isAlive)
        .filter(
            p ->
                p.info()
                    .commandLine()
                    .map(cmd -> cmd.contains("postgres") && cmd.contains(dir))
                    .orElse(false))
        .toList();
  }
}
