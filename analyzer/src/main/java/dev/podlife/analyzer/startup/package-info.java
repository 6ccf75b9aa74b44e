/**
 * Startup latency: the {@code pod_startup} projection, one row per pod with the timestamps of its
 * first start from creation to Ready (named as clusterloader2 names them), image pull and init
 * container time, or why it never started, and whether the startup SLO counts it ({@code
 * slo_eligible}, decided once here). Read through {@link
 * dev.podlife.analyzer.startup.StartupReports} (statistics, SLO report, one pod's stages) and
 * {@link dev.podlife.analyzer.startup.StartupSlo} (the eligible pods one by one, for the
 * startup_p99 alert).
 */
package dev.podlife.analyzer.startup;
