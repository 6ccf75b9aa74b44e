package dev.podlife.events;

/** The pod's direct controller ownerReference, as written in metadata.ownerReferences. */
public record OwnerRef(String kind, String name, String uid) {}
