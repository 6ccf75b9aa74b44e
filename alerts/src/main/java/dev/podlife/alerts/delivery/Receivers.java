package dev.podlife.alerts.delivery;

import java.net.URI;

/** What the outbox stores as a receiver and how one is shown in logs. */
final class Receivers {
  static final String ALERTMANAGER = "alertmanager";
  static final String WEBHOOK = "webhook";

  private Receivers() {}

  /**
   * The push endpoint of an Alertmanager given by its base URL ({@code http://am:9093} or {@code
   * …/prefix/}).
   */
  static URI alertmanagerEndpoint(URI base) {
    return URI.create(under(base, "/api/v2/alerts"));
  }

  /** {@code path} under {@code base}, whether or not the base ends with slashes. */
  static String under(URI base, String path) {
    String s = base.toString();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    return s + path;
  }

  /**
   * Scheme, host and port only: webhook URLs often carry a token in their path or query (chat
   * integrations), so logs and messages never show more.
   */
  static String redacted(URI url) {
    if (url.getHost() == null) {
      return "<invalid URL>";
    }
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + "/…";
  }
}
