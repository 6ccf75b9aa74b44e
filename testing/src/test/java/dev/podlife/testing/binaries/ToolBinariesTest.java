package dev.podlife.testing.binaries;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

import dev.podlife.testing.FixtureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Against a local archive served over HTTP: what is fetched, verified, cached, and what is refused.
 */
class ToolBinariesTest {
  private static final ToolBinary FAKE =
      new ToolBinary(
          "podlife-fake-tool",
          "podlife-fake",
          "PODLIFE_TEST_FAKE_TOOL",
          List.of(Path.of("/nonexistent/podlife-fake-tool")),
          "");

  /**
   * Reads its greeting from /usr/share/podlife-fake/greeting, as Debian's Alertmanager reads its
   * templates.
   */
  private static final ToolBinary WITH_DATA =
      new ToolBinary(
          "podlife-fake-tool",
          "podlife-fake",
          "PODLIFE_TEST_FAKE_TOOL",
          List.of(),
          "/usr/share/podlife-fake");

  private static final String READS_DATA = "#!/bin/sh\ncat /usr/share/podlife-fake/greeting\n";
  private static final String SCRIPT = "#!/bin/sh\necho fake tool 1.0\n";
  private static final String DEB = "pool/main/p/podlife-fake/podlife-fake_1.0-1_amd64.deb";

  @TempDir Path cache;
  @TempDir Path bin;

  private final Map<String, byte[]> served = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private DebianArchive archive;

