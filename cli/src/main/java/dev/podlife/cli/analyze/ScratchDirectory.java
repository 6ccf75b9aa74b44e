package dev.podlife.cli.analyze;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.podlife.embedded.LocalPostgres;

/**
 * The throw-away directory of one {@code podlife analyze} run ({@code podlife-analyze-*} in the
 * temporary directory), marked with the JVM that owns it. A run killed with SIGKILL leaves its
 * directory, maybe with a PostgreSQL still running on it: the next run stops that server and
 * removes the directory, but never one whose owner still runs.
 */
final class ScratchDirectory {
  static final String PREFIX = "podlife-analyze-";
  private static final String OWNER = "owner";

  private ScratchDirectory() {}

  /**
   * A new directory under {@code tmp}, owned by this JVM, after cleaning up what killed runs left
   * there.
   */
  static Path create(Path tmp) throws IOException {
    cleanUpAfterKilledRuns(tmp);
    Path dir = Files.createTempDirectory(tmp, PREFIX);
    ProcessHandle self = ProcessHandle.current();
    Files.writeString(
        dir.resolve(OWNER),
        self.pid() + " " + self.info().startInstant().map(Instant::toString).orElse("?") + "\n");
    return dir;
  }

  static void cleanUpAfterKilledRuns(Path tmp) throws IOException {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
      for (Path dir : dirs) {
        if (Files.isRegularFile(dir.resolve(OWNER)) && !ownerRuns(dir)) {
          LocalPostgres.stopLeftRunning(dir.resolve("postgres"));
          deleteRecursively(dir);
        }
      }
    }
  }

  private static boolean ownerRuns(Path dir) throws IOException {
    List<String> owner = List.of(Files.readString(dir.resolve(OWNER)).strip().split(" "));
    Optional<ProcessHandle> process;
    try {
      process = ProcessHandle.of(Long.parseLong(owner.getFirst()));
    } catch (NumberFormatException e) {
      return false;
    }
    // a reused pid is another process: its start time differs
    return process
        .map(
            p ->
                owner.size() < 2
                    || p.info()
                        .startInstant()
                        .map(Instant::toString)
                        .orElse("?")
                        .equals(owner.get(1)))
        .orElse(false);
  }

  static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
