/**
 * Abnormal terminations and CrashLoopBackOff episodes, kept losslessly from the pod facts: {@link
 * dev.podlife.analyzer.terminations.TerminationProjection} writes the {@code termination} and {@code
 * crash_loop_episode} tables.
 */
package dev.podlife.analyzer.terminations;
