package dev.podlife.api;

import dev.podlife.api.problem.ProblemException;
import dev.podlife.api.problem.ProblemType;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/** Checks {@code Authorization: Bearer <token>} against the configured token in constant time. */
final class BearerAuth {
  private static final String PREFIX = "Bearer ";
  private final byte[] expectedDigest;

  BearerAuth(String token) {
    this.expectedDigest = sha256(token);
  }

  void check(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.length() < PREFIX.length() || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      throw unauthorized("This route needs an 'Authorization: Bearer <token>' header");
    }
    // comparing digests keeps the time independent of where the tokens differ and of their lengths
    if (!MessageDigest.isEqual(expectedDigest, sha256(header.substring(PREFIX.length()).strip()))) {
      throw unauthorized("The bearer token is not valid");
    }
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(ProblemType.UNAUTHORIZED, 401, detail, Map.of());
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
