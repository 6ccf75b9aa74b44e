/**
 * The best-practice audit: per workload, the seed's good practices checked against the latest pod
 * spec and the observed lifecycle (time to exit after a delete request, containers killed after the
 * grace period, init container failures and share of startup), each finding with its evidence and
 * the fix. {@link dev.podlife.analyzer.audit.Audit} is what {@code /api/v1/reports/audit} and
 * {@code podlife analyze --report audit} run; it reads terminations and shutdowns through their
 * features' read models.
 */
package dev.podlife.analyzer.audit;
