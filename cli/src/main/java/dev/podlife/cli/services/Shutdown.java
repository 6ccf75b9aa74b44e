package dev.podlife.cli.services;

import java.util.concurrent.CountDownLatch;

/**
 * Blocks a service command until the JVM is asked to stop (SIGINT/SIGTERM), then lets the command
 * close its resources in order before the JVM exits.
 */
public final class Shutdown implements AutoCloseable {
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook;

  private Shutdown() {
    hook =
        new Thread(
            () -> {
              stopRequested.countDown();
              try {
                closed.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "podlife-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  public static Shutdown onSignal() {
    return new Shutdown();
  }

  /** Waits until a stop signal arrives. */
  public void await() throws InterruptedException {
    stopRequested.await();
  }

  /** Called once the command's resources are closed; the JVM may then exit. */
  @Override
  public void close() {
    closed.countDown();
    if (stopRequested.getCount() > 0) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException alreadyShuttingDown) {
        // the hook is running and waits for us: nothing to remove
      }
    }
  }
}
