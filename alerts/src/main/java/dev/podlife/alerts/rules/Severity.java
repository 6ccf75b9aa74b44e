package dev.podlife.alerts.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Alertmanager's customary severities; written lower-case in rules and labels. */
public enum Severity {
  CRITICAL,
  WARNING,
  INFO;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> fromLabel(String label) {
    return Arrays.stream(values()).filter(s -> s.label().equals(label)).findFirst();
  }
}
