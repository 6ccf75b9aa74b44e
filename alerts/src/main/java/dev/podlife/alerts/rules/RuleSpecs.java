package dev.podlife.alerts.rules;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import com.fasterxml.jackson.annotation.JsonInclude;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a rule from its JSON form, collecting every violation, and writes it back. The JSON form:
 *
 * <pre>{@code
 * {"name": "oom-killed-prod",
 *  "description": "…",                                   optional
 *  "selector": {"cluster": "prod", "namespace": {"regex": "shop-.*"}, "workloadKind": "Deployment",
 *               "workloadName": "checkout", "labels": {"team": "payments"}},   every field optional
 *  "condition": {"type": "termination_reason", "reasons": ["OOMKilled"]},
 *  "window": "10m", "threshold": 1, "severity": "critical",
 *  "labels": {"team": "payments"}, "annotations": {"runbook_url": "…"},
 *  "webhooks": [{"url": "https://hooks.example/podlife", "secret": "…"}],
 *  "enabled": true}
 * }</pre>
 */
public final class RuleSpecs {
  public static final Duration MIN_WINDOW = Duration.ofSeconds(30);
  public static final Duration MAX_WINDOW = Duration.ofDays(30);
  public static final int MAX_THRESHOLD = 100_000;

  /** The labels every alert carries; a rule's own labels can't replace them. */
  public static final Set<String> RESERVED_LABELS =
      Set.of(
          "alertname",
          "severity",
          "cluster",
          "namespace",
          "workload",
          "workload_kind",
          "pod",
          "container",
          "reason",
          "disruption");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,99}");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
  private static final Pattern REASON = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");
  private static final int MIN_SECRET_LENGTH = 16;
  private static final Set<String> FIELDS =
      Set.of(
          "name",
          "description",
          "selector",
          "condition",
          "window",
          "threshold",
          "severity",
          "labels",
          "annotations",
          "webhooks",
          "enabled");
  private static final Set<String> SELECTOR_FIELDS =
      Set.of("cluster", "namespace", "workloadKind", "workloadName", "labels");
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .changeDefaultPropertyInclusion(
              incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
          .build();

  private RuleSpecs() {}

  /** Parses JSON text; malformed JSON is one violation on the whole body. */
  public static RuleSpec parse(String json, RuleSpec previous) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidRuleException(
          List.of(new Violation("", "malformed JSON: " + e.getOriginalMessage())));
    }
    return parse(node, previous);
  }

  /**
   * Validates and reads a rule. {@code previous} is the rule being replaced (null for a new one): a
   * webhook written without its secret keeps the secret the previous version had for the same URL,
   * so a rule read back (secrets are never shown) can be edited and PUT again.
   */
  public static RuleSpec parse(JsonNode node, RuleSpec previous) {
    Reader r = new Reader();
    if (node == null || !node.isObject()) {
      throw new InvalidRuleException(List.of(new Violation("", "a rule is a JSON object")));
    }
    r.unknownFields(node, FIELDS, "");
    String name = r.string(node, "name", true);
    if (name != null && !NAME.matcher(name).matches()) {
      r.add(
          "name",
          "must be 1-100 characters: letters, digits and _ . : - (starting with a letter or"
              + " digit)");
    }
    String description = r.string(node, "description", false);
    Selector selector = r.selector(node.get("selector"));
    Condition condition = r.condition(node.get("condition"));
    Duration window = r.window(node.get("window"));
    int threshold = r.threshold(node.get("threshold"));
    Severity severity = r.severity(node.get("severity"));
    Map<String, String> labels = r.stringMap(node.get("labels"), "labels");
    labels
        .keySet()
        .forEach(
            key -> {
              if (!LABEL_NAME.matcher(key).matches()) {
                r.add("labels." + key, "is not a valid label name ([a-zA-Z_][a-zA-Z0-9_]*)");
              } else if (RESERVED_LABELS.contains(key)) {
                r.add("labels." + key, "is set by podlife on every alert; choose another name");
              }
            });
    Map<String, String> annotations = r.stringMap(node.get("annotations"), "annotations");
    List<RuleWebhook> webhooks = r.webhooks(node.get("webhooks"), previous);
    boolean enabled = r.bool(node.get("enabled"), "enabled", true);
    if (!r.violations.isEmpty()) {
      throw new InvalidRuleException(r.violations);
    }
    return new RuleSpec(
        name,
        description,
        selector,
        condition,
        window,
        threshold,
        severity,
        labels,
        annotations,
        webhooks,
        enabled);
  }

  /**
   * The JSON form; webhook secrets only when {@code withSecrets} (the stored form), else {@code
   * "secret": "***"}.
   */
  public static ObjectNode toJson(RuleSpec spec, boolean withSecrets) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("name", spec.name());
    if (spec.description() != null) {
      out.put("description", spec.description());
    }
    ObjectNode selector = out.putObject("selector");
    Selector s = spec.selector();
    putMatcher(selector, "cluster", s.cluster());
    putMatcher(selector, "namespace", s.namespace());
    putMatcher(selector, "workloadKind", s.workloadKind());
    putMatcher(selector, "workloadName", s.workloadName());
    if (!s.labels().isEmpty()) {
      ObjectNode labels = selector.putObject("labels");
      new TreeMap<>(s.labels()).forEach((k, m) -> putMatcher(labels, k, m));
    }
    ObjectNode condition = out.putObject("condition");
    Condition c = spec.condition();
    condition.put("type", c.type().wireName());
    if (!c.reasons().isEmpty()) {
      ArrayNode reasons = condition.putArray("reasons");
      c.reasons().stream().sorted().forEach(reasons::add);
    }
    if (!c.exitCodes().isEmpty()) {
      ArrayNode codes = condition.putArray("exitCodes");
      c.exitCodes().stream().sorted().forEach(codes::add);
    }
    if (c.latency() != null) {
      condition.put("latency", Durations.format(c.latency()));
    }
    out.put("window", Durations.format(spec.window()));
    out.put("threshold", spec.threshold());
    out.put("severity", spec.severity().label());
    ObjectNode labels = out.putObject("labels");
    new TreeMap<>(spec.labels()).forEach(labels::put);
    ObjectNode annotations = out.putObject("annotations");
    new TreeMap<>(spec.annotations()).forEach(annotations::put);
    ArrayNode webhooks = out.putArray("webhooks");
    for (RuleWebhook w : spec.webhooks()) {
      webhooks
          .addObject()
          .put("url", w.url().toString())
          .put("secret", withSecrets ? w.secret() : "***");
    }
    out.put("enabled", spec.enabled());
    return out;
  }

  /** The stored form (with secrets), as alert_rule.spec keeps it. */
  public static String toStoredJson(RuleSpec spec) {
    return MAPPER.writeValueAsString(toJson(spec, true));
  }

  /** Reads a stored spec back (it was valid when stored). */
  public static RuleSpec fromStoredJson(String json) {
    return parse(json, null);
  }

  private static void putMatcher(ObjectNode parent, String field, Matcher matcher) {
    switch (matcher) {
      case null -> {}
      case Matcher.Exact exact -> parent.put(field, exact.value());
      case Matcher.Regex regex -> parent.putObject(field).put("regex", regex.pattern().pattern());
    }
  }

  /** Reads fields, noting violations instead of stopping at the first. */
  private static final class Reader {
    final List<Violation> violations = new ArrayList<>();

    void add(String field, String message) {
      violations.add(new Violation(field, message));
    }

    void unknownFields(JsonNode node, Set<String> known, String prefix) {
      for (String field : node.propertyNames()) {
        if (!known.contains(field)) {
          add(
              prefix + field,
              "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
        }
      }
    }

    String string(JsonNode parent, String field, boolean required) {
      JsonNode value = parent.get(field);
      if (value == null || value.isNull()) {
        if (required) {
          add(field, "is required");
        }
        return null;
      }
      if (!value.isString() || value.asString().isBlank()) {
        add(field, "must be a non-empty string");
        return null;
      }
      return value.asString();
    }

    Selector selector(JsonNode node) {
      if (node == null || node.isNull()) {
        return Selector.ALL;
      }
      if (!node.isObject()) {
        add("selector", "must be an object");
        return Selector.ALL;
      }
      unknownFields(node, SELECTOR_FIELDS, "selector.");
      Map<String, Matcher> labels = new LinkedHashMap<>();
      JsonNode labelNode = node.get("labels");
      if (labelNode != null && !labelNode.isNull()) {
        if (!labelNode.isObject()) {
          add("selector.labels", "must be an object of label name to value or {\"regex\": …}");
        } else {
          for (String key : labelNode.propertyNames()) {
            Matcher m = matcher(labelNode.get(key), "selector.labels." + key);
            if (m != null) {
              labels.put(key, m);
            }
          }
        }
      }
      return new Selector(
          matcher(node.get("cluster"), "selector.cluster"),
          matcher(node.get("namespace"), "selector.namespace"),
          matcher(node.get("workloadKind"), "selector.workloadKind"),
          matcher(node.get("workloadName"), "selector.workloadName"),
          labels);
    }

    Matcher matcher(JsonNode node, String field) {
      if (node == null || node.isNull()) {
        return null;
      }
      if (node.isString()) {
        return new Matcher.Exact(node.asString());
      }
      if (node.isObject()
          && node.size() == 1
          && node.get("regex") != null
          && node.get("regex").isString()) {
        String regex = node.get("regex").asString();
        try {
          return new Matcher.Regex(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
          add(
              field,
              "bad regex: " + e.getDescription() + " near index " + e.getIndex() + " of " + regex);
          return null;
        }
      }
      add(field, "must be a string (exact match) or {\"regex\": \"…\"}");
      return null;
    }

    Condition condition(JsonNode node) {
      if (node == null || node.isNull()) {
        add("condition", "is required");
        return null;
      }
      if (!node.isObject()) {
        add("condition", "must be an object with a \"type\"");
        return null;
      }
      JsonNode typeNode = node.get("type");
      Optional<ConditionType> type =
          typeNode != null && typeNode.isString()
              ? ConditionType.fromWireName(typeNode.asString())
              : Optional.empty();
      if (type.isEmpty()) {
        add(
            "condition.type",
            "unknown condition "
                + (typeNode == null ? "(missing)" : typeNode.toString())
                + "; one of "
                + String.join(
                    ", ",
                    java.util.Arrays.stream(ConditionType.values())
                        .map(ConditionType::wireName)
                        .toList()));
        return null;
      }
      Set<String> allowed =
          switch (type.get()) {
            case TERMINATION_REASON -> Set.of("type", "reasons");
            case EXIT_CODE -> Set.of("type", "exitCodes");
            case STARTUP_P99 -> Set.of("type", "latency");
            default -> Set.of("type");
          };
      unknownFields(node, allowed, "condition.");
      Set<String> reasons = new LinkedHashSet<>();
      Set<Integer> exitCodes = new LinkedHashSet<>();
      Duration latency = null;
      switch (type.get()) {
        case TERMINATION_REASON -> {
          JsonNode list = node.get("reasons");
          if (list == null || !list.isArray() || list.isEmpty()) {
            add(
                "condition.reasons",
                "termination_reason needs a non-empty list of reasons, e.g. [\"OOMKilled\","
                    + " \"Error\"]");
          } else {
            for (JsonNode reason : list) {
              if (!reason.isString() || !REASON.matcher(reason.asString()).matches()) {
                add("condition.reasons", "not a termination reason: " + reason);
              } else {
                reasons.add(reason.asString());
              }
            }
          }
        }
        case EXIT_CODE -> {
          JsonNode list = node.get("exitCodes");
          if (list == null || !list.isArray() || list.isEmpty()) {
            add(
                "condition.exitCodes",
                "exit_code needs a non-empty list of exit codes, e.g. [1, 137]");
          } else {
            for (JsonNode code : list) {
              if (!code.isIntegralNumber() || code.asLong() < 0 || code.asLong() > 255) {
                add("condition.exitCodes", "not an exit code (0-255): " + code);
              } else {
                exitCodes.add(code.asInt());
              }
            }
          }
        }
        case STARTUP_P99 -> {
          latency =
              duration(node.get("latency"), "condition.latency", Duration.ofMillis(1), MAX_WINDOW);
          if (latency == null && node.get("latency") == null) {
            add(
                "condition.latency",
                "startup_p99 needs the latency the p99 must stay under, e.g. \"30s\"");
          }
        }
        default -> {}
      }
      return new Condition(type.get(), reasons, exitCodes, latency);
    }

    Duration window(JsonNode node) {
      if (node == null || node.isNull()) {
        add("window", "is required, e.g. \"10m\"");
        return null;
      }
      return duration(node, "window", MIN_WINDOW, MAX_WINDOW);
    }

    Duration duration(JsonNode node, String field, Duration min, Duration max) {
      if (node == null || node.isNull()) {
        return null;
      }
      Optional<Duration> parsed =
          node.isString() ? Durations.parse(node.asString()) : Optional.empty();
      if (parsed.isEmpty()) {
        add(field, "bad duration " + node + ": write it like 30s, 10m, 1h30m or 7d");
        return null;
      }
      if (parsed.get().compareTo(min) < 0 || parsed.get().compareTo(max) > 0) {
        add(
            field,
            "must be between "
                + Durations.format(min)
                + " and "
                + Durations.format(max)
                + ", not "
                + node.asString());
        return null;
      }
      return parsed.get();
    }

    int threshold(JsonNode node) {
      if (node == null || node.isNull()) {
        return 1;
      }
      if (!node.isIntegralNumber() || node.asLong() < 1 || node.asLong() > MAX_THRESHOLD) {
        add("threshold", "must be a whole number from 1 to " + MAX_THRESHOLD + ", not " + node);
        return 1;
      }
      return node.asInt();
    }

    Severity severity(JsonNode node) {
      if (node == null || node.isNull()) {
        return Severity.WARNING;
      }
      Optional<Severity> severity =
          node.isString() ? Severity.fromLabel(node.asString()) : Optional.empty();
      if (severity.isEmpty()) {
        add("severity", "must be one of critical, warning, info, not " + node);
        return Severity.WARNING;
      }
      return severity.get();
    }

    Map<String, String> stringMap(JsonNode node, String field) {
      Map<String, String> out = new LinkedHashMap<>();
      if (node == null || node.isNull()) {
        return out;
      }
      if (!node.isObject()) {
        add(field, "must be an object of strings");
        return out;
      }
      for (String key : node.propertyNames()) {
        JsonNode value = node.get(key);
        if (!value.isString()) {
          add(field + "." + key, "must be a string");
        } else {
          out.put(key, value.asString());
        }
      }
      return out;
    }

    List<RuleWebhook> webhooks(JsonNode node, RuleSpec previous) {
      List<RuleWebhook> out = new ArrayList<>();
      if (node == null || node.isNull()) {
        return out;
      }
      if (!node.isArray()) {
        add("webhooks", "must be a list of {\"url\": …, \"secret\": …}");
        return out;
      }
      for (int i = 0; i < node.size(); i++) {
        String field = "webhooks[" + i + "]";
        JsonNode hook = node.get(i);
        if (!hook.isObject()) {
          add(field, "must be an object {\"url\": …, \"secret\": …}");
          continue;
        }
        unknownFields(hook, Set.of("url", "secret"), field + ".");
        URI url = null;
        JsonNode urlNode = hook.get("url");
        try {
          url = urlNode != null && urlNode.isString() ? new URI(urlNode.asString()) : null;
        } catch (URISyntaxException e) {
          url = null;
        }
        if (url == null
            || url.getHost() == null
            || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
          add(field + ".url", "must be an absolute http or https URL");
          continue;
        }
        JsonNode secretNode = hook.get("secret");
        String secret =
            secretNode != null && secretNode.isString() && !"***".equals(secretNode.asString())
                ? secretNode.asString()
                : null;
        if (secret == null && previous != null) {
          URI same = url;
          secret =
              previous.webhooks().stream()
                  .filter(w -> w.url().equals(same))
                  .map(RuleWebhook::secret)
                  .findFirst()
                  .orElse(null);
        }
        if (secret == null) {
          add(field + ".secret", "is required: requests are signed with it (HMAC-SHA256)");
        } else if (secret.length() < MIN_SECRET_LENGTH) {
          add(field + ".secret", "must be at least " + MIN_SECRET_LENGTH + " characters");
        } else {
          out.add(new RuleWebhook(url, secret));
        }
      }
      return out;
    }

    boolean bool(JsonNode node, String field, boolean absent) {
      if (node == null || node.isNull()) {
        return absent;
      }
      if (!node.isBoolean()) {
        add(field, "must be true or false");
        return absent;
      }
      return node.asBoolean();
    }
  }
}
