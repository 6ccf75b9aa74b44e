package dev.podlife.events;

/**
 * A container probe as configured in the pod spec.
 *
 * @param handler how it probes: {@code httpGet}, {@code tcpSocket}, {@code exec} or {@code grpc}
 */
public record Probe(
    String handler,
    Integer initialDelaySeconds,
    Integer periodSeconds,
    Integer timeoutSeconds,
    Integer successThreshold,
    Integer failureThreshold,
    Long terminationGracePeriodSeconds) {}
