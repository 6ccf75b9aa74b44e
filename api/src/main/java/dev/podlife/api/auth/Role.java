package dev.podlife.api.auth;

import java.util.Locale;
import java.util.Set;

import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;

/**
 * What a token may do: {@code READ} reads, {@code ADMIN} also changes. Register a route with the
 * role it needs, e.g. {@code routes.post(path, handler, Role.ADMIN)}; a route registered without
 * one needs {@link #defaultFor its method's default}.
 */
public enum Role implements RouteRole {
  READ,
  ADMIN;

  private static final Set<HandlerType> SAFE_METHODS =
      Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

  /** Whether a token with this role may call a route that needs {@code required}. */
  public boolean allows(Role required) {
    return this == ADMIN || required == READ;
  }

  /** READ for methods that change nothing (GET, HEAD, OPTIONS), ADMIN for the rest. */
  public static Role defaultFor(HandlerType method) {
    return SAFE_METHODS.contains(method) ? READ : ADMIN;
  }

  /** The name as written in a tokens file and on the command line: {@code read}, {@code admin}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code label} ({@code read} or {@code admin}, any case). */
  public static Role fromLabel(String label) {
    for (Role role : values()) {
      if (role.name().equalsIgnoreCase(label)) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role; the roles are read and admin");
  }
}
