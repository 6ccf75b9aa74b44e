package dev.podlife.testing.binaries;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Lets a binary that reads a package directory by its absolute path ({@code
 * /usr/share/prometheus/alertmanager}) read the copy beside it instead: every occurrence of that
 * path in the binary becomes a relative path of the same length ({@code
 * ././/share/prometheus/alertmanager}), so the binary, run in its own directory, finds the files
 * unpacked there ({@code share/prometheus/alertmanager/…}). Same length, because a Go binary's
 * strings are (pointer, length) pairs into one blob: nothing else moves.
 */
record DataDirRelocation(String absoluteDir) {
  DataDirRelocation {
    if (!absoluteDir.matches("(/[^/]+){2,}")) {
      throw new IllegalArgumentException(
          "Not an absolute directory two levels deep: " + absoluteDir);
    }
  }

  /**
   * Where the directory's files go, relative to the binary's directory: the path without its first
   * segment.
   */
  String relativeDir() {
    return absoluteDir.substring(absoluteDir.indexOf('/', 1) + 1);
  }

  /**
   * {@code absoluteDir} as a relative path of the same length: {@code ./} padding in place of the
   * first segment.
   */
  String relativePath() {
    int first = absoluteDir.indexOf('/', 1);
    return "./".repeat(first).substring(0, first) + absoluteDir.substring(first);
  }

  /**
   * The target of a file of the package ({@code usr/share/…}, no leading slash) when it is in the
   * directory.
   */
  Path targetOf(String member, Path binaryDir) {
    String inPackage = absoluteDir.substring(1) + "/";
    return member.startsWith(inPackage)
        ? binaryDir.resolve(relativeDir()).resolve(member.substring(inPackage.length()))
        : null;
  }

  /**
   * Rewrites the binary in place; returns how many occurrences were replaced (0: it doesn't read
   * the path).
   */
  int patch(Path binary) throws IOException {
    byte[] bytes = Files.readAllBytes(binary);
    byte[] from = absoluteDir.getBytes(StandardCharsets.US_ASCII);
    byte[] to = relativePath().getBytes(StandardCharsets.US_ASCII);
    int replaced = 0;
    for (int i = 0; i <= bytes.length - from.length; i++) {
      if (bytes[i] == from[0]
          && java.util.Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
        System.arraycopy(to, 0, bytes, i, to.length);
        replaced++;
        i += from.length - 1;
      }
    }
    if (replaced > 0) {
      Files.write(binary, bytes);
    }
    return replaced;
  }
}
