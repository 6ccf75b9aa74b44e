package dev.podlife.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Polls each service's {@code /readyz} every 250 ms and records every change of state (ready, not
 * ready, down = nothing answers), so that an outage's not-ready and ready-again moments can be read
 * afterwards.
 */
final class Readiness implements AutoCloseable {
  enum State {
    READY,
    NOT_READY,
    DOWN
  }

  record Change(String service, State state, Instant at) {}

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final Map<String, URI> services = new LinkedHashMap<>();
  private final Map<String, State> current = new LinkedHashMap<>();
  private final List<Change> changes = new ArrayList<>();
  private final Thread poller;
  private volatile boolean closed;

  Readiness(Map<String, Integer> ports) {
    ports.forEach(
        (name, port) -> services.put(name, URI.create("http://127.0.0.1:" + port + "/readyz")));
    poller = Thread.ofPlatform().daemon().name("faults-readiness").start(this::poll);
  }

  private void poll() {
    while (!closed) {
      for (Map.Entry<String, URI> service : services.entrySet()) {
        State state = probe(service.getValue());
        synchronized (this) {
          if (current.get(service.getKey()) != state) {
            current.put(service.getKey(), state);
            changes.add(new Change(service.getKey(), state, Instant.now()));
          }
        }
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private State probe(URI uri) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200 ? State.READY : State.NOT_READY;
    } catch (IOException e) {
      return State.DOWN;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return State.DOWN;
    }
  }

  synchronized State state(String service) {
    return current.getOrDefault(service, State.DOWN);
  }

  synchronized boolean allReady() {
    return services.keySet().stream().allMatch(s -> current.get(s) == State.READY);
  }

  /** Changes of one service at or after {@code from}. */
  synchronized List<Change> changes(String service, Instant from) {
    return changes.stream()
        .filter(c -> c.service().equals(service) && !c.at().isBefore(from))
        .toList();
  }

  List<String> services() {
    return List.copyOf(services.keySet());
  }

  @Override
  public void close() {
    closed = true;
    poller.interrupt();
  }
}
