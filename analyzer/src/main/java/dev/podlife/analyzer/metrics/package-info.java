/**
 * Counters of what the projections found (terminations, CrashLoopBackOff episodes, kills after the
 * grace period), for Prometheus rules on {@code /metrics}; counted once per stored row, when its
 * transaction commits.
 */
package dev.podlife.analyzer.metrics;
