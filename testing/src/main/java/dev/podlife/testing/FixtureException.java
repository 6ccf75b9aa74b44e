package dev.podlife.testing;

import java.io.Serial;

/**
 * A test fixture (broker, database, resource) could not be provided; the message says what to do
 * about it.
 */
public class FixtureException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public FixtureException(String message, Throwable cause) {
    super(message, cause);
  }

  public FixtureException(String message) {
    super(message);
  }
}
