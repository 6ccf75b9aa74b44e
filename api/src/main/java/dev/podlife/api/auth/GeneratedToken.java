package dev.podlife.api.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * A new random token and the entry that configures it. The token is shown to its owner once; only
 * {@link #entry()} (its hash) is stored.
 *
 * @param token {@code plt_} and 256 random bits in URL-safe base64, so that it fits a header, a URL
 *     and a shell without quoting, and scanners can spot a leaked one by its prefix
 */
public record GeneratedToken(String token, ApiToken entry) {
  public static final String PREFIX = "plt_";
  private static final int RANDOM_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  public GeneratedToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(entry, "entry");
  }

  /** A fresh token for {@code name} with {@code role}. */
  public static GeneratedToken generate(String name, Role role) {
    byte[] random = new byte[RANDOM_BYTES];
    RANDOM.nextBytes(random);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    return new GeneratedToken(token, ApiToken.hashing(name, role, token));
  }

  /** Never shows the token. */
  @Override
  public String toString() {
    return "GeneratedToken[" + entry.name() + " " + entry.role().label() + "]";
  }
}
