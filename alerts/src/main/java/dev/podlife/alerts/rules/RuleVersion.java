package dev.podlife.alerts.rules;

import java.time.Instant;

/**
 * One entry of a rule's audit trail: which version, what happened, the spec it had, who and when.
 */
public record RuleVersion(
    long ruleId, int version, String change, RuleSpec spec, String changedBy, Instant changedAt) {}
