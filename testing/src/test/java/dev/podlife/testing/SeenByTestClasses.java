package dev.podlife.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the test classes of this JVM saw, so that a later class can tell it got something different
 * (or the same).
 */
final class SeenByTestClasses {
  static final Set<String> databases = ConcurrentHashMap.newKeySet();
  static final Set<String> kafkaBrokers = ConcurrentHashMap.newKeySet();

  private SeenByTestClasses() {}
}
