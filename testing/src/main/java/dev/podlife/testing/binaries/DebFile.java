package dev.podlife.testing.binaries;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Function;

import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A {@code .deb}: an ar archive whose {@code data.tar.*} member holds the files the package
 * installs.
 */
final class DebFile {
  private DebFile() {}

  /**
   * Copies the installed files of the package {@code deb} that {@code targets} maps to a path (it
   * is given each regular file's path without the leading slash, e.g. {@code usr/bin/promtool}, and
   * answers null to skip it), creating parent directories, and returns how many were copied.
   *
   * @throws IOException also when its data archive is compressed in a way this reader doesn't know
   */
  static int extract(Path deb, Function<String, Path> targets) throws IOException {
    try (ArArchiveInputStream ar =
        new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb)))) {
      for (ArArchiveEntry entry = ar.getNextEntry(); entry != null; entry = ar.getNextEntry()) {
        String name = entry.getName();
        if (name.startsWith("data.tar")) {
          try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(name, deb, ar))) {
            return copyFiles(tar, targets);
          }
        }
      }
    }
    throw new IOException(deb + " has no data.tar member: not a Debian package");
  }

  /**
   * Copies the one installed file {@code member} (e.g. {@code usr/bin/promtool}) to {@code target}.
   */
  static void extract(Path deb, String member, Path target) throws IOException {
    if (extract(deb, name -> name.equals(member) ? target : null) == 0) {
      throw new IOException(deb + " has no file /" + member);
    }
  }

  private static InputStream decompressed(String name, Path deb, InputStream in)
      throws IOException {
    // the ar stream ends at the member's end, and closing the decompressor must not close the ar
    // stream early
    InputStream member =
        new BufferedInputStream(in) {
          @Override
          public void close() {}
        };
    return switch (name) {
      case "data.tar.xz" -> new XZInputStream(member);
      case "data.tar.gz" -> new GzipCompressorInputStream(member);
      case "data.tar" -> member;
      default ->
          throw new IOException(
              deb
                  + " holds its files as "
                  + name
                  + "; only data.tar.xz, data.tar.gz and data.tar can be read here");
    };
  }

  private static int copyFiles(TarArchiveInputStream tar, Function<String, Path> targets)
      throws IOException {
    int copied = 0;
    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
      Path target = entry.isFile() ? targets.apply(normalized(entry.getName())) : null;
      if (target != null) {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        copied++;
      }
    }
    return copied;
  }

  private static String normalized(String tarName) {
    String name = tarName;
    while (name.startsWith("./") || name.startsWith("/")) {
      name = name.substring(name.indexOf('/') + 1);
    }
    return name;
  }
}
