package dev.podlife.collector;

/** The root of everything the collector throws: a Kubernetes object it cannot read, Kafka it cannot write to. */
public class CollectorException extends RuntimeException {
  public CollectorException(String message) {
    super(message);
  }

  public CollectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
