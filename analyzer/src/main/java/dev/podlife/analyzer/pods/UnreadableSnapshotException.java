package dev.podlife.analyzer.pods;

import dev.podlife.analyzer.AnalyzerException;

/**
 * A stored pod snapshot could not be read by this build; rebuilding the projections rewrites it.
 */
public class UnreadableSnapshotException extends AnalyzerException {
  private static final long serialVersionUID = 1L;

  UnreadableSnapshotException(String cluster, String uid, Throwable cause) {
    super(
        "Stored snapshot of pod "
            + uid
            + " in cluster "
            + cluster
            + " is unreadable; rebuild projections",
        cause);
  }
}
