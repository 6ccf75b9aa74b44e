package dev.podlife.cli.analyze;

/** An input document of {@code podlife analyze} is not what kubectl prints; the message names the file and position. */
final class MalformedCaptureException extends RuntimeException {
  MalformedCaptureException(String message, Throwable cause) {
    super(message, cause);
  }

  MalformedCaptureException(String message) {
    super(message);
  }
}
