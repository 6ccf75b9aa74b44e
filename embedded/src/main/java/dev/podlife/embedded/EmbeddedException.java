package dev.podlife.embedded;

import java.io.Serial;

/**
 * The root of everything that can go wrong while starting or stopping an embedded server or
 * reaching a database.
 */
public class EmbeddedException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public EmbeddedException(String message, Throwable cause) {
    super(message, cause);
  }

  public EmbeddedException(String message) {
    super(message);
  }
}
