/**
 * Abnormal terminations and CrashLoopBackOff episodes over HTTP: the listing ({@code
 * /api/v1/terminations}, {@code /api/v1/crash-loops}) and the grouped report ({@code
 * /api/v1/reports/terminations}), read through {@link
 * dev.podlife.analyzer.terminations.Terminations} and {@link
 * dev.podlife.analyzer.terminations.CrashLoops}.
 */
package dev.podlife.api.terminations;
