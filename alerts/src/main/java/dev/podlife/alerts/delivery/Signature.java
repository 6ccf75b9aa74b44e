package dev.podlife.alerts.delivery;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. The
 * timestamp is signed with the body so a receiver can refuse replays of old deliveries.
 */
public final class Signature {
  public static final String TIMESTAMP_HEADER = "X-Podlife-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Podlife-Signature";

  private Signature() {}

  /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code unixSeconds}. */
  public static String sign(String secret, long unixSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      byte[] digest = mac.doFinal((unixSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      // HmacSHA256 is required of every Java platform
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
