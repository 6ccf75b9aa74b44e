package dev.podlife.faults;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.BooleanSupplier;

/** Polling waits with deadlines; the harness runs in real time against real processes. */
final class Waits {
  private Waits() {}

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new FaultsException("Interrupted while waiting", e);
    }
  }

  /** Waits until {@code condition} holds; false when {@code seconds} passed first. */
  static boolean until(double seconds, BooleanSupplier condition) {
    long deadline = System.nanoTime() + (long) (seconds * 1e9);
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) {
        return true;
      }
      sleep(200);
    }
    return condition.getAsBoolean();
  }

  static boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void untilPortOpen(String what, int port, int seconds, ChildProcess process) {
    boolean open = until(seconds, () -> portOpen(port) || !process.alive());
    if (!open || !process.alive()) {
      throw new FaultsException(
          what
              + " did not open port "
              + port
              + " within "
              + seconds
              + " s (alive: "
              + process.alive()
              + "); its log ends:\n"
              + process.tail(30));
    }
  }
}
