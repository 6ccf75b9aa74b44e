package dev.podlife.analyzer;

import java.io.Serial;

/**
 * The root of everything the analyzer throws: what could not be done, for which fact, pod or
 * record.
 */
public class AnalyzerException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public AnalyzerException(String message, Throwable cause) {
    super(message, cause);
  }

  public AnalyzerException(String message) {
    super(message);
  }
}
