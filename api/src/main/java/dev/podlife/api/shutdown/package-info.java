/**
 * {@code GET /api/v1/reports/shutdown}: graceful shutdown statistics per workload, namespace or cluster, read from
 * the analyzer's {@code shutdown_pod} and {@code shutdown_container} tables.
 */
package dev.podlife.api.shutdown;
