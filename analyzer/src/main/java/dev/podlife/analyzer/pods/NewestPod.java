package dev.podlife.analyzer.pods;

import dev.podlife.events.PodSnapshot;

/**
 * The newest pod of a workload (by creation; its spec is the one a fix applies to) with its latest
 * snapshot, and how many pods the workload has in the filter's scope.
 */
public record NewestPod(PodSummary pod, long workloadPods, PodSnapshot snapshot) {}
