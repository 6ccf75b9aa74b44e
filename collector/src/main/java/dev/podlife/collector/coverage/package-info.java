/**
 * The collector's coverage: heartbeats that say when a cluster was observed, so the analyzer can
 * show the gaps in between instead of silently missing facts.
 */
package dev.podlife.collector.coverage;
