package dev.podlife.api.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured token: its name, its role and the SHA-256 of the token, never the token. Written
 * as a tokens-file line {@code <name> <role> sha256:<64 hex digits>} ({@link #line()}).
 *
 * <p>A fast hash is enough here: tokens are random 256-bit strings ({@link GeneratedToken}), so
 * there is nothing to guess and nothing a slow password hash (bcrypt, Argon2) would protect; it
 * would only slow every request down.
 *
 * @param name who or what holds the token, e.g. {@code grafana}; recorded as the caller, so it must
 *     be safe to log
 * @param sha256 the SHA-256 of the token's UTF-8 bytes, 64 lowercase hex digits
 */
public record ApiToken(String name, Role role, String sha256) {
  /**
   * Letters, digits and {@code . _ @ -}: no blank, comma or {@code #}, which separate entries and
   * comments.
   */
  static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  static final String HASH_PREFIX = "sha256:";
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

  public ApiToken {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(sha256, "sha256");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "a token name has 1 to 64 letters, digits or . _ @ - and starts with a letter or digit");
    }
    sha256 = sha256.toLowerCase(java.util.Locale.ROOT);
    if (!HEX_SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("the hash must be sha256: followed by 64 hex digits");
    }
  }

  /** The entry for {@code token}, hashed. */
  public static ApiToken hashing(String name, Role role, String token) {
    return new ApiToken(name, role, HexFormat.of().formatHex(sha256Of(token)));
  }

  /** The tokens-file line for this entry: {@code <name> <role> sha256:<hex>}. */
  public String line() {
    return name + " " + role.label() + " " + HASH_PREFIX + sha256;
  }

  byte[] digest() {
    return HexFormat.of().parseHex(sha256);
  }

  static byte[] sha256Of(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
