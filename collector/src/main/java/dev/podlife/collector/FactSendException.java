package dev.podlife.collector;

import java.io.Serial;

/**
 * Kafka refused a fact for good (after the idempotent producer's retries): the collector stops
 * rather than lose it.
 */
public class FactSendException extends CollectorException {
  @Serial private static final long serialVersionUID = 1L;

  private final String podUid;
  private final String factType;

  public FactSendException(String podUid, String factType, String topic, Throwable cause) {
    super(
        "Couldn't produce "
            + factType
            + " of pod "
            + podUid
            + " to "
            + topic
            + "; the collector stops, facts not"
            + " acknowledged are derived again on the next start",
        cause);
    this.podUid = podUid;
    this.factType = factType;
  }

  public String podUid() {
    return podUid;
  }

  public String factType() {
    return factType;
  }
}
