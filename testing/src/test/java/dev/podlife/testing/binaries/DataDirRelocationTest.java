package dev.podlife.testing.binaries;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DataDirRelocationTest {
  @Test
  void theRelativePathHasTheAbsolutePathsLengthAndNamesTheDirectoryBesideTheBinary() {
    DataDirRelocation alertmanager = new DataDirRelocation("/usr/share/prometheus/alertmanager");

    assertThat(alertmanager.relativePath())
        .isEqualTo("././/share/prometheus/alertmanager")
        .hasSize(34);
    assertThat(Path.of("/cache/am").resolve(alertmanager.relativePath()).normalize())
        .isEqualTo(Path.of("/cache/am/share/prometheus/alertmanager"));
    assertThat(new DataDirRelocation("/opt/x").relativePath()).isEqualTo("././/x");
    assertThat(new DataDirRelocation("/srv/x").relativePath()).hasSize("/srv/x".length());
  }

  @Test
  void onlyTheDirectorysFilesAreTakenIn() {
    DataDirRelocation alertmanager = new DataDirRelocation("/usr/share/prometheus/alertmanager");
    Path dir = Path.of("/cache/am");

    assertThat(alertmanager.targetOf("usr/share/prometheus/alertmanager/default.tmpl", dir))
        .isEqualTo(Path.of("/cache/am/share/prometheus/alertmanager/default.tmpl"));
    assertThat(alertmanager.targetOf("usr/share/prometheus/alertmanager-other/x", dir)).isNull();
    assertThat(alertmanager.targetOf("usr/share/doc/prometheus-alertmanager/copyright", dir))
        .isNull();
  }
}
