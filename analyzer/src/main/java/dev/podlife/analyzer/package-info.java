/**
 * The analyzer: consumes lifecycle facts from Kafka ({@link dev.podlife.analyzer.Analyzer}) into
 * the Postgres event store and its projections ({@link dev.podlife.analyzer.store.FactStore}).
 */
package dev.podlife.analyzer;
