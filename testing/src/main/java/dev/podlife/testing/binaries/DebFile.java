package dev.podlife.testing.binaries;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.tukaani.xz.XZInputStream;

/** A {@code .deb}: an ar archive whose {@code data.tar.*} member holds the files the package installs. */
final class DebFile {
  private DebFile() {}

  /**
   * Copies the installed file {@code member} (e.g. {@code usr/bin/promtool}) out of the package {@code deb} to
   * {@code target}, replacing it.
   *
   * @throws IOException also when the package has no such file or its data archive is compressed in a way this
   *     reader doesn't know
   */
  static void extract(Path deb, String member, Path target) throws IOException {
    try (ArArchiveInputStream ar = new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb)))) {
      for (ArArchiveEntry entry = ar.getNextEntry(); entry != null; entry = ar.getNextEntry()) {
        String name = entry.getName();
        if (name.startsWith("data.tar")) {
          try (TarArchiveInputStream tar = new TarArchiveInputStream(decompressed(name, deb, ar))) {
            copyMember(tar, member, deb, target);
            return;
          }
        }
      }
    }
    throw new IOException(deb + " has no data.tar member: not a Debian package");
  }

  private static InputStream decompressed(String name, Path deb, InputStream in) throws IOException {
    // the ar stream ends at the member's end, and closing the decompressor must not close the ar stream early
    InputStream member = new BufferedInputStream(in) {
      @Override
      public void close() {}
    };
    return switch (name) {
      case "data.tar.xz" -> new XZInputStream(member);
      case "data.tar.gz" -> new GzipCompressorInputStream(member);
      case "data.tar" -> member;
      default ->
          throw new IOException(
              deb + " holds its files as " + name + "; only data.tar.xz, data.tar.gz and data.tar can be read here");
    };
  }

  private static void copyMember(TarArchiveInputStream tar, String member, Path deb, Path target) throws IOException {
    for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
      if (normalized(entry.getName()).equals(member)) {
        if (!entry.isFile()) {
          throw new IOException(
              member + " in " + deb + " is not a regular file" + (entry.isSymbolicLink() ? " (a link to " + entry.getLinkName() + ")" : ""));
        }
        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        return;
      }
    }
    throw new IOException(deb + " has no file /" + member);
  }

  private static String normalized(String tarName) {
    String name = tarName;
    while (name.startsWith("./") || name.startsWith("/")) {
      name = name.substring(name.indexOf('/') + 1);
    }
    return name;
  }
}
