package dev.podlife.api;

/** The root of every failure the podlife API reports: what could not be done, for which object. */
public class ApiException extends RuntimeException {
  public ApiException(String message) {
    super(message);
  }

  public ApiException(String message, Throwable cause) {
    super(message, cause);
  }
}
