package dev.podlife.testing.binaries;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** Builds small Debian packages and indexes the way dpkg-deb and the archive lay them out. */
final class Debs {
  private Debs() {}

  /**
   * A {@code .deb} installing {@code files} (path without leading slash → content), data compressed
   * as named.
   */
  static byte[] deb(String dataMember, Map<String, String> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ArArchiveOutputStream ar = new ArArchiveOutputStream(out)) {
      add(ar, "debian-binary", "2.0\n".getBytes(StandardCharsets.US_ASCII));
      add(ar, "control.tar.xz", xz(tar(Map.of("control", "Package: fake\n"))));
      byte[] data = tar(files);
      add(
          ar,
          dataMember,
          switch (dataMember) {
            case "data.tar.xz" -> xz(data);
            case "data.tar.gz" -> gz(data);
            default -> data; // data.tar, or bytes nobody here can read (data.tar.zst)
          });
    }
    return out.toByteArray();
  }

  static byte[] xz(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream xz = new XZOutputStream(out, new LZMA2Options())) {
      xz.write(plain);
    }
    return out.toByteArray();
  }

  private static byte[] gz(byte[] plain) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new GzipCompressorOutputStream(out)) {
      gz.write(plain);
    }
    return out.toByteArray();
  }

  private static byte[] tar(Map<String, String> files) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      TarArchiveEntry root = new TarArchiveEntry("./");
      tar.putArchiveEntry(root);
      tar.closeArchiveEntry();
      for (Map.Entry<String, String> file : files.entrySet()) {
        byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry("./" + file.getKey());
        entry.setMode(0100755);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  private static void add(ArArchiveOutputStream ar, String name, byte[] content)
      throws IOException {
    ar.putArchiveEntry(new ArArchiveEntry(name, content.length));
    ar.write(content);
    ar.closeArchiveEntry();
  }
}
