package dev.podlife.testing.binaries;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where this machine's Debian packages come from: a mirror ({@code …/debian/}), a suite ({@code
 * bookworm}) and the machine's architecture ({@code amd64}); only {@code main} is read.
 */
record DebianArchive(URI mirror, String suite, String architecture) {
  /** Overrides the mirror apt uses, e.g. {@code http://deb.debian.org/debian}. */
  static final String MIRROR_ENV = "PODLIFE_TEST_DEBIAN_MIRROR";

  /** Overrides the suite apt uses, e.g. {@code bookworm}. */
  static final String SUITE_ENV = "PODLIFE_TEST_DEBIAN_SUITE";

  static final URI DEFAULT_MIRROR = URI.create("http://deb.debian.org/debian/");

  DebianArchive {
    String text = mirror.toString();
    // a base for resolve(): without the trailing slash the last path segment would be replaced
    mirror = text.endsWith("/") ? mirror : URI.create(text + "/");
    if (suite.isBlank() || suite.contains("/")) {
      throw new IllegalArgumentException("Not a Debian suite: '" + suite + "'");
    }
  }

  /** The index of {@code main} for the architecture. */
  URI packagesIndex() {
    return mirror.resolve("dists/" + suite + "/main/binary-" + architecture + "/Packages.xz");
  }

  URI fileOf(DebianPackage pkg) {
    return mirror.resolve(pkg.filename());
  }

  /**
   * The archive apt on this machine uses (its first {@code deb} source with {@code main}, the first
   * suite there), with the environment's overrides; else {@link #DEFAULT_MIRROR} and the release's
   * code name.
   */
  static DebianArchive ofThisMachine(Map<String, String> env) {
    Optional<Source> apt = aptSource(Path.of("/etc/apt"));
    String mirror =
        nonBlank(env.get(MIRROR_ENV))
            .orElse(apt.map(s -> s.uri().toString()).orElse(DEFAULT_MIRROR.toString()));
    String suite =
        nonBlank(env.get(SUITE_ENV))
            .or(() -> apt.map(Source::suite))
            .or(() -> codename(Path.of("/etc/os-release")))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "No Debian suite: no deb source in /etc/apt, no VERSION_CODENAME in"
                            + " /etc/os-release; set "
                            + SUITE_ENV));
    return new DebianArchive(URI.create(mirror), suite, machineArchitecture());
  }

  /** One {@code deb} line or stanza of apt's sources: a mirror and a suite. */
  record Source(URI uri, String suite) {}

  static Optional<Source> aptSource(Path etcApt) {
    List<Path> files = new ArrayList<>();
    Path dir = etcApt.resolve("sources.list.d");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> listed = Files.list(dir)) {
        listed
            .filter(p -> p.toString().endsWith(".sources") || p.toString().endsWith(".list"))
            .sorted()
            .forEach(files::add);
      } catch (IOException e) {
        // unreadable: the defaults will do
      }
    }
    // apt reads sources.list first
    files.addFirst(etcApt.resolve("sources.list"));
    for (Path file : files) {
      String text;
      try {
        text = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      } catch (IOException e) {
        continue;
      }
      Optional<Source> found =
          file.toString().endsWith(".sources") ? fromDeb822(text) : fromSourcesList(text);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The first enabled {@code Types: deb} stanza with {@code main} over http(s), from a deb822
   * {@code .sources} file.
   */
  static Optional<Source> fromDeb822(String text) {
    for (String stanza : text.split("\\n\\s*\\n")) {
      Map<String, String> fields = new java.util.HashMap<>();
      for (String line : stanza.lines().toList()) {
        int colon = line.indexOf(':');
        if (!line.startsWith("#")
            && !line.isBlank()
            && !Character.isWhitespace(line.charAt(0))
            && colon > 0) {
          fields.put(
              line.substring(0, colon).strip().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).strip());
        }
      }
      if (words(fields.get("types")).contains("deb")
          && words(fields.get("components")).contains("main")
          && !"no".equalsIgnoreCase(fields.getOrDefault("enabled", "yes"))) {
        Optional<URI> uri =
            words(fields.get("uris")).stream()
                .filter(DebianArchive::isHttp)
                .map(URI::create)
                .findFirst();
        List<String> suites = words(fields.get("suites"));
        if (uri.isPresent() && !suites.isEmpty()) {
          return Optional.of(new Source(uri.get(), suites.getFirst()));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The first {@code deb [options] uri suite main…} line over http(s) of a classic {@code
   * sources.list}.
   */
  static Optional<Source> fromSourcesList(String text) {
    for (String line : text.lines().toList()) {
      String content = line.replaceFirst("#.*", "").replaceAll("\\[[^]]*]", " ").strip();
      List<String> words = words(content);
      if (words.size() >= 4
          && words.get(0).equals("deb")
          && isHttp(words.get(1))
          && words.subList(3, words.size()).contains("main")) {
        return Optional.of(new Source(URI.create(words.get(1)), words.get(2)));
      }
    }
    return Optional.empty();
  }

  static Optional<String> codename(Path osRelease) {
    try {
      return Files.readAllLines(osRelease).stream()
          .filter(l -> l.startsWith("VERSION_CODENAME="))
          .map(l -> l.substring("VERSION_CODENAME=".length()).replace("\"", "").strip())
          .filter(s -> !s.isEmpty())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Debian's name for this machine's architecture: what dpkg says, else the JVM's {@code os.arch}
   * translated.
   */
  static String machineArchitecture() {
    try {
      Process dpkg =
          new ProcessBuilder("dpkg", "--print-architecture").redirectErrorStream(true).start();
      String out = new String(dpkg.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (dpkg.waitFor(10, TimeUnit.SECONDS) && dpkg.exitValue() == 0 && out.matches("[a-z0-9]+")) {
        return out;
      }
    } catch (IOException e) {
      // no dpkg: not Debian itself, the archive's binaries may still run
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return debianArchitecture(System.getProperty("os.arch"));
  }

  static String debianArchitecture(String osArch) {
    return switch (osArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "ppc64le" -> "ppc64el";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default ->
          throw new IllegalStateException("No Debian architecture known for os.arch " + osArch);
    };
  }

  private static boolean isHttp(String uri) {
    return uri.startsWith("http://") || uri.startsWith("https://");
  }

  private static List<String> words(String text) {
    return text == null || text.isBlank() ? List.of() : Arrays.asList(text.strip().split("\\s+"));
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
