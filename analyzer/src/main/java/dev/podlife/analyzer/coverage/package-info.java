/**
 * When each cluster was observed: the collector's heartbeats stored beside the facts, read as
 * observed intervals and the gaps between them ("not observed between A and B"), so a user sees
 * where facts may be missing instead of missing them silently.
 */
package dev.podlife.analyzer.coverage;
