package dev.podlife.cli;

/** A problem the user can fix (bad input, unreachable dependency): reported as one line, exit code 2. */
public class UserError extends RuntimeException {
  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
