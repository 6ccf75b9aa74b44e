package dev.podlife.alerts.rules;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Reading rules as users write them: what is accepted, every violation with its field, and the
 * masked form.
 */
class RuleSpecsTest {
  private static final String SECRET = "whsec-0123456789abcdef";

  private static final String FULL =
      """
      {"name": "oom-killed-prod",
       "description": "OOM kills in the shop",
       "selector": {"cluster": "prod", "namespace": {"regex": "shop-.*"}, "workloadKind": "Deployment",
                    "workloadName": "checkout", "labels": {"team": "payments", "tier": {"regex": "web|api"}}},
       "condition": {"type": "termination_reason", "reasons": ["OOMKilled", "Error"]},
       "window": "1h30m", "threshold": 2, "severity": "critical",
       "labels": {"team": "payments"}, "annotations": {"runbook_url": "https://runbooks.example/oom"},
       "webhooks": [{"url": "https://hooks.example/podlife", "secret": "%s"}],
       "enabled": false}
      """
          .formatted(SECRET);

  /** The fields of every violation parsing {@code json} reports; fails if it parses. */
  private static List<String> violations(String json) {
    try {
      RuleSpecs.parse(json, null);
    } catch (InvalidRuleException e) {
      e.violations().forEach(v -> assertThat(v.message()).as(v.field()).isNotBlank());
      return e.violations().stream().map(Violation::field).toList();
    }
    throw new AssertionError("parsed: " + json);
  }

  private static String message(String json, String field) {
    try {
      RuleSpecs.parse(json, null);
    } catch (InvalidRuleException e) {
      return e.violations().stream()
          .filter(v -> v.field().equals(field))
          .map(Violation::message)
          .findFirst()
          .orElseThrow();
    }
    throw new AssertionError("parsed: " + json);
  }

  /**
   * A valid rule with {@code field} (raw JSON, e.g. {@code "window": "1s"}) added or put in place
   * of the same field.
   */
  private static String with(String field) {
    String key = field.substring(0, field.indexOf(':'));
    StringBuilder json = new StringBuilder("{").append(field);
    for (String base :
        List.of(
            "\"name\": \"r\"", "\"condition\": {\"type\": \"restarts\"}", "\"window\": \"10m\"")) {
      if (!base.startsWith(key + ":")) {
        json.append(", ").append(base);
      }
    }
    return json.append("}").toString();
  }

