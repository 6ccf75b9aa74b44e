/**
 * Lifecycle history beyond one pod UID: every incarnation of a namespace/name, and the merged,
 * time-ordered history of a workload's or a node's pods, deleted ones included, read through {@link
 * dev.podlife.analyzer.history.History}.
 */
package dev.podlife.api.history;
