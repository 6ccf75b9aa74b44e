package dev.podlife.api;

import java.util.Objects;

import dev.podlife.api.auth.ApiTokens;

/**
 * How to serve the API.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the port to bind; 0 picks a free one ({@link ApiServer#port()} tells which)
 * @param tokens the tokens every route but {@code /healthz}, {@code /readyz} and {@code /metrics}
 *     requires; at least one, since the API never answers without authentication
 * @param maxRequestBytes request bodies larger than this are refused with 413
 */
public record ApiConfig(String host, int port, ApiTokens tokens, long maxRequestBytes) {
  /** A limit that leaves room for any query this read-only API takes; it never needs a body. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

  public ApiConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
    }
    Objects.requireNonNull(tokens, "tokens");
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException(
          "the API needs at least one token; it never answers without authentication");
    }
    if (maxRequestBytes < 0) {
      throw new IllegalArgumentException(
          "maxRequestBytes must not be negative: " + maxRequestBytes);
    }
  }

  /** Names and roles of the tokens, never their hashes. */
  @Override
  public String toString() {
    return "ApiConfig[host="
        + host
        + ", port="
        + port
        + ", tokens="
        + tokens
        + ", maxRequestBytes="
        + maxRequestBytes
        + "]";
  }
}
