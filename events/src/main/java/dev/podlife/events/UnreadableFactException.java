package dev.podlife.events;

/** A record on the facts topic could not be read as a fact: malformed JSON, an unknown type, or a newer schema version. */
public class UnreadableFactException extends RuntimeException {
  public UnreadableFactException(String message, Throwable cause) {
    super(message, cause);
  }

  public UnreadableFactException(String message) {
    super(message);
  }
}
