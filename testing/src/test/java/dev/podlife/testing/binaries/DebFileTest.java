package dev.podlife.testing.binaries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DebFileTest {
  @TempDir Path dir;

  @Test
  void extractsOneInstalledFileFromAnXzCompressedPackage() throws IOException {
    Path deb =
        write(
            Debs.deb(
                "data.tar.xz",
                Map.of("usr/bin/tool", "binary", "usr/share/doc/tool/README", "doc")));

    DebFile.extract(deb, "usr/bin/tool", dir.resolve("tool"));

    assertThat(dir.resolve("tool")).hasContent("binary");
  }

  @Test
  void readsAGzipCompressedPackageToo() throws IOException {
    Path deb = write(Debs.deb("data.tar.gz", Map.of("usr/bin/tool", "from gz")));

    DebFile.extract(deb, "usr/bin/tool", dir.resolve("tool"));

    assertThat(dir.resolve("tool")).hasContent("from gz");
  }

  @Test
  void aZstdCompressedPackageIsRefusedNamingTheCompression() throws IOException {
    Path deb = write(Debs.deb("data.tar.zst", Map.of("usr/bin/tool", "x")));

    assertThatThrownBy(() -> DebFile.extract(deb, "usr/bin/tool", dir.resolve("tool")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("data.tar.zst")
        .hasMessageContaining("only data.tar.xz, data.tar.gz and data.tar");
  }

  @Test
  void aPackageWithoutTheFileSaysWhichFileIsMissing() throws IOException {
    Path deb = write(Debs.deb("data.tar.xz", Map.of("usr/bin/other", "x")));

    assertThatThrownBy(() -> DebFile.extract(deb, "usr/bin/tool", dir.resolve("tool")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has no file /usr/bin/tool");
    assertThat(dir.resolve("tool")).doesNotExist();
  }

  private Path write(byte[] deb) throws IOException {
    return Files.write(dir.resolve("package.deb"), deb);
  }
}
