package dev.podlife.collector;

import java.io.Serial;

/**
 * The root of everything the collector throws: a Kubernetes object it cannot read, Kafka it cannot
 * write to.
 */
public class CollectorException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public CollectorException(String message) {
    super(message);
  }

  public CollectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
