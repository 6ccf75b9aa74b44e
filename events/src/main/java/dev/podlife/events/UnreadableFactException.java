package dev.podlife.events;

import java.io.Serial;

/**
 * A record on the facts topic could not be read as a fact: malformed JSON, an unknown type, or a
 * newer schema version.
 */
public class UnreadableFactException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public UnreadableFactException(String message, Throwable cause) {
    super(message, cause);
  }

  public UnreadableFactException(String message) {
    super(message);
  }
}
