package dev.podlife.testing.binaries;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A program the tests run: where an installed one may be ({@code envVar} first, then {@code binary} on the PATH,
 * then {@code installedPaths}), and the Debian package that ships it as {@code /usr/bin/<binary>}.
 */
public record ToolBinary(String binary, String debianPackage, String envVar, List<Path> installedPaths) {
  public static final ToolBinary ALERTMANAGER =
      new ToolBinary(
          "prometheus-alertmanager",
          "prometheus-alertmanager",
          "PODLIFE_TEST_ALERTMANAGER",
          List.of(Path.of("/usr/bin/prometheus-alertmanager"), Path.of("/usr/local/bin/alertmanager")));
  public static final ToolBinary PROMTOOL =
      new ToolBinary("promtool", "prometheus", "PODLIFE_TEST_PROMTOOL", List.of(Path.of("/usr/bin/promtool")));

  public ToolBinary {
    Objects.requireNonNull(binary, "binary");
    Objects.requireNonNull(debianPackage, "debianPackage");
    Objects.requireNonNull(envVar, "envVar");
    installedPaths = List.copyOf(installedPaths);
    if (binary.isBlank() || binary.contains("/")) {
      throw new IllegalArgumentException("binary must be a file name, got '" + binary + "'");
    }
  }

  /** The member of the package's data archive that is the binary. */
  String memberInPackage() {
    return "usr/bin/" + binary;
  }
}
