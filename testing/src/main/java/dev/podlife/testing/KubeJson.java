package dev.podlife.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Kubernetes JSON kept as test resources, read as the API server wrote it. */
public final class KubeJson {
  private KubeJson() {}

  /**
   * The test resource at {@code path} (classpath-relative, e.g. {@code "pods/crashloop.json"}) as
   * UTF-8 text.
   *
   * @throws FixtureException when there is no such resource
   */
  public static String resource(String path) {
    String name = path.startsWith("/") ? path.substring(1) : path;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = KubeJson.class.getClassLoader();
    }
    try (InputStream in = loader.getResourceAsStream(name)) {
      if (in == null) {
        throw new FixtureException(
            "No test resource '"
                + name
                + "' on the classpath: put it under src/test/resources/"
                + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Couldn't read the test resource '" + name + "'", e);
    }
  }
}
