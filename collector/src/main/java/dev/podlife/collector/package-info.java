/**
 * The podlife collector: {@link dev.podlife.collector.Collector} watches a cluster's Pods and
 * Events and streams lifecycle facts into Kafka, configured by {@link
 * dev.podlife.collector.CollectorConfig}. Everything it throws is a {@link
 * dev.podlife.collector.CollectorException}.
 */
package dev.podlife.collector;
