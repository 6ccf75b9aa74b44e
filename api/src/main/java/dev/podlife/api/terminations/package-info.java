/**
 * Abnormal terminations and CrashLoopBackOff episodes: the listing ({@code /api/v1/terminations}, {@code
 * /api/v1/crash-loops}) and the grouped report ({@code /api/v1/reports/terminations}), read from the {@code
 * termination} and {@code crash_loop_episode} projections.
 */
package dev.podlife.api.terminations;
