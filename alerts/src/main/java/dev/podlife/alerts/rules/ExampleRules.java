package dev.podlife.alerts.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The rules {@code podlife demo} ships (example-rules.json beside this class): a container
 * OOMKilled anywhere, a container SIGKILLed after its grace period, a container entering
 * CrashLoopBackOff.
 */
public final class ExampleRules {
  private ExampleRules() {}

  public static List<RuleSpec> load() {
    try (InputStream in = ExampleRules.class.getResourceAsStream("example-rules.json")) {
      if (in == null) {
        throw new IllegalStateException(
            "example-rules.json is missing from the podlife-alerts jar");
      }
      JsonNode rules =
          JsonMapper.shared().readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      List<RuleSpec> specs = new ArrayList<>();
      for (JsonNode rule : rules) {
        specs.add(RuleSpecs.parse(rule, null));
      }
      return specs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stores every example rule; returns how many. */
  public static int store(RuleStore store, String changedBy) {
    List<RuleSpec> specs = load();
    specs.forEach(spec -> store.create(spec, changedBy));
    return specs.size();
  }
}
