package dev.podlife.api;

import java.util.Objects;

/**
 * How to serve the API.
 *
 * @param host the address to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
 * @param port the port to bind; 0 picks a free one ({@link ApiServer#port()} tells which)
 * @param bearerToken when not null, every {@code /api/*} route requires {@code Authorization: Bearer <token>}; the
 *     health, readiness and metrics routes stay open. A blank token counts as none, as an empty
 *     {@code PODLIFE_API_TOKEN} does.
 * @param maxRequestBytes request bodies larger than this are refused with 413
 */
public record ApiConfig(String host, int port, String bearerToken, long maxRequestBytes) {
  /** A limit that leaves room for any query this read-only API takes; it never needs a body. */
  public static final long DEFAULT_MAX_REQUEST_BYTES = 64 * 1024;

  public ApiConfig {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be from 0 to 65535: " + port);
    }
    // an environment variable set but empty (PODLIFE_API_TOKEN= in a compose file) means no token, not an error
    bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.strip();
    if (maxRequestBytes < 0) {
      throw new IllegalArgumentException("maxRequestBytes must not be negative: " + maxRequestBytes);
    }
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "ApiConfig[host=" + host + ", port=" + port + ", bearerToken=" + (bearerToken == null ? "none" : "***")
        + ", maxRequestBytes=" + maxRequestBytes + "]";
  }
}
