package dev.podlife.testing.binaries;

import java.util.Locale;
import java.util.Objects;

/**
 * One package's stanza in an archive's {@code Packages} index: what to download and the digest it
 * must have.
 */
record DebianPackage(
    String name, String version, String architecture, String filename, String sha256, long size) {
  DebianPackage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(architecture, "architecture");
    Objects.requireNonNull(filename, "filename");
    Objects.requireNonNull(sha256, "sha256");
    sha256 = sha256.toLowerCase(Locale.ROOT);
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("Not a SHA256 for " + name + ": '" + sha256 + "'");
    }
  }

  /**
   * The cache directory's name: a new version or another architecture gets a directory of its own.
   */
  String cacheKey() {
    // versions may hold ':' (an epoch), awkward in paths
    return name + "_" + version.replace(':', '%') + "_" + architecture;
  }
}
