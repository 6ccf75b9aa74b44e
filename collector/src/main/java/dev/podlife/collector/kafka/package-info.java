/**
 * The collector's Kafka side: creating its topics, reading the compacted state topic back on start,
 * and producing facts with the pod's snapshot written only after its facts were acknowledged.
 * Machinery of {@link dev.podlife.collector.Collector}, not an API of its own.
 */
package dev.podlife.collector.kafka;
