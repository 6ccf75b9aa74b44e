package dev.podlife.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import dev.podlife.testing.binaries.ToolBinaries;
import dev.podlife.testing.binaries.ToolBinary;

/**
 * One real Alertmanager (the Debian {@code prometheus-alertmanager} binary, installed or fetched by
 * {@link ToolBinaries}) for the whole test JVM, started on first use on a free localhost port with
 * a minimal configuration and stopped when the test run ends. Resolves {@link Alertmanager}
 * parameters. Never skips.
 *
 * <p>Test classes share the instance, so each should give its alerts labels of its own.
 */
public final class AlertmanagerExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(AlertmanagerExtension.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
  private static final String CONFIG =
      "route:\n  receiver: default\nreceivers:\n  - name: default\n";

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == Alertmanager.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return running(extensionContext).alertmanager;
  }

  private static Running running(ExtensionContext context) {
    // the root store stops the process when the whole test run is over
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class);
  }

  /**
   * The running process, its data directory and its log; closing stops it and removes the
   * directory.
   */
  private static final class Running implements AutoCloseable {
    private final Alertmanager alertmanager;
    private final Process process;
    private final Path dir;

    private Running(Alertmanager alertmanager, Process process, Path dir) {
      this.alertmanager = alertmanager;
      this.process = process;
      this.dir = dir;
    }

    static Running start() {
      Path binary = ToolBinaries.path(ToolBinary.ALERTMANAGER);
      Path dir;
      try {
        dir = Files.createTempDirectory("podlife-test-alertmanager-");
        Files.writeString(dir.resolve("alertmanager.yml"), CONFIG);
        Files.createDirectories(dir.resolve("data"));
      } catch (IOException e) {
        throw new UncheckedIOException("Couldn't prepare a directory for the test Alertmanager", e);
      }
      int port = freePort();
      Path log = dir.resolve("alertmanager.log");
      Process process;
      try {
        process =
            new ProcessBuilder(
                    binary.toString(),
                    "--config.file=" + dir.resolve("alertmanager.yml"),
                    "--storage.path=" + dir.resolve("data"),
                    "--web.listen-address=127.0.0.1:" + port,
                    // empty: no gossip cluster, no extra port
                    "--cluster.listen-address=")
                // a fetched Debian Alertmanager reads its templates from beside it (see
                // ToolBinary.dataDir)
                .directory(binary.getParent().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
      } catch (IOException e) {
        KafkaExtension.deleteRecursively(dir);
        throw new FixtureException(
            "Couldn't start " + binary + " for the tests: " + e.getMessage(), e);
      }
      Running running =
          new Running(new Alertmanager(URI.create("http://127.0.0.1:" + port)), process, dir);
      try {
        running.awaitReady(log);
      } catch (RuntimeException e) {
        running.close();
        throw e;
      }
      return running;
    }

    private void awaitReady(Path log) {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
      HttpRequest ready =
          HttpRequest.newBuilder(alertmanager.url().resolve("/-/ready"))
              .timeout(Duration.ofSeconds(2))
              .build();
      Instant deadline = Instant.now().plus(READY_TIMEOUT);
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new FixtureException(
              "The test Alertmanager exited with "
                  + process.exitValue()
                  + " before it was ready; its log:\n"
                  + tail(log));
        }
        try {
          if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new FixtureException("Interrupted while waiting for the test Alertmanager", e);
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new FixtureException("Interrupted while waiting for the test Alertmanager", e);
        }
      }
      throw new FixtureException(
          "The test Alertmanager at "
              + alertmanager.url()
              + " wasn't ready within "
              + READY_TIMEOUT.toSeconds()
              + " s; its log:\n"
              + tail(log));
    }

    private static String tail(Path log) {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
      } catch (IOException e) {
        return "(unreadable: " + e.getMessage() + ")";
      }
    }

    private static int freePort() {
      try (ServerSocket socket =
          new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        return socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException("No free port for the test Alertmanager", e);
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
      KafkaExtension.deleteRecursively(dir);
    }
  }
}
