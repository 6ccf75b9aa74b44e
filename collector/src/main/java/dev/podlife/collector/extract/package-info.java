/**
 * Pure extraction of podlife facts from fabric8 Kubernetes objects, shared by the live collector
 * and offline analysis: {@link dev.podlife.collector.extract.PodSnapshots} maps a Pod, {@link
 * dev.podlife.collector.extract.PodFactTracker} diffs successive Pods into facts, {@link
 * dev.podlife.collector.extract.EventFacts} maps a core/v1 Event, and {@link
 * dev.podlife.collector.extract.WorkloadResolver} names a pod's workload. No Kafka, no threads, no
 * clock.
 */
package dev.podlife.collector.extract;
