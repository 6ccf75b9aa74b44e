/**
 * {@code GET /api/v1/reports/shutdown}: graceful shutdown statistics per workload, namespace or
 * cluster, read through {@link dev.podlife.analyzer.shutdown.Shutdowns} and shaped here as JSON or
 * CSV with advice.
 */
package dev.podlife.api.shutdown;
