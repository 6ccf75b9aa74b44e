/**
 * Retention of the event store: whole UTC-day partitions of {@code fact} and {@code pod_history}
 * dropped by age ({@code --retention}) or size ({@code --max-storage}), the pods whose every fact
 * is gone forgotten from every projection in the same transaction, each run recorded in {@code
 * retention_run}; and the storage report ({@link StorageReport}) the API and the metrics show.
 */
package dev.podlife.analyzer.retention;
