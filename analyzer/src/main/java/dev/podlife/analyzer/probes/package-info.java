/**
 * Probe failures and restarts: {@link dev.podlife.analyzer.probes.ProbesProjection} counts probe
 * failures from {@code Unhealthy} Events by the increments of each Event's count, records every
 * restartCount increment with its termination, readiness flaps and time not ready while running,
 * and keeps each container's probe configuration. Each restart's {@link
 * dev.podlife.analyzer.probes.RestartCause} (a liveness or startup probe kill, the termination, or
 * unobserved) is decided at projection time and stored, whichever of the Killing Event and the
 * pod's facts arrives first. {@link dev.podlife.analyzer.probes.ProbesReport} is the read side (the
 * REST API and the CLI report), {@link dev.podlife.analyzer.probes.ProbeRestarts} the restarts one
 * by one (the restart alerts).
 */
package dev.podlife.analyzer.probes;
