package dev.podlife.alerts.rules;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Matches one value of a selector: exactly, or by a Java regular expression anchored at both ends
 * (as Prometheus anchors label matchers). In a rule: {@code "namespace": "prod"} or {@code
 * "namespace": {"regex": "prod-.*"}}.
 */
public sealed interface Matcher {

  boolean matches(String value);

  record Exact(String value) implements Matcher {
    public Exact {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public boolean matches(String candidate) {
      return value.equals(candidate);
    }
  }

  record Regex(Pattern pattern) implements Matcher {
    public Regex {
      Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * Absent values match as the empty string, so {@code ".*"} matches a pod without that label.
     */
    @Override
    public boolean matches(String candidate) {
      return pattern.matcher(candidate == null ? "" : candidate).matches();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Regex other && other.pattern.pattern().equals(pattern.pattern());
    }

    @Override
    public int hashCode() {
      return pattern.pattern().hashCode();
    }
  }
}
