package dev.podlife.analyzer.status;

import java.util.Objects;

/**
 * The STATUS, READY and RESTARTS columns of {@code kubectl get pods} for one pod.
 *
 * @param status the STATUS column, e.g. {@code Running}, {@code Init:1/2}, {@code CrashLoopBackOff}
 * @param ready the READY column, {@code ready/total}
 * @param restarts the RESTARTS column without kubectl's "(5m ago)" suffix
 */
public record KubectlColumns(String status, String ready, int restarts) {
  public KubectlColumns {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(ready, "ready");
  }
}
