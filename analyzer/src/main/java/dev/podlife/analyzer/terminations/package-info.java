/**
 * Abnormal terminations and CrashLoopBackOff episodes, kept losslessly from the pod facts: {@link
 * dev.podlife.analyzer.terminations.TerminationProjection} writes the {@code termination} and
 * {@code crash_loop_episode} tables; {@link dev.podlife.analyzer.terminations.Terminations} and
 * {@link dev.podlife.analyzer.terminations.CrashLoops} are their read side, returning {@link
 * dev.podlife.analyzer.terminations.Termination} and {@link
 * dev.podlife.analyzer.terminations.CrashLoopEpisode}.
 */
package dev.podlife.analyzer.terminations;
