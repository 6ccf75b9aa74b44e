/**
 * Graceful shutdown analytics: for every pod whose deletion was requested, how each container that
 * was running then stopped (preStop hook, Killing, exit code, time to exit against the grace
 * period) and why the pod was deleted.
 *
 * <p>{@link dev.podlife.analyzer.shutdown.ShutdownProjection} keeps the tables {@code shutdown_pod}
 * and {@code shutdown_container} (with each container's stored verdict {@code killed_after_grace});
 * {@link dev.podlife.analyzer.shutdown.PodShutdown} is the pure state machine behind it. {@link
 * dev.podlife.analyzer.shutdown.Shutdowns} is the read side every reader uses. Terminations before
 * the deletion was requested (crashes, liveness restarts, kubelet evictions without a delete) are
 * not shutdowns.
 */
package dev.podlife.analyzer.shutdown;
