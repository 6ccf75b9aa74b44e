package dev.podlife.api.auth;

import io.javalin.security.RouteRole;

/**
 * What a route needs from a caller: READ to look, ADMIN to change alert rules. PLACEHOLDER in branch wt-4 so the
 * alert routes compile; replaced by the authentication work at merge.
 */
public enum Role implements RouteRole {
  READ,
  ADMIN
}
