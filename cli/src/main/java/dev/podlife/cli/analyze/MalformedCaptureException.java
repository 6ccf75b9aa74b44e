package dev.podlife.cli.analyze;

import java.io.Serial;

/**
 * An input document of {@code podlife analyze} is not what kubectl prints; the message names the
 * file and position.
 */
final class MalformedCaptureException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  MalformedCaptureException(String message, Throwable cause) {
    super(message, cause);
  }

  MalformedCaptureException(String message) {
    super(message);
  }
}
