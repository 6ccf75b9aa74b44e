package dev.podlife.analyzer.shutdown;

import java.time.Instant;

/**
 * One container's shutdown with its pod's, and the time an occurrence of it is dated at.
 *
 * @param at when it happened, as the reading method that returned it defines it
 */
public record StoppedContainer(Shutdown shutdown, ShutdownContainer container, Instant at) {}
