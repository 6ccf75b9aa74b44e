package dev.podlife.api.auth;

import java.util.Objects;
import java.util.Optional;

import io.javalin.http.Context;

/**
 * The caller of a request, as authenticated by its token: what audit trails record as {@code
 * changed_by}.
 *
 * @param tokenName the name the token was configured under, never the token itself
 * @param role what the token may do
 */
public record Principal(String tokenName, Role role) {
  /**
   * The request attribute holding the caller once {@link AccessControl} has authenticated the
   * request.
   */
  public static final String ATTRIBUTE = "podlife.principal";

  public Principal {
    Objects.requireNonNull(tokenName, "tokenName");
    Objects.requireNonNull(role, "role");
  }

  /**
   * The authenticated caller of {@code ctx}.
   *
   * @throws IllegalStateException on an open route (health, readiness, metrics), which has no
   *     caller
   */
  public static Principal of(Context ctx) {
    return find(ctx)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    ctx.path() + " is not behind authentication; it has no principal"));
  }

  /** The authenticated caller of {@code ctx}, empty on the open routes. */
  public static Optional<Principal> find(Context ctx) {
    return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
  }
}
