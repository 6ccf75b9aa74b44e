package dev.podlife.embedded;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.bridge.SLF4JBridgeHandler;

/** Routes java.util.logging (used by fabric8's mock server, among others) into SLF4J. */
public final class Logging {
  private static final AtomicBoolean BRIDGED = new AtomicBoolean();

  private Logging() {}

  /** Installs the JUL→SLF4J bridge once per JVM; later calls do nothing. */
  public static void bridgeJul() {
    if (BRIDGED.compareAndSet(false, true)) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
