package dev.podlife.api.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.security.RouteRole;

import dev.podlife.api.problem.ProblemException;
import dev.podlife.api.problem.ProblemType;

/**
 * The access check of every request: {@link #authenticate} (before routing) finds the caller by its
 * token and answers 401 without a valid one, except on the open paths; {@link #authorize} (once the
 * route is known) answers 403 when the caller's role is not the one the route needs. The {@code
 * /ui} pages also take HTTP Basic credentials (any user name, the token as password), since a
 * browser cannot send a bearer token.
 */
public final class AccessControl {
  private static final String BEARER = "Bearer ";
  private static final String BASIC = "Basic ";

  private final ApiTokens tokens;
  private final Set<String> openPaths;

  /**
   * @param openPaths exact paths answered without a token (health, readiness, metrics)
   */
  public AccessControl(ApiTokens tokens, Set<String> openPaths) {
    this.tokens = Objects.requireNonNull(tokens, "tokens");
    this.openPaths = Set.copyOf(openPaths);
  }

  /**
   * Records the caller as the request's {@link Principal}; for every path but the open ones, also
   * unknown ones, so that strangers do not learn which routes exist.
   *
   * @throws ProblemException 401 without a token or with one that is not configured
   */
  public void authenticate(Context ctx) {
    if (openPaths.contains(ctx.path())) {
      return;
    }
    boolean page = isPage(ctx.path());
    String token =
        presentedToken(ctx.header("Authorization"), page)
            .orElseThrow(
                () ->
                    unauthorized(
                        page
                            ? "This page needs a token: sign in with any user name and the token as"
                                + " password, or send 'Authorization: Bearer <token>'"
                            : "This route needs an 'Authorization: Bearer <token>' header"));
    Principal principal =
        tokens.authenticate(token).orElseThrow(() -> unauthorized("The token is not valid"));
    ctx.attribute(Principal.ATTRIBUTE, principal);
  }

  /**
   * Lets the request through when its caller's role allows the matched route's role: the one it was
   * registered with, else {@link Role#defaultFor the default for its method}.
   *
   * @throws ProblemException 403 when the role is not enough
   */
  public void authorize(Context ctx) {
    if (openPaths.contains(ctx.path())) {
      return;
    }
    // authenticate ran first for every non-open path; without a principal here something skipped
    // it, so refuse
    Principal principal =
        Principal.find(ctx).orElseThrow(() -> unauthorized("The request was not authenticated"));
    Role required = requiredRole(ctx.routeRoles(), ctx.method());
    if (!principal.role().allows(required)) {
      throw new ProblemException(
          ProblemType.FORBIDDEN,
          "The token '"
              + principal.tokenName()
              + "' has role "
              + principal.role().label()
              + "; "
              + ctx.method().name()
              + " "
              + ctx.path()
              + " needs "
              + required.label(),
          Map.of("requiredRole", required.label()));
    }
  }

  /**
   * The {@code WWW-Authenticate} challenge of a 401 on {@code path}: Basic for the pages, so a
   * browser asks.
   */
  public static String challenge(String path) {
    return (isPage(path) ? "Basic" : "Bearer") + " realm=\"podlife\"";
  }

  /** The least role among those a route was registered with, or its method's default. */
  static Role requiredRole(Set<RouteRole> routeRoles, HandlerType method) {
    Role required = null;
    for (RouteRole role : routeRoles) {
      if (role instanceof Role r && (required == null || r.compareTo(required) < 0)) {
        required = r;
      }
    }
    return required != null ? required : Role.defaultFor(method);
  }

  private static boolean isPage(String path) {
    return path.equals("/ui") || path.startsWith("/ui/");
  }

  private static Optional<String> presentedToken(String header, boolean page) {
    if (header == null) {
      return Optional.empty();
    }
    if (startsWithIgnoringCase(header, BEARER)) {
      return nonBlank(header.substring(BEARER.length()).strip());
    }
    if (page && startsWithIgnoringCase(header, BASIC)) {
      try {
        String credentials =
            new String(
                Base64.getDecoder().decode(header.substring(BASIC.length()).strip()),
                StandardCharsets.UTF_8);
        int colon = credentials.indexOf(':');
        return colon < 0 ? Optional.empty() : nonBlank(credentials.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<String> nonBlank(String token) {
    return token.isBlank() ? Optional.empty() : Optional.of(token);
  }

  private static boolean startsWithIgnoringCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(ProblemType.UNAUTHORIZED, detail);
  }
}
