package dev.podlife.faults;

/**
 * Something the harness could not do: start, stop or reach one of its processes, or read a result.
 */
public class FaultsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FaultsException(String message) {
    super(message);
  }

  public FaultsException(String message, Throwable cause) {
    super(message, cause);
  }
}
