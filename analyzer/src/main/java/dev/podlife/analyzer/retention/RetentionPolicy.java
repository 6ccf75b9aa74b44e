package dev.podlife.analyzer.retention;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much history the store keeps: facts older than {@code maxAge} and, while the store is larger
 * than {@code maxBytes}, the oldest days. Either may be null (no such limit); both null keeps
 * everything.
 *
 * @param maxAge the age beyond which whole days are dropped ({@code --retention}), or null
 * @param maxBytes the size the store is kept under ({@code --max-storage}), or null
 */
public record RetentionPolicy(Duration maxAge, Long maxBytes) {
  public static final RetentionPolicy KEEP_EVERYTHING = new RetentionPolicy(null, null);

  private static final Pattern AGE = Pattern.compile("(\\d+)([a-z]+)");
  private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");

  public RetentionPolicy {
    if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
      throw new IllegalArgumentException("retention must be positive, got " + maxAge);
    }
    if (maxBytes != null && maxBytes <= 0) {
      throw new IllegalArgumentException("max storage must be positive, got " + maxBytes);
    }
  }

  /** Whether anything is ever dropped. */
  public boolean limited() {
    return maxAge != null || maxBytes != null;
  }

  /**
   * A retention such as {@code 30d}, {@code 12h} or {@code 2w} (units h, d, w); null or blank is
   * none.
   *
   * @throws IllegalArgumentException with a one-line message saying what is wrong
   */
  public static Duration parseAge(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.strip().startsWith("-")) {
      throw new IllegalArgumentException("retention '" + text + "' must be more than zero");
    }
    Matcher m = AGE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "retention '" + text + "' is not a whole number and a unit such as 30d (units: h, d, w)");
    }
    long amount = number(m.group(1), text);
    if (amount == 0) {
      throw new IllegalArgumentException("retention '" + text + "' must be more than zero");
    }
    return switch (m.group(2)) {
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      case "w" -> Duration.ofDays(Math.multiplyExact(amount, 7));
      default ->
          throw new IllegalArgumentException(
              "retention '" + text + "' has an unknown unit '" + m.group(2) + "' (use h, d or w)");
    };
  }

  /**
   * A size such as {@code 50GB} or {@code 512MiB} (B, KB, MB, GB, TB in powers of 1000; KiB, MiB,
   * GiB, TiB in powers of 1024); null or blank is none.
   *
   * @throws IllegalArgumentException with a one-line message saying what is wrong
   */
  public static Long parseSize(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    if (text.strip().startsWith("-")) {
      throw new IllegalArgumentException("max storage '" + text + "' must be more than zero");
    }
    Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "max storage '"
              + text
              + "' is not a number and a unit such as 50GB (B, KB, MB, GB, TB,"
              + " KiB, MiB, GiB, TiB)");
    }
    long unit =
        switch (m.group(2)) {
          case "b" -> 1L;
          case "kb" -> 1_000L;
          case "mb" -> 1_000_000L;
          case "gb" -> 1_000_000_000L;
          case "tb" -> 1_000_000_000_000L;
          case "kib" -> 1L << 10;
          case "mib" -> 1L << 20;
          case "gib" -> 1L << 30;
          case "tib" -> 1L << 40;
          case "" ->
              throw new IllegalArgumentException(
                  "max storage '" + text + "' needs a unit, such as 50GB");
          default ->
              throw new IllegalArgumentException(
                  "max storage '"
                      + text
                      + "' has an unknown unit '"
                      + m.group(2)
                      + "' (use B, KB, MB, GB, TB, KiB, MiB, GiB or TiB)");
        };
    double bytes = Double.parseDouble(m.group(1)) * unit;
    if (bytes == 0) {
      throw new IllegalArgumentException("max storage '" + text + "' must be more than zero");
    }
    if (bytes < 1) {
      throw new IllegalArgumentException("max storage '" + text + "' must be at least 1 byte");
    }
    if (bytes >= Long.MAX_VALUE) {
      throw new IllegalArgumentException("max storage '" + text + "' is too large");
    }
    return (long) bytes;
  }

  private static long number(String digits, String text) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("retention '" + text + "' is too large", e);
    }
  }
}
