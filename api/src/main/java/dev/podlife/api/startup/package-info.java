/**
 * The startup routes: parameter parsing, problems and CSV over {@link
 * dev.podlife.analyzer.startup.StartupReports} (percentiles per group and transition as
 * clusterloader2 computes them, Kubernetes pod startup SLO compliance per cluster-day, one pod's
 * stages), whose records are the JSON.
 */
package dev.podlife.api.startup;
