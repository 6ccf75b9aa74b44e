package dev.podlife.testing.binaries;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import dev.podlife.testing.FixtureException;

/**
 * Finds the program a test runs, in this order: the path in its environment variable; an installed
 * one (the PATH, the Debian paths); one fetched earlier into the per-user cache ({@code
 * ${XDG_CACHE_HOME:-~/.cache}/podlife/bin}); else it fetches the binary from the machine's Debian
 * archive, verified by the SHA256 of the archive's index, into that cache. Fails with one message
 * saying all that was tried and how to provide the program; never skips.
 */
public final class ToolBinaries {
  private static final Logger LOG = LoggerFactory.getLogger(ToolBinaries.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);
  // test classes of one JVM may ask at once; the file lock orders JVMs, this orders threads (a JVM
  // can't lock twice)
  private static final Object IN_JVM = new Object();

  private static volatile ToolBinaries forThisMachine;

  private final Map<String, String> env;
  private final Path cache;
  private final Supplier<DebianArchive> archiveLookup;
  private final Map<ToolBinary, Path> found = new java.util.concurrent.ConcurrentHashMap<>();
  private DebianArchive archive;

  ToolBinaries(Map<String, String> env, Path cache, Supplier<DebianArchive> archive) {
    this.env = Map.copyOf(env);
    this.cache = cache;
    this.archiveLookup = archive;
  }

  /** The program's path, fetching it into the cache on first use on this machine. */
  public static Path path(ToolBinary tool) {
    ToolBinaries binaries = forThisMachine;
    if (binaries == null) {
      Map<String, String> env = System.getenv();
      binaries = new ToolBinaries(env, cacheDir(env), () -> DebianArchive.ofThisMachine(env));
      forThisMachine = binaries;
    }
    return binaries.find(tool);
  }

