package dev.podlife.analyzer.audit;

import java.util.List;
import java.util.Map;

/**
 * One best-practice a workload misses, with what shows it and how to fix it.
 *
 * @param check the practice, e.g. {@code missingReadinessProbe}
 * @param containers the containers concerned; empty when it is about the pod
 * @param evidence counts and times that show it, by name (seconds as numbers)
 * @param fix what to change
 */
public record Finding(
    String check, List<String> containers, Map<String, Object> evidence, String fix) {
  public Finding {
    containers = List.copyOf(containers);
    evidence = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(evidence));
  }
}
