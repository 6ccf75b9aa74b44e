package dev.podlife.api.auth;

import java.io.Serial;

import dev.podlife.api.ApiException;

/**
 * The API tokens could not be configured: a tokens file or {@code PODLIFE_API_TOKENS} entry is
 * unreadable or malformed. The message names the place ({@code file:line}) and never quotes the
 * entry, which may hold a token.
 */
public class TokenConfigException extends ApiException {
  @Serial private static final long serialVersionUID = 1L;

  public TokenConfigException(String message) {
    super(message);
  }

  public TokenConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
