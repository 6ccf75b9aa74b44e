package dev.podlife.api.pods;

import java.util.List;

import dev.podlife.analyzer.history.HistoryEntry;
import dev.podlife.analyzer.pods.PodSummary;

/** The JSON bodies of the paged routes. */
final class Pages {
  private Pages() {}

  /**
   * {@code GET /api/v1/pods}: a page of pods and the cursor of the next one, null on the last page.
   */
  record PodPage(List<PodSummary> items, String nextCursor) {}

  /** {@code GET /api/v1/pods/{uid}/history}: a page of the pod's history in time order. */
  record HistoryPage(String cluster, String uid, List<HistoryEntry> items, String nextCursor) {}
}
