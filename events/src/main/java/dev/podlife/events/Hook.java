package dev.podlife.events;

/**
 * A postStart or preStop lifecycle hook as configured in the pod spec.
 *
 * @param handler {@code exec}, {@code httpGet}, {@code tcpSocket} or {@code sleep}
 * @param detail what it runs: the command line, the URL path, or the sleep seconds
 */
public record Hook(String handler, String detail) {}
