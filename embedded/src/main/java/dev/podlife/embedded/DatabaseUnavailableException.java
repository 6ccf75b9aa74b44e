package dev.podlife.embedded;

import java.io.Serial;

/**
 * No connection could be made to the PostgreSQL database at a JDBC URL (the message names it, never
 * the password).
 */
public final class DatabaseUnavailableException extends EmbeddedException {
  @Serial private static final long serialVersionUID = 1L;

  private final String jdbcUrl;

  public DatabaseUnavailableException(String jdbcUrl, String user, Throwable cause) {
    super(
        "Couldn't connect to PostgreSQL at "
            + withoutPassword(jdbcUrl)
            + " as user '"
            + user
            + "': "
            + rootMessage(cause)
            + ". Check that the server is running and reachable, and that the URL, user and"
            + " password are right (or leave the database settings out to use the embedded"
            + " PostgreSQL).",
        cause);
    this.jdbcUrl = withoutPassword(jdbcUrl);
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** A JDBC URL may carry {@code password=…} as a parameter; it must not reach a log. */
  static String withoutPassword(String jdbcUrl) {
    return jdbcUrl == null ? null : jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
