package dev.podlife.analyzer.query;

import org.jdbi.v3.core.mapper.PropagateNull;

/**
 * The workload owning a pod as the API shows it; a pod without one maps to null (its workload_kind
 * is null).
 */
@PropagateNull("kind")
public record WorkloadRef(String kind, String name) {}
