package dev.podlife.testing.binaries;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class DebianArchiveTest {
  /** /etc/apt/sources.list.d/debian.sources of a Debian 12 image. */
  private static final String DEBIAN_SOURCES =
      """
      Types: deb
      # http://snapshot.debian.org/archive/debian/20250520T000000Z
      URIs: http://deb.debian.org/debian
      Suites: bookworm bookworm-updates
      Components: main
      Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

      Types: deb
      # http://snapshot.debian.org/archive/debian-security/20250520T000000Z
      URIs: http://deb.debian.org/debian-security
      Suites: bookworm-security
      Components: main
      Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
      """;

  @TempDir Path etc;

  @Test
  void aDeb822SourceGivesItsFirstMirrorAndSuite() {
    assertThat(DebianArchive.fromDeb822(DEBIAN_SOURCES))
        .contains(new DebianArchive.Source(URI.create("http://deb.debian.org/debian"), "bookworm"));
  }

  @Test
  void disabledAndSourceOnlyStanzasAreSkipped() {
    String sources =
        "Types: deb-src\n"
            + "URIs: http://src.example/debian\n"
            + "Suites: trixie\n"
            + "Components: main\n\n"
            + "Types: deb\n"
            + "URIs: http://off.example/debian\n"
            + "Suites: trixie\n"
            + "Components: main\n"
            + "Enabled: no\n\n"
            + "Types: deb\n"
            + "URIs: https://mirror.example/debian\n"
            + "Suites: trixie\n"
            + "Components: main contrib\n";

    assertThat(DebianArchive.fromDeb822(sources))
        .contains(new DebianArchive.Source(URI.create("https://mirror.example/debian"), "trixie"));
  }

  @Test
  void aClassicSourcesListLineWithOptionsGivesMirrorAndSuite() {
    String list =
        "# deb http://commented.example/debian bookworm main\n"
            + "deb-src http://src.example/debian bookworm main\n"
            + "deb [arch=amd64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]"
            + " http://ftp.de.debian.org/debian/ bookworm main non-free-firmware\n";

    assertThat(DebianArchive.fromSourcesList(list))
        .contains(
            new DebianArchive.Source(URI.create("http://ftp.de.debian.org/debian/"), "bookworm"));
  }

  @Test
  void sourcesListComesBeforeTheFilesInSourcesListD() throws IOException {
    Files.createDirectories(etc.resolve("sources.list.d"));
    Files.writeString(etc.resolve("sources.list.d/debian.sources"), DEBIAN_SOURCES);
    assertThat(DebianArchive.aptSource(etc).map(DebianArchive.Source::uri))
        .contains(URI.create("http://deb.debian.org/debian"));

    Files.writeString(
        etc.resolve("sources.list"), "deb http://local.example/debian bookworm main\n");
    assertThat(DebianArchive.aptSource(etc).map(DebianArchive.Source::uri))
        .contains(URI.create("http://local.example/debian"));
  }

  @Test
  void theReleaseCodeNameIsTheSuiteWhenAptNamesNone() throws IOException {
    Path osRelease =
        Files.writeString(
            etc.resolve("os-release"),
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_CODENAME=bookworm\n");

    assertThat(DebianArchive.codename(osRelease)).contains("bookworm");
    assertThat(DebianArchive.aptSource(etc)).isEmpty();
  }

  @Test
  void theIndexAndPackageUrlsAreUnderTheMirrorWithOrWithoutItsTrailingSlash() {
    DebianArchive archive =
        new DebianArchive(URI.create("http://deb.debian.org/debian"), "bookworm", "arm64");
    DebianPackage pkg =
        new DebianPackage("p", "1", "arm64", "pool/main/p/p/p_1_arm64.deb", "00".repeat(32), 1);

    assertThat(archive.packagesIndex())
        .isEqualTo(
            URI.create(
                "http://deb.debian.org/debian/dists/bookworm/main/binary-arm64/Packages.xz"));
    assertThat(archive.fileOf(pkg))
        .isEqualTo(URI.create("http://deb.debian.org/debian/pool/main/p/p/p_1_arm64.deb"));
  }

  @Test
  void theJvmsArchitectureNamesTranslateToDebians() {
    assertThat(DebianArchive.debianArchitecture("amd64")).isEqualTo("amd64");
    assertThat(DebianArchive.debianArchitecture("x86_64")).isEqualTo("amd64");
    assertThat(DebianArchive.debianArchitecture("aarch64")).isEqualTo("arm64");
    assertThat(DebianArchive.machineArchitecture()).matches("[a-z0-9]+");
  }
}
