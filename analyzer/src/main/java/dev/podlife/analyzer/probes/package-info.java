/**
 * Probe failures and restarts: {@link dev.podlife.analyzer.probes.ProbesProjection} counts probe failures from
 * {@code Unhealthy} Events by the increments of each Event's count, records every restartCount increment with its
 * termination, readiness flaps and time not ready while running, and keeps each container's probe configuration.
 * Restart causes (liveness or startup probe kills) are joined when the report is read, so Events and pod facts may
 * arrive in any order.
 */
package dev.podlife.analyzer.probes;
