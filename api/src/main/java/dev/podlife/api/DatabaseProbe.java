package dev.podlife.api;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.jdbi.v3.core.Jdbi;

/**
 * Whether the database answers a trivial query within a deadline. Probes that arrive while one is
 * still running wait for that one instead of taking another connection, so a hanging database
 * cannot pile up threads.
 */
final class DatabaseProbe implements AutoCloseable {
  private final Jdbi jdbi;
  private final Duration deadline;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "podlife-api-db-probe");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicReference<CompletableFuture<Void>> inFlight = new AtomicReference<>();

  DatabaseProbe(Jdbi jdbi, Duration deadline) {
    this.jdbi = jdbi;
    this.deadline = deadline;
  }

  /** Empty when the database answered; otherwise why not. */
  Optional<String> failure() {
    CompletableFuture<Void> probe =
        inFlight.updateAndGet(current -> current != null && !current.isDone() ? current : start());
    try {
      probe.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return Optional.empty();
    } catch (TimeoutException e) {
      return Optional.of("the database did not answer within " + deadline.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      return Optional.of("the database is unreachable: " + cause.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while probing the database");
    }
  }

  private CompletableFuture<Void> start() {
    return CompletableFuture.runAsync(
        () -> jdbi.useHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()), executor);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
