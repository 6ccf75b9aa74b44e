package dev.podlife.analyzer.startup;

import java.math.BigDecimal;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the image pull time out of a kubelet {@code Pulled} Event message, in each form the kubelet
 * has written:
 *
 * <ul>
 *   <li>{@code Successfully pulled image "x" in 1.234s} (up to Kubernetes 1.27)
 *   <li>{@code Successfully pulled image "x" in 1.2s (3.4s including waiting)}, since 1.28 with
 *       {@code . Image size: N bytes.} after it — the pull itself counts, not the wait for the pull
 *       queue
 *   <li>{@code Container image "x" already present on machine} — no pull, 0 ms
 * </ul>
 */
public final class PulledMessage {
  private static final Pattern PULLED =
      Pattern.compile("^Successfully pulled image \"[^\"]*\" in ([0-9][0-9a-zµμ.]*)");
  private static final Pattern PRESENT =
      Pattern.compile("^Container image \"[^\"]*\" already present on machine");
  // Go's time.Duration.String(): e.g. 1h2m3.5s, 612ms, 850.5µs, 0s
  private static final Pattern GO_DURATION_PART =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|us|µs|μs|ns|h|m|s)");

  private PulledMessage() {}

  /**
   * The pull time in milliseconds, or empty when the message is neither form (or carries no
   * duration).
   */
  public static OptionalLong pullMillis(String message) {
    if (message == null) {
      return OptionalLong.empty();
    }
    if (PRESENT.matcher(message).find()) {
      return OptionalLong.of(0);
    }
    Matcher pulled = PULLED.matcher(message);
    if (!pulled.find()) {
      return OptionalLong.empty();
    }
    String duration = pulled.group(1);
    return goDurationMillis(
        duration.endsWith(".") ? duration.substring(0, duration.length() - 1) : duration);
  }

  static OptionalLong goDurationMillis(String text) {
    Matcher part = GO_DURATION_PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (part.find() && part.start() == end) {
      BigDecimal value = new BigDecimal(part.group(1));
      long unit =
          switch (part.group(2)) {
            case "h" -> 3_600_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "s" -> 1_000_000_000L;
            case "ms" -> 1_000_000L;
            case "us", "µs", "μs" -> 1_000L;
            default -> 1L;
          };
      nanos = nanos.add(value.multiply(BigDecimal.valueOf(unit)));
      end = part.end();
    }
    if (end == 0 || end != text.length()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(
        nanos
            .divide(BigDecimal.valueOf(1_000_000L), 0, java.math.RoundingMode.HALF_UP)
            .longValueExact());
  }
}
