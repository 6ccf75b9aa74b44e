package dev.podlife.analyzer.store;

import java.io.Serial;

import dev.podlife.analyzer.AnalyzerException;

/**
 * The event store could not be read or written; the transaction was rolled back, nothing was
 * half-applied.
 */
public class FactStoreException extends AnalyzerException {
  @Serial private static final long serialVersionUID = 1L;

  public FactStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
