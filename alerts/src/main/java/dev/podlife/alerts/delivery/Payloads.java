package dev.podlife.alerts.delivery;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON bodies: Alertmanager's v2 alert list, and podlife's webhook document. */
final class Payloads {
  static final JsonMapper JSON = JsonMapper.builder().build();

  private Payloads() {}

  /**
   * {@code [{labels, annotations, startsAt, endsAt, generatorURL}]} for {@code POST
   * /api/v2/alerts}. A firing alert ends {@code 4 × resendInterval} from now unless re-sent, as
   * Prometheus does; a resolved one ends when it cleared. The alert's state at send time decides,
   * so a firing notification retried after the resolution resolves too.
   */
  static String alertmanager(
      AlertRow alert, Instant now, Duration resendInterval, URI publicApiUrl) {
    ObjectNode a = JSON.createObjectNode();
    a.set("labels", JSON.readTree(alert.labels()));
    a.set("annotations", JSON.readTree(alert.annotations()));
    a.put("startsAt", alert.startsAt().toString());
    Instant endsAt =
        Outbox.RESOLVED.equals(alert.state()) && alert.endsAt() != null
            ? alert.endsAt()
            : now.plus(resendInterval.multipliedBy(4));
    a.put("endsAt", endsAt.toString());
    a.put("generatorURL", generatorUrl(alert, publicApiUrl));
    return JSON.writeValueAsString(JSON.createArrayNode().add(a));
  }

  /**
   * {@code {"version":"1","status":…,"alert":{…}}}: what happened ({@code status}), and the alert
   * as it is now.
   */
  static String webhook(AlertRow alert, String status, URI publicApiUrl) {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", "1");
    root.put("status", status);
    ObjectNode a = root.putObject("alert");
    a.put("id", alert.id());
    ObjectNode rule = a.putObject("rule");
    rule.put("id", alert.ruleId());
    rule.put("name", alert.ruleName());
    rule.put("version", alert.ruleVersion());
    a.set("labels", JSON.readTree(alert.labels()));
    a.set("annotations", JSON.readTree(alert.annotations()));
    a.put("startsAt", alert.startsAt().toString());
    a.put("endsAt", alert.endsAt() == null ? null : alert.endsAt().toString());
    a.put("occurrences", alert.occurrences());
    a.put("lastAt", alert.lastAt().toString());
    ObjectNode pod = a.putObject("pod");
    pod.put("cluster", alert.cluster());
    pod.put("namespace", alert.namespace());
    pod.put("uid", alert.podUid());
    pod.put("name", alert.podName());
    a.put("container", alert.container());
    a.put("generatorURL", generatorUrl(alert, publicApiUrl));
    return JSON.writeValueAsString(root);
  }

  /** The pod's timeline in the UI, or the UI's start page for an alert without a pod. */
  static String generatorUrl(AlertRow alert, URI publicApiUrl) {
    return Receivers.under(
        publicApiUrl,
        alert.podUid() == null || alert.podUid().isBlank() ? "/ui" : "/ui/pods/" + alert.podUid());
  }
}
