/**
 * The {@code pod_history} projection: one row per stored fact with a human summary ({@link
 * dev.podlife.analyzer.history.FactSummary}) and the kubectl columns after it, written by {@link
 * dev.podlife.analyzer.history.HistoryProjection} in the fact store's transaction and read through
 * {@link dev.podlife.analyzer.history.History}.
 */
package dev.podlife.analyzer.history;
