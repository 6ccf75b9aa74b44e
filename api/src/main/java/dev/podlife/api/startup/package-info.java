/**
 * Startup latency reports over the analyzer's {@code pod_startup} projection: percentiles per group and transition as
 * clusterloader2 computes them, Kubernetes pod startup SLO compliance per cluster-day, one pod's stages.
 */
package dev.podlife.api.startup;
