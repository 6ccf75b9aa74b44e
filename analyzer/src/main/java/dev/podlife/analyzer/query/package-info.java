/**
 * What the projections' read interfaces share: a time window {@code [from, to)} ({@link
 * dev.podlife.analyzer.query.Windowed}) and keyset pages ({@link dev.podlife.analyzer.query.KeysetCursor}, {@link
 * dev.podlife.analyzer.query.KeysetPaged}).
 */
package dev.podlife.analyzer.query;
