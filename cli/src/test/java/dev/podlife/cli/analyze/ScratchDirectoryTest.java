package dev.podlife.cli.analyze;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ScratchDirectoryTest {
  @TempDir Path tmp;

  @Test
  void aDirectoryLeftByAKilledRunIsRemovedByTheNextRun() throws IOException {
    // this JVM's pid with another start time: a run whose pid has since been reused
    Path killed =
        left("podlife-analyze-1", ProcessHandle.current().pid() + " 2000-01-01T00:00:00Z");
    Files.createDirectories(killed.resolve("postgres/base"));

    Path mine = ScratchDirectory.create(tmp);

    assertThat(killed).doesNotExist();
    assertThat(mine).exists().hasFileName(mine.getFileName().toString()).isDirectory();
    assertThat(mine.getFileName().toString()).startsWith(ScratchDirectory.PREFIX);
  }

  @Test
  void aRunningRunsDirectoryAndUnmarkedOnesAreLeftAlone() throws IOException {
    ProcessHandle self = ProcessHandle.current();
    Path running =
        left(
            "podlife-analyze-2",
            self.pid() + " " + self.info().startInstant().map(Instant::toString).orElse("?"));
    Path unmarked = Files.createDirectory(tmp.resolve("podlife-analyze-3"));
    Path other = Files.createDirectory(tmp.resolve("something-else"));

    ScratchDirectory.cleanUpAfterKilledRuns(tmp);

    assertThat(running).exists();
    assertThat(unmarked).exists();
    assertThat(other).exists();
  }

  private Path left(String name, String owner) throws IOException {
    Path dir = Files.createDirectory(tmp.resolve(name));
    Files.writeString(dir.resolve("owner"), owner + "\n");
    return dir;
  }
}
