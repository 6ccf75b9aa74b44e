package dev.podlife.alerts.rules;

/** One thing wrong with a rule: the JSON field (dotted path) and what is wrong with it. */
public record Violation(String field, String message) {}