  /** {@code ${XDG_CACHE_HOME:-~/.cache}/podlife/bin}. */
  static Path cacheDir(Map<String, String> env) {
    String xdg = env.get("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("podlife").resolve("bin");
  }

  @SuppressWarnings("try") // the file lock is held for the block: one JVM fetches at a time
  Path find(ToolBinary tool) {
    String given = env.get(tool.envVar());
    if (given != null && !given.isBlank()) {
      Path path = Path.of(given);
      if (Files.isRegularFile(path) && Files.isExecutable(path)) {
        return path;
      }
      throw new FixtureException(
          tool.envVar()
              + "="
              + given
              + " is not an executable file; point it at a "
              + tool.binary()
              + " binary, or unset it to use an installed or fetched one");
    }
    List<Path> installed = installedCandidates(tool);
    for (Path candidate : installed) {
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    synchronized (IN_JVM) {
      Path known = found.get(tool);
      if (known != null) {
        return known;
      }
      DebianArchive from = null;
      try {
        from = archive();
        Optional<Path> cached = cached(tool, from.architecture());
        if (cached.isPresent()) {
          LOG.info("Using {} from the cache: {}", tool.binary(), cached.get());
          found.put(tool, cached.get());
          return cached.get();
        }
        Files.createDirectories(cache);
        try (FileChannel lockFile =
                FileChannel.open(
                    cache.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock ignored = lockFile.lock()) {
          // another JVM may have fetched it while this one waited
          cached = cached(tool, from.architecture());
          Path binary = cached.isPresent() ? cached.get() : fetch(tool, from);
          found.put(tool, binary);
          return binary;
        }
      } catch (IOException | RuntimeException e) {
        throw new FixtureException(notFoundMessage(tool, installed, from, e), e);
      }
    }
  }

  private DebianArchive archive() {
    if (archive == null) {
      archive = archiveLookup.get();
    }
    return archive;
  }

  private List<Path> installedCandidates(ToolBinary tool) {
    List<Path> candidates = new ArrayList<>();
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        candidates.add(Path.of(dir, tool.binary()));
      }
    }
    tool.installedPaths().stream().filter(p -> !candidates.contains(p)).forEach(candidates::add);
    return candidates;
  }

  /** The newest cached build of the tool for the architecture; no network needed. */
  private Optional<Path> cached(ToolBinary tool, String architecture) throws IOException {
    if (!Files.isDirectory(cache)) {
      return Optional.empty();
    }
    try (Stream<Path> dirs = Files.list(cache)) {
      return dirs.filter(
              d -> {
                String name = d.getFileName().toString();
                return name.startsWith(tool.debianPackage() + "_")
                    && name.endsWith("_" + architecture);
              })
          .map(d -> d.resolve(tool.binary()))
          .filter(b -> Files.isRegularFile(b) && Files.isExecutable(b))
          .max(Comparator.comparing(ToolBinaries::modified));
    }
  }

  private Path fetch(ToolBinary tool, DebianArchive from) throws IOException {
    long started = System.nanoTime();
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    try (http) {
      URI indexUri = from.packagesIndex();
      DebianPackage pkg;
      try (InputStream xz = get(http, indexUri);
          InputStreamReader index =
              new InputStreamReader(new XZInputStream(xz), StandardCharsets.UTF_8)) {
        pkg =
            PackageIndex.find(index, tool.debianPackage())
                .orElseThrow(
                    () ->
                        new IOException(
                            "the index " + indexUri + " has no package " + tool.debianPackage()));
      }
      Path dir = cache.resolve(pkg.cacheKey());
      Path deb = Files.createTempFile(cache, pkg.cacheKey(), ".deb.part");
      // unpacked beside the cache entry, then moved in at once: a cache entry is always complete
      Path unpacked = Files.createTempDirectory(cache, pkg.cacheKey() + ".part");
      try {
        URI debUri = from.fileOf(pkg);
        download(http, debUri, pkg, deb);
        Path binary = unpacked.resolve(tool.binary());
        Optional<DataDirRelocation> relocation =
            tool.dataDir().isEmpty()
                ? Optional.empty()
                : Optional.of(new DataDirRelocation(tool.dataDir()));
        DebFile.extract(
            deb,
            member ->
                member.equals(tool.memberInPackage())
                    ? binary
                    : relocation.map(r -> r.targetOf(member, unpacked)).orElse(null));
        if (!Files.isRegularFile(binary)) {
          throw new IOException(debUri + " has no file /" + tool.memberInPackage());
        }
        if (relocation.isPresent()) {
          int replaced = relocation.get().patch(binary);
          LOG.info(
              "{} reads {} from beside it ({} references rewritten)",
              tool.binary(),
              tool.dataDir(),
              replaced);
        }
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        deleteRecursively(dir); // an entry without its binary: left by hand, or by an older layout
        Files.move(unpacked, dir, StandardCopyOption.ATOMIC_MOVE);
        Path target = dir.resolve(tool.binary());
        LOG.info(
            "Fetched {} from {} {} ({}), SHA256 verified, into {} in {} ms",
            tool.binary(),
            pkg.name(),
            pkg.version(),
            debUri,
            target,
            (System.nanoTime() - started) / 1_000_000);
        return target;
      } finally {
        Files.deleteIfExists(deb);
        deleteRecursively(unpacked);
      }
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
  }

  private static void download(HttpClient http, URI uri, DebianPackage pkg, Path target)
      throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("The JDK has no SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(get(http, uri), sha256)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    String actual = HexFormat.of().formatHex(sha256.digest());
    if (!actual.equals(pkg.sha256())) {
      throw new IOException(
          "SHA256 mismatch for "
              + uri
              + ": the archive's index says "
              + pkg.sha256()
              + ", the download has "
              + actual
              + "; refused (a broken mirror or proxy?)");
    }
  }

  private static InputStream get(HttpClient http, URI uri) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(DOWNLOAD_TIMEOUT).build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted during GET " + uri, e);
    } catch (IOException e) {
      throw new IOException("GET " + uri + " failed: " + e, e);
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw new IOException("GET " + uri + " answered " + response.statusCode());
    }
    return response.body();
  }

  private String notFoundMessage(
      ToolBinary tool, List<Path> installed, DebianArchive from, Exception e) {
    String fetch =
        from == null
            ? "couldn't tell which Debian archive to fetch " + tool.debianPackage() + " from"
            : "fetching " + tool.debianPackage() + " from " + from.packagesIndex() + " failed";
    return "No "
        + tool.binary()
        + " for the tests. Looked for "
        + tool.envVar()
        + " (unset), "
        + installed.stream()
            .map(Path::toString)
            .distinct()
            .reduce((a, b) -> a + ", " + b)
            .orElse("no installed path")
        + ", and the cache "
        + cache
        + "; "
        + fetch
        + ": "
        + e.getMessage()
        + ". Provide it: apt-get install "
        + tool.debianPackage()
        + ", or point "
        + tool.envVar()
        + " at a "
        + tool.binary()
        + " binary (the mirror and suite can be set by "
        + DebianArchive.MIRROR_ENV
        + " and "
        + DebianArchive.SUITE_ENV
        + ").";
  }

  private static java.nio.file.attribute.FileTime modified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
