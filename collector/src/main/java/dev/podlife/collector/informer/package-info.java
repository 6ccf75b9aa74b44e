/**
 * The collector's informers: Pods, core/v1 Events, and the ReplicaSets and Jobs that name a pod's
 * workload. They turn watch notifications into {@link dev.podlife.collector.informer.Observation
 * observations} for the collector's sender thread. Machinery of {@link
 * dev.podlife.collector.Collector}, not an API of its own.
 */
package dev.podlife.collector.informer;