  @BeforeEach
  void serveAnArchive() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          requests.add(path);
          byte[] body = served.get(path);
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            if (body != null) {
              out.write(body);
            }
          }
        });
    server.start();
    archive =
        new DebianArchive(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/debian"),
            "bookworm",
            "amd64");
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void fetchesTheBinaryFromTheArchiveIntoTheCacheRunnable() throws Exception {
    byte[] deb =
        Debs.deb(
            "data.tar.xz", Map.of("usr/bin/podlife-fake-tool", SCRIPT, "usr/share/doc/x", "doc"));
    serve(deb, sha256(deb));

    Path binary = binaries(Map.of()).find(FAKE);

    assertThat(binary)
        .isEqualTo(
            cache
                .resolve("podlife-fake_1:0-1_amd64".replace(':', '%'))
                .resolve("podlife-fake-tool"));
    assertThat(run(binary)).isEqualTo("fake tool 1.0");
    assertThat(requests)
        .containsExactly("/debian/dists/bookworm/main/binary-amd64/Packages.xz", "/debian/" + DEB);
    try (var left = Files.walk(cache)) {
      assertThat(left.filter(p -> p.toString().endsWith(".part")))
          .as("no partial downloads left")
          .isEmpty();
    }
  }

  @Test
  void aBinaryReadingItsPackagesDataDirectoryReadsTheCopyBesideIt() throws Exception {
    byte[] deb =
        Debs.deb(
            "data.tar.xz",
            Map.of(
                "usr/bin/podlife-fake-tool",
                READS_DATA,
                "usr/share/podlife-fake/greeting",
                "hello from the package\n"));
    serve(deb, sha256(deb));

    Path binary = binaries(Map.of()).find(WITH_DATA);

    assertThat(binary.resolveSibling("share/podlife-fake/greeting"))
        .hasContent("hello from the package");
    assertThat(Files.readString(binary))
        .contains("cat ././/share/podlife-fake/greeting")
        .doesNotContain("/usr/share");
    Process process =
        new ProcessBuilder(binary.toString()).directory(binary.getParent().toFile()).start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
        .isEqualTo("hello from the package\n");
  }

  @Test
  void aLaterLookupUsesTheCacheWithoutAnyRequest() throws Exception {
    byte[] deb = Debs.deb("data.tar.xz", Map.of("usr/bin/podlife-fake-tool", SCRIPT));
    serve(deb, sha256(deb));
    Path first = binaries(Map.of()).find(FAKE);
    requests.clear();

    Path second = binaries(Map.of()).find(FAKE);

    assertThat(second).isEqualTo(first);
    assertThat(requests).isEmpty();
  }

  @Test
  void aDownloadWhoseSha256DiffersFromTheIndexIsRefused() throws Exception {
    byte[] deb = Debs.deb("data.tar.xz", Map.of("usr/bin/podlife-fake-tool", SCRIPT));
    serve(deb, sha256("another package".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> binaries(Map.of()).find(FAKE))
        .isInstanceOf(FixtureException.class)
        .hasMessageContaining("SHA256 mismatch")
        .hasMessageContaining(sha256(deb));
    try (var left = Files.walk(cache)) {
      assertThat(left.filter(Files::isRegularFile).filter(p -> !p.endsWith(".lock"))).isEmpty();
    }
  }

  @Test
  void anInstalledBinaryOnThePathIsUsedWithoutTheArchive() throws Exception {
    Path installed = executable(bin.resolve("podlife-fake-tool"));

    assertThat(binaries(Map.of("PATH", "/nonexistent:" + bin)).find(FAKE)).isEqualTo(installed);
    assertThat(requests).isEmpty();
  }

  @Test
  void theEnvironmentVariableWinsAndMustNameAnExecutable() throws Exception {
    Path given = executable(bin.resolve("my-build"));
    Path onPath = executable(cache.resolve("podlife-fake-tool"));

    assertThat(
            binaries(Map.of(FAKE.envVar(), given.toString(), "PATH", cache.toString())).find(FAKE))
        .isEqualTo(given);
    assertThatThrownBy(
            () -> binaries(Map.of(FAKE.envVar(), bin.resolve("missing").toString())).find(FAKE))
        .isInstanceOf(FixtureException.class)
        .hasMessageContaining(FAKE.envVar() + "=" + bin.resolve("missing"))
        .hasMessageContaining("not an executable file");
    assertThat(onPath).exists();
  }

  @Test
  void withNothingInstalledAndNoPackageTheFailureSaysWhatWasTriedAndWhatToDo() {
    served.put(
        "/debian/dists/bookworm/main/binary-amd64/Packages.xz",
        indexXz("Package: other\nVersion: 1\n"));

    assertThatThrownBy(() -> binaries(Map.of("PATH", bin.toString())).find(FAKE))
        .isInstanceOf(FixtureException.class)
        .hasMessageContaining("No podlife-fake-tool for the tests")
        .hasMessageContaining(bin.resolve("podlife-fake-tool").toString())
        .hasMessageContaining("/nonexistent/podlife-fake-tool")
        .hasMessageContaining("the cache " + cache)
        .hasMessageContaining(archive.packagesIndex() + " has no package podlife-fake")
        .hasMessageContaining("apt-get install podlife-fake")
        .hasMessageContaining("point PODLIFE_TEST_FAKE_TOOL at");
  }

  @Test
  void anArchiveThatAnswersAnErrorIsNamedInTheFailure() {
    assertThatThrownBy(() -> binaries(Map.of()).find(FAKE))
        .isInstanceOf(FixtureException.class)
        .hasMessageContaining("GET " + archive.packagesIndex() + " answered 404");
  }

  private ToolBinaries binaries(Map<String, String> env) {
    return new ToolBinaries(env, cache, () -> archive);
  }

  private void serve(byte[] deb, String indexedSha256) {
    String stanza =
        "Package: podlife-fake-tools-doc\n"
            + "Version: 0.1\n"
            + "Architecture: all\n"
            + "Filename: pool/doc.deb\n"
            + "SHA256: "
            + "00".repeat(32)
            + "\n\n"
            + "Package: podlife-fake\n"
            + "Version: 1:0-1\n"
            + "Architecture: amd64\n"
            + "Description: a fake\n"
            + " continued\n"
            + "Filename: "
            + DEB
            + "\nSize: "
            + deb.length
            + "\nSHA256: "
            + indexedSha256
            + "\n\n";
    served.put("/debian/dists/bookworm/main/binary-amd64/Packages.xz", indexXz(stanza));
    served.put("/debian/" + DEB, deb);
  }

  private static byte[] indexXz(String text) {
    try {
      return Debs.xz(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Path executable(Path path) throws IOException {
    Files.writeString(path, SCRIPT);
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    return path;
  }

  private static String run(Path binary) throws Exception {
    Process process = new ProcessBuilder(binary.toString()).redirectErrorStream(true).start();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
