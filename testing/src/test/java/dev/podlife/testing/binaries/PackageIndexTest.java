package dev.podlife.testing.binaries;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PackageIndexTest {
  @Test
  void findsThePackagesStanzaInBookwormsIndex() throws IOException {
    Optional<DebianPackage> found = PackageIndex.find(bookworm(), "prometheus-alertmanager");

    assertThat(found)
        .contains(
            new DebianPackage(
                "prometheus-alertmanager",
                "0.25.0-1+b4",
                "amd64",
                "pool/main/p/prometheus-alertmanager/prometheus-alertmanager_0.25.0-1+b4_amd64.deb",
                "4fb9aed15cfe8e0c32408e643ab32a1e41ee87d2cc26f18aeba928b1b0b98ae7",
                10588680));
    assertThat(found.get().cacheKey()).isEqualTo("prometheus-alertmanager_0.25.0-1+b4_amd64");
  }

  @Test
  void aPackageIsNotMistakenForOnesWhoseNamesItPrefixes() throws IOException {
    assertThat(PackageIndex.find(bookworm(), "prometheus").map(DebianPackage::filename))
        .contains("pool/main/p/prometheus/prometheus_2.42.0+ds-5+deb12u1_amd64.deb");
  }

  @Test
  void aPackageTheIndexLacksIsNotFound() throws IOException {
    assertThat(PackageIndex.find(bookworm(), "prometheus-alert")).isEmpty();
  }

  @Test
  void theLastStanzaNeedsNoTrailingBlankLine() throws IOException {
    String index =
        "Package: a\nVersion: 1\nArchitecture: arm64\nFilename: pool/a.deb\nSHA256: "
            + "ab".repeat(32);

    assertThat(PackageIndex.find(new StringReader(index), "a").map(DebianPackage::version))
        .contains("1");
  }

  @Test
  void anEpochInTheVersionStaysOutOfTheCachePath() {
    DebianPackage pkg =
        new DebianPackage("p", "1:2.0-1", "amd64", "pool/p.deb", "AB".repeat(32), 1);

    assertThat(pkg.cacheKey()).isEqualTo("p_1%2.0-1_amd64");
    assertThat(pkg.sha256()).isEqualTo("ab".repeat(32));
  }

  /**
   * The stanzas of prometheus, prometheus-alertmanager and the next package, as bookworm's index
   * has them.
   */
  private static Reader bookworm() {
    return new InputStreamReader(
        Objects.requireNonNull(
            PackageIndexTest.class.getResourceAsStream(
                "/binaries/Packages-bookworm-amd64-excerpt")),
        StandardCharsets.UTF_8);
  }
}
