/**
 * What the projections' read interfaces share: the workload a pod belongs to ({@link
 * dev.podlife.analyzer.query.WorkloadRef}), a time window {@code [from, to)} ({@link
 * dev.podlife.analyzer.query.Windowed}) and keyset pages ({@link
 * dev.podlife.analyzer.query.KeysetCursor}, {@link dev.podlife.analyzer.query.KeysetPaged}).
 */
package dev.podlife.analyzer.query;
