package dev.podlife.embedded;

/** The root of everything that can go wrong while starting or stopping an embedded server or reaching a database. */
public class EmbeddedException extends RuntimeException {
  public EmbeddedException(String message, Throwable cause) {
    super(message, cause);
  }

  public EmbeddedException(String message) {
    super(message);
  }
}
