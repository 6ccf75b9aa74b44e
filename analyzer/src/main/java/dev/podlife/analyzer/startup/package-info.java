/**
 * Startup latency: the {@code pod_startup} projection, one row per pod with the timestamps of its first start from
 * creation to Ready (named as clusterloader2 names them), image pull and init container time, or why it never started.
 */
package dev.podlife.analyzer.startup;
