/**
 * What every {@code /api/v1/reports/*} route shares: its common parameters ({@link
 * dev.podlife.api.reports.ReportRequest}) and JSON-or-CSV answers ({@link
 * dev.podlife.api.reports.Tabular}). Each report lives in its own feature package.
 */
package dev.podlife.api.reports;
