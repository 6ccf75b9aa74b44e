package dev.podlife.testing.binaries;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A program the tests run: where an installed one may be ({@code envVar} first, then {@code binary}
 * on the PATH, then {@code installedPaths}), and the Debian package that ships it as {@code
 * /usr/bin/<binary>}. {@code dataDir}, unless empty, is a directory of that package the binary
 * reads at run time by its absolute path (Debian's Alertmanager reads its templates from {@code
 * /usr/share/prometheus/alertmanager}).
 */
public record ToolBinary(
    String binary, String debianPackage, String envVar, List<Path> installedPaths, String dataDir) {
  public static final ToolBinary ALERTMANAGER =
      new ToolBinary(
          "prometheus-alertmanager",
          "prometheus-alertmanager",
          "PODLIFE_TEST_ALERTMANAGER",
          List.of(
              Path.of("/usr/bin/prometheus-alertmanager"), Path.of("/usr/local/bin/alertmanager")),
          "/usr/share/prometheus/alertmanager");
  public static final ToolBinary PROMTOOL =
      new ToolBinary(
          "promtool",
          "prometheus",
          "PODLIFE_TEST_PROMTOOL",
          List.of(Path.of("/usr/bin/promtool")),
          "");

  public ToolBinary {
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(debianPackage, "debianPackage");
    Objects.requireNonNull(envVar, "envVar");
    Objects.requireNonNull(dataDir, "dataDir");
    installedPaths = List.copyOf(installedPaths);
    if (binary.isBlank() || binary.contains("/")) {
      throw new IllegalArgumentException("binary must be a file name, got '" + binary + "'");
    }
    if (!dataDir.isEmpty() && (!dataDir.matches("(/[^/]+){2,}") || dataDir.contains("/."))) {
      throw new IllegalArgumentException(
          "dataDir must be an absolute directory two levels deep or more, got '" + dataDir + "'");
    }
  }

  /** The member of the package's data archive that is the binary. */
  String memberInPackage() {
    return "usr/bin/" + binary;
  }
}
