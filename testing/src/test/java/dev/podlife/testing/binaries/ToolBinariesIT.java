package dev.podlife.testing.binaries;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The real tools, from this machine or Debian's archive: they run here. */
class ToolBinariesIT {
  @Test
  void alertmanagerRuns() throws Exception {
    assertThat(version(ToolBinaries.path(ToolBinary.ALERTMANAGER)))
        .contains("alertmanager, version ");
  }

  @Test
  void promtoolRuns() throws Exception {
    assertThat(version(ToolBinaries.path(ToolBinary.PROMTOOL))).contains("promtool, version ");
  }

  private static String version(Path binary) throws Exception {
    Process process =
        new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }
}
