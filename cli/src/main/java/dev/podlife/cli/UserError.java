package dev.podlife.cli;

import java.io.Serial;

/**
 * A problem the user can fix (bad input, unreachable dependency): reported as one line, exit code
 * 2.
 */
public class UserError extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
