package dev.podlife.analyzer.terminations;

import java.time.Instant;

/**
 * One group of the terminations report: its terminations in the window and the distinct pods they
 * happened to.
 *
 * @param group the group's value ({@link TerminationGrouping}); null for e.g. the terminations of
 *     bare pods by workload
 */
public record TerminationGroup(
    String cluster, String group, long terminations, long pods, Instant firstAt, Instant lastAt) {}
