/**
 * {@code GET /api/v1/reports/audit}: the best-practice audit of {@link
 * dev.podlife.analyzer.audit.Audit} over HTTP, as JSON or one CSV line per finding.
 */
package dev.podlife.api.audit;