  @Test
  void readsEveryFieldOfARule() {
    RuleSpec spec = RuleSpecs.parse(FULL, null);

    assertThat(spec.name()).isEqualTo("oom-killed-prod");
    assertThat(spec.description()).isEqualTo("OOM kills in the shop");
    assertThat(spec.selector().cluster()).isEqualTo(new Matcher.Exact("prod"));
    assertThat(spec.selector().namespace()).isInstanceOf(Matcher.Regex.class);
    assertThat(spec.selector().labels())
        .containsEntry("team", new Matcher.Exact("payments"))
        .containsKey("tier");
    assertThat(spec.condition().type()).isEqualTo(ConditionType.TERMINATION_REASON);
    assertThat(spec.condition().reasons()).containsExactlyInAnyOrder("OOMKilled", "Error");
    assertThat(spec.window()).isEqualTo(Duration.ofMinutes(90));
    assertThat(spec.threshold()).isEqualTo(2);
    assertThat(spec.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(spec.labels()).isEqualTo(Map.of("team", "payments"));
    assertThat(spec.annotations()).isEqualTo(Map.of("runbook_url", "https://runbooks.example/oom"));
    assertThat(spec.webhooks())
        .containsExactly(new RuleWebhook(URI.create("https://hooks.example/podlife"), SECRET));
    assertThat(spec.enabled()).isFalse();
  }

  @Test
  void optionalFieldsTakeTheirDefaults() {
    RuleSpec spec =
        RuleSpecs.parse(
            "{\"name\": \"r\", \"condition\": {\"type\": \"crash_loop_entered\"}, \"window\":"
                + " \"30s\"}",
            null);

    assertThat(spec.selector()).isEqualTo(Selector.ALL);
    assertThat(spec.threshold()).isEqualTo(1);
    assertThat(spec.severity()).isEqualTo(Severity.WARNING);
    assertThat(spec.enabled()).isTrue();
    assertThat(spec.labels()).isEmpty();
    assertThat(spec.webhooks()).isEmpty();
  }

  @Test
  void everyConditionTypeIsReadWithItsParameters() {
    RuleSpec exit =
        RuleSpecs.parse(
            "{\"name\": \"r\", \"condition\": {\"type\": \"exit_code\", \"exitCodes\": [1, 137]},"
                + " \"window\": \"10m\"}",
            null);
    assertThat(exit.condition().exitCodes()).containsExactlyInAnyOrder(1, 137);
    RuleSpec p99 =
        RuleSpecs.parse(
            "{\"name\": \"r\", \"condition\": {\"type\": \"startup_p99\", \"latency\": \"45s\"},"
                + " \"window\": \"1h\", \"threshold\": 20}",
            null);
    assertThat(p99.condition().latency()).isEqualTo(Duration.ofSeconds(45));
    for (ConditionType type : ConditionType.values()) {
      String condition =
          switch (type) {
            case TERMINATION_REASON ->
                "{\"type\": \"termination_reason\", \"reasons\": [\"OOMKilled\"]}";
            case EXIT_CODE -> "{\"type\": \"exit_code\", \"exitCodes\": [1]}";
            case STARTUP_P99 -> "{\"type\": \"startup_p99\", \"latency\": \"30s\"}";
            default -> "{\"type\": \"" + type.wireName() + "\"}";
          };
      RuleSpec spec =
          RuleSpecs.parse(
              "{\"name\": \"r\", \"condition\": " + condition + ", \"window\": \"10m\"}", null);
      assertThat(spec.condition().type()).isEqualTo(type);
    }
  }

  @Test
  void reportsEveryViolationAtOnceNotOnlyTheFirst() {
    String json =
        """
        {"name": " ", "colour": "red", "selector": {"namespace": {"regex": "("}, "pod": "x"},
         "condition": {"type": "oom"}, "window": "forever", "threshold": 0, "severity": "fatal",
         "labels": {"severity": "high"}, "webhooks": [{"url": "ftp://hooks.example"}], "enabled": "yes"}
        """;
    assertThat(violations(json))
        .containsExactlyInAnyOrder(
            "colour",
            "name",
            "selector.pod",
            "selector.namespace",
            "condition.type",
            "window",
            "threshold",
            "severity",
            "labels.severity",
            "webhooks[0].url",
            "enabled");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          "name": 5                                                        | name
          "name": "-starts-with-dash"                                      | name
          "description": ["a"]                                             | description
          "selector": "prod"                                               | selector
          "selector": {"node": "n1"}                                       | selector.node
          "selector": {"cluster": 3}                                       | selector.cluster
          "selector": {"namespace": {"regex": "a", "flags": "i"}}          | selector.namespace
          "selector": {"workloadName": {"regex": "[a-"}}                   | selector.workloadName
          "selector": {"labels": ["team"]}                                 | selector.labels
          "selector": {"labels": {"team": {"regex": "*"}}}                 | selector.labels.team
          "threshold": 1.5                                                 | threshold
          "threshold": 100001                                              | threshold
          "severity": "CRITICAL"                                           | severity
          "labels": {"bad-name": "x"}                                      | labels.bad-name
          "labels": {"alertname": "x"}                                     | labels.alertname
          "labels": {"team": 1}                                            | labels.team
          "annotations": "x"                                               | annotations
          "webhooks": {"url": "https://h.example"}                         | webhooks
          "webhooks": ["https://h.example"]                                | webhooks[0]
          "webhooks": [{"url": "https://h.example"}]                       | webhooks[0].secret
          "webhooks": [{"url": "https://h.example", "secret": "***"}]      | webhooks[0].secret
          "webhooks": [{"url": "https://h.example", "secret": "short"}]    | webhooks[0].secret
          "webhooks": [{"url": "/relative", "secret": "0123456789abcdef"}] | webhooks[0].url
          "webhooks": [{"url": "https://h.example", "secret": "0123456789abcdef", "sign": true}] | webhooks[0].sign
          "enabled": 1                                                     | enabled
          "extra": 1                                                       | extra
          """)
  void eachViolationNamesItsField(String field, String violated) {
    assertThat(violations(with(field))).containsExactly(violated);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"type": "oom"}                                              | condition.type
          {"reasons": ["OOMKilled"]}                                   | condition.type
          "termination_reason"                                         | condition
          {"type": "termination_reason"}                               | condition.reasons
          {"type": "termination_reason", "reasons": []}                | condition.reasons
          {"type": "termination_reason", "reasons": ["OOM Killed"]}    | condition.reasons
          {"type": "termination_reason", "reasons": ["OOMKilled"], "exitCodes": [1]} | condition.exitCodes
          {"type": "exit_code", "exitCodes": [256]}                    | condition.exitCodes
          {"type": "exit_code", "exitCodes": ["1"]}                    | condition.exitCodes
          {"type": "exit_code"}                                        | condition.exitCodes
          {"type": "startup_p99"}                                      | condition.latency
          {"type": "startup_p99", "latency": "fast"}                   | condition.latency
          {"type": "restarts", "reasons": ["OOMKilled"]}               | condition.reasons
          """)
  void eachConditionViolationNamesItsField(String condition, String violated) {
    assertThat(
            violations("{\"name\": \"r\", \"condition\": " + condition + ", \"window\": \"10m\"}"))
        .containsExactly(violated);
  }

  @Test
  void anUnknownConditionListsTheKnownOnes() {
    assertThat(message(with("\"condition\": {\"type\": \"oom\"}"), "condition.type"))
        .contains("unknown condition \"oom\"")
        .contains("termination_reason")
        .contains("startup_p99");
  }

  @ParameterizedTest(name = "window {0}")
  @CsvSource({
    "10, bad duration",
    "1.5h, bad duration",
    "-5m, bad duration",
    "10s, must be between 30s and",
    "31d, must be between 30s and",
    "5w, must be between 30s and 30d"
  })
  void aWindowMustBeADurationFrom30SecondsTo30Days(String window, String expected) {
    String json =
        "{\"name\": \"r\", \"condition\": {\"type\": \"restarts\"}, \"window\": \""
            + window
            + "\"}";
    assertThat(violations(json)).containsExactly("window");
    assertThat(message(json, "window")).contains(expected);
  }

  @Test
  void requiredFieldsAreNamed() {
    assertThat(violations("{}")).containsExactlyInAnyOrder("name", "condition", "window");
    assertThat(
            violations(
                "{\"name\": \"r\", \"condition\": {\"type\": \"restarts\"}, \"window\": null}"))
        .containsExactly("window");
  }

  @Test
  void malformedJsonAndNonObjectsAreOneViolationOnTheWholeBody() {
    assertThat(violations("{\"name\": ")).containsExactly("");
    assertThat(message("{\"name\": ", "")).startsWith("malformed JSON");
    assertThat(violations("{\"name\": \"r\"} {\"name\": \"s\"}")).containsExactly("");
    assertThat(violations("[]")).containsExactly("");
    assertThat(violations("\"rule\"")).containsExactly("");
    assertThat(violations("")).containsExactly("");
  }

  @Test
  void regexMatchersAreAnchoredAtBothEndsAsInPrometheus() {
    Selector selector =
        RuleSpecs.parse(
                """
                {"name": "r", "condition": {"type": "restarts"}, "window": "10m",
                 "selector": {"namespace": {"regex": "prod"}, "workloadName": {"regex": "web-.*"}, "labels": {"canary": {"regex": ".*"}}}}
                """,
                null)
            .selector();

    assertThat(selector.matches("east", "prod", "Deployment", "web-1", Map.of())).isTrue();
    assertThat(selector.matches("east", "prod-eu", "Deployment", "web-1", Map.of())).isFalse();
    assertThat(selector.matches("east", "preprod", "Deployment", "web-1", Map.of())).isFalse();
    assertThat(selector.matches("east", "prod", "Deployment", "my-web-1", Map.of())).isFalse();
    // an absent label is the empty string: ".*" matches a pod without it
    assertThat(selector.matches("east", "prod", "Deployment", "web-1", Map.of("canary", "true")))
        .isTrue();

    Selector present =
        RuleSpecs.parse(with("\"selector\": {\"labels\": {\"canary\": {\"regex\": \".+\"}}}"), null)
            .selector();
    assertThat(present.matches("east", "prod", "Deployment", "web", Map.of())).isFalse();
    assertThat(present.matches("east", "prod", "Deployment", "web", Map.of("canary", "yes")))
        .isTrue();
  }

  @Test
  void exactMatchersMatchOnlyTheWholeValue() {
    Selector selector =
        RuleSpecs.parse(
                with("\"selector\": {\"cluster\": \"east\", \"workloadKind\": \"Deployment\"}"),
                null)
            .selector();
    assertThat(selector.matches("east", "any", "Deployment", "web", Map.of())).isTrue();
    assertThat(selector.matches("east-2", "any", "Deployment", "web", Map.of())).isFalse();
    assertThat(selector.matches("east", "any", "StatefulSet", "web", Map.of())).isFalse();
  }

  @Test
  void theAnsweredFormMasksSecretsAndTheStoredFormKeepsThem() {
    RuleSpec spec = RuleSpecs.parse(FULL, null);

    ObjectNode shown = RuleSpecs.toJson(spec, false);
    assertThat(shown.get("webhooks").get(0).get("secret").asString()).isEqualTo("***");
    assertThat(shown.toString()).doesNotContain(SECRET);
    assertThat(RuleSpecs.toStoredJson(spec)).contains(SECRET);
    assertThat(RuleSpecs.fromStoredJson(RuleSpecs.toStoredJson(spec))).isEqualTo(spec);
    assertThat(spec.webhooks().getFirst().toString()).doesNotContain(SECRET);
  }

  @Test
  void theAnsweredFormSentBackKeepsTheSecretOfTheSameUrl() {
    RuleSpec previous = RuleSpecs.parse(FULL, null);
    ObjectNode shown = RuleSpecs.toJson(previous, false);

    assertThat(RuleSpecs.parse(shown, previous)).isEqualTo(previous);
    ((ObjectNode) shown.get("webhooks").get(0)).remove("secret");
    assertThat(RuleSpecs.parse(shown, previous).webhooks().getFirst().secret()).isEqualTo(SECRET);

    // a new URL has no secret to keep
    ((ObjectNode) shown.get("webhooks").get(0)).put("url", "https://other.example/hook");
    assertThatThrownBy(() -> RuleSpecs.parse(shown, previous))
        .isInstanceOfSatisfying(
            InvalidRuleException.class,
            e ->
                assertThat(e.violations())
                    .extracting(Violation::field)
                    .containsExactly("webhooks[0].secret"));
    // and a rule written anew can't borrow a secret
    ((ObjectNode) shown.get("webhooks").get(0)).put("url", "https://hooks.example/podlife");
    assertThatThrownBy(() -> RuleSpecs.parse(shown, null)).isInstanceOf(InvalidRuleException.class);
  }

  @Test
  void aNewSecretReplacesThePreviousOne() {
    RuleSpec previous = RuleSpecs.parse(FULL, null);
    RuleSpec rotated = RuleSpecs.parse(FULL.replace(SECRET, "whsec-rotated-0123456789"), previous);
    assertThat(rotated.webhooks().getFirst().secret()).isEqualTo("whsec-rotated-0123456789");
  }

  @Test
  void theJsonFormReadsBackToTheSameRule() {
    for (String json :
        List.of(
            FULL,
            "{\"name\": \"p99\", \"condition\": {\"type\": \"startup_p99\", \"latency\":"
                + " \"1m30s\"}, \"window\": \"2h\", \"threshold\": 10}",
            "{\"name\": \"codes\", \"condition\": {\"type\": \"exit_code\", \"exitCodes\": [143,"
                + " 1]}, \"window\": \"7d\"}")) {
      RuleSpec spec = RuleSpecs.parse(json, null);
      assertThat(RuleSpecs.parse(RuleSpecs.toJson(spec, true), null)).isEqualTo(spec);
    }
  }
}
