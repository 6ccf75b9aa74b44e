package dev.podlife.alerts.delivery;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.podlife.alerts.rules.Durations;

/**
 * Where alerts go and how hard delivery tries.
 *
 * @param alertmanagerUrls Alertmanager base URLs (each gets {@code POST /api/v2/alerts}); several
 *     for an HA pair, which deduplicates itself
 * @param webhooks webhooks every alert goes to, beside the ones a rule names
 * @param publicApiUrl the API as users reach it, for the {@code generatorURL} links
 * @param firstBackOff the wait after the first failed attempt; it doubles with every further
 *     failure
 * @param maxBackOff the longest wait between attempts
 * @param maxAttempts attempts before a notification is kept as failed (the dead letter)
 * @param resendInterval how often a firing alert is sent to Alertmanager again, which forgets
 *     alerts not re-sent within its resolve_timeout; endsAt is four intervals ahead, as Prometheus
 *     does
 * @param lease how long a claimed notification is reserved for the analyzer sending it
 */
public record DeliveryConfig(
    List<URI> alertmanagerUrls,
    List<Webhook> webhooks,
    URI publicApiUrl,
    Duration firstBackOff,
    Duration maxBackOff,
    int maxAttempts,
    Duration resendInterval,
    Duration lease) {

  public static final String ALERTMANAGER_URL_ENV = "PODLIFE_ALERTMANAGER_URL";
  public static final String WEBHOOK_URL_ENV = "PODLIFE_ALERT_WEBHOOK_URL";
  public static final String WEBHOOK_SECRET_ENV = "PODLIFE_ALERT_WEBHOOK_SECRET";
  public static final String PUBLIC_URL_ENV = "PODLIFE_PUBLIC_URL";
  public static final String FIRST_BACKOFF_ENV = "PODLIFE_ALERT_FIRST_BACKOFF";
  public static final String MAX_BACKOFF_ENV = "PODLIFE_ALERT_MAX_BACKOFF";
  public static final String MAX_ATTEMPTS_ENV = "PODLIFE_ALERT_MAX_ATTEMPTS";
  public static final String RESEND_INTERVAL_ENV = "PODLIFE_ALERT_RESEND_INTERVAL";
  public static final String LEASE_ENV = "PODLIFE_ALERT_LEASE";

  public static final URI DEFAULT_PUBLIC_API_URL = URI.create("http://localhost:8080");
  public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);

  /** With the defaults above, about 18 minutes of trying. */
  public static final int DEFAULT_MAX_ATTEMPTS = 12;

  public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(1);
  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

  public DeliveryConfig {
    alertmanagerUrls = List.copyOf(alertmanagerUrls == null ? List.of() : alertmanagerUrls);
    for (URI url : alertmanagerUrls) {
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())
          || url.getHost() == null) {
        throw new IllegalArgumentException(
            "An Alertmanager URL must be http(s)://host[:port]: " + url);
      }
    }
    webhooks = List.copyOf(webhooks == null ? List.of() : webhooks);
    publicApiUrl = publicApiUrl == null ? DEFAULT_PUBLIC_API_URL : publicApiUrl;
    firstBackOff = positiveOr(firstBackOff, DEFAULT_FIRST_BACKOFF);
    maxBackOff = positiveOr(maxBackOff, DEFAULT_MAX_BACKOFF);
    if (maxBackOff.compareTo(firstBackOff) < 0) {
      throw new IllegalArgumentException(
          "The maximum back-off ("
              + maxBackOff
              + ") must not be shorter than the first ("
              + firstBackOff
              + ")");
    }
    maxAttempts = maxAttempts <= 0 ? DEFAULT_MAX_ATTEMPTS : maxAttempts;
    resendInterval = positiveOr(resendInterval, DEFAULT_RESEND_INTERVAL);
    lease = positiveOr(lease, DEFAULT_LEASE);
  }

  /**
   * Nowhere to send, default timings: alerts are still recorded, and rule webhooks still get them.
   */
  public static DeliveryConfig defaults() {
    return new DeliveryConfig(List.of(), List.of(), null, null, null, 0, null, null);
  }

  /** From the process environment; see {@link #fromEnv(Map)}. */
  public static DeliveryConfig fromEnv() {
    return fromEnv(System.getenv());
  }

  /**
   * From {@value #ALERTMANAGER_URL_ENV} (comma-separated), {@value #WEBHOOK_URL_ENV}
   * (comma-separated, all signed with {@value #WEBHOOK_SECRET_ENV} when set), {@value
   * #PUBLIC_URL_ENV}, {@value #FIRST_BACKOFF_ENV}, {@value #MAX_BACKOFF_ENV}, {@value
   * #MAX_ATTEMPTS_ENV}, {@value #RESEND_INTERVAL_ENV} and {@value #LEASE_ENV} (durations as {@code
   * 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601); unset ones take the defaults.
   *
   * @throws IllegalArgumentException naming the variable when a value is malformed
   */
  public static DeliveryConfig fromEnv(Map<String, String> env) {
    String secret = env.get(WEBHOOK_SECRET_ENV);
    List<Webhook> webhooks =
        parseUrls(WEBHOOK_URL_ENV, env.get(WEBHOOK_URL_ENV)).stream()
            .map(url -> new Webhook(url, secret))
            .toList();
    String publicUrl = env.get(PUBLIC_URL_ENV);
    String attempts = env.get(MAX_ATTEMPTS_ENV);
    int maxAttempts;
    try {
      maxAttempts = blank(attempts) ? 0 : Integer.parseInt(attempts.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          MAX_ATTEMPTS_ENV + " must be a whole number, not '" + attempts + "'", e);
    }
    return new DeliveryConfig(
        parseUrls(ALERTMANAGER_URL_ENV, env.get(ALERTMANAGER_URL_ENV)),
        webhooks,
        blank(publicUrl) ? null : parseUrl(PUBLIC_URL_ENV, publicUrl.trim()),
        parseDuration(FIRST_BACKOFF_ENV, env.get(FIRST_BACKOFF_ENV)),
        parseDuration(MAX_BACKOFF_ENV, env.get(MAX_BACKOFF_ENV)),
        maxAttempts,
        parseDuration(RESEND_INTERVAL_ENV, env.get(RESEND_INTERVAL_ENV)),
        parseDuration(LEASE_ENV, env.get(LEASE_ENV)));
  }

  /**
   * Comma-separated URLs, as {@code --alertmanager-url} takes them; empty or null gives none.
   *
   * @param source what the value came from (an option or variable name), for the error message
   */
  public static List<URI> parseUrls(String source, String commaSeparated) {
    List<URI> urls = new ArrayList<>();
    if (blank(commaSeparated)) {
      return urls;
    }
    for (String part : commaSeparated.split(",")) {
      if (!part.isBlank()) {
        urls.add(parseUrl(source, part.trim()));
      }
    }
    return urls;
  }

  /**
   * A duration as rules write windows ({@link Durations}: {@code 500ms}, {@code 30s}, {@code 5m},
   * {@code 1h30m}…) or ISO-8601 ({@code PT30S}); null when blank.
   *
   * @param source what the value came from, for the error message
   */
  public static Duration parseDuration(String source, String value) {
    if (blank(value)) {
      return null;
    }
    Optional<Duration> simple = Durations.parse(value.trim().toLowerCase(Locale.ROOT));
    if (simple.isPresent()) {
      return simple.get();
    }
    try {
      return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          source + " must be a duration like 500ms, 30s, 5m, 1h or PT30S, not '" + value + "'", e);
    }
  }

  public DeliveryConfig withAlertmanagerUrls(List<URI> urls) {
    return new DeliveryConfig(
        urls, webhooks, publicApiUrl, firstBackOff, maxBackOff, maxAttempts, resendInterval, lease);
  }

  public DeliveryConfig withWebhooks(List<Webhook> hooks) {
    return new DeliveryConfig(
        alertmanagerUrls,
        hooks,
        publicApiUrl,
        firstBackOff,
        maxBackOff,
        maxAttempts,
        resendInterval,
        lease);
  }

  public DeliveryConfig withPublicApiUrl(URI url) {
    return new DeliveryConfig(
        alertmanagerUrls,
        webhooks,
        url,
        firstBackOff,
        maxBackOff,
        maxAttempts,
        resendInterval,
        lease);
  }

  public DeliveryConfig withRetries(Duration first, Duration max, int attempts) {
    return new DeliveryConfig(
        alertmanagerUrls, webhooks, publicApiUrl, first, max, attempts, resendInterval, lease);
  }

  public DeliveryConfig withResendInterval(Duration interval) {
    return new DeliveryConfig(
        alertmanagerUrls,
        webhooks,
        publicApiUrl,
        firstBackOff,
        maxBackOff,
        maxAttempts,
        interval,
        lease);
  }

  public DeliveryConfig withLease(Duration duration) {
    return new DeliveryConfig(
        alertmanagerUrls,
        webhooks,
        publicApiUrl,
        firstBackOff,
        maxBackOff,
        maxAttempts,
        resendInterval,
        duration);
  }

  /**
   * The wait after the {@code failures}-th failed attempt: the first back-off doubled per further
   * failure, capped.
   */
  public Duration backOffAfter(int failures) {
    Duration wait = firstBackOff;
    for (int i = 1; i < failures && wait.compareTo(maxBackOff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackOff) > 0 ? maxBackOff : wait;
  }

  @Override
  public String toString() {
    // URLs may carry credentials or tokens: show only where they point
    return "DeliveryConfig[alertmanagers="
        + alertmanagerUrls.stream().map(Receivers::redacted).toList()
        + ", webhooks="
        + webhooks
        + ", publicApiUrl="
        + publicApiUrl
        + ", backOff="
        + firstBackOff
        + ".."
        + maxBackOff
        + ", maxAttempts="
        + maxAttempts
        + ", resendInterval="
        + resendInterval
        + ", lease="
        + lease
        + "]";
  }

  private static URI parseUrl(String source, String value) {
    try {
      URI url = new URI(value);
      if (url.getScheme() == null || url.getHost() == null) {
        throw new IllegalArgumentException(
            source + " must hold absolute http(s) URLs (scheme://host…)");
      }
      return url;
    } catch (java.net.URISyntaxException e) {
      // not e.getMessage(): it quotes the whole URL, which may carry a token
      throw new IllegalArgumentException(
          source + " holds a malformed URL (" + e.getReason() + " at index " + e.getIndex() + ")",
          e);
    }
  }

  private static Duration positiveOr(Duration d, Duration fallback) {
    return d == null || d.isZero() || d.isNegative() ? fallback : d;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
