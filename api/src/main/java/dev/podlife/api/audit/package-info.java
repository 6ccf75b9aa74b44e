/**
 * The best-practice audit: per workload, the seed's good practices checked against the latest pod spec and the
 * observed lifecycle (time to exit after a delete request, init container failures and share of startup), each
 * finding with its evidence and the fix. Served by {@code /api/v1/reports/audit}; {@link
 * dev.podlife.api.audit.Audit} is also what {@code podlife analyze --report audit} runs.
 */
package dev.podlife.api.audit;
