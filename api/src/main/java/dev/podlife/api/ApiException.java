package dev.podlife.api;

import java.io.Serial;

/** The root of every failure the podlife API reports: what could not be done, for which object. */
public class ApiException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public ApiException(String message) {
    super(message);
  }

  public ApiException(String message, Throwable cause) {
    super(message, cause);
  }
}
