package dev.podlife.api.auth;

import io.javalin.http.Context;

/**
 * Who made a request: the token's name (never the token) and its role. PLACEHOLDER in branch wt-4 so the alert
 * routes compile; replaced by the authentication work at merge.
 */
public record Principal(String name, Role role) {
  static final String ATTRIBUTE = "podlife.principal";

  public static Principal of(Context ctx) {
    Principal principal = ctx.attribute(ATTRIBUTE);
    return principal != null ? principal : new Principal("anonymous", Role.ADMIN);
  }
}
